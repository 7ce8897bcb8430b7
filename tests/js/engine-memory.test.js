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
