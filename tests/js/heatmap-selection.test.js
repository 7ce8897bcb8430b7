// Selections: view.select and the click path (detail.indices on every
// 'select' event, shift-click extends), the highlight in the figure, and the
// selection's numbers against brute force over the whole matrix.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { positionRuns } from '../../web/src/heatmap-selection.js';
import { meanWithin, nearestOutside, selectionCsv } from '../../web/src/selection-statistics.js';
import { fakeElement, fakePlotly, planted } from './view-fakes.js';

test('view.select: sorted distinct indices, a select event with detail.indices, the rows shaded; bad indices refused', async () => {
  const engine = await loadEngine();
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine, order: 'original' });
  await view.setEmbeddings(planted(20));
  const events = [];
  view.addEventListener('select', (e) => events.push(e.detail));
  const chosen = await view.select([7, 3, 3, 4]);
  assert.deepEqual(Array.from(chosen), [3, 4, 7]);
  assert.deepEqual(Array.from(view.selection), [3, 4, 7]);
  assert.deepEqual(events.map((d) => [Array.from(d.indices), d.source]), [[[3, 4, 7], 'api']]);
  const rows = Plotly.figure.layout.shapes.filter((s) => s.name === 'selection-rows');
  assert.deepEqual(rows.map((s) => [s.y0, s.y1]), [[2.5, 4.5], [6.5, 7.5]]);

  await assert.rejects(view.select([1, 20]), /select: indices\[1\] = 20 is not an item index \(0 to 19\)/);
  await assert.rejects(view.select([1.5]), /indices\[0\] = 1.5/);
  await assert.rejects(view.select('3'), /expected an array of item indices/);
  assert.deepEqual(Array.from(view.selection), [3, 4, 7], 'a refused selection changes nothing');
  await view.select(null);
  assert.equal(view.selection, null);
  assert.ok(!Plotly.figure.layout.shapes.some((s) => s.name === 'selection-rows'));
  assert.equal(events.at(-1).indices, null);
  view.dispose();
});

test('a click selects the clicked row\'s items and fires select with detail.indices; shift-click extends over the rows between', async () => {
  const engine = await loadEngine();
  const Plotly = fakePlotly();
  const element = fakeElement();
  const x = planted(400);
  const view = new CosineSimilarityHeatmap(element, { Plotly, engine, order: 'groups', itemsMax: 50, overviewSize: 40 });
  await view.setEmbeddings(x, { groups: x.groups });
  await view.whenOrdered();
  const events = [];
  view.addEventListener('select', (e) => events.push(e.detail));
  const drawn = Plotly.calls.length;
  element.emit('plotly_click', { points: [{ curveNumber: 0, pointNumber: [2, 5] }], event: {} });
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(Plotly.calls.length, drawn, 'a plain click redraws nothing (Plotly\'s double-click survives)');
  const first = events[0];
  assert.deepEqual(first.rowItems, [20, 30], 'a row of cells: 10 items');
  assert.deepEqual(Array.from(first.indices), Array.from(view.order.slice(20, 30)).sort((a, b) => a - b));
  assert.ok(first.rowIndices, 'the cell detail is still there');
  element.emit('plotly_click', { points: [{ curveNumber: 0, pointNumber: [4, 1] }], event: { shiftKey: true } });
  assert.deepEqual(Array.from(events[1].indices), Array.from(view.order.slice(20, 50)).sort((a, b) => a - b));
  assert.equal(view.selection.length, 30);
  await new Promise((r) => setTimeout(r, 0));
  assert.ok(Plotly.figure.layout.shapes.some((s) => s.name === 'selection-rows'), 'a shift-click range is shaded');
  // A click on an add-on's trace (a strip, the dendrogram) is not a cell.
  element.emit('plotly_click', { points: [{ curveNumber: 1, pointNumber: [0, 0] }], event: {} });
  assert.equal(events.length, 2);
  view.dispose();
});

test('mean within and nearest outside equal brute force over the matrix', async () => {
  const engine = await loadEngine();
  const x = planted(300, 5, 12);
  x.data.fill(0, 12 * 7, 12 * 8); // item 7 is a zero vector: similarity 0 with everything
  const set = await engine.embeddings(x);
  const { data: s } = await set.similarity();
  const n = 300;
  const chosen = Int32Array.from({ length: 40 }, (_, k) => (k * 7) % n).sort();
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < chosen.length; a++) for (let b = a + 1; b < chosen.length; b++) { sum += s[chosen[a] * n + chosen[b]]; pairs++; }
  assert.ok(Math.abs(await meanWithin(set, chosen) - sum / pairs) < 1e-5);
  assert.equal(await meanWithin(set, Int32Array.of(3)), null);

  const inside = new Set(chosen);
  const scores = [];
  for (let j = 0; j < n; j++) {
    if (inside.has(j)) continue;
    let t = 0;
    for (const i of chosen) t += s[i * n + j];
    scores.push([t / chosen.length, j]);
  }
  scores.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const progress = [];
  const near = await nearestOutside(set, chosen, { k: 8, onProgress: (p) => progress.push(p) });
  assert.deepEqual(Array.from(near.indices), scores.slice(0, 8).map((e) => e[1]));
  near.scores.forEach((v, k) => assert.ok(Math.abs(v - scores[k][0]) < 1e-5));
  assert.deepEqual(progress.at(-1), { done: n - chosen.length, total: n - chosen.length });
  set.dispose();
});

test('positionRuns and selectionCsv', () => {
  assert.deepEqual(positionRuns([5, 1, 2], Int32Array.of(0, 1, 2, 3, 4, 5), 6), [[1, 3], [5, 6]]);
  assert.deepEqual(positionRuns([5, 1, 2], Int32Array.of(5, 1, 0, 2, 3, 4), 6), [[0, 2], [3, 4]]);
  assert.equal(selectionCsv(Int32Array.of(0, 2), ['a', 'b, "c"', 'd,e'], null), 'index,label\n0,a\n2,"d,e"\n');
  assert.equal(selectionCsv(Int32Array.of(1), ['a', 'b'], ['x', 'y']), 'index,label,group\n1,b,y\n');
});

test('select and reveal before any embeddings say so', async () => {
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly: fakePlotly() });
  await assert.rejects(view.select([0]), /select: the view shows no embeddings yet/);
  await assert.rejects(view.reveal(0), /reveal: the view shows no embeddings yet/);
  assert.equal(await view.select(null), null);
  view.dispose();
});
