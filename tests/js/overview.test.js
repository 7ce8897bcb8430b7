import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { readDigits } from './helpers.js';

const digits = readDigits();

// The reference: every cell reduced directly from the full matrix.
function bruteForce(full, n, order, rowEdges, colEdges, reduce) {
  const out = [];
  for (let r = 0; r + 1 < rowEdges.length; r++) {
    for (let c = 0; c + 1 < colEdges.length; c++) {
      let sum = 0;
      let count = 0;
      let best = reduce === 'max' ? -Infinity : Infinity;
      for (let p = rowEdges[r]; p < rowEdges[r + 1]; p++) {
        for (let q = colEdges[c]; q < colEdges[c + 1]; q++) {
          const v = full[order[p] * n + order[q]];
          sum += v;
          count++;
          best = reduce === 'max' ? Math.max(best, v) : Math.min(best, v);
        }
      }
      out.push(reduce === 'mean' ? sum / count : best);
    }
  }
  return out;
}

test('overview cells are the exact block mean / max / min, in order and window', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const n = set.size;
  const full = (await set.similarity()).data;
  const order = Int32Array.from({ length: n }, (_, k) => (k * 7919) % n); // 7919 is prime: a permutation
  for (const reduce of ['mean', 'max', 'min']) {
    const o = await set.overview({ size: 16, reduce, order, window: { rows: [100, 500], cols: [1000, 1797] } });
    assert.deepEqual(o.dims, [16, 16]);
    assert.equal(o.rowStarts[0], 100);
    assert.equal(o.colStarts[0], 1000);
    assert.equal(o.rowEnds.at(-1), 500);
    assert.equal(o.colEnds.at(-1), 1797);
    const rowEdges = [...o.rowStarts, o.rowEnds.at(-1)];
    const colEdges = [...o.colStarts, o.colEnds.at(-1)];
    const expected = bruteForce(full, n, order, rowEdges, colEdges, reduce);
    expected.forEach((value, k) => assert.ok(Math.abs(o.data[k] - value) < 1e-5, `${reduce} cell ${k}: ${o.data[k]} vs ${value}`));
  }
  set.dispose();
});

test('a window smaller than the size gives one cell per item: the matrix itself', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const n = set.size;
  const full = (await set.similarity()).data;
  const o = await set.overview({ size: 512, window: { rows: [10, 30], cols: [5, 45] } });
  assert.deepEqual(o.dims, [20, 40]);
  for (let r = 0; r < 20; r++) for (let c = 0; c < 40; c++) {
    assert.ok(Math.abs(o.data[r * 40 + c] - full[(10 + r) * n + 5 + c]) < 1e-5);
  }
  set.dispose();
});

test('overview rejects bad options with what is wrong', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  await assert.rejects(set.overview({ reduce: 'median' }), /reduce must be 'mean', 'max' or 'min'/);
  await assert.rejects(set.overview({ window: { rows: [0, 5000] } }), /window\.rows must be \[start, end\) with 0 <= start < end <= 1797/);
  await assert.rejects(set.overview({ order: [0, 1, 2] }), /order must list all 1797 items once, got 3 entries/);
  await assert.rejects(set.overview({ order: new Int32Array(1797) }), /permutation of 0\.\.1796: position 1 holds 0 \(a repeated item\)/);
  // Not item indices: NaN and fractions are refused, not truncated to 0 and 1.
  const identity = Array.from({ length: 1797 }, (_, k) => k);
  for (const [bad, shown] of [[NaN, 'NaN'], [1.7, '1.7'], ['3', '"3" \\(a string\\)'], [-1, '-1'], [1797, '1797']]) {
    const order = identity.slice();
    order[3] = bad;
    await assert.rejects(set.overview({ order }), (error) => {
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.match(error.message, new RegExp(`position 3 holds ${shown} \\(not an item index\\)`));
      return true;
    });
  }
  await assert.rejects(set.overview({ size: 0 }), /overview: size must be a positive integer, got 0/);
  await assert.rejects(set.overview({ size: NaN }), /overview: size must be a positive integer, got NaN/);
  await assert.rejects(set.overview(null), /overview: options must be an object, got null/);
  const ok = await set.overview({ size: 4 });
  assert.deepEqual(ok.dims, [4, 4]);
  set.dispose();
});
