import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';
import { maxAbsDifference, randomTensor, readDigits } from './helpers.js';

const digits = readDigits();

test('one worker and three workers give identical matrices', async () => {
  const one = await loadEngine({ workers: 1 });
  const three = await loadEngine({ workers: 3 });
  assert.equal(one.workers, 1);
  assert.equal(three.workers, 3);
  const a = await one.cosineSimilarity(digits);
  const b = await three.cosineSimilarity(digits);
  assert.deepEqual(b.dims, a.dims);
  assert.equal(maxAbsDifference(a.data, b.data), 0);
  const n = digits.dims[0];
  for (let i = 0; i < n; i += 97) for (let j = 0; j < n; j += 89) assert.equal(a.data[i * n + j], a.data[j * n + i]);
  const x = randomTensor(301, 17, 1);
  const y = randomTensor(45, 17, 2);
  const c1 = await one.cosineSimilarity(x, y);
  const c3 = await three.cosineSimilarity(x, y);
  assert.deepEqual(c3.dims, [301, 45]);
  assert.equal(maxAbsDifference(c1.data, c3.data), 0);
  three.dispose();
});

test('progress is reported and reaches the total', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const seen = [];
  await set.similarity({ onProgress: (p) => seen.push(p) });
  assert.ok(seen.length >= 2);
  assert.equal(seen.at(-1).done, seen.at(-1).total);
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k].done >= seen[k - 1].done);
  set.dispose();
});

test('cancel stops a long pass promptly and leaves the engine usable', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(randomTensor(6000, 256, 3), { transfer: true });
  const controller = new AbortController();
  let progressCalls = 0;
  const started = performance.now();
  const pass = set.pairSummary({
    signal: controller.signal,
    onProgress: () => {
      if (++progressCalls === 2) controller.abort();
    },
  });
  await assert.rejects(pass, (error) => error.name === 'AbortError');
  const cancelledAfter = performance.now() - started;
  const already = new AbortController();
  already.abort();
  await assert.rejects(set.similarity({ signal: already.signal }), { name: 'AbortError' });
  const small = await engine.cosineSimilarity([[1, 0], [1, 1]]);
  assert.ok(Math.abs(small.data[1] - Math.SQRT1_2) < 1e-6, 'the engine works after a cancel');
  assert.ok(cancelledAfter < 5000, `cancel took ${cancelledAfter} ms`);
  set.dispose();
});

test('errors inside a worker reach the caller', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  set.dispose();
  await assert.rejects(set.similarity(), /disposed/);
  // A request for a set the workers never loaded fails in the worker itself,
  // with its code, and without the internal id.
  await assert.rejects(engine._pool.run([{ action: 'band', args: { id: 999999, rows: [0, 1] } }]), (error) => {
    assert.ok(error instanceof CosineHeatmapError);
    assert.equal(error.code, 'DISPOSED');
    assert.equal(error.message, 'this embedding set was disposed');
    return true;
  });
  await assert.rejects(engine._pool.run([{ action: 'nonsense', args: {} }]), /unknown engine action/);
});

test('the matrix budget refuses n x n before allocating it, and says what to use', async () => {
  const engine = await loadEngine({ workers: 1, matrixBudgetBytes: 1000 * 1000 * 4 - 1 });
  const set = await engine.embeddings(randomTensor(1000, 4, 5));
  await assert.rejects(set.similarity(), (error) => {
    assert.ok(error instanceof CosineHeatmapError);
    // Both round to 3.8 MiB: exact bytes say which is larger.
    assert.match(error.message, /1000 x 1000 similarity matrix needs 3\.8 MiB \(4,000,000 bytes\), over the matrix budget of 3\.8 MiB \(3,999,999 bytes\)/);
    assert.equal(error.code, 'MATRIX_BUDGET');
    assert.match(error.message, /overview/);
    return true;
  });
  await assert.rejects(engine.cosineSimilarity(randomTensor(1000, 4, 5)), /matrix budget/);
  const summary = await set.pairSummary();
  assert.equal(summary.count, (1000 * 999) / 2, 'streamed passes are not limited by the budget');
  set.dispose();
});

test('tiles stream the lower triangle and pairSummary agrees with the matrix', async () => {
  const engine = await loadEngine({ workers: 2 });
  const x = randomTensor(700, 9, 7);
  const set = await engine.embeddings(x);
  const full = await set.similarity();
  const n = 700;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = full.data[i * n + j];
      count++;
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const summary = await set.pairSummary();
  assert.equal(summary.count, count);
  assert.ok(Math.abs(summary.mean - sum / count) < 1e-6);
  assert.equal(summary.min, min);
  assert.equal(summary.max, max);

  const covered = new Uint8Array(n * n);
  let worst = 0;
  for await (const tile of set.tiles({ tileSize: 256 })) {
    const [r0, r1] = tile.rows;
    const [c0, c1] = tile.cols;
    assert.ok(c0 <= r0);
    for (let i = r0; i < r1; i++) {
      for (let j = c0; j < c1; j++) {
        covered[i * n + j]++;
        worst = Math.max(worst, Math.abs(tile.data[(i - r0) * (c1 - c0) + (j - c0)] - full.data[i * n + j]));
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(covered[i * n + j], 1);
  assert.ok(worst < 1e-6);
  set.dispose();
});

test('every long operation can be cancelled in the middle, and the engine works after each', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(randomTensor(5000, 128, 11), { transfer: true });
  const operations = {
    similarity: (options) => set.similarity(options),
    overviewMax: (options) => set.overview({ size: 64, reduce: 'max', ...options }),
    analyze: (options) => set.analyze(options),
    topK: (options) => set.topK(5, options),
    tiles: async (options) => {
      for await (const tile of set.tiles({ tileSize: 256, ...options })) void tile;
    },
  };
  for (const [name, run] of Object.entries(operations)) {
    const controller = new AbortController();
    let calls = 0;
    const running = run({ signal: controller.signal, onProgress: () => { if (++calls === 2) controller.abort(); } });
    await assert.rejects(running, (error) => error.name === 'AbortError', `${name} rejects with AbortError`);
    const check = await engine.cosineSimilarity([[1, 0], [0, 1]]);
    assert.equal(check.data[1], 0, `the engine works after cancelling ${name}`);
  }
  set.dispose();
});
