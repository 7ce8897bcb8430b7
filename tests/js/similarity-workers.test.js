// The whole matrix through the engine (bands placed by the main thread,
// their buffers reused): the plain product within 1e-5 on odd sizes, and
// the same bits with 1, 2 and 3 workers.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { randomTensor } from './helpers.js';

// float64 cosines of the rows, as a reference independent of the kernel.
function plainProduct({ data, dims: [n, d] }) {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += data[i * d + k] ** 2;
    norms[i] = Math.sqrt(s);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += data[i * d + k] * data[j * d + k];
      out[i * n + j] = out[j * n + i] = s / (norms[i] * norms[j]);
    }
  }
  return out;
}

test('similarity on odd sizes equals the plain product, the same bits with 1, 2 and 3 workers', async () => {
  const engines = await Promise.all([1, 2, 3].map((workers) => loadEngine({ workers })));
  try {
    for (const [n, d] of [[1, 1], [1, 4099], [7, 1], [7, 3], [7, 385], [7, 4099], [1001, 3], [1001, 385]]) {
      const x = randomTensor(n, d, n + d);
      const expected = plainProduct(x);
      const [one, ...others] = await Promise.all(engines.map((engine) => engine.cosineSimilarity(x)));
      let worst = 0;
      for (let k = 0; k < n * n; k++) worst = Math.max(worst, Math.abs(one.data[k] - expected[k]));
      assert.ok(worst < 1e-5, `n = ${n}, d = ${d}: off by ${worst}`);
      for (const other of others) assert.deepEqual(other.data, one.data, `n = ${n}, d = ${d}`);
    }
  } finally {
    for (const engine of engines) engine.dispose();
  }
});

test('a cancelled matrix leaves the engine usable, its reused buffers and all', async () => {
  const engine = await loadEngine({ workers: 2 });
  try {
    const x = randomTensor(1500, 64, 5);
    const controller = new AbortController();
    const pending = engine.cosineSimilarity(x, null, { signal: controller.signal, onProgress: ({ done }) => done > 0 && controller.abort() });
    await assert.rejects(pending, (error) => error.code === 'ABORT_ERR' || error.name === 'AbortError');
    const whole = await engine.cosineSimilarity(x);
    const again = await engine.cosineSimilarity(x);
    assert.deepEqual(again.data, whole.data);
    assert.equal(whole.data.length, 1500 * 1500);
  } finally {
    engine.dispose();
  }
});
