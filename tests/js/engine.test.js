import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';
import { maxAbsDifference, readDigits, readJson } from './helpers.js';

const digits = readDigits();

test('loadEngine returns one cached engine per options', async () => {
  const a = loadEngine();
  const b = loadEngine({});
  assert.equal(a, b);
  const engine = await a;
  assert.match(engine.kernel, /wasm-simd128/);
});

test('self similarity of the digits matches scikit-learn to 1e-5', async () => {
  const engine = await loadEngine();
  const reference = readJson('tests/fixtures/reference/digits-self.json');
  const s = await engine.cosineSimilarity(digits);
  const [n] = digits.dims;
  assert.deepEqual(s.dims, [n, n]);
  assert.ok(s.data instanceof Float32Array);
  assert.deepEqual(s.zeroRows, []);
  for (const [i, j, value] of reference.pairs) {
    assert.ok(Math.abs(s.data[i * n + j] - value) < 1e-5, `S(${i}, ${j}) = ${s.data[i * n + j]}, sklearn ${value}`);
  }
  reference.firstRows.forEach((row, i) => {
    assert.ok(maxAbsDifference(s.data.subarray(i * n, (i + 1) * n), row) < 1e-5, `row ${i}`);
  });
  // Row sums see every cell: an error of 1e-5 in each would add up to 0.018.
  const sums = reference.rowSums.map((_, i) => s.data.subarray(i * n, (i + 1) * n).reduce((a, v) => a + v, 0));
  assert.ok(maxAbsDifference(sums, reference.rowSums) < 2e-3);
});

test('cross similarity is n x m and matches scikit-learn', async () => {
  const engine = await loadEngine();
  const reference = readJson('tests/fixtures/reference/digits-cross.json');
  const d = digits.dims[1];
  const slice = ([r0, r1]) => ({ data: digits.data.slice(r0 * d, r1 * d), dims: [r1 - r0, d] });
  const c = await engine.cosineSimilarity(slice(reference.rows), slice(reference.cols));
  assert.deepEqual(c.dims, [40, 61]);
  assert.ok(maxAbsDifference(c.data, reference.similarity.flat()) < 1e-5);
});

test('float64 input with a zero row follows scikit-learn, never NaN', async () => {
  const engine = await loadEngine();
  const reference = readJson('tests/fixtures/reference/float64-zero-row.json');
  const s = await engine.cosineSimilarity(reference.input);
  assert.deepEqual(s.zeroRows, reference.zeroRows);
  assert.ok(maxAbsDifference(s.data, reference.similarity.flat()) < 1e-5);
  assert.ok(s.data.every(Number.isFinite));
  assert.equal(s.data[4 * 30 + 4], 0, 'a zero row has similarity 0 with itself');
});

test('huge magnitudes do not overflow the norm', async () => {
  const engine = await loadEngine();
  const base = [[1, 2, 3], [-3, 1, 0.5], [0.25, 0, 4]];
  const expected = await engine.cosineSimilarity(base);
  const float32 = await engine.cosineSimilarity({ data: new Float32Array(base.flat().map((v) => v * 1e30)), dims: [3, 3] });
  const float64 = await engine.cosineSimilarity({ data: new Float64Array(base.flat().map((v) => v * 1e200)), dims: [3, 3] });
  assert.ok(maxAbsDifference(float32.data, expected.data) < 1e-6);
  assert.ok(maxAbsDifference(float64.data, expected.data) < 1e-6);
});

test('embeddings() keeps a normalized set in the engine', async () => {
  const engine = await loadEngine();
  const x = { data: new Float32Array([3, 4, 0, 0, 1, 0]), dims: [3, 2] };
  const set = await engine.embeddings(x);
  assert.equal(set.size, 3);
  assert.equal(set.dim, 2);
  assert.deepEqual(set.zeroRows, [1]);
  assert.equal(x.data.length, 6, "the caller's array is not detached");
  const s = await set.similarity();
  assert.deepEqual(s.dims, [3, 3]);
  assert.ok(maxAbsDifference(s.data, [1, 0, 0.6, 0, 0, 0, 0.6, 0, 1]) < 1e-6);
  set.dispose();
  await assert.rejects(set.similarity(), /disposed/);
});

test('{transfer: true} hands the buffer over instead of copying it', async () => {
  const engine = await loadEngine();
  const x = { data: new Float32Array([1, 0, 0, 1]), dims: [2, 2] };
  const set = await engine.embeddings(x, { transfer: true });
  assert.equal(x.data.length, 0, 'the buffer moved to the worker');
  set.dispose();
});

const badInputs = [
  ['ragged rows', [[1, 2], [3]], /ragged rows: row 1 has 1 values, row 0 has 2/],
  ['dims that do not match the data', { data: new Float32Array(5), dims: [2, 3] }, /dims \[2, 3\] need 6 values, but data has 5/],
  ['NaN', [[1, 2], [3, NaN]], /NaN at row 1, column 1/],
  ['+Inf in a tensor', { data: new Float64Array([1, 2, Infinity, 4]), dims: [2, 2] }, /\+Inf at row 1, column 0/],
  ['-Inf', [[-Infinity, 1]], /-Inf at row 0, column 0/],
  ['n = 0', [], /n = 0/],
  ['n = 0 tensor', { data: new Float32Array(0), dims: [0, 3] }, /n = 0/],
  ['d = 0', [[], []], /d = 0/],
  ['d = 0 tensor', { data: new Float32Array(0), dims: [4, 0] }, /d = 0/],
  ['a string entry', [[1, 2], [3, 'four']], /row 1, column 1 is the string "four", not a number/],
  ['a null entry', [[null, 2]], /row 0, column 0 is null, not a number/],
  ['a row that is not an array', [[1, 2], 7], /row 1 is number 7/],
  ['three axes', { data: new Float32Array(8), dims: [2, 2, 2] }, /3 axes; expected \[n, d\]/],
  ['something else', 'vectors', /expected number\[\]\[\] or a tensor/],
];

for (const [name, input, message] of badInputs) {
  test(`bad input is rejected with what and where: ${name}`, async () => {
    const engine = await loadEngine();
    await assert.rejects(engine.cosineSimilarity(input), (error) => {
      assert.ok(error instanceof CosineHeatmapError);
      assert.match(error.message, message);
      return true;
    });
    await assert.rejects(engine.embeddings(input), message);
    const after = await engine.cosineSimilarity([[1, 0], [0, 1]]);
    assert.deepEqual(Array.from(after.data), [1, 0, 0, 1], 'the engine still works');
  });
}

test('x and y of different dimensions are rejected', async () => {
  const engine = await loadEngine();
  await assert.rejects(engine.cosineSimilarity([[1, 2]], [[1, 2, 3]]), /x has d = 2, y has d = 3/);
  await assert.rejects(engine.cosineSimilarity([[1, 2]], [[1, NaN]]), /y: NaN at row 0, column 1/);
  const after = await engine.cosineSimilarity([[1, 2]], [[2, 4]]);
  assert.ok(Math.abs(after.data[0] - 1) < 1e-6);
});

test('input beyond what a worker can hold is refused from its dims, before any copy, at the documented edge', async () => {
  const engine = await loadEngine();
  const limitRows = (3 * 2 ** 30) / 4 / 1024; // 3 GiB of float32 rows of d = 1024
  const fake = (n) => ({ data: { length: 0 }, dims: [n, 1024] });
  await assert.rejects(engine.embeddings(fake(limitRows + 1)), (error) => {
    assert.equal(error.code, 'TOO_LARGE');
    assert.match(error.message, /786433 x 1024 embeddings need 3\.00 GiB as float32; an engine worker holds at most 3 GiB/);
    return true;
  });
  // At the edge itself the size is accepted; this fake then fails on its data instead.
  await assert.rejects(engine.embeddings(fake(limitRows)), /dims \[786432, 1024\] need 805306368 values, but data has 0/);
});
