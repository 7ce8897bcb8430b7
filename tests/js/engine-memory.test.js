// A worker whose heap cannot take another set refuses it from its size and
// keeps the sets it holds (finding 10: the 4th 1-GiB set used to abort the
// WASM module and lose every set in it).
import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';

const GIB_ROWS = 2 ** 18; // 262,144 rows × 1,024 float32 = 1 GiB
const DIM = 1024;

test('sets of 1 GiB load until the 4 GiB heap is full; the next is refused and the others still answer', { timeout: 300_000 }, async () => {
  const engine = await loadEngine({ workers: 1, matrixBudgetBytes: 2 ** 30 + 7 });
  const sets = [];
  let refusal = null;
  for (let k = 0; k < 5 && !refusal; k++) {
    const data = new Float32Array(GIB_ROWS * DIM).fill(k + 1);
    try {
      sets.push(await engine.embeddings({ data, dims: [GIB_ROWS, DIM] }, { transfer: true }));
    } catch (error) {
      refusal = error;
    }
  }
  assert.ok(sets.length >= 2 && sets.length <= 3, `${sets.length} sets of 1 GiB loaded`);
  assert.ok(refusal instanceof CosineHeatmapError, `refused with ${refusal}`);
  assert.equal(refusal.code, 'OUT_OF_MEMORY');
  assert.match(refusal.message, /^x: not enough memory in the engine worker for 262144 x 1024 values \(1073741824 bytes\) beside the sets it already holds/);
  // Every set loaded before still answers, from the same worker.
  for (const set of sets) {
    const overview = await set.overview({ size: 2 });
    assert.ok(overview.data.every((v) => Math.abs(v - 1) < 1e-5));
  }
  const [stats] = await engine.stats();
  assert.equal(stats.sets, sets.length);
  // Freeing one makes room again.
  sets.pop().dispose();
  const again = await engine.embeddings({ data: new Float32Array(GIB_ROWS * DIM).fill(1), dims: [GIB_ROWS, DIM] }, { transfer: true });
  for (const set of [...sets, again]) set.dispose();
  engine.dispose();
});

test('with 16 workers, loading 100,000 x 384 grows the process by at most 2 x the input + 512 MiB', { timeout: 300_000 }, async () => {
  const engine = await loadEngine({ workers: 16 });
  await engine.stats(); // every worker started and idle
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const n = 100000;
  const d = 384;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) data[k] = Math.sin(k * 0.7) + (k % 7) * 0.01;
  const inputBytes = data.byteLength;
  const set = await engine.embeddings({ data, dims: [n, d] });
  const overview = await set.overview({ size: 8 });
  assert.equal(overview.dims[0], 8);
  const grown = process.memoryUsage().rss - before;
  const holders = (await engine.stats()).filter((worker) => worker.sets === 1).length;
  // 146 MiB: three copies fit the default 512 MiB budget.
  assert.equal(holders, 3);
  assert.ok(grown <= 2 * inputBytes + 512 * 2 ** 20, `grew by ${(grown / 2 ** 20).toFixed(0)} MiB for ${(inputBytes / 2 ** 20).toFixed(0)} MiB of input`);
  // Work on the set goes to the workers that hold it.
  const window = await set.overview({ size: 4, reduce: 'max', window: { rows: [0, 400], cols: [0, 400] } });
  assert.ok(window.data.every((v) => v <= 1 + 1e-6));
  set.dispose();
  engine.dispose();
});

test('copyBudgetBytes sets how many workers hold a set; two sets always share a worker', async () => {
  const engine = await loadEngine({ workers: 4, copyBudgetBytes: 1 });
  const a = await engine.embeddings([[1, 0], [0, 1], [1, 1]]);
  const b = await engine.embeddings([[0, 1], [1, 0], [1, 1]]);
  assert.deepEqual((await engine.stats()).map((worker) => worker.sets), [2, 0, 0, 0]);
  const comparison = await a.compare(b);
  assert.equal(comparison.n, 3);
  const all = await loadEngine({ workers: 4, copyBudgetBytes: Infinity });
  const c = await all.embeddings([[1, 0], [0, 1]]);
  assert.deepEqual((await all.stats()).map((worker) => worker.sets), [1, 1, 1, 1]);
  for (const set of [a, b, c]) set.dispose();
  await assert.rejects(loadEngine({ copyBudgetBytes: -1 }), /copyBudgetBytes must be a number of bytes ≥ 0/);
});

test('closed forms too large for a worker are refused with the reason, and the worker keeps its sets', async () => {
  const engine = await loadEngine({ workers: 1 });
  const d = 7000; // 3 d×d moment matrices of doubles, twice: 2.2 GiB
  const a = await engine.embeddings({ data: new Float32Array(3 * d).fill(1), dims: [3, d] });
  const b = await engine.embeddings({ data: new Float32Array(3 * d).fill(2), dims: [3, d] });
  await assert.rejects(a.compare(b), (error) => {
    assert.equal(error.code, 'TOO_LARGE');
    assert.match(error.message, /^compare: the closed forms at d = 7000 need \d+ MiB of moment matrices, over the 1024 MiB a worker sets aside for them/);
    return true;
  });
  assert.equal((await a.pairSummary()).count, 3);
  for (const set of [a, b]) set.dispose();
});
