// The queries × documents layout: queries by the document group they match
// best (in the documents' group order), documents as the main heatmap shows
// them, lines between groups on both axes, labels that fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisTicks, crossRuns, crossShapes, orderQueries, reorder } from '../../web/app/cross-order.js';
import { robustRange } from '../../web/src/heatmap-range.js';

// 4 queries × 5 documents, file order.
const data = Float32Array.of(
  0.1, 0.9, 0.2, 0.3, 0.0, // q0: best d1 (group B)
  0.8, 0.1, 0.1, 0.2, 0.1, // q1: best d0 (group A)
  0.1, 0.2, 0.1, 0.3, 0.7, // q2: best d4 (group B)
  0.2, 0.1, 0.6, 0.1, 0.1, // q3: best d2 (group C)
);
const groups = ['A', 'B', 'C', 'A', 'B'];
const documentOrder = Int32Array.of(1, 4, 0, 3, 2); // B B A A C, as the main heatmap shows them

test('queries go by the group of their best document, in the order the documents show the groups', () => {
  const { order, groups: queryGroups } = orderQueries(data, [4, 5], documentOrder, groups);
  assert.deepEqual([...order], [0, 2, 1, 3], 'B (d1 before d4), then A, then C');
  assert.deepEqual(queryGroups, ['B', 'A', 'B', 'C']);
  assert.deepEqual(crossRuns(queryGroups, order).map((r) => [r.name, r.start, r.end]), [['B', 0, 2], ['A', 2, 3], ['C', 3, 4]]);
});

test('without groups, queries go by where their best document sits', () => {
  const { order, groups: none } = orderQueries(data, [4, 5], documentOrder, null);
  assert.deepEqual([...order], [0, 2, 1, 3], 'best documents at positions 0, 1, 2, 4');
  assert.equal(none, null);
});

test('the matrix follows both orders; lines between runs on each axis', () => {
  const cells = reorder(data, [4, 5], Int32Array.of(3, 0, 1, 2), documentOrder);
  assert.deepEqual([...cells.subarray(0, 5)].map((v) => Math.round(v * 10) / 10), [0.1, 0.1, 0.2, 0.1, 0.6], 'q3 against d1 d4 d0 d3 d2');
  const documentRuns = crossRuns(groups, documentOrder);
  const shapes = crossShapes(documentRuns, [{ name: 'x', start: 0, end: 2 }, { name: 'y', start: 2, end: 4 }], [4, 5]);
  assert.deepEqual(shapes.map((s) => [s.x0, s.x1, s.y0, s.y1]), [[1.5, 1.5, -0.5, 3.5], [3.5, 3.5, -0.5, 3.5], [-0.5, 4.5, 1.5, 1.5]]);
});

test('ticks: every label when they fit, group names when they do not', () => {
  const labels = ['d0', 'd1', 'd2', 'd3', 'd4'];
  const runs = crossRuns(groups, documentOrder);
  assert.deepEqual(axisTicks(labels, documentOrder, runs, 5, { pixels: 200, spacing: 14, maxLength: 24 }).ticktext, ['d1', 'd4', 'd0', 'd3', 'd2']);
  assert.deepEqual(axisTicks(labels, documentOrder, runs, 5, { pixels: 50, spacing: 14, maxLength: 24 }).ticktext, ['B', 'A', 'C']);
  assert.equal(axisTicks(labels, documentOrder, null, 5, { pixels: 30, spacing: 14, maxLength: 24 }).ticktext.length, 2, 'thinned');
});

test('the colour range of plain values: their 1st to 99th percentile', () => {
  const values = Float32Array.from({ length: 101 }, (_, k) => k / 100);
  const range = robustRange(values);
  assert.deepEqual(range.zRange.map((v) => Math.round(v * 1000) / 1000), [0.01, 0.99]);
  assert.equal(values[0], 0, 'left as given');
});
