// Annotation strips: categories (the most frequent keep a colour), the block
// majority and purity at overview resolution, and the strips in the figure
// beside the rows and above the columns, with a legend.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { blockMajority, categorize, MAX_CATEGORIES } from '../../web/src/heatmap-strips.js';
import { fakeElement, fakePlotly, planted } from './view-fakes.js';

test('categorize: most frequent first, the rest "(other)" past MAX_CATEGORIES', () => {
  const few = categorize('kind', ['b', 'a', 'b', null, 'b']);
  assert.deepEqual(few.categories.map((c) => [c.name, c.count]), [['b', 3], ['', 1], ['a', 1]]);
  assert.deepEqual(Array.from(few.codes), [0, 2, 0, 1, 0]);
  const many = categorize('id', Array.from({ length: 40 }, (_, i) => `v${i % 20}`).concat(['v3']));
  assert.equal(many.categories.length, MAX_CATEGORIES);
  assert.equal(many.categories[0].name, 'v3');
  assert.equal(many.categories.at(-1).name, '(other)');
  assert.equal(many.categories.reduce((s, c) => s + c.count, 0), 41);
});

test('blockMajority: the majority category of each block of positions and its share', () => {
  const codes = Uint16Array.of(0, 1, 1, 2, 2, 2, 0);
  const order = Int32Array.of(6, 0, 1, 2, 3, 4, 5); // positions → items
  const { codes: majority, purity } = blockMajority(codes, order, [0, 4], [4, 7], 3);
  assert.deepEqual(Array.from(majority), [0, 2]);
  assert.deepEqual(Array.from(purity), [0.5, 1]);
});

test('view.annotate draws strips on both axes at the resolution shown, with a legend; bad columns refused', async () => {
  const engine = await loadEngine();
  const Plotly = fakePlotly();
  const n = 400;
  const x = planted(n);
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine, order: 'groups', itemsMax: 50, overviewSize: 40 });
  await view.setEmbeddings(x, { groups: x.groups });
  await view.whenOrdered();
  const parity = Array.from({ length: n }, (_, i) => (i % 8 < 4 ? 'low' : 'high'));
  const strips = await view.annotate([{ name: 'group', values: x.groups }, { name: 'parity', values: parity }]);
  assert.deepEqual(strips.map((s) => s.name), ['group', 'parity']);
  const { data, layout } = Plotly.figure;
  const rowStrips = data.filter((t) => t.meta?.axis === 'rows');
  const colStrips = data.filter((t) => t.meta?.axis === 'columns');
  assert.equal(rowStrips.length, 2);
  assert.equal(colStrips.length, 2);
  assert.equal(rowStrips[0].y.length, 40, 'one strip cell per heatmap row of cells');
  assert.equal(colStrips[0].x.length, 40);
  // Ordered by group: each block of 10 items is one group, pure.
  assert.match(rowStrips[0].text[0][0], /^group: g\d<br>100% of 10 items/);
  assert.match(rowStrips[1].text[0][0], /^parity: (low|high)<br>\d+% of 10 items/);
  assert.ok(layout.xaxis.domain[0] > 0, 'the heatmap makes room for the row strips');
  assert.ok(layout.yaxis.domain[1] < 1, 'and for the column strips');
  const legend = data.filter((t) => t.showlegend);
  assert.deepEqual(legend.map((t) => t.name), ['<b>group</b>', 'g0', 'g1', 'g2', 'g3', '<b>parity</b>', 'high', 'low'], 'each strip named, then its categories in natural order');

  await assert.rejects(view.annotate([{ name: 'short', values: ['a'] }]), /column 1 \(short\) has 1 values for 400 items/);
  await assert.rejects(view.annotate([1, 2, 3, 4].map((k) => ({ name: `c${k}`, values: parity }))), /at most 3 columns, got 4/);
  assert.equal(Plotly.figure.data.filter((t) => t.meta?.axis === 'rows').length, 2, 'a refused call keeps the strips');
  await view.annotate(null);
  assert.equal(Plotly.figure.data.length, 1);
  assert.equal(Plotly.figure.layout.xaxis.domain, undefined);
  view.dispose();
});

test('strips, the selection and the found outline belong to their embeddings: new ones draw none of them', async () => {
  const engine = await loadEngine();
  const Plotly = fakePlotly();
  const view = new CosineSimilarityHeatmap(fakeElement(), { Plotly, engine, order: 'original' });
  const x = planted(40);
  await view.setEmbeddings(x);
  await view.annotate([{ name: 'group', values: x.groups }]);
  await view.select([1, 2]);
  await view.reveal(5);
  assert.ok(Plotly.figure.data.length > 1);
  assert.ok(Plotly.figure.layout.shapes.some((s) => s.name === 'found-row'));
  await view.setEmbeddings(planted(40)); // the same size, other embeddings
  assert.equal(Plotly.figure.data.length, 1, 'no strips');
  assert.deepEqual(Plotly.figure.layout.shapes.filter((s) => s.name), [], 'no selection, no outline');
  assert.equal(Plotly.figure.layout.xaxis.domain, undefined, 'no room kept for them');
  assert.equal(view.selection, null);
  view.dispose();
});
