// The dendrogram in the view: drawn for a hierarchical order from
// set.linkage (here SciPy's linkage of the same data, from the fixtures),
// collapsed at overview resolution, and cut into clusters that become the
// view's groups.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { fakeElement, fakePlotly } from './view-fakes.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/dendrogram/planted-average.json', import.meta.url)));
const n = fixture.n;

// The engine's set, answering linkage() with SciPy's (as set.linkage does).
async function setWithLinkage(engine) {
  const set = await engine.embeddings(fixture.x);
  set.linkage = async ({ method }) => {
    assert.equal(method, 'average');
    return { data: Float64Array.from(fixture.z), dims: [n - 1, 4] };
  };
  return set;
}

// The tree arrives after the ordered picture, from its own redraw.
async function treeDrawn(Plotly) {
  for (let k = 0; k < 100 && !Plotly.figure?.data.some((t) => t.meta?.dendrogram); k++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 0));
}

const treeTraces = (figure, side) => figure.data.filter((t) => t.meta?.dendrogram === side && !t.meta.nodes);
const nodeTrace = (figure, side) => figure.data.find((t) => t.meta?.dendrogram === side && t.meta.nodes);

test('a hierarchical order draws its tree beside the rows and above the columns; hover tells size and height', async () => {
  const engine = await loadEngine();
  const set = await setWithLinkage(engine);
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine, order: 'average' });
  await view.setEmbeddings(set);
  await view.whenOrdered();
  await treeDrawn(Plotly);
  assert.equal(view.dendrogram?.method, 'average');
  const figure = Plotly.figure;
  assert.equal(view.level.kind, 'items');
  assert.equal(nodeTrace(figure, 'rows').x.length, n - 1, 'single items: every merge drawn');
  assert.match(nodeTrace(figure, 'rows').text[0], /^40 items<br>merged at cosine distance \d\.\d{4}$/);
  const rowLines = treeTraces(figure, 'rows')[0];
  assert.equal(rowLines.yaxis, 'y', 'the row tree shares the heatmap\'s y axis (zooms with it)');
  assert.equal(treeTraces(figure, 'columns')[0].xaxis, 'x');
  assert.ok(figure.layout.xaxis.domain[0] > 0 && figure.layout.yaxis.domain[1] < 1);

  // At 8 cells per axis (5 items a cell) subtrees of ≤ 5 items collapse.
  await view.update({ itemsMax: 8, overviewSize: 8 });
  assert.equal(view.level.kind, 'overview');
  const coarse = nodeTrace(Plotly.figure, 'rows');
  assert.ok(coarse.x.length < n - 1, `${coarse.x.length} nodes drawn at 5 items per cell`);
  // Every item is at the foot of a line, but only cells' worth of lines reach the bottom.
  const feet = treeTraces(Plotly.figure, 'rows').reduce((sum, t) => sum + t.x.filter((h, k) => h === 0 && k % 3 === 1).length, 0);
  assert.ok(feet < n / 2, `${feet} lines reach height 0 (${n} at single items)`);
  view.dispose();
  set.dispose();
});

test('cut({k}) colours the clusters, makes them the groups, and cut(null) gives the groups back', async () => {
  const engine = await loadEngine();
  const set = await setWithLinkage(engine);
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine, order: 'auto' });
  const before = Array.from({ length: n }, (_, i) => (i < 20 ? 'first' : 'second'));
  await view.setEmbeddings(set);
  await view.whenOrdered();
  assert.equal(view.orderStatus.method, 'average');
  await treeDrawn(Plotly);
  await assert.rejects(view.cut({}), /give either k .* or threshold/);
  const cuts = [];
  view.addEventListener('cut', (e) => cuts.push(e.detail));
  const clusters = await view.cut({ k: 4 });
  assert.equal(clusters.k, 4);
  assert.equal(view.options.order, 'average', "'auto' is pinned to the tree's method");
  assert.deepEqual([...new Set(view.groups)].sort(), ['cluster 1', 'cluster 2', 'cluster 3', 'cluster 4']);
  assert.deepEqual(view.groups, Array.from(clusters.labels, (c) => `cluster ${c + 1}`));
  // Clusters are runs of the order: three lines between four runs, on each axis.
  assert.equal(Plotly.figure.layout.shapes.filter((s) => s.type === 'line' && s.xref === 'x' && s.yref === 'y').length, 6);
  assert.ok(Plotly.figure.layout.shapes.some((s) => s.name === 'cut-rows'));
  const colours = treeTraces(Plotly.figure, 'rows').map((t) => t.meta.colour);
  assert.deepEqual(colours.filter((c) => c !== 'tree').sort(), [0, 1, 2, 3]);
  assert.equal(cuts[0], clusters);

  const byHeight = await view.cut({ threshold: clusters.threshold });
  assert.deepEqual(Array.from(byHeight.labels), Array.from(clusters.labels), 'the same cut given as a height');
  await view.cut(null);
  assert.equal(view.clusters, null);
  assert.equal(view.groups, null, 'the groups from before the first cut');
  await view.update({ groups: before });
  await view.cut({ k: 2 });
  await view.cut(null);
  assert.deepEqual(view.groups, before);
  // Groups set by other means end the cut: no cut line, no cluster colours.
  await view.cut({ k: 3 });
  await view.update({ groups: before });
  assert.equal(view.clusters, null);
  assert.ok(!Plotly.figure.layout.shapes.some((s) => s.name === 'cut-rows'));
  assert.deepEqual(treeTraces(Plotly.figure, 'rows').map((t) => t.meta.colour), ['tree']);
  view.dispose();
  set.dispose();
});

test('no tree for orders that are not hierarchical, and cut says why', async () => {
  const engine = await loadEngine();
  const set = await setWithLinkage(engine);
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly: fakePlotly(), engine, order: 'spectral' });
  await view.setEmbeddings(set);
  await view.whenOrdered();
  assert.equal(view.dendrogram, null);
  await assert.rejects(view.cut({ k: 3 }), /cut: no tree is drawn: order the view by average, complete or single linkage first/);
  view.dispose();
  set.dispose();
});
