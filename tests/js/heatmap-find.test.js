// view.find and view.reveal: labels matched as substrings, case-insensitive,
// in the order shown; reveal zooms to single items around the item and
// outlines its row and column, through later redraws.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { findItems } from '../../web/src/heatmap-find.js';
import { fakeElement, fakePlotly, planted } from './view-fakes.js';

test('findItems: substring, any case, in the order shown, limited with the total kept', () => {
  const labels = ['Apple pie', 'banana', 'PINEAPPLE', 'cherry', 'apple'];
  const order = Int32Array.of(4, 3, 2, 1, 0);
  const found = findItems(labels, order, '  APPLE ');
  assert.deepEqual(found.map((m) => [m.item, m.position, m.label]), [[4, 0, 'apple'], [2, 2, 'PINEAPPLE'], [0, 4, 'Apple pie']]);
  assert.equal(found.total, 3);
  const limited = findItems(labels, null, 'a', { limit: 2 });
  assert.deepEqual(limited.map((m) => m.item), [0, 1]);
  assert.equal(limited.total, 4);
  assert.equal(findItems(labels, null, '   ').length, 0);
  assert.equal(findItems(labels, null, 'kiwi').total, 0);
  assert.throws(() => findItems(labels, null, 42), /find: expected the text to look for, got number/);
  assert.throws(() => findItems(labels, null, 'a', { limit: -1 }), /limit must be a whole number/);
});

test('view.reveal zooms to single items around the item and outlines its row, wherever the order puts it', async () => {
  const engine = await loadEngine();
  const Plotly = fakePlotly();
  const element = fakeElement();
  const n = 600;
  const x = planted(n);
  const labels = Array.from({ length: n }, (_, i) => `item-${i}`);
  const view = new CosineSimilarityHeatmap(element, { Plotly, engine, order: 'groups', itemsMax: 100, overviewSize: 100 });
  await view.setEmbeddings(x, { labels, groups: x.groups });
  await view.whenOrdered();
  assert.equal(view.level.kind, 'overview');

  const [match] = view.find('ITEM-421');
  assert.equal(match.item, 421);
  assert.equal(view.order[match.position], 421);
  const shown = await view.reveal(421);
  assert.equal(view.level.kind, 'items', 'single items around the item');
  assert.equal(shown.position, match.position);
  const { rows, cols } = view.level.window;
  assert.equal(rows[1] - rows[0], 40);
  assert.ok(rows[0] <= match.position && match.position < rows[1]);
  assert.deepEqual(rows, cols, 'the item\'s own cell (the diagonal) in the middle');
  const { layout } = Plotly.figure;
  assert.deepEqual(layout.xaxis.range, [cols[0] - 0.5, cols[1] - 0.5]);
  assert.deepEqual(layout.yaxis.range, [rows[1] - 0.5, rows[0] - 0.5]);
  const outline = layout.shapes.find((s) => s.name === 'found-row');
  assert.deepEqual([outline.y0, outline.y1], [match.position - 0.5, match.position + 0.5]);

  // The outline stays on the item through an option change; reveal(null) removes it.
  await view.update({ maskDiagonal: true });
  assert.ok(Plotly.figure.layout.shapes.some((s) => s.name === 'found-row'));
  await view.reveal(null);
  assert.ok(!Plotly.figure.layout.shapes.some((s) => s.name === 'found-row'));
  await assert.rejects(view.reveal(n), /reveal: item must be an index from 0 to 599, got 600/);
  view.dispose();
});
