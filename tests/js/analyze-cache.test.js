// analyze() computes once: the pass over the pairs is kept per set and pass
// options; groups, outlier and flag thresholds are read from kept numbers.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { _keptAnalyses } from '../../web/src/operations/analyze.js';

function randomTensor(n, d, seed) {
  let state = seed;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5 + (k % d === (Math.floor(k / d) % 4) ? 0.6 : 0);
  }
  return { data, dims: [n, d] };
}

// Counts the worker jobs an engine runs, by action.
function countJobs(engine) {
  const pool = engine._pool;
  const run = pool.run.bind(pool);
  const counts = {};
  const signals = {};
  pool.run = (jobs, options) => {
    for (const { action } of jobs) counts[action] = (counts[action] ?? 0) + 1;
    signals[jobs[0]?.action] = options.signal;
    return run(jobs, options);
  };
  return {
    // The signal the last run of `action` was given.
    signalOf: (action) => signals[action],
    take() {
      const taken = { ...counts };
      for (const key of Object.keys(counts)) delete counts[key];
      return taken;
    },
  };
}

test('a group, outlier-threshold or flag change runs no pass; a pass option change does', async () => {
  const engine = await loadEngine({ workers: 2 });
  const jobs = countJobs(engine);
  const set = await engine.embeddings(randomTensor(600, 16, 4));
  const labels = Array.from({ length: 600 }, (_, i) => `c${i % 4}`);
  const first = await set.analyze();
  const counted = jobs.take();
  assert.ok(counted.analyzePass >= 2 && counted.gramStatistics === 1, JSON.stringify(counted));

  const grouped = await set.analyze({ groups: labels });
  assert.deepEqual(jobs.take(), { groupStatistics: 1 }, 'groups: their closed forms only');
  await set.analyze({ groups: labels.slice() });
  assert.deepEqual(jobs.take(), {}, 'the same grouping again: nothing');
  const flagged = await set.analyze({
    groups: labels,
    outlierThreshold: 0.9,
    flagThresholds: { highMeanSimilarity: -1, strongNegativeSimilarity: -0.1, strongNegativeShare: 0.01, silhouette: 1 },
  });
  assert.deepEqual(jobs.take(), {}, 'outlier and flag thresholds: nothing');
  assert.ok(flagged.flags.some((flag) => flag.id === 'high-similarity'));
  assert.ok(flagged.flags.some((flag) => flag.id === 'groups-not-separated'));
  assert.ok(flagged.outlierCount > first.outlierCount);
  assert.deepEqual({ ...grouped, flags: null }, { ...(await set.analyze({ groups: labels })), flags: null });

  // The same numbers a fresh set computes with those options from scratch.
  const fresh = await engine.embeddings(randomTensor(600, 16, 4));
  const options = {
    groups: labels, outlierThreshold: 0.9,
    flagThresholds: { highMeanSimilarity: -1, strongNegativeSimilarity: -0.1, strongNegativeShare: 0.01, silhouette: 1 },
  };
  assert.deepEqual(await fresh.analyze(options), flagged);
  jobs.take();

  await set.analyze({ bins: 50 });
  const rebinned = jobs.take();
  assert.ok(rebinned.analyzePass >= 2 && !rebinned.gramStatistics, `a new pass, no new closed forms: ${JSON.stringify(rebinned)}`);
  await set.analyze({ thresholds: [0.3] });
  assert.ok(jobs.take().analyzePass >= 2, 'new thresholds: a new pass');
  await set.analyze({ duplicateThreshold: 0.9 });
  assert.ok(jobs.take().analyzePass >= 2, 'a new duplicate threshold: a new pass');
  await set.analyze({ groups: labels });
  assert.deepEqual(jobs.take(), {}, 'the first options are still kept');
  engine.dispose();
});

test('a flag threshold that is not a pass threshold is read from the fine histogram', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(randomTensor(500, 8, 6));
  const full = (await set.similarity()).data;
  const threshold = -0.1234;
  let below = 0;
  for (let i = 0; i < 500; i++) for (let j = i + 1; j < 500; j++) below += full[i * 500 + j] < threshold ? 1 : 0;
  const share = below / (500 * 499 / 2);
  assert.ok(share > 0.01, `the fixture has pairs below ${threshold}: ${share}`);
  const stats = await set.analyze({ flagThresholds: { strongNegativeSimilarity: threshold, strongNegativeShare: 0.001 } });
  const flag = stats.flags.find((f) => f.id === 'strong-dissimilarity');
  // Within the pairs of one 1e-4-wide bin.
  assert.ok(Math.abs(flag.value - share) < 0.002, `${flag.value} vs ${share}`);
  engine.dispose();
});

test('concurrent calls share one pass; an estimate after the exact pass is the exact result', async () => {
  const engine = await loadEngine({ workers: 2 });
  const jobs = countJobs(engine);
  const set = await engine.embeddings(randomTensor(800, 12, 8));
  const [a, b] = await Promise.all([set.analyze(), set.analyze({ groups: Array.from({ length: 800 }, (_, i) => i % 2) })]);
  const counted = jobs.take();
  assert.equal(counted.gramStatistics, 1);
  assert.equal(counted.groupStatistics, 1);
  const passJobs = counted.analyzePass;
  await set.analyze({ bins: 30 });
  assert.equal(jobs.take().analyzePass, passJobs, 'one pass is this many jobs: the two calls ran one');
  assert.equal(a.mean, b.mean);

  const estimate = await set.analyze({ estimate: true, samplePairs: 1000 });
  assert.deepEqual(jobs.take(), {});
  assert.equal(estimate.exact, true);
  assert.deepEqual(estimate, a);
  engine.dispose();
});

test('a caller that cancels leaves the pass to the callers still waiting; alone, it cancels the pass', async () => {
  const engine = await loadEngine({ workers: 2 });
  const jobs = countJobs(engine);
  const set = await engine.embeddings(randomTensor(3000, 64, 9));
  const controller = new AbortController();
  const leaving = set.analyze({ signal: controller.signal });
  const staying = set.analyze();
  controller.abort();
  await assert.rejects(leaving, { name: 'AbortError' });
  assert.equal(jobs.signalOf('analyzePass').aborted, false, 'the pass goes on for the caller still waiting');
  const stats = await staying;
  assert.equal(stats.pairCount, 3000 * 2999 / 2);
  const shared = jobs.take();
  assert.ok(shared.analyzePass > 0);
  await set.analyze();
  assert.deepEqual(jobs.take(), {}, 'kept');

  const alone = new AbortController();
  const cancelled = set.analyze({ bins: 7, signal: alone.signal });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const pass = jobs.signalOf('analyzePass');
  assert.equal(pass.aborted, false);
  alone.abort();
  await assert.rejects(cancelled, { name: 'AbortError' });
  assert.equal(pass.aborted, true, 'no one waits for the pass: it is cancelled');
  jobs.take();
  await set.analyze({ bins: 7 });
  assert.equal(jobs.take().analyzePass, shared.analyzePass, 'a cancelled pass is not kept: the next call runs it whole');
  engine.dispose();
});

test('a disposed set\'s kept results are dropped', async () => {
  const engine = await loadEngine({ workers: 1 });
  const a = await engine.embeddings(randomTensor(200, 8, 1));
  const b = await engine.embeddings(randomTensor(200, 8, 2));
  await a.analyze({ estimate: true, samplePairs: 500 });
  await a.analyze({ groups: Array.from({ length: 200 }, (_, i) => i % 3) });
  assert.equal(_keptAnalyses(a), 4, 'closed forms, exact pass, sample, grouping');
  a.dispose();
  assert.equal(_keptAnalyses(a), 0, 'dropped by dispose() itself');
  await assert.rejects(a.analyze(), { code: 'DISPOSED' });
  await b.analyze();
  assert.equal(_keptAnalyses(a), 0);
  assert.equal(_keptAnalyses(b), 2);
  engine.dispose();
});
