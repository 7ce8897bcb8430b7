import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';

function randomTensor(n, d, seed) {
  let state = seed;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5 + (k % d === 0 ? 0.3 : 0);
  }
  return { data, dims: [n, d] };
}

// 400 items, d = 12, with planted near-duplicates and a zero row.
function fixture() {
  const x = randomTensor(400, 12, 17);
  const d = 12;
  for (const [to, from] of [[10, 3], [200, 150], [399, 0]]) {
    for (let j = 0; j < d; j++) x.data[to * d + j] = x.data[from * d + j] * 1.0001 + (j === 1 ? 1e-4 : 0);
  }
  x.data.fill(0, 50 * d, 51 * d);
  return x;
}

function pairs(full, n) {
  const values = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) values.push({ i, j, v: full[i * n + j] });
  return values;
}

test('analyze() matches brute force over the full matrix', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(fixture());
  const n = set.size;
  const full = (await set.similarity()).data;
  const all = pairs(full, n);
  const values = all.map((p) => p.v).sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  const a = await set.analyze({ bins: 40, duplicateThreshold: 0.99, outlierThreshold: 0.6, thresholds: [0.2, 0.5] });

  assert.equal(a.pairCount, (n * (n - 1)) / 2);
  assert.equal(a.exact, true);
  assert.equal(a.sampledPairs, a.pairCount);
  assert.ok(Math.abs(a.mean - mean) < 1e-6, `mean ${a.mean} vs ${mean}`);
  assert.ok(Math.abs(a.std - std) < 1e-5, `std ${a.std} vs ${std}`);
  assert.equal(a.min, values[0]);
  assert.equal(a.max, values.at(-1));
  assert.equal(a.histogram.edges.length, 41);
  assert.equal(a.histogram.counts.reduce((s, c) => s + c, 0), values.length);
  const expectedCounts = new Array(40).fill(0);
  for (const v of values) expectedCounts[Math.min(39, Math.floor((v + 1) / 0.05))]++;
  const binDifferences = a.histogram.counts.reduce((s, c, b) => s + Math.abs(c - expectedCounts[b]), 0);
  assert.ok(binDifferences <= 2, `histogram differs by ${binDifferences} counts (values on bin edges)`);
  for (const { q, value } of a.quantiles) {
    const rank = q * (values.length - 1);
    const exact = values[Math.floor(rank)] + (values[Math.ceil(rank)] - values[Math.floor(rank)]) * (rank - Math.floor(rank));
    assert.ok(Math.abs(value - exact) <= a.quantilePrecision, `q${q}: ${value} vs ${exact}`);
  }
  for (const { threshold, share } of a.shareAbove) {
    assert.equal(share, values.filter((v) => v >= threshold).length / values.length);
  }
  const duplicates = all.filter((p) => p.v >= 0.99).sort((x, y) => y.v - x.v || x.i - y.i || x.j - y.j);
  assert.equal(a.nearDuplicateCount, duplicates.length);
  assert.deepEqual(a.nearDuplicates.map(({ i, j }) => [i, j]), duplicates.map(({ i, j }) => [i, j]));
  assert.ok(a.nearDuplicates.some(({ i, j }) => i === 3 && j === 10));

  const best = Array.from({ length: n }, (_, i) => Math.max(...Array.from({ length: n }, (_, j) => (j === i ? -Infinity : full[i * n + j]))));
  const outliers = best.map((score, i) => ({ i, score })).filter(({ score }) => score < 0.6);
  assert.equal(a.outlierCount, outliers.length);
  assert.ok(a.outliers.some(({ i }) => i === 50), 'the zero row has no neighbour above the threshold');
  assert.equal(a.zeroRows, 1);
  assert.ok(a.effectiveDimension > 1 && a.effectiveDimension <= 12);
  assert.ok(a.flags.some((f) => f.id === 'zero-vectors' && f.value === 1));
  assert.ok(a.flags.some((f) => f.id === 'near-duplicates'));
  for (const flag of a.flags) {
    assert.equal(typeof flag.message, 'string');
    assert.equal(typeof flag.value, 'number');
    assert.equal(typeof flag.threshold, 'number');
    assert.match(flag.level, /^(info|warning)$/);
  }
  assert.doesNotThrow(() => JSON.stringify(a));
  set.dispose();
});

test('groups: within/between means and the silhouette match brute force', async () => {
  const engine = await loadEngine({ workers: 2 });
  const x = randomTensor(240, 8, 5);
  const groups = Array.from({ length: 240 }, (_, i) => ['a', 'b', 'c'][i % 3]);
  for (let i = 0; i < 240; i++) x.data[i * 8 + (i % 3) + 1] += 1.5; // separate the groups
  const set = await engine.embeddings(x);
  const n = 240;
  const full = (await set.similarity()).data;
  let within = 0; let withinCount = 0; let between = 0; let betweenCount = 0;
  for (const { i, j, v } of pairs(full, n)) {
    if (groups[i] === groups[j]) { within += v; withinCount++; } else { between += v; betweenCount++; }
  }
  let silhouette = 0;
  for (let i = 0; i < n; i++) {
    const meanDistance = (g) => {
      let sum = 0; let count = 0;
      for (let j = 0; j < n; j++) if (j !== i && groups[j] === g) { sum += 1 - full[i * n + j]; count++; }
      return sum / count;
    };
    const own = meanDistance(groups[i]);
    const other = Math.min(...['a', 'b', 'c'].filter((g) => g !== groups[i]).map(meanDistance));
    silhouette += (other - own) / Math.max(own, other);
  }
  silhouette /= n;
  const a = await set.analyze({ groups });
  assert.ok(Math.abs(a.groups.withinMean - within / withinCount) < 1e-5);
  assert.ok(Math.abs(a.groups.betweenMean - between / betweenCount) < 1e-5);
  assert.ok(Math.abs(a.groups.silhouette - silhouette) < 1e-4, `${a.groups.silhouette} vs ${silhouette}`);
  assert.deepEqual(a.groups.perGroup.map((g) => [g.name, g.size]), [['a', 80], ['b', 80], ['c', 80]]);
  set.dispose();
});

test('topK equals a full sort, self excluded', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(fixture());
  const n = set.size;
  const full = (await set.similarity()).data;
  const { indices, scores, dims } = await set.topK(5);
  assert.deepEqual(dims, [n, 5]);
  for (let i = 0; i < n; i++) {
    const expected = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((p, q) => full[i * n + q] - full[i * n + p] || p - q)
      .slice(0, 5);
    assert.deepEqual(Array.from(indices.subarray(i * 5, i * 5 + 5)), expected, `item ${i}`);
    assert.equal(scores[i * 5], full[i * n + expected[0]]);
  }
  set.dispose();
});

test('compare: CKA of a set with itself is 1 and invariant to a rotation; Pearson/MAD match brute force', async () => {
  const engine = await loadEngine({ workers: 2 });
  const x = randomTensor(300, 6, 9);
  const a = await engine.embeddings(x);
  // Rotate by a Givens rotation in the (0, 1) and (2, 5) planes: cosines unchanged.
  const rotated = new Float32Array(x.data);
  const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
  for (let i = 0; i < 300; i++) {
    for (const [p, q] of [[0, 1], [2, 5]]) {
      const u = x.data[i * 6 + p]; const v = x.data[i * 6 + q];
      rotated[i * 6 + p] = c * u - s * v;
      rotated[i * 6 + q] = s * u + c * v;
    }
  }
  const self = await a.compare(a);
  assert.ok(Math.abs(self.linearCka - 1) < 1e-9);
  assert.ok(Math.abs(self.pearson - 1) < 1e-9);
  const turned = await a.compare({ data: rotated, dims: [300, 6] });
  assert.ok(Math.abs(turned.linearCka - 1) < 1e-5, `CKA after rotation ${turned.linearCka}`);
  assert.ok(turned.meanAbsoluteDifference < 1e-6);

  const other = randomTensor(300, 9, 21);
  const b = await engine.embeddings(other);
  const cmp = await a.compare(b);
  const sa = (await a.similarity()).data;
  const sb = (await b.similarity()).data;
  const pa = pairs(sa, 300).map((p) => p.v);
  const pb = pairs(sb, 300).map((p) => p.v);
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(pa), mean(pb)];
  let cov = 0; let va = 0; let vb = 0; let mad = 0;
  pa.forEach((u, k) => { cov += (u - ma) * (pb[k] - mb); va += (u - ma) ** 2; vb += (pb[k] - mb) ** 2; mad += Math.abs(u - pb[k]); });
  assert.ok(Math.abs(cmp.pearson - cov / Math.sqrt(va * vb)) < 1e-5, `pearson ${cmp.pearson}`);
  assert.ok(Math.abs(cmp.meanAbsoluteDifference - mad / pa.length) < 1e-5);
  assert.ok(cmp.neighbourhood.meanOverlap >= 0 && cmp.neighbourhood.meanOverlap <= 1);
  await assert.rejects(a.compare(randomTensor(10, 6, 1)), /same items, in the same order: 300 rows against 10/);
  a.dispose();
  b.dispose();
});

// The same vectors with one extra zero column: every cosine is unchanged,
// and the dimension crosses 1,024.
function withZeroColumn({ data, dims: [n, d] }) {
  const wide = { data: new Float32Array(n * (d + 1)), dims: [n, d + 1] };
  for (let i = 0; i < n; i++) wide.data.set(data.subarray(i * d, (i + 1) * d), i * (d + 1));
  return wide;
}

test('above 1,024 dimensions mean, std and the participation ratio come from the pass and agree with the closed forms', async () => {
  const engine = await loadEngine({ workers: 2 });
  const narrow = randomTensor(150, 1024, 3);
  const a = await (await engine.embeddings(narrow)).analyze();
  const b = await (await engine.embeddings(withZeroColumn(narrow))).analyze();
  assert.ok(Math.abs(a.mean - b.mean) < 1e-6);
  assert.ok(Math.abs(a.std - b.std) < 1e-5);
  assert.ok(Math.abs(a.effectiveDimension - b.effectiveDimension) < 1e-3 * a.effectiveDimension);
  assert.equal(typeof a.effectiveDimensionEntropy, 'number');
  assert.equal(b.effectiveDimensionEntropy, null);
});

test('above 1,024 dimensions an estimate takes mean, std and the participation ratio from the sample, and says so', async () => {
  const engine = await loadEngine({ workers: 2 });
  const narrow = randomTensor(400, 1024, 4);
  const exact = await (await engine.embeddings(narrow)).analyze();
  const estimate = await (await engine.embeddings(withZeroColumn(narrow))).analyze({ estimate: true, samplePairs: 20000 });
  assert.deepEqual(estimate.estimated, ['mean', 'std', 'anisotropy', 'effectiveDimension', 'histogram', 'quantiles', 'shareAbove']);
  assert.match(estimate.note, /mean, std and effective dimension too \(above 1,024 dimensions they come from the pairs\)/);
  const standardError = exact.std / Math.sqrt(20000);
  assert.ok(Math.abs(estimate.mean - exact.mean) < 4 * standardError, `${estimate.mean} vs ${exact.mean} (± ${standardError})`);
  assert.ok(Math.abs(estimate.std - exact.std) < 0.05 * exact.std, `${estimate.std} vs ${exact.std}`);
  assert.ok(Math.abs(estimate.effectiveDimension - exact.effectiveDimension) < 0.05 * exact.effectiveDimension);
  assert.equal(estimate.effectiveDimensionEntropy, null);
  engine.dispose();
});

test('compare() split over workers by bands gives the numbers of one worker doing it all', async () => {
  const one = await loadEngine({ workers: 1 });
  const three = await loadEngine({ workers: 3 });
  const x = randomTensor(500, 24, 31);
  const y = randomTensor(500, 16, 32);
  const single = await (await one.embeddings(x)).compare(y);
  const split = await (await three.embeddings(x)).compare(y);
  for (const key of ['pearson', 'linearCka', 'spearman', 'meanAbsoluteDifference']) {
    // Bands add the same products in another order: equal to rounding.
    assert.ok(Math.abs(single[key] - split[key]) < 1e-7, `${key}: ${single[key]} vs ${split[key]}`);
  }
  assert.deepEqual(split.a.pairCount, single.a.pairCount);
  three.dispose();
});
