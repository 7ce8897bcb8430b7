// Zoom and pan: axis ranges (ordered positions) to windows, relayout events
// to ranges, and the resolution asked of the engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { overviewSize, positionsInRange, rangesFromRelayout, windowOfRanges } from '../../web/src/heatmap-zoom.js';

test('a range covers the positions whose cells it touches, clipped to the matrix', () => {
  assert.deepEqual(positionsInRange([-0.5, 99.5], 1000), [0, 100]);
  assert.deepEqual(positionsInRange([99.5, -0.5], 1000), [0, 100], 'a reversed (y) axis');
  assert.deepEqual(positionsInRange([10.2, 12.7], 1000), [10, 14], 'item 13 spans 12.5..13.5');
  assert.deepEqual(positionsInRange([-50, 5000], 1000), [0, 1000]);
  assert.deepEqual(positionsInRange([3.1, 3.2], 1000), [3, 4], 'never empty');
  assert.deepEqual(positionsInRange([2000, 3000], 1000), [999, 1000], 'panned past the end');
});

test('relayout events: zoom box, one axis, autorange, and events that are not about the axes', () => {
  const none = { x: null, y: null };
  assert.deepEqual(
    rangesFromRelayout({ 'xaxis.range[0]': 0, 'xaxis.range[1]': 10, 'yaxis.range[0]': 20, 'yaxis.range[1]': 5 }, none),
    { x: [0, 10], y: [20, 5] },
  );
  assert.deepEqual(rangesFromRelayout({ 'xaxis.range': [1, 2] }, { x: null, y: [9, 3] }), { x: [1, 2], y: [9, 3] });
  assert.deepEqual(rangesFromRelayout({ 'xaxis.autorange': true, 'yaxis.autorange': true }, { x: [1, 2], y: [3, 4] }), none);
  assert.equal(rangesFromRelayout({ autosize: true }, none), null);
  assert.equal(rangesFromRelayout({ 'title.text': 'x' }, none), null);
  assert.equal(rangesFromRelayout(undefined, none), null);
});

test('windows: everything when autoranged; single items up to itemsMax, else cellsMax cells', () => {
  assert.deepEqual(windowOfRanges({ x: null, y: null }, 50), { rows: [0, 50], cols: [0, 50] });
  assert.deepEqual(windowOfRanges({ x: [-0.5, 9.5], y: [19.5, 9.5] }, 50), { rows: [10, 20], cols: [0, 10] });
  const limits = { itemsMax: 600, cellsMax: 512 };
  assert.equal(overviewSize({ rows: [0, 20000], cols: [0, 20000] }, limits), 512);
  assert.equal(overviewSize({ rows: [0, 300], cols: [0, 300] }, limits), 300, 'single items');
  assert.equal(overviewSize({ rows: [0, 550], cols: [0, 5000] }, limits), 550, 'rows stay single items');
});
