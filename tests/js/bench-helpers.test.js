// The pure parts of `npm run bench`: if these are wrong, every ratio in the
// README's table is wrong with them.
import assert from 'node:assert/strict';
import test from 'node:test';

import { effectiveGflops, randomRows, repeatsFor } from '../../bench/measure.js';
import { plainCosineSimilarity } from '../../bench/plain-js.js';
import { formatRatio, formatTable, issueTargets } from '../../bench/table.js';

test('effective GFLOP/s count the full product 2·n²·d', () => {
  assert.equal(effectiveGflops(1000, 500, 1000), 1); // 1e9 flops in 1 s
});

test('slow baselines run once above the threshold, else the asked repeats', () => {
  assert.equal(repeatsFor(1000, 384, 5, { slowFlops: 4e9 }), 5);
  assert.equal(repeatsFor(5000, 768, 5, { slowFlops: 4e9 }), 1);
  assert.equal(repeatsFor(5000, 768, 5), 5);
});

test('randomRows is reproducible and centred in [-0.5, 0.5)', () => {
  const a = randomRows(10, 3);
  assert.deepEqual(a, randomRows(10, 3));
  assert.ok(a.every((v) => v >= -0.5 && v < 0.5));
});

test('the plain loop is a symmetric cosine matrix with zero rows left at 0', () => {
  const x = new Float32Array([3, 4, 0, 1, 0, 0, 0, 0, 0]);
  const s = plainCosineSimilarity(x, 3, 3);
  assert.deepEqual([...s], [1, Math.fround(0.6), 0, Math.fround(0.6), 1, 0, 0, 0, 0]);
});

test('formatRatio keeps two significant figures below 10 and marks missing ratios', () => {
  assert.equal(formatRatio(0.849), '0.85×');
  assert.equal(formatRatio(2), '2.00×');
  assert.equal(formatRatio(42.34), '42.3×');
  assert.equal(formatRatio(250.4), '250×');
  assert.equal(formatRatio(NaN), '—');
  assert.equal(formatRatio(Infinity), '—');
});

test('formatTable takes ratios against the reference at the same size and checks targets', () => {
  const rows = [
    { name: 'ours', n: 10, d: 2, ms: 1, gflops: 8, repeats: 5 },
    { name: 'native', n: 10, d: 2, ms: 1, gflops: 10, repeats: 5 },
    { name: 'plain', n: 10, d: 2, ms: 1, gflops: 0.5, repeats: 1 },
    { name: 'all', n: 10, d: 2, ms: 1, gflops: 16, repeats: 5 },
    { name: 'native', n: 20, d: 2, ms: 1, gflops: 10, repeats: 5 },
  ];
  const targets = issueTargets({ nativeKernel: 'native', eigenSyrk: 'syrk', tfjsWasm: 'tfjs', plainJs: 'plain' });
  const lines = formatTable(rows, { reference: 'ours', targets }).split('\n');
  assert.equal(lines.length, 2 + rows.length);
  assert.match(lines[2], /\| ours \| 5 \| 1\.0 \| 8\.0 \| 1\.00× \|  \|$/);
  assert.match(lines[3], /\| native \| .* \| 0\.80× \| ≥ 0\.8× ✓ \|$/);
  assert.match(lines[4], /\| plain \| 1 \| .* \| 16\.0× \| ≥ 20× ✗ \|$/);
  assert.match(lines[5], /\| all \| .* \| 0\.50× \|  \|$/, 'no target against the kernel for all workers');
  assert.match(lines[6], /^\| 20 \| 2 \| native \| .* \| — \|  \|$/); // no reference at this size
});

test("issue 15's table: each end-to-end ratio fresh and into out, marked against its target", async () => {
  const { throughputTable } = await import('../../bench/throughput.js');
  const row = (name, ms) => ({ name, n: 2000, d: 384, ms });
  const rows = [
    row('kernel', 50), row('one', 66), row('all', 36), row('one out', 57), row('all out', 31),
    row('syrk', 53), row('TensorFlow.js wasm transposeB', 200), row('TensorFlow.js wasm pre-transposed', 120),
  ];
  const names = { kernel: 'kernel', oneWorker: 'one', allWorkers: 'all', oneWorkerOut: 'one out', allWorkersOut: 'all out',
    eigenSyrk: 'syrk', tfjsWasm: 'TensorFlow.js wasm' };
  const line = throughputTable(rows, [{ n: 2000, d: 384 }], names, [{ n: 2000, d: 384, faultMs: 8 }]).split('\n')[2];
  const cells = line.split('|').map((cell) => cell.trim());
  assert.equal(cells[3], '50.0');
  assert.equal(cells[4], '66.0 / 57.0');
  assert.equal(cells[6], '1.32× ✗ / 1.14× ✓', '1 worker ÷ kernel: 1.32 fails 1.15, 1.14 meets it');
  assert.equal(cells[7], '1.06× ✓', 'kernel ÷ SYRK, speed');
  assert.equal(cells[9], '1.83× ✓ / 1.84× ✓', '66 / 36 and 57 / 31');
  assert.equal(cells[10], '8.0');
  assert.equal(cells[11], '2.40× ✓', "TensorFlow.js's faster form: 120 ms");
});

test('the pass floor: one triangle of products at the given speed on every core', async () => {
  const { passFloorSeconds } = await import('../../bench/simd-ceiling.js');
  // 100,000 × 384: 3.84e12 operations; at 40 GFLOP/s on 2 cores, 48 s.
  assert.ok(Math.abs(passFloorSeconds(100000, 384, 40, 2) - 47.9995) < 1e-3);
});
