// The whole matrix through the engine, both ways it is assembled: written
// in place by the workers into a SharedArrayBuffer (Node's default), and
// placed by the main thread from transferred bands ({shared: false}, what a
// page without cross-origin isolation gets): the plain product within 1e-5
// on odd sizes, and the same bits with 1, 2 and 3 workers and either way.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { randomTensor } from './helpers.js';

// float64 cosines of the rows, as a reference independent of the kernel.
function norms({ data, dims: [n, d] }) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += data[i * d + k] ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

function plainProduct(x, y = x) {
  const [n, d] = x.dims;
  const m = y.dims[0];
  const [nx, ny] = [norms(x), norms(y)];
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x.data[i * d + k] * y.data[j * d + k];
      out[i * m + j] = s / (nx[i] * ny[j]);
    }
  }
  return out;
}

function worstError(data, expected) {
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(data[k] - expected[k]));
  return worst;
}

// The same floats, bit for bit (deepEqual would also compare the buffers' kinds).
function sameBits(a, b, message) {
  assert.equal(a.length, b.length, message);
  assert.ok(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), message);
}

test('similarity on odd sizes equals the plain product, the same bits with 1, 2 and 3 workers, shared or not', async () => {
  const engines = await Promise.all([1, 2, 3].map((workers) => loadEngine({ workers })));
  try {
    for (const [n, d] of [[1, 1], [1, 4099], [7, 1], [7, 3], [7, 385], [7, 4099], [1001, 3], [1001, 385]]) {
      const x = randomTensor(n, d, n + d);
      const expected = plainProduct(x);
      const shared = await Promise.all(engines.map((engine) => engine.cosineSimilarity(x)));
      const placed = await Promise.all(engines.map((engine) => engine.cosineSimilarity(x, null, { shared: false })));
      const worst = worstError(shared[0].data, expected);
      assert.ok(worst < 1e-5, `n = ${n}, d = ${d}: off by ${worst}`);
      for (const other of [...shared, ...placed]) sameBits(other.data, shared[0].data, `n = ${n}, d = ${d}`);
      assert.ok(shared.every(({ data }) => data.buffer instanceof SharedArrayBuffer), 'written in place in shared memory');
      assert.ok(placed.every(({ data }) => data.buffer instanceof ArrayBuffer), '{shared: false}: a plain ArrayBuffer');
    }
  } finally {
    for (const engine of engines) engine.dispose();
  }
});

test('crossSimilarity on odd sizes equals the plain product, the same bits with 1 and 3 workers, shared or not', async () => {
  const engines = await Promise.all([1, 3].map((workers) => loadEngine({ workers })));
  try {
    for (const [n, m, d] of [[1, 1, 1], [7, 1, 385], [1, 7, 3], [1001, 13, 385], [13, 1001, 4099]]) {
      const x = randomTensor(n, d, n + d);
      const y = randomTensor(m, d, m + 7 * d);
      const expected = plainProduct(x, y);
      const results = [];
      for (const engine of engines) {
        results.push(await engine.cosineSimilarity(x, y), await engine.cosineSimilarity(x, y, { shared: false }));
      }
      const worst = worstError(results[0].data, expected);
      assert.ok(worst < 1e-5, `${n} x ${m}, d = ${d}: off by ${worst}`);
      for (const other of results) {
        assert.deepEqual(other.dims, [n, m]);
        sameBits(other.data, results[0].data, `${n} x ${m}, d = ${d}`);
      }
    }
  } finally {
    for (const engine of engines) engine.dispose();
  }
});

test("the shared option: checked, and true refused with the reason where there is no shared memory", async () => {
  const engine = await loadEngine({ workers: 1 });
  const set = await engine.embeddings(randomTensor(5, 3, 1));
  try {
    await assert.rejects(set.similarity({ shared: 'yes' }), (error) => {
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.match(error.message, /similarity: shared must be true, false or 'auto', got "yes"/);
      return true;
    });
    // What a page that is not cross-origin isolated sees.
    globalThis.crossOriginIsolated = false;
    try {
      await assert.rejects(set.similarity({ shared: true }), (error) => {
        assert.equal(error.code, 'INVALID_ARGUMENT');
        assert.match(error.message, /Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
        return true;
      });
      const { data } = await set.similarity();
      assert.ok(data.buffer instanceof ArrayBuffer, "'auto' falls back to bands placed by the main thread");
      const cross = await set.crossSimilarity(set);
      sameBits(cross.data, data, 'the cross product of a set with itself');
    } finally {
      delete globalThis.crossOriginIsolated;
    }
  } finally {
    engine.dispose();
  }
});

test('a cancelled matrix leaves the engine usable, shared or placed (its reused buffers and all)', async () => {
  const engine = await loadEngine({ workers: 2 });
  try {
    const x = randomTensor(1500, 64, 5);
    for (const shared of ['auto', false]) {
      const controller = new AbortController();
      const pending = engine.cosineSimilarity(x, null, {
        shared,
        signal: controller.signal,
        onProgress: ({ done }) => done > 0 && controller.abort(),
      });
      await assert.rejects(pending, (error) => error.code === 'ABORT_ERR' || error.name === 'AbortError');
      const whole = await engine.cosineSimilarity(x, null, { shared });
      const again = await engine.cosineSimilarity(x, null, { shared });
      sameBits(again.data, whole.data, `shared: ${shared}`);
      assert.equal(whole.data.length, 1500 * 1500);
    }
  } finally {
    engine.dispose();
  }
});

// {out}: the result lands in the caller's array, shared or plain, at any
// offset in its buffer, with the same bits as a fresh result; nothing around
// it is touched.
test('out: the caller\'s array receives the same bits as a fresh result, shared or plain, at an offset', async () => {
  const engines = await Promise.all([1, 2].map((workers) => loadEngine({ workers })));
  try {
    for (const [n, m, d] of [[1, null, 3], [7, null, 385], [1001, null, 385], [13, 1001, 4099], [1001, 7, 3]]) {
      const x = randomTensor(n, d, n + d);
      const y = m === null ? null : randomTensor(m, d, 3 * m + d);
      const cols = m ?? n;
      for (const engine of engines) {
        const fresh = await engine.cosineSimilarity(x, y);
        for (const Buffer of [SharedArrayBuffer, ArrayBuffer]) {
          // Two guard values before and after the result's place.
          const memory = new Float32Array(new Buffer((n * cols + 4) * 4)).fill(-7);
          const out = memory.subarray(2, 2 + n * cols);
          const result = await engine.cosineSimilarity(x, y, { out });
          const where = `${n} x ${cols}, d = ${d}, ${engine.workers} worker(s), ${Buffer.name}`;
          assert.equal(result.data, out, `${where}: data is out itself`);
          sameBits(out, fresh.data, where);
          assert.deepEqual([...memory.subarray(0, 2), ...memory.subarray(2 + n * cols)], [-7, -7, -7, -7], `${where}: guards`);
          // Reused: written again over the previous values.
          out.fill(0);
          const set = await engine.embeddings(x);
          const other = y && (await engine.embeddings(y));
          await (other ? set.crossSimilarity(other, { out, shared: false }) : set.similarity({ out, shared: false }));
          sameBits(out, fresh.data, `${where}, placed`);
          set.dispose();
          other?.dispose();
        }
      }
    }
  } finally {
    for (const engine of engines) engine.dispose();
  }
});

test('out: refused with the reason before anything is computed, and kept outside the matrix budget', async () => {
  const engine = await loadEngine({ workers: 1, matrixBudgetBytes: 64 });
  try {
    const x = randomTensor(5, 3, 1);
    const cases = [
      [{ out: new Float64Array(25) }, /cosineSimilarity: out must be a Float32Array of 5 x 5 = 25 values, got/],
      [{ out: [0, 1] }, /out must be a Float32Array of 5 x 5 = 25 values, got/],
      [{ out: new Float32Array(24) }, /cosineSimilarity: out has 24 values; the 5 x 5 result needs exactly 25/],
      [{ out: new Float32Array(25), shared: true }, /shared: true, but out is a view of a plain ArrayBuffer/],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(engine.cosineSimilarity(x, null, options), (error) => {
        assert.equal(error.code, 'INVALID_ARGUMENT');
        assert.match(error.message, message);
        return true;
      });
    }
    // Without out, 5 x 5 floats (100 bytes) are over this engine's 64-byte budget; with it, the memory is the caller's.
    await assert.rejects(engine.cosineSimilarity(x), (error) => error.code === 'MATRIX_BUDGET');
    const out = new Float32Array(25);
    assert.equal((await engine.cosineSimilarity(x, null, { out })).data, out);
    assert.ok(Math.abs(out[0] - 1) < 1e-6, 'an item is itself');
    // x (2 x 3, its whole buffer) handed over, out a view of the same buffer: out goes with it, and the call says so.
    const small = randomTensor(2, 3, 4);
    await assert.rejects(
      engine.cosineSimilarity(small, null, { out: new Float32Array(small.data.buffer, 0, 4), transfer: true }),
      (error) => {
        assert.equal(error.code, 'INVALID_ARGUMENT');
        assert.match(error.message, /similarity: out has 0 values \(its buffer was transferred\)/);
        return true;
      },
    );
    const set = await engine.embeddings(x);
    await assert.rejects(set.crossSimilarity(set, { out: new Float32Array(26) }), /crossSimilarity: out has 26 values; the 5 x 5 result needs exactly 25/);
  } finally {
    engine.dispose();
  }
});
