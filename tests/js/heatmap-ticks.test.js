// Tick labels that fit: thinned to one per tickSpacing pixels, truncated.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { itemTicks, thinTicks, truncateLabel } from '../../web/src/heatmap-ticks.js';

test('long labels end in an ellipsis at the maximum length; short ones are kept', () => {
  assert.equal(truncateLabel('abcdefgh', 5), 'abcd…');
  assert.equal(truncateLabel('abcde', 5), 'abcde');
  assert.equal(truncateLabel('😀😀😀😀', 3), '😀😀…', 'code points are not split');
});

test('item ticks: at most one per 14 px, aligned to the step, escaped, in the order shown', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => `<${i}>`);
  const room = { pixels: 700, spacing: 14, maxLength: 24 };
  const all = itemTicks(labels, undefined, [0, 40], room);
  assert.equal(all.tickvals.length, 40, '40 items fit in 700 px');
  assert.equal(all.ticktext[3], '&lt;3&gt;');
  const thinned = itemTicks(labels, undefined, [10, 510], room);
  assert.ok(thinned.tickvals.length <= 50);
  const step = thinned.tickvals[1] - thinned.tickvals[0];
  assert.equal(step, 10);
  assert.ok(thinned.tickvals.every((v) => v % step === 0 && v >= 10 && v < 510));
  const order = Int32Array.from({ length: 1000 }, (_, k) => 999 - k);
  assert.equal(itemTicks(labels, order, [0, 2], room).ticktext[0], '&lt;999&gt;', 'position 0 shows item order[0]');
});

test('thinTicks keeps ticks at least `spacing` pixels apart', () => {
  const kept = thinTicks([0, 1, 2, 10, 11, 30], ['a', 'b', 'c', 'd', 'e', 'f'], 2, 14);
  assert.deepEqual(kept.tickvals, [0, 10, 30]);
  assert.deepEqual(kept.ticktext, ['a', 'd', 'f']);
});
