// What the view fetches and shows: cells from the engine's overview, the
// diagonal mask, the fitted range and the level indicator.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { cellValues, describeLevel, fetchCells, fittedRange, zeroCounter } from '../../web/src/heatmap-overview.js';
import { heatmapTrace, colorRange } from '../../web/src/heatmap-trace.js';
import { resolveHeatmapOptions } from '../../web/src/heatmap-options.js';

// n unit-ish vectors in 2 planted directions, plus one zero vector.
function twoClusters(n) {
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n - 1; i++) {
    data[i * 3 + (i % 2)] = 1;
    data[i * 3 + 2] = ((i * 37) % 11) / 20;
  }
  return { data, dims: [n, 3] };
}

function brute(full, n, rows, cols, reduce, skipSelf = false) {
  let sum = 0;
  let count = 0;
  let best = reduce === 'max' ? -Infinity : Infinity;
  for (let p = rows[0]; p < rows[1]; p++) {
    for (let q = cols[0]; q < cols[1]; q++) {
      if (skipSelf && p === q) continue;
      const v = full[p * n + q];
      sum += v;
      count++;
      best = reduce === 'max' ? Math.max(best, v) : Math.min(best, v);
    }
  }
  return reduce === 'mean' ? sum / count : best;
}

test('cells: single items when the window fits, else the mean with min / max for small windows', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(twoClusters(200));
  const full = (await set.similarity()).data;
  const items = await fetchCells(set, { window: { rows: [10, 30], cols: [0, 40] }, size: 40, reduce: 'mean' });
  assert.equal(items.kind, 'items');
  assert.deepEqual(items.dims, [20, 40]);
  assert.equal(items.max, null, 'no extremes for single items');
  assert.ok(Math.abs(items.mean[0] - full[10 * 200]) < 1e-6);

  const blocks = await fetchCells(set, { window: { rows: [0, 200], cols: [0, 200] }, size: 16, reduce: 'max' });
  assert.equal(blocks.kind, 'overview');
  assert.equal(blocks.reduce, 'max');
  assert.ok(blocks.min && blocks.max, '40,000 pairs: min and max for the hover');
  const k = 3 * 16 + 5;
  const rows = [blocks.rowStarts[3], blocks.rowEnds[3]];
  const cols = [blocks.colStarts[5], blocks.colEnds[5]];
  assert.ok(Math.abs(blocks.mean[k] - brute(full, 200, rows, cols, 'mean')) < 1e-5);
  assert.ok(Math.abs(blocks.max[k] - brute(full, 200, rows, cols, 'max')) < 1e-6);
  assert.ok(Math.abs(blocks.min[k] - brute(full, 200, rows, cols, 'min')) < 1e-6);
  assert.equal(cellValues(blocks, { maskDiagonal: false })[k], blocks.max[k], 'the colour is the reduce');

  const level = describeLevel(blocks, 200);
  assert.deepEqual([level.kind, level.cellSize, level.full, level.reduce], ['overview', 13, true, 'max']);
  assert.equal(level.warning, undefined);
  assert.match(describeLevel({ ...blocks, pairs: 1e9 }, 200).warning, /slow/);

  // The mask: diagonal mean blocks become the mean of their other pairs, exactly.
  const means = await fetchCells(set, { window: { rows: [0, 200], cols: [0, 200] }, size: 16, reduce: 'mean' });
  const masked = cellValues(means, { maskDiagonal: true, zeroBefore: zeroCounter(set.zeroRows, undefined, 200) });
  for (const i of [0, 7, 15]) {
    const r = [means.rowStarts[i], means.rowEnds[i]];
    assert.ok(Math.abs(masked[i * 16 + i] - brute(full, 200, r, r, 'mean', true)) < 1e-5, `block ${i}`);
  }
  assert.equal(masked[1], means.mean[1], 'off the diagonal nothing changes');
  set.dispose();
});

test('masking single items blanks the diagonal; the fitted range leaves it out', () => {
  const cells = {
    kind: 'items', dims: [2, 2], reduce: 'mean', mean: Float32Array.of(1, 0.25, 0.25, 1),
    rowStarts: Int32Array.of(0, 1), rowEnds: Int32Array.of(1, 2), colStarts: Int32Array.of(0, 1), colEnds: Int32Array.of(1, 2),
    window: { rows: [0, 2], cols: [0, 2] },
  };
  const values = cellValues(cells, { maskDiagonal: true });
  assert.ok(Number.isNaN(values[0]) && Number.isNaN(values[3]));
  assert.equal(values[1], 0.25);
  assert.deepEqual(fittedRange(cells, cellValues(cells, { maskDiagonal: false })), [0.25 - 1e-3, 0.25 + 1e-3]);
  assert.equal(zeroCounter([4, 1], undefined, 6)(2), 1);
  assert.equal(zeroCounter([4], Int32Array.of(4, 0, 1, 2, 3, 5), 6)(1), 1, 'item 4 sits at position 0');
});

test('colour range: fixed as given, fitted on request, widened around zmid', () => {
  assert.deepEqual(colorRange(resolveHeatmapOptions({ range: 'fixed' }), [0.1, 0.5]), [-1, 1]);
  assert.deepEqual(colorRange(resolveHeatmapOptions(), [0.1, 0.5]), [0.1, 0.5], "range 'robust' (the default) uses the fitted range");
  assert.deepEqual(colorRange(resolveHeatmapOptions({ range: 'auto' }), [0.1, 0.5]), [0.1, 0.5]);
  assert.deepEqual(colorRange(resolveHeatmapOptions({ range: 'auto', colorScale: 'RdBu' }), [0.1, 0.5]), [-0.5, 0.5], 'diverging: centred at 0');
  assert.deepEqual(colorRange(resolveHeatmapOptions({ zmin: 0, colorScale: 'RdBu' }), null), [0, 1], 'a fixed range is kept');
  assert.deepEqual(colorRange(resolveHeatmapOptions({ zmid: 0.5, zmin: 0 }), null), [0, 1]);
  assert.deepEqual(colorRange(resolveHeatmapOptions({ zmid: 0.8, zmin: 0 }), null), [0, 1.6]);
});

test('an overview trace: cells placed by x0 / dx in positions, block ranges with first / last labels in the hover', () => {
  const cells = {
    kind: 'overview', dims: [2, 2], reduce: 'mean', mean: Float32Array.of(1, 0.5, 0.5, 1), min: null, max: null,
    rowStarts: Int32Array.of(0, 1024), rowEnds: Int32Array.of(1024, 2000), colStarts: Int32Array.of(0, 1024), colEnds: Int32Array.of(1024, 2000),
    window: { rows: [0, 2000], cols: [0, 2000] },
  };
  const labels = Array.from({ length: 2000 }, (_, i) => `<${i}>`);
  const options = resolveHeatmapOptions({ range: 'auto' });
  const trace = heatmapTrace(cells, labels, options);
  assert.deepEqual([trace.x0, trace.dx, trace.y0, trace.dy], [499.5, 1000, 499.5, 1000]);
  assert.equal(trace.text[1][0], 'items 1,024–1,999 (976): &lt;1024&gt; … &lt;1999&gt;');
  assert.equal(trace.customdata[0][1], 'items 1,024–1,999 (976): &lt;1024&gt; … &lt;1999&gt;');
  assert.match(trace.hovertemplate, /^rows: %\{text\}<br>columns: %\{customdata\}<br>mean Cosine Similarity: %\{z:\.4f\}/);
  assert.equal(trace.colorbar.title.text, 'Cosine Similarity (range fitted to data: 0.4990 to 0.5010)');
  assert.equal(trace.zmin, 0.5 - 1e-3, 'a single value off the diagonal: ±0.001 around it');

  const withExtremes = heatmapTrace({ ...cells, reduce: 'max', max: Float32Array.of(1, 0.9, 0.9, 1), min: Float32Array.of(0, 0.1, 0.1, 0) }, labels, resolveHeatmapOptions({ range: 'fixed' }));
  assert.deepEqual(withExtremes.customdata[0][1].slice(1, 4).map((v) => Math.round(v * 10) / 10), [0.5, 0.1, 0.9]);
  assert.deepEqual(withExtremes.customdata[0][1].slice(4), ['', ''], 'nothing pending');
  assert.match(withExtremes.hovertemplate, /mean Cosine Similarity: %\{customdata\[1\]:\.4f\}<br>min: %\{customdata\[2\]:\.4f\}%\{customdata\[4\]\}<br>max: %\{customdata\[3\]:\.4f\}%\{customdata\[5\]\}/);
  assert.equal(withExtremes.z[0][1], 0.8999999761581421, 'colour: the block max');
  assert.equal(withExtremes.colorbar.title.text, 'Cosine Similarity (block max)');
});

test('a zoom into a small window does not wait behind a statistics pass: its min and max come from an interactive request', async () => {
  // One worker, so the pass's jobs and the zoom's share one queue in a known order.
  const engine = await loadEngine({ workers: 1 });
  const n = 12_000;
  const d = 256;
  const data = new Float32Array(n * d);
  let state = 3;
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5;
  }
  const set = await engine.embeddings({ data, dims: [n, d] });
  const controller = new AbortController();
  let passDone = false;
  const pass = set.analyze({ signal: controller.signal }).then(() => { passDone = true; }, () => {});
  // 600 × 600 positions in 50 × 50 cells: 360,000 pairs, so min and max go in the hover.
  const window = { rows: [3_000, 3_600], cols: [6_000, 6_600] };
  const cells = await fetchCells(set, { window, size: 50, reduce: 'mean' });
  const zoomedWhileRunning = !passDone;
  controller.abort();
  await pass;
  assert.ok(zoomedWhileRunning, 'the zoom\'s cells came before the pass ended');
  assert.equal(cells.kind, 'overview');
  assert.ok(cells.max && cells.min, 'min and max for the hover');
  // The same numbers as the engine's own max / min overviews of the window.
  const max = await set.overview({ size: 50, reduce: 'max', window });
  const min = await set.overview({ size: 50, reduce: 'min', window });
  let worst = 0;
  for (let k = 0; k < cells.max.length; k++) {
    worst = Math.max(worst, Math.abs(cells.max[k] - max.data[k]), Math.abs(cells.min[k] - min.data[k]));
  }
  assert.ok(worst <= 1e-6, `max |difference| ${worst}`);
  set.dispose();
  engine.dispose();
});
