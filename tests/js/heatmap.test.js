// CosineSimilarityHeatmap in Node with the real engine and a recording
// stand-in for Plotly: what it computes, what it hands Plotly, and that
// update() restyles without recomputing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineHeatmapError, CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { fakeElement, fakePlotly } from './view-fakes.js';

const nextLevel = (view) => new Promise((resolve) => view.addEventListener('level', (e) => resolve(e.detail), { once: true }));

// n vectors in 4 planted directions, interleaved (item i is in group i % 4).
function planted(n) {
  const data = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    data[i * 4 + (i % 4)] = 1;
    data[i * 4 + ((i + 1) % 4)] = ((i * 13) % 7) / 20;
  }
  return { data, dims: [n, 4], groups: Array.from({ length: n }, (_, i) => `g${i % 4}`) };
}

const element = { id: 'plot' };
const x = [[1, 0], [1, 1], [0, 0]];

test('the main entry imports without a DOM and the view needs no Plotly until it draws', () => {
  assert.equal(typeof document, 'undefined');
  const view = new CosineSimilarityHeatmap(element);
  assert.equal(view.options.title, 'Cosine Similarity Matrix');
  assert.equal(view.matrix, null);
});

test('setEmbeddings computes through the engine and draws a copy of the matrix', async () => {
  const Plotly = fakePlotly();
  const engine = await loadEngine();
  const view = new CosineSimilarityHeatmap(element, { Plotly, engine, title: 'Three' });
  await view.setEmbeddings(x, { labels: ['a', 'b', 'c'] });

  assert.deepEqual(view.matrix.dims, [3, 3]);
  assert.deepEqual(view.matrix.zeroRows, [2]);
  assert.deepEqual(view.labels, ['a', 'b', 'c']);
  assert.equal(view.embeddings.size, 3);
  assert.equal(view.embeddings.dim, 2);
  assert.ok(view.timings.compute >= 0 && view.timings.render >= 0);

  assert.equal(Plotly.calls.length, 1);
  const [target, [trace], layout, config] = Plotly.calls[0].args;
  assert.equal(target, element);
  assert.equal(layout.title.text, 'Three');
  assert.equal(config.responsive, true);
  const expected = view.matrix.data;
  trace.z.forEach((row, i) => row.forEach((v, j) => assert.equal(v, expected[i * 3 + j])));
  assert.ok(Math.abs(trace.z[0][1] - Math.SQRT1_2) < 1e-6);
  assert.ok(trace.z.every((row) => row.buffer !== expected.buffer), 'Plotly gets its own copy');
  assert.equal(trace.customdata[0][2], 'c (zero vector)');
  view.dispose();
});

test('update restyles and relayouts in place, without recomputing', async () => {
  const Plotly = fakePlotly();
  // In the original order: no ordered picture comes in between.
  const view = new CosineSimilarityHeatmap(element, { Plotly, order: 'original', range: 'fixed' });
  await view.setEmbeddings(x);
  const matrix = view.matrix;
  await view.update({ colorScale: 'Viridis', xaxisTitle: 'items', zmin: 0 });

  assert.deepEqual(Plotly.calls.map((c) => c.name), ['newPlot', 'update']);
  const [target, style, layout, traces] = Plotly.calls[1].args;
  assert.equal(target, element);
  assert.deepEqual(style.colorscale, ['Viridis']);
  assert.deepEqual(style.zmin, [0]);
  assert.equal(layout['xaxis.title.text'], 'items');
  assert.deepEqual(traces, [0]);
  assert.ok(!('z' in style));
  assert.equal(view.matrix, matrix, 'nothing was recomputed');
  assert.equal(view.options.colorScale, 'Viridis');
  assert.equal(view.options.title, 'Cosine Similarity Matrix', 'other options kept');

  await assert.rejects(view.update({ zmax: -2 }), /zmin: must be less than zmax/);
  assert.equal(view.options.zmax, 1, 'a refused update changes nothing');
  assert.equal(Plotly.calls.length, 2);
  view.dispose();
});

test('labels default to x.labels, then to row indices; a wrong count is refused', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(element, { Plotly });
  await view.setEmbeddings({ data: Float32Array.of(1, 2, 3, 4), dims: [2, 2], labels: ['p', 'q'] });
  assert.deepEqual(view.labels, ['p', 'q']);
  await view.setEmbeddings([[1, 2], [3, 4]]);
  assert.deepEqual(view.labels, ['0', '1']);
  await assert.rejects(view.setEmbeddings(x, { labels: ['a'] }), (error) => {
    assert.ok(error instanceof CosineHeatmapError);
    assert.match(error.message, /expected 3 labels \(one per row\), got 1/);
    return true;
  });
  assert.deepEqual(view.matrix.dims, [2, 2], 'the view keeps showing the last good data');
  view.dispose();
});

test('bad input rejects with the engine\'s message and the view stays usable', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(element, { Plotly });
  await assert.rejects(view.setEmbeddings([[1, 2], [3]]), /ragged rows: row 1 has 1 values/);
  await view.setEmbeddings(x);
  assert.deepEqual(view.matrix.dims, [3, 3]);
  view.dispose();
});

test('a later setEmbeddings supersedes an earlier one still running', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(element, { Plotly });
  const first = view.setEmbeddings([[1, 0], [0, 1], [1, 1], [2, 1]]);
  const second = view.setEmbeddings(x);
  await Promise.all([first, second]);
  assert.deepEqual(view.matrix.dims, [3, 3]);
  view.dispose();
});

test('dispose purges the plot and releases the embeddings', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(element, { Plotly });
  await view.setEmbeddings(x);
  const set = view.embeddings;
  view.dispose();
  assert.equal(Plotly.calls.at(-1).name, 'purge');
  assert.equal(set.disposed, true);
  assert.equal(view.matrix, null);
  view.dispose(); // twice is harmless
  await assert.rejects(view.setEmbeddings(x), /disposed/);
  await assert.rejects(view.update({}), /disposed/);
});

test('construction checks the element and the options', () => {
  assert.throws(() => new CosineSimilarityHeatmap(null), /expected a DOM element/);
  assert.throws(() => new CosineSimilarityHeatmap(element, { colorScale: 'nope' }), /unknown scale "nope"/);
  assert.throws(() => new CosineSimilarityHeatmap(element, { zmin: 2 }), /zmin: must be less than zmax/);
});

test('above itemsMax the view draws a mean overview, and zooming recomputes down to single items', async () => {
  const Plotly = fakePlotly();
  const element = fakeElement();
  const levels = [];
  const view = new CosineSimilarityHeatmap(element, { Plotly, order: 'original', itemsMax: 100, overviewSize: 64, zoomDebounce: 0, onLevelChange: (l) => levels.push(l) });
  const { data, dims } = planted(1000);
  const labels = Array.from({ length: 1000 }, (_, i) => `item ${i}`);
  await view.setEmbeddings({ data, dims }, { labels });

  let [, [trace], layout] = Plotly.calls[0].args;
  assert.equal(trace.z.length, 64);
  assert.equal(trace.z[0].length, 64);
  assert.equal(trace.dx, 1000 / 64, 'cells spread evenly over the positions');
  assert.equal(trace.x0 - trace.dx / 2, -0.5, 'the first cell starts at position 0');
  assert.deepEqual(view.level.kind, 'overview');
  assert.equal(view.level.cellSize, 16);
  assert.equal(levels.length, 1);
  assert.equal(element.listeners('plotly_relayout'), 1);
  assert.equal(layout.yaxis.autorange, 'reversed');

  // The user zooms into the top-left corner: 40 × 30 items.
  let level = nextLevel(view);
  element.emit('plotly_relayout', { 'xaxis.range[0]': -0.5, 'xaxis.range[1]': 39.5, 'yaxis.range[0]': 29.5, 'yaxis.range[1]': -0.5 });
  assert.equal((await level).kind, 'items');
  [, [trace], layout] = Plotly.calls.at(-1).args;
  assert.equal(Plotly.calls.at(-1).name, 'react');
  assert.deepEqual([trace.z.length, trace.z[0].length], [30, 40]);
  assert.equal(trace.text[2][0], 'item 2');
  assert.equal(trace.customdata[0][39], 'item 39');
  assert.deepEqual(layout.xaxis.range, [-0.5, 39.5], 'the zoom is kept');
  assert.equal(layout.xaxis.ticktext[0], 'item 0');
  assert.ok(trace.z[0][4] > 0.95 && Math.abs(trace.z[0][1]) < 0.2, 'items 0 and 4 share a direction, 0 and 1 do not');
  assert.deepEqual(view.level.window, { rows: [0, 30], cols: [0, 40] });

  // Double-click: back to the whole overview.
  level = nextLevel(view);
  element.emit('plotly_relayout', { 'xaxis.autorange': true, 'yaxis.autorange': true });
  assert.equal((await level).kind, 'overview');
  [, [trace], layout] = Plotly.calls.at(-1).args;
  assert.equal(trace.z.length, 64);
  assert.equal(layout.xaxis.autorange, true);

  // A click names the items of the block.
  const selections = [];
  view.addEventListener('select', (e) => selections.push(e.detail));
  element.emit('plotly_click', { points: [{ pointNumber: [1, 2] }] });
  assert.deepEqual(selections[0].rowItems, [15, 31], 'positions 15..30: cell 1 of 64 over 1,000 items');
  assert.deepEqual(selections[0].colItems, [31, 46]);
  assert.deepEqual(Array.from(selections[0].rowIndices), Array.from({ length: 16 }, (_, k) => 15 + k));
  assert.equal(selections[0].value, trace.z[1][2]);
  view.dispose();
  assert.equal(element.listeners('plotly_relayout'), 0);
});

test('order: update({order}) reorders without new embeddings; groups come out contiguous, with lines and names', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, order: 'original', itemsMax: 100, overviewSize: 50 });
  const { data, dims, groups } = planted(400);
  await view.setEmbeddings({ data, dims }, { groups });
  const set = view.embeddings;
  assert.deepEqual(Array.from(view.order.slice(0, 5)), [0, 1, 2, 3, 4], 'original order');
  const before = Plotly.calls[0].args[1][0].z;

  await view.update({ order: 'groups' });
  assert.equal(view.embeddings, set, 'the embeddings were not sent again');
  const order = view.order;
  assert.equal(order.length, 400);
  assert.equal(new Set(order).size, 400, 'a permutation');
  let runs = 1;
  for (let p = 1; p < 400; p++) if (groups[order[p]] !== groups[order[p - 1]]) runs++;
  assert.equal(runs, 4, 'each group is contiguous');
  const [, [trace], layout] = Plotly.calls.at(-1).args;
  assert.notDeepEqual(trace.z, before, 'the trace changed');
  assert.equal(layout.shapes.length, 6, '3 boundaries × 2 axes');
  assert.equal(layout.xaxis.ticktext.length, 4);
  assert.ok(layout.xaxis.ticktext.every((name) => /^g[0-3]$/.test(name)));
  // Blocks inside one group are near 1; the overview shows it.
  assert.ok(trace.z[0][0] > 0.9);

  await assert.rejects(view.update({ order: 'spectral', reduce: 'median' }), /reduce: expected one of/);
  assert.equal(view.options.order, 'groups');
  view.dispose();
});

test('order groups needs groups; an EmbeddingSet passed in is used as is and not disposed', async () => {
  const Plotly = fakePlotly();
  const engine = await loadEngine();
  const set = await engine.embeddings(x);
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine });
  await view.setEmbeddings(set, { labels: ['a', 'b', 'c'] });
  assert.equal(view.embeddings, set);
  await assert.rejects(view.update({ order: 'groups' }), /'groups' needs a group per item/);
  assert.equal(view.options.order, 'auto', 'the default, kept');
  await view.update({ groups: ['x', 'y', 'x'], order: 'groups' });
  const order = Array.from(view.order);
  assert.deepEqual([...order].sort(), [0, 1, 2]);
  assert.equal(Math.abs(order.indexOf(0) - order.indexOf(2)), 1, "the two items of group 'x' are neighbours");
  view.dispose();
  assert.equal(set.disposed, false);
  set.dispose();
});

test('maskDiagonal blanks the diagonal and range auto fits the rest, without recomputing', async () => {
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly });
  await view.setEmbeddings([[1, 0], [1, 1], [0, 1]]);
  const set = view.embeddings;
  await view.update({ maskDiagonal: true, range: 'auto' });
  const [, [trace]] = Plotly.calls.at(-1).args;
  assert.ok(Number.isNaN(trace.z[0][0]) && Number.isNaN(trace.z[2][2]));
  assert.ok(Math.abs(trace.zmax - Math.SQRT1_2) < 1e-6);
  assert.ok(Math.abs(trace.zmin) < 1e-6);
  assert.equal(trace.colorbar.title.text, 'Cosine Similarity (range fitted to data: 0.00 to 0.71)');
  assert.equal(view.embeddings, set);
  view.dispose();
});
