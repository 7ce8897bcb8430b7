// set.analyze({estimate: true}): numbers from a uniform random sample of
// pairs, with standard errors, in the exact result's schema.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';

// Six planted clusters in d dimensions: a distribution with several modes,
// strongly negative pairs and a high tail, so every quantile and share is
// something to estimate.
function clustered(n, d, seed) {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const centres = Array.from({ length: 6 }, () => Array.from({ length: d }, () => random() - 0.5));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) data[i * d + k] = centres[i % 6][k] * 1.5 + random() - 0.5;
  return { data, dims: [n, d] };
}

const THRESHOLDS = [-0.2, 0, 0.2, 0.5, 0.7];

// The keys of a result and of the objects in it (arrays by their first element).
function keysOf(stats) {
  const keys = (value) => Object.keys(value ?? {});
  return {
    top: keys(stats),
    histogram: keys(stats.histogram),
    quantile: keys(stats.quantiles[0]),
    share: keys(stats.shareAbove[0]),
    groups: keys(stats.groups),
    perGroup: keys(stats.groups?.perGroup[0]),
  };
}

test('an estimate lies within 4 standard errors of the exact values; closed forms and groups are exact', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(clustered(3000, 64, 7));
  const groups = Array.from({ length: 3000 }, (_, i) => `g${i % 6}`);
  const estimate = await set.analyze({ estimate: true, samplePairs: 200000, thresholds: THRESHOLDS, groups });
  const exact = await set.analyze({ thresholds: THRESHOLDS, groups });

  assert.equal(estimate.exact, false);
  assert.equal(estimate.sampledPairs, 200000);
  assert.equal(exact.exact, true);
  assert.equal(exact.sampledPairs, exact.pairCount);
  assert.equal(estimate.histogram.counts.reduce((s, c) => s + c, 0), 200000);
  for (const [k, { q, value, standardError }] of estimate.quantiles.entries()) {
    // A sample of 200,000 of 4.5 million pairs: errors of about 1e-3, well
    // above the 1e-4 both readings of the fine histogram may add.
    assert.ok(standardError > 0 && standardError < 0.003, `q${q}: standard error ${standardError}`);
    const error = Math.abs(value - exact.quantiles[k].value);
    assert.ok(error <= 4 * standardError + 2 * exact.quantilePrecision, `q${q}: ${value} vs ${exact.quantiles[k].value} (± ${standardError})`);
  }
  for (const [k, { threshold, share, standardError, count }] of estimate.shareAbove.entries()) {
    assert.equal(count, null, 'a sampled count is never presented as exact');
    const expected = exact.shareAbove[k].share;
    assert.ok(standardError > 0 && standardError < 0.0015, `≥ ${threshold}: standard error ${standardError}`);
    assert.ok(Math.abs(share - expected) <= 4 * standardError, `≥ ${threshold}: ${share} vs ${expected} (± ${standardError})`);
  }
  assert.ok(exact.shareAbove.some(({ share }) => share > 0.05 && share < 0.95), 'the fixture has shares worth estimating');
  for (const field of ['mean', 'std', 'anisotropy', 'effectiveDimension', 'effectiveDimensionEntropy', 'groups', 'zeroRows']) {
    assert.deepEqual(estimate[field], exact[field], `${field} is exact in an estimate`);
  }
  engine.dispose();
});

test('the standard errors are the spread of estimates over seeds (binomial and order-statistic)', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(clustered(3000, 64, 11));
  const runs = [];
  for (let seed = 1; seed <= 24; seed++) runs.push(await set.analyze({ estimate: true, samplePairs: 20000, seed, thresholds: THRESHOLDS }));
  const spread = (values) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  };
  const ratios = [];
  for (let k = 0; k < THRESHOLDS.length; k++) {
    const reported = runs.reduce((s, r) => s + r.shareAbove[k].standardError, 0) / runs.length;
    if (runs[0].shareAbove[k].share > 0.02) ratios.push(spread(runs.map((r) => r.shareAbove[k].share)) / reported);
  }
  for (const k of [1, 2, 3, 4, 5]) {
    const reported = runs.reduce((s, r) => s + r.quantiles[k].standardError, 0) / runs.length;
    ratios.push(spread(runs.map((r) => r.quantiles[k].value)) / reported);
  }
  assert.ok(ratios.length >= 8);
  // 24 runs measure a spread to about ±15%; sampling by bands can only
  // lower it below the binomial error.
  for (const ratio of ratios) assert.ok(ratio > 0.55 && ratio < 1.5, `observed / reported spread ${ratios.map((r) => r.toFixed(2))}`);
  const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
  assert.ok(mean > 0.75 && mean < 1.25, `mean observed / reported spread ${mean}`);
  engine.dispose();
});

test('an estimate has the exact schema; what it did not compute is null, listed and explained', async () => {
  const engine = await loadEngine({ workers: 2 });
  const x = clustered(1000, 16, 3);
  x.data.set(x.data.subarray(0, 16), 16 * 500); // a duplicate pair
  const set = await engine.embeddings(x);
  const groups = Array.from({ length: 1000 }, (_, i) => (i < 500 ? 'a' : 'b'));
  const estimate = await set.analyze({ estimate: true, samplePairs: 50000, groups });
  const exact = await set.analyze({ groups });
  assert.deepEqual(keysOf(estimate), keysOf(exact));
  assert.ok(keysOf(exact).top.includes('exact') && keysOf(exact).quantile.includes('standardError'));
  assert.deepEqual(keysOf(exact).share, ['threshold', 'share', 'count', 'standardError']);
  for (const field of ['min', 'max', 'nearDuplicates', 'nearDuplicateCount', 'outliers', 'outlierCount']) {
    assert.equal(estimate[field], null, field);
    assert.ok(estimate.notComputed.includes(field), field);
    assert.notEqual(exact[field], null, field);
  }
  assert.ok(estimate.notComputed.includes('shareAbove.count'));
  assert.deepEqual(exact.notComputed, []);
  assert.deepEqual(exact.estimated, []);
  assert.deepEqual(estimate.estimated, ['histogram', 'quantiles', 'shareAbove']);
  assert.equal(exact.note, null);
  assert.match(estimate.note, /^Estimate from 50,000 random pairs of 499,500 \(10\.01%\)/);
  assert.match(estimate.note, /near-duplicates, outliers and counts need the exact pass/);
  for (const { standardError } of [...exact.quantiles, ...exact.shareAbove]) assert.equal(standardError, 0);
  assert.ok(exact.nearDuplicateCount >= 1);
  assert.ok(!estimate.flags.some((flag) => flag.id === 'outliers'), 'no flag from a number not computed');
  // The duplicate pair is in the sample: its flag gives a share, not a count.
  const duplicates = estimate.flags.find((flag) => flag.id === 'near-duplicates');
  assert.match(duplicates.message, /^An estimated 0\.0020% \(± 0\.00[0-9]+%\) of pairs have similarity ≥ 0\.98: .* Estimated from 50,000 random pairs\.$/);
  assert.equal(duplicates.value, 1 / 50000);
  engine.dispose();
});

test('a sample of all pairs or more is the exact result, and says so', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(clustered(300, 8, 5));
  const pairCount = 300 * 299 / 2;
  const all = await set.analyze({ estimate: true, samplePairs: pairCount });
  const more = await set.analyze({ estimate: true });
  const exact = await set.analyze();
  assert.equal(all.exact, true);
  assert.equal(all.sampledPairs, pairCount);
  assert.deepEqual(all, exact);
  assert.deepEqual(more, exact);
  const one = await (await engine.embeddings([[1, 0]])).analyze({ estimate: true });
  assert.equal(one.exact, true);
  assert.equal(one.sampledPairs, 0);
  engine.dispose();
});

test('an estimate is reproducible from its seed on any number of workers, and the seed matters', async () => {
  const x = clustered(2000, 24, 9);
  const options = { estimate: true, samplePairs: 30000, seed: 12345 };
  const results = [];
  for (const workers of [1, 3]) {
    const engine = await loadEngine({ workers });
    const set = await engine.embeddings(x);
    results.push(await set.analyze(options), await set.analyze({ ...options, seed: 12346 }));
    engine.dispose();
  }
  assert.deepEqual(results[0], results[2]);
  assert.deepEqual(results[1], results[3]);
  assert.notDeepEqual(results[0].histogram.counts, results[1].histogram.counts);
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(x);
  assert.deepEqual(await set.analyze({ estimate: true, samplePairs: 30000 }), await set.analyze({ ...options, seed: 1 }), 'the default seed is 1');
  engine.dispose();
});

test('estimate, samplePairs and seed are checked at the edge', async () => {
  const engine = await loadEngine({ workers: 1 });
  const set = await engine.embeddings(clustered(50, 4, 1));
  const refused = async (options, message) => {
    await assert.rejects(set.analyze(options), (error) => {
      assert.equal(error.name, 'CosineHeatmapError');
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.equal(error.message, message);
      return true;
    });
  };
  await refused({ estimate: true, samplePairs: 0 }, 'analyze: samplePairs must be a positive integer, got 0');
  await refused({ estimate: true, samplePairs: 2.5 }, 'analyze: samplePairs must be a positive integer, got 2.5');
  await refused({ estimate: true, samplePairs: '1000' }, 'analyze: samplePairs must be a positive integer, got "1000" (a string)');
  await refused({ estimate: true, samplePairs: NaN }, 'analyze: samplePairs must be a positive integer, got NaN');
  await refused({ estimate: true, samplePairs: Infinity }, 'analyze: samplePairs must be a positive integer, got Infinity');
  await refused({ estimate: true, samplePairs: null }, 'analyze: samplePairs must be a positive integer, got null');
  await refused({ estimate: true, seed: -1 }, 'analyze: seed must be an integer from 0 to 9007199254740991, got -1');
  await refused({ estimate: 'yes' }, 'analyze: estimate must be true or false, got "yes" (a string)');
  await refused({ samplePairs: 1000 }, 'analyze: samplePairs and seed apply to estimates: pass estimate: true with them');
  await refused({ estimate: false, seed: 3 }, 'analyze: samplePairs and seed apply to estimates: pass estimate: true with them');
  const fine = await set.analyze({ estimate: true, samplePairs: 1, seed: 0 });
  assert.equal(fine.sampledPairs, 1);
  engine.dispose();
});

test('an estimate reports progress and can be cancelled; the engine stays usable', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(clustered(4000, 64, 2));
  const seen = [];
  await set.analyze({ estimate: true, samplePairs: 400000, onProgress: (p) => seen.push(p) });
  assert.ok(seen.length > 2);
  assert.equal(seen.at(-1).done, seen.at(-1).total);
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k].done >= seen[k - 1].done && seen[k].total === seen[0].total);

  const controller = new AbortController();
  const cancelled = set.analyze({ estimate: true, samplePairs: 2000000, seed: 5, signal: controller.signal, onProgress: () => controller.abort() });
  await assert.rejects(cancelled, { name: 'AbortError' });
  const again = await set.analyze({ estimate: true, samplePairs: 2000000, seed: 5 });
  assert.equal(again.sampledPairs, 2000000);
  engine.dispose();
});

test('the closed forms split over workers give the numbers of one job doing it all', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(clustered(4096, 1024, 8));
  const jobs = [];
  const run = engine._pool.run.bind(engine._pool);
  engine._pool.run = (list, options) => (jobs.push(...list.map((job) => job.action)), run(list, options));
  const split = await set.analyze({ estimate: true, samplePairs: 1000 });
  assert.equal(jobs.filter((action) => action === 'gramMomentsBand').length, 2);
  assert.ok(jobs.includes('gramStatisticsFromBands') && !jobs.includes('gramStatistics'));
  let single = null;
  await run([{ action: 'gramStatistics', args: { id: set._id } }], { onResult: (_, result) => (single = result) });
  // Bands add the same products in another order: equal to rounding.
  for (const [key, value] of [['mean', single.mean], ['std', single.std], ['effectiveDimension', single.participationRatio], ['effectiveDimensionEntropy', single.entropyRank]]) {
    assert.ok(Math.abs(split[key] - value) <= 1e-9 * Math.max(1, Math.abs(value)) + 1e-12, `${key}: ${split[key]} vs ${value}`);
  }
  engine.dispose();
});
