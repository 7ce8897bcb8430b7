// Small sets reach the workers through one copy in shared memory that is
// reused from call to call (web/src/staging-buffer.js): the copy equals the
// rows, concurrent loads never share a buffer, and every set loaded that way
// computes what it would from its own rows.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { STAGING_MAX_BYTES, stageRows } from '../../web/src/staging-buffer.js';
import { randomTensor } from './helpers.js';

test('stageRows copies into shared memory, reuses a released buffer and never one still in use', () => {
  const { data } = randomTensor(10, 3, 1);
  const first = stageRows(data);
  assert.ok(first.rows.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(first.rows, data);
  const second = stageRows(data);
  assert.notEqual(second.rows.buffer, first.rows.buffer, 'a buffer in use is not handed out again');
  first.release();
  first.release(); // twice is harmless
  const third = stageRows(randomTensor(4, 3, 2).data);
  assert.equal(third.rows.buffer, first.rows.buffer, 'a released buffer large enough is reused');
  assert.equal(third.rows.length, 12, 'as a view of the rows only');
  second.release();
  third.release();

  const doubles = Float64Array.from(data);
  const staged = stageRows(doubles);
  assert.ok(staged.rows instanceof Float64Array);
  assert.deepEqual(staged.rows, doubles);
  staged.release();

  assert.equal(stageRows(new Float32Array(STAGING_MAX_BYTES / 4 + 1)), null, 'larger rows travel as moved buffers');
  globalThis.crossOriginIsolated = false; // a page without shared memory
  try {
    assert.equal(stageRows(data), null);
  } finally {
    delete globalThis.crossOriginIsolated;
  }
});

test('sets loaded at the same time through staging each keep their own rows', async () => {
  const engine = await loadEngine({ workers: 2 });
  try {
    const tensors = [1, 2, 3, 4].map((seed) => randomTensor(300 + seed, 17, seed));
    const alone = [];
    for (const x of tensors) alone.push((await engine.cosineSimilarity(x)).data);
    // Loaded concurrently: each needs its own staging buffer while the workers copy.
    const together = await Promise.all(tensors.map((x) => engine.cosineSimilarity(x)));
    for (const [k, { data }] of together.entries()) assert.deepEqual(data, alone[k], `set ${k}`);
    // The caller's float64 rows: staged as float64, the same numbers as the float32 rows they hold.
    const x = tensors[0];
    const wide = { data: Float64Array.from(x.data), dims: x.dims };
    assert.deepEqual((await engine.cosineSimilarity(wide)).data, alone[0]);
    assert.equal(x.data.length, 301 * 17, "the caller's rows are not detached");
  } finally {
    engine.dispose();
  }
});
