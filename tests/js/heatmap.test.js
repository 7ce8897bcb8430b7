// CosineSimilarityHeatmap in Node with the real engine and a recording
// stand-in for Plotly: what it computes, what it hands Plotly, and that
// update() restyles without recomputing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineHeatmapError, CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';

function fakePlotly() {
  const calls = [];
  const record = (name) => async (...args) => { calls.push({ name, args }); };
  return { calls, newPlot: record('newPlot'), update: record('update'), purge: record('purge') };
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
  const view = new CosineSimilarityHeatmap(element, { Plotly });
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
