// Groups: validation, the fallback order, runs, boundary lines, names.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkGroups, groupOrder, groupRuns, groupShapes, groupTicks } from '../../web/src/heatmap-groups.js';

const groups = ['b', 'a', 'b', 'c', 'a', 'b'];

test('groups are strings, one per item', () => {
  assert.equal(checkGroups(undefined, 3), null);
  assert.deepEqual(checkGroups([1, null, 'x'], 3), ['1', '', 'x']);
  assert.throws(() => checkGroups(['a'], 2), /expected 2 groups \(one per row\), got 1/);
  assert.throws(() => checkGroups('ab', 2), /expected an array/);
});

test('the fallback order keeps groups together in order of first appearance', () => {
  const order = groupOrder(groups);
  assert.deepEqual(Array.from(order), [0, 2, 5, 1, 4, 3]);
});

test('runs along the order; too many runs (an order that mixes the groups) draw nothing', () => {
  assert.deepEqual(groupRuns(groups, groupOrder(groups)), [
    { name: 'b', start: 0, end: 3 },
    { name: 'a', start: 3, end: 5 },
    { name: 'c', start: 5, end: 6 },
  ]);
  assert.equal(groupRuns(null, undefined), null);
  const mixed = Array.from({ length: 1000 }, (_, i) => String(i % 2));
  assert.equal(groupRuns(mixed, undefined), null);
});

test('boundary lines on both axes between runs; names at run centres, thinned and escaped', () => {
  const runs = [{ name: '<b>', start: 0, end: 3 }, { name: 'a', start: 3, end: 5 }, { name: 'c', start: 5, end: 6 }];
  const shapes = groupShapes(runs, 6);
  assert.equal(shapes.length, 4);
  assert.deepEqual([shapes[0].x0, shapes[0].x1, shapes[0].y0, shapes[0].y1], [2.5, 2.5, -0.5, 5.5]);
  assert.deepEqual([shapes[1].y0, shapes[1].x0, shapes[1].x1], [2.5, -0.5, 5.5]);
  const ticks = groupTicks(runs, [0, 6], { pixels: 600, spacing: 14, maxLength: 24 });
  assert.deepEqual(ticks.tickvals, [1, 3.5, 5]);
  assert.equal(ticks.ticktext[0], '&lt;b&gt;');
  const tight = groupTicks(runs, [0, 6], { pixels: 30, spacing: 14, maxLength: 24 });
  assert.deepEqual(tight.tickvals, [1, 5], 'names closer than 14 px are dropped');
  const zoomed = groupTicks(runs, [4, 6], { pixels: 600, spacing: 14, maxLength: 24 });
  assert.deepEqual(zoomed.tickvals, [4, 5], 'centres of the visible part of each run');
});
