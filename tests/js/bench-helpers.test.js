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
