// The colour range: 'robust' (the default) spans the 1st to 99th percentile
// of the cells shown off the diagonal, never narrower than ROBUST_MIN_SPAN;
// 'auto' their extent; 'fixed' zmin..zmax. The colour bar says which.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineSimilarityHeatmap } from '../../web/src/index.js';
import { resolveHeatmapOptions } from '../../web/src/heatmap-options.js';
import { cellRange, rangeNote, ROBUST_MIN_SPAN } from '../../web/src/heatmap-range.js';
import { heatmapTrace } from '../../web/src/heatmap-trace.js';

// n × n single-item cells with values from value(i, j).
function itemCells(n, value) {
  const mean = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) mean[i * n + j] = value(i, j);
  const positions = Int32Array.from({ length: n }, (_, k) => k);
  const ends = Int32Array.from({ length: n }, (_, k) => k + 1);
  return {
    kind: 'items', dims: [n, n], reduce: 'mean', mean,
    rowStarts: positions, rowEnds: ends, colStarts: positions, colEnds: ends,
    window: { rows: [0, n], cols: [0, n] },
  };
}

// numpy.quantile(values, q) (linear), for the check.
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below);
}

test("'robust' is the 1st to 99th percentile of the cells off the diagonal, as numpy computes it", () => {
  // 101 × 101 items; off the diagonal a spread of values plus two wild ones.
  const n = 101;
  const cells = itemCells(n, (i, j) => (i === j ? 1 : i === 0 && j === 1 ? -0.9 : i === 1 && j === 0 ? 0.99 : 0.2 + 0.5 * (((i * 31 + j * 17) % 97) / 96)));
  const off = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off.push(cells.mean[i * n + j]);
  const range = cellRange(cells, cells.mean, 'robust');
  assert.equal(range.mode, 'robust');
  assert.equal(range.widened, false);
  assert.ok(Math.abs(range.zRange[0] - quantile(off, 0.01)) < 1e-6, `${range.zRange[0]} vs ${quantile(off, 0.01)}`);
  assert.ok(Math.abs(range.zRange[1] - quantile(off, 0.99)) < 1e-6);
  assert.ok(range.zRange[0] > 0.19 && range.zRange[1] < 0.71, 'the two wild cells and the diagonal do not stretch it');
  assert.match(rangeNote(range), /^ · 1st–99th percentile of cells: 0\.2\d to 0\.[67]\d$/);

  const auto = cellRange(cells, cells.mean, 'auto');
  assert.ok(Math.abs(auto.zRange[0] + 0.9) < 1e-6 && Math.abs(auto.zRange[1] - 0.99) < 1e-6, "'auto' is the extent");
  assert.equal(rangeNote(auto), ' (range fitted to data: −0.90 to 0.99)');
  assert.equal(cellRange(cells, cells.mean, 'fixed'), null);
  assert.equal(rangeNote(null), '');
});

test("a flat matrix is drawn flat: 'robust' is never narrower than ROBUST_MIN_SPAN, and says so", () => {
  // Block means of a shuffled set: everything within ±0.002 of 0.06.
  const cells = itemCells(50, (i, j) => (i === j ? 1 : 0.06 + 0.002 * Math.sin(i * 7 + j * 3)));
  const range = cellRange(cells, cells.mean, 'robust');
  assert.equal(range.widened, true);
  assert.ok(Math.abs(range.zRange[1] - range.zRange[0] - ROBUST_MIN_SPAN) < 1e-9);
  assert.ok(Math.abs((range.zRange[0] + range.zRange[1]) / 2 - 0.06) < 1e-3, 'centred on the cells');
  assert.match(rangeNote(range), /^ · 0\.01 to 0\.11: cells' 1st–99th percentile only 0\.05\d+ to 0\.06\d+$/);

  // Near the end of the scale the span stays inside −1..1.
  const high = cellRange(itemCells(10, (i, j) => (i === j ? 1 : 0.99)), itemCells(10, (i, j) => (i === j ? 1 : 0.99)).mean, 'robust');
  assert.deepEqual(high.zRange.map((v) => Math.round(v * 1e9) / 1e9), [0.9, 1]);
});

test('the diagonal and masked cells are left out; nothing off the diagonal gives no fitted range', () => {
  const one = itemCells(1, () => 1);
  assert.equal(cellRange(one, one.mean, 'robust'), null);
  const cells = itemCells(3, (i, j) => (i === j ? Number.NaN : 0.5 + 0.1 * (i + j)));
  const range = cellRange(cells, cells.mean, 'robust');
  assert.ok(range.zRange.every(Number.isFinite));
});

test('the trace: robust range on the colour bar, along the bar; fixed keeps the reference title on top', () => {
  const cells = itemCells(40, (i, j) => (i === j ? 1 : (Math.floor(i / 10) === Math.floor(j / 10) ? 0.8 : 0.4) + 0.01 * ((i + j) % 5)));
  const labels = Array.from({ length: 40 }, (_, k) => String(k));
  const robust = heatmapTrace(cells, labels, resolveHeatmapOptions());
  assert.ok(Math.abs(robust.zmin - 0.4) < 0.01 && Math.abs(robust.zmax - 0.84) < 0.01, `${robust.zmin} to ${robust.zmax}`);
  assert.equal(robust.colorbar.title.text, 'Cosine Similarity · 1st–99th percentile of cells: 0.40 to 0.84');
  assert.equal(robust.colorbar.title.side, 'right');
  const fixed = heatmapTrace(cells, labels, resolveHeatmapOptions({ range: 'fixed' }));
  assert.deepEqual([fixed.zmin, fixed.zmax, fixed.colorbar.title.text, fixed.colorbar.title.side], [-1, 1, 'Cosine Similarity', 'top']);
  // A diverging scale is centred at 0, as with 'auto'.
  const diverging = heatmapTrace(cells, labels, resolveHeatmapOptions({ colorScale: 'RdBu' }));
  assert.ok(Math.abs(diverging.zmin + diverging.zmax) < 1e-9 && diverging.zmax > 0.8);
});

test('the view: robust by default, fixed −1..1 one update away, each saying so on the colour bar', async () => {
  const calls = [];
  const record = (name) => async (...args) => { calls.push({ name, args }); };
  const Plotly = { newPlot: record('newPlot'), react: record('react'), update: record('update'), purge: record('purge') };
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly, order: 'original' });
  // Two groups of directions: within 0.9 or more, between about 0.1.
  const x = Array.from({ length: 20 }, (_, i) => (i < 10 ? [1, 0.05 * i, 0] : [0.1, 0, 1 + 0.05 * i]));
  await view.setEmbeddings(x);
  let [trace] = calls.at(-1).args[1];
  assert.equal(view.options.range, 'robust');
  assert.ok(trace.zmin > 0 && trace.zmax < 1 && trace.zmax - trace.zmin > 0.5, `${trace.zmin} to ${trace.zmax} (−1..1 would waste more than half the colours)`);
  assert.match(trace.colorbar.title.text, /^Cosine Similarity · 1st–99th percentile of cells: 0\.\d\d to [01]\.\d\d$/);
  await view.update({ range: 'fixed' });
  [trace] = calls.at(-1).args[1];
  assert.deepEqual([trace.zmin, trace.zmax, trace.colorbar.title.text], [-1, 1, 'Cosine Similarity']);
  view.dispose();
});

test('zmin or zmax given without range picks the fixed range; with range, range decides', () => {
  assert.equal(resolveHeatmapOptions().range, 'robust');
  assert.equal(resolveHeatmapOptions({ zmin: 0 }).range, 'fixed');
  assert.equal(resolveHeatmapOptions({ zmax: 0.5, zmin: -0.5 }).range, 'fixed');
  assert.equal(resolveHeatmapOptions({ zmin: 0, range: 'robust' }).range, 'robust');
  assert.equal(resolveHeatmapOptions({ zmin: 0 }, resolveHeatmapOptions({ range: 'auto' })).range, 'fixed', 'an update too');
  assert.equal(resolveHeatmapOptions({ title: 'x' }, resolveHeatmapOptions({ range: 'auto' })).range, 'auto', 'other changes keep it');
});
