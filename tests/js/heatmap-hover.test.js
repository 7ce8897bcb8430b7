// The view's hover on overview cells: every cell says mean, min and max; when
// only the means are known, "…" until the hovered block's entries are fetched
// (an interactive request) and written into that cell alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extremesPending, fillExtremes, hoverNames } from '../../web/src/heatmap-hover.js';
import { blockExtremes } from '../../web/src/heatmap-hover-extremes.js';
import { heatmapTrace } from '../../web/src/heatmap-trace.js';
import { resolveHeatmapOptions } from '../../web/src/heatmap-options.js';
import { wholeItemRanges } from '../../web/src/heatmap-zoom.js';
import { loadEngine } from '../../web/src/index.js';

const cells = {
  kind: 'overview', dims: [2, 3], reduce: 'mean', mean: Float32Array.of(1, 0.5, 0.4, 0.5, 1, 0.3), min: null, max: null,
  rowStarts: Int32Array.of(0, 2), rowEnds: Int32Array.of(2, 4), colStarts: Int32Array.of(0, 2, 3), colEnds: Int32Array.of(2, 3, 4),
  window: { rows: [0, 4], cols: [0, 4] },
};
const labels = ['a', 'b', 'c', 'd'];

test('means only: the hover says min and max are coming, and a filled cell shows its own', () => {
  const trace = heatmapTrace(cells, labels, resolveHeatmapOptions(), { extremesOnDemand: true });
  assert.match(trace.hovertemplate, /mean Cosine Similarity: %\{z:\.4f\}<br>min: %\{customdata\[2\]:\.4f\}%\{customdata\[4\]\}<br>max: %\{customdata\[3\]:\.4f\}%\{customdata\[5\]\}/);
  assert.equal(trace.customdata[0], trace.customdata[1], 'rows share one array until a cell is filled');
  assert.deepEqual(trace.customdata[1][2], ['d', '', '', '', '…', '…']);
  assert.ok(extremesPending(trace.customdata, 1, 2));

  fillExtremes(trace.customdata, 1, 2, { min: -0.25, max: 0.75 });
  assert.deepEqual(trace.customdata[1][2], ['d', '', -0.25, 0.75, '', '']);
  assert.ok(!extremesPending(trace.customdata, 1, 2));
  assert.ok(extremesPending(trace.customdata, 0, 2), 'the same column of another row still waits');
  assert.ok(extremesPending(trace.customdata, 1, 1), 'another cell of the row still waits');
});

test('a static figure (no on-demand fetch) keeps the mean-only hover', () => {
  const trace = heatmapTrace(cells, labels, resolveHeatmapOptions());
  assert.match(trace.hovertemplate, /^rows: %\{text\}<br>columns: %\{customdata\}<br>mean Cosine Similarity: %\{z:\.4f\}<extra><\/extra>$/);
  assert.equal(trace.customdata[0][1], 'c');
});

test('max known, min not: the known one shows, the other is fetched like the rest', () => {
  const trace = heatmapTrace({ ...cells, reduce: 'max', max: Float32Array.of(1, 0.9, 0.8, 0.9, 1, 0.7) }, labels, resolveHeatmapOptions(), { extremesOnDemand: true });
  assert.deepEqual(trace.customdata[0][1].slice(3), [0.8999999761581421, '…', '']);
  assert.ok(extremesPending(trace.customdata, 0, 1));
});

test('plain names for a screen reader, escaped ones for Plotly', () => {
  const names = ['<b>x</b>', 'y', 'z'];
  assert.equal(hoverNames(names, { order: [2, 0, 1] }).block(0, 2), 'items 0–1 (2): z … &lt;b&gt;x&lt;/b&gt;');
  assert.equal(hoverNames(names, { escape: false, zeroRows: [1] }).item(1), 'y (zero vector)');
});

test('a zoom inside one item widens to that item, so its label and value stay in view', () => {
  assert.deepEqual(wholeItemRanges({ x: [100.2, 100.7], y: [50.7, 50.2] }, 1000), { x: [99.5, 100.5], y: [50.5, 49.5] });
  assert.deepEqual(wholeItemRanges({ x: [100.2, 101.9], y: null }, 1000), null, 'wider than one item: as the user zoomed');
  assert.deepEqual(wholeItemRanges({ x: [998.9, 999.3], y: null }, 1000).x, [998.5, 999.5]);
});

test('a block\'s min and max come from its entries', async () => {
  const engine = await loadEngine({ workers: 1 });
  try {
    const x = Array.from({ length: 40 }, (_, i) => [Math.cos(i / 7), Math.sin(i / 5), (i % 3) - 1]);
    const set = await engine.embeddings(x);
    const order = Int32Array.from({ length: 40 }, (_, i) => 39 - i);
    const got = await blockExtremes(set, { order, rows: [3, 17], cols: [20, 31] });
    const { data } = await set.similarity();
    let min = Infinity;
    let max = -Infinity;
    for (let p = 3; p < 17; p++) {
      for (let q = 20; q < 31; q++) {
        const v = data[order[p] * 40 + order[q]];
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    assert.ok(Math.abs(got.min - min) < 1e-6 && Math.abs(got.max - max) < 1e-6, JSON.stringify({ got, min, max }));
  } finally {
    engine.dispose();
  }
});
