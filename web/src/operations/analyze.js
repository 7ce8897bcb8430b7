import { DEFAULT_FLAG_THRESHOLDS } from '../analysis-flags.js';
import { analysisResult } from '../analysis-statistics.js';
import { coreValue } from '../core-result.js';
import { withTransfers } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { groupIds } from '../group-ids.js';
import { triangleBands } from '../partition-rows.js';
import { addPart, emptyDistribution, finishDistribution } from '../pair-distribution.js';
import { SharedComputations } from '../shared-computations.js';
import {
  boolean, finiteNumber, integerIn, optionsObject, positiveInteger, similarityThreshold, thresholdList,
} from '../validate-options.js';

const DUPLICATE_BOUND = 10000;
// Jobs of the exact pass: some 0.2 s of one core each, the longest an
// interactive request waits behind this background pass.
const PASS_JOB_FLOPS = 2e9;
// Above this many dimensions the d×d closed forms cost more than the pass.
const CLOSED_FORM_MAX_DIM = 1024;
// Estimates: pairs drawn unless the caller says otherwise, and the seed.
export const DEFAULT_SAMPLE_PAIRS = 1e7;
export const DEFAULT_SEED = 1;
// A sample is drawn in bands of rows fixed by n, d and the sample size, never
// by the number of workers, so a seed gives the same numbers on any engine:
// at least MIN_SAMPLE_BANDS (for parallelism), jobs of at most
// SAMPLE_JOB_FLOPS and SAMPLE_JOB_PAIRS (16 bytes of the worker's heap each),
// and bands whose rows fit in a few MB of cache (a band's pairs read its own
// rows at random; see cpp/include/cosine_heatmap/pair_sample.hpp).
const MIN_SAMPLE_BANDS = 8;
const SAMPLE_JOB_FLOPS = 2e8;
const SAMPLE_JOB_PAIRS = 2 ** 20;
const SAMPLE_BAND_BYTES = 8 * 2 ** 20;
// The closed forms split over workers in bands of whole 256-row blocks
// (the core's accumulation unit) of about GRAM_BAND_FLOPS, as long as the
// bands' d×d partial sums stay under GRAM_PARTS_BYTES in all.
const GRAM_BAND_FLOPS = 2e9;
const GRAM_BLOCK_ROWS = 256;
const GRAM_PARTS_BYTES = 64 * 2 ** 20;
// Results kept per set: passes (exact or sampled) per pass options, group
// statistics per grouping.
const KEPT_PASSES = 4;
const KEPT_GROUPINGS = 2;

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  analyzePass(host, { id, rows: [r0, r1], bins, duplicateThreshold, duplicateBound, thresholds }) {
    const set = host.set(id);
    return withTransfers(
      coreValue(set._analyzePass(r0, r1, bins, duplicateThreshold, duplicateBound, thresholds), 'analyze'),
    );
  },

  pairSample(host, { id, rows: [r0, r1], pairs, seed, stream, bins, thresholds }) {
    return withTransfers(coreValue(host.set(id)._pairSample(r0, r1, pairs, seed, stream, bins, thresholds), 'analyze'));
  },

  gramStatistics(host, { id }) {
    return withTransfers(coreValue(host.set(id)._gramStatistics(), 'analyze'));
  },

  gramMomentsBand(host, { id, rows: [r0, r1] }) {
    return withTransfers(coreValue(host.set(id)._gramMomentsBand(r0, r1), 'analyze'));
  },

  // The bands' moments back to back in the heap, merged by the core.
  gramStatisticsFromBands(host, { id, parts }) {
    const set = host.set(id);
    const flat = new Float64Array(parts.length * parts[0].length);
    parts.forEach((part, k) => flat.set(part, k * part.length));
    return withTransfers(
      host.lend(flat, 'analyze', (pointer) => coreValue(set._gramStatisticsFromBands(pointer, parts.length), 'analyze')),
    );
  },

  groupStatistics(host, { id, groupIds: ids }) {
    const set = host.set(id);
    return withTransfers(host.lend(ids, 'analyze', (pointer) => coreValue(set._groupStatistics(pointer, ids.length), 'analyze')));
  },
};

// The statistics of a set over its off-diagonal pairs i < j, each pair once
// (schema in the README). Three pieces, each computed once per set and kept:
// - the closed forms (mean, std, effective dimension: no pass over pairs);
// - one pass over the pairs per pass options (bins, duplicateThreshold,
//   thresholds): histogram, quantiles, shares, near-duplicates and each
//   item's best neighbour; or, with {estimate: true}, a uniform random sample
//   of pairs instead (histogram, quantiles and shares with standard errors);
// - group statistics per grouping, from closed forms.
// Outliers and flags are read from the kept numbers, so a call that changes
// only groups, outlierThreshold or flagThresholds runs no pass.
export async function analyze(pool, set, options = {}) {
  const {
    bins = 100,
    duplicateThreshold = 0.98,
    outlierThreshold = 0.5,
    thresholds = [0.5, 0.8, 0.9, 0.95],
    groups,
    flagThresholds = {},
    estimate = false,
    samplePairs,
    seed,
    signal,
    onProgress,
  } = options;
  integerIn(bins, 1, 100000, 'analyze: bins');
  similarityThreshold(duplicateThreshold, 'analyze: duplicateThreshold');
  similarityThreshold(outlierThreshold, 'analyze: outlierThreshold');
  checkFlagThresholds(flagThresholds);
  boolean(estimate, 'analyze: estimate');
  if (!estimate && (samplePairs !== undefined || seed !== undefined)) {
    throw new CosineHeatmapError('analyze: samplePairs and seed apply to estimates: pass estimate: true with them', {
      code: 'INVALID_ARGUMENT',
    });
  }
  const sampleSize = samplePairs === undefined ? DEFAULT_SAMPLE_PAIRS : positiveInteger(samplePairs, 'analyze: samplePairs');
  const sampleSeed = seed === undefined ? DEFAULT_SEED : integerIn(seed, 0, Number.MAX_SAFE_INTEGER, 'analyze: seed');
  const reported = thresholdList(thresholds, 'analyze: thresholds');
  const n = set.size;
  const group = groups === undefined ? null : groupIds(groups, n, 'analyze');
  const pairCount = (n * (n - 1)) / 2;

  // The shares a pass counts exactly: the reported ones, the duplicate
  // threshold and the default strong-negative threshold (never the flag
  // threshold itself, which would make a flag change a pass change).
  const passThresholds = [...new Set([...reported, duplicateThreshold, DEFAULT_FLAG_THRESHOLDS.strongNegativeSimilarity])];
  const kept = analysesOf(set);
  const exactKey = `exact ${bins} ${duplicateThreshold} ${passThresholds.join(' ')}`;
  // An estimate of fewer pairs than there are is a sample; otherwise (or once
  // the exact pass for these options is known) it is the exact result.
  const sampled = estimate && sampleSize < pairCount && kept.passes.peek(exactKey) === undefined;
  const passKey = sampled ? `sample ${bins} ${passThresholds.join(' ')} ${sampleSize} ${sampleSeed}` : exactKey;
  const passSettings = { bins, duplicateThreshold, thresholds: passThresholds, pairs: sampleSize, seed: sampleSeed };

  const withClosedForms = set.dim <= CLOSED_FORM_MAX_DIM;
  const progress = combinedProgress(onProgress, 1 + Number(withClosedForms) + Number(Boolean(group)));
  const [closed, pass, grouped] = await Promise.all([
    withClosedForms
      ? kept.closed.join('closed forms', (s, p) => closedForms(pool, set, s, p), { signal, onProgress: progress() })
      : null,
    kept.passes.join(
      passKey,
      (s, p) => (sampled ? samplePass : exactPass)(pool, set, passSettings, s, p),
      { signal, onProgress: progress() },
    ),
    group
      ? kept.groups.join(groupingKey(group), (s, p) => groupStatistics(pool, set, group, s, p), { signal, onProgress: progress() })
      : null,
  ]);
  return analysisResult({
    set, pairCount, closed, pass, group, grouped, bins, reported, duplicateThreshold, outlierThreshold, flagThresholds,
    duplicateBound: DUPLICATE_BOUND, quantileBins: pool.info.limits.quantileBins,
  });
}

// For EmbeddingSet.dispose(): the set's kept results go at once (otherwise
// they go at the next analyze() of any set, or when the set is collected).
export function dropAnalyses(set) {
  analyses.get(set)?.clear();
  analyses.delete(set);
}

// How many results are kept for `set` (for tests).
export function _keptAnalyses(set) {
  const kept = analyses.get(set);
  return kept ? kept.closed.size + kept.passes.size + kept.groups.size : 0;
}

/** @type {WeakMap<object, ReturnType<typeof newAnalyses>>} */
const analyses = new WeakMap();
// The sets with kept results, swept for disposed ones at each call.
/** @type {Set<WeakRef<any>>} */
const keptSets = new Set();

function newAnalyses() {
  return {
    closed: new SharedComputations(1),
    passes: new SharedComputations(KEPT_PASSES),
    groups: new SharedComputations(KEPT_GROUPINGS),
    clear() {
      this.closed.clear();
      this.passes.clear();
      this.groups.clear();
    },
  };
}

function analysesOf(set) {
  for (const ref of keptSets) {
    const kept = ref.deref();
    if (kept && !kept.disposed) continue;
    if (kept) dropAnalyses(kept);
    keptSets.delete(ref);
  }
  let kept = analyses.get(set);
  if (!kept) {
    kept = newAnalyses();
    analyses.set(set, kept);
    keptSets.add(new WeakRef(set));
  }
  return kept;
}

// One {done, total} over the pieces a call waits for (in multiply-adds),
// reported once each piece has said its total.
function combinedProgress(onProgress, pieces) {
  const latest = [];
  let next = 0;
  return () => {
    const k = next++;
    if (!onProgress) return undefined;
    return (progress) => {
      latest[k] = progress;
      if (latest.filter(Boolean).length < pieces) return;
      onProgress({ done: latest.reduce((s, p) => s + p.done, 0), total: latest.reduce((s, p) => s + p.total, 0) });
    };
  };
}

// Mean, std and the effective dimension from X̂ᵀX̂ and Σ x̂ᵢ: O(n·d²), split
// over the workers in bands when the set is large enough to be worth it.
async function closedForms(pool, set, signal, onProgress) {
  const n = set.size;
  const d = set.dim;
  let result = null;
  const keep = (_, part) => {
    result = part;
  };
  const bands = gramBands(n, d);
  if (bands.length === 1) {
    await pool.run([{ action: 'gramStatistics', args: { id: set._id }, weight: (n * d * d) / 2 }], {
      signal, onProgress, onResult: keep, priority: 'background',
    });
    return result;
  }
  const jobs = bands.map(([r0, r1]) => ({
    action: 'gramMomentsBand', args: { id: set._id, rows: [r0, r1] }, weight: ((r1 - r0) * d * d) / 2,
  }));
  const parts = [];
  await pool.run(jobs, {
    signal, onProgress, onResult: (job, part) => (parts[jobs.indexOf(job)] = part.moments), priority: 'background',
  });
  await pool.run([{ action: 'gramStatisticsFromBands', args: { id: set._id, parts }, weight: d * d * d }], {
    signal, onResult: keep, priority: 'background',
  });
  return result;
}

function gramBands(n, d) {
  const count = Math.max(1, Math.min(
    Math.ceil((n * d * d) / 2 / GRAM_BAND_FLOPS),
    Math.floor(GRAM_PARTS_BYTES / (8 * (d * d + d + 2))),
    Math.floor(n / GRAM_BLOCK_ROWS),
  ));
  const size = Math.ceil(n / count / GRAM_BLOCK_ROWS) * GRAM_BLOCK_ROWS;
  const bands = [];
  for (let r0 = 0; r0 < n; r0 += size) bands.push([r0, Math.min(n, r0 + size)]);
  return bands;
}

// Every pair once: bands of the lower triangle, one streamed pass each.
async function exactPass(pool, set, { bins, duplicateThreshold, thresholds }, signal, onProgress) {
  const n = set.size;
  const bands = n > 1 ? triangleBands(n, set.dim, { minBands: pool.size, targetFlops: PASS_JOB_FLOPS }) : [];
  const distribution = emptyDistribution(bins, pool.info.limits.quantileBins, thresholds, bands.length);
  const pass = {
    exact: true, distribution, duplicates: [], duplicateCount: 0,
    best: new Float32Array(n).fill(-Infinity), bestIndex: new Int32Array(n).fill(-1),
  };
  const jobs = bands.map(([r0, r1]) => ({
    action: 'analyzePass',
    args: { id: set._id, rows: [r0, r1], bins, duplicateThreshold, duplicateBound: DUPLICATE_BOUND, thresholds },
    weight: (pairsBelow(r1) - pairsBelow(r0)) * set.dim,
  }));
  await pool.run(jobs, {
    signal,
    onProgress,
    priority: 'background',
    onResult: (job, part) => {
      addPart(distribution, part, jobs.indexOf(job));
      addNeighbours(pass, part);
    },
  });
  finishDistribution(distribution);
  sortDuplicates(pass);
  return pass;
}

function addNeighbours(pass, part) {
  pass.duplicateCount += part.nearDuplicateCount;
  for (let k = 0; k < part.pairI.length; k++) pass.duplicates.push({ i: part.pairI[k], j: part.pairJ[k], score: part.pairScore[k] });
  if (pass.duplicates.length > 4 * DUPLICATE_BOUND) sortDuplicates(pass);
  for (let i = 0; i < pass.best.length; i++) {
    const score = part.bestScore[i];
    if (score > pass.best[i] || (score === pass.best[i] && part.bestIndex[i] < pass.bestIndex[i])) {
      pass.best[i] = score;
      pass.bestIndex[i] = part.bestIndex[i];
    }
  }
}

// Best first; ties: lower i, then lower j. At most DUPLICATE_BOUND kept.
function sortDuplicates(pass) {
  pass.duplicates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  if (pass.duplicates.length > DUPLICATE_BOUND) pass.duplicates.length = DUPLICATE_BOUND;
}

// A uniform random sample of `pairs` pairs i < j, drawn in the workers.
async function samplePass(pool, set, { bins, thresholds, pairs, seed }, signal, onProgress) {
  const jobs = samplePlan(set.size, set.dim, pairs)
    .map(({ rows, count }, stream) => ({
      action: 'pairSample',
      args: { id: set._id, rows, pairs: count, seed, stream, bins, thresholds },
      weight: count * set.dim,
    }))
    .filter((job) => job.args.pairs > 0);
  const distribution = emptyDistribution(bins, pool.info.limits.quantileBins, thresholds, jobs.length);
  await pool.run(jobs, {
    signal, onProgress, onResult: (job, part) => addPart(distribution, part, jobs.indexOf(job)), priority: 'background',
  });
  return { exact: false, distribution: finishDistribution(distribution) };
}

// The sample's bands, and how many pairs each draws: in proportion to the
// pairs it holds (largest remainders, in exact integers), so every pair is
// equally likely to be drawn. Stratifying by band can only lower the
// variance of the estimates below the binomial standard errors reported.
function samplePlan(n, d, pairs) {
  const count = Math.min(n - 1, Math.max(
    MIN_SAMPLE_BANDS,
    Math.ceil((pairs * d) / SAMPLE_JOB_FLOPS),
    Math.ceil(pairs / SAMPLE_JOB_PAIRS),
    Math.ceil((n * d * 4) / SAMPLE_BAND_BYTES),
  ));
  const bands = triangleBands(n, d, { targetFlops: Infinity, minBands: count });
  const held = bands.map(([r0, r1]) => bigPairsBelow(r1) - bigPairsBelow(r0));
  const total = bigPairsBelow(n);
  const wanted = BigInt(pairs);
  const counts = held.map((p) => (wanted * p) / total);
  let left = wanted - counts.reduce((s, c) => s + c, 0n);
  const byRemainder = held
    .map((p, k) => ({ k, remainder: (wanted * p) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.k - b.k : a.remainder > b.remainder ? -1 : 1));
  for (const { k } of byRemainder) {
    if (left === 0n) break;
    counts[k]++;
    left--;
  }
  return bands.map((rows, k) => ({ rows, count: Number(counts[k]) }));
}

async function groupStatistics(pool, set, group, signal, onProgress) {
  let result = null;
  await pool.run(
    [{ action: 'groupStatistics', args: { id: set._id, groupIds: group.ids }, weight: set.size * set.dim * group.names.length }],
    // One short job: a group change need not wait for a pass queued before it.
    { signal, onProgress, onResult: (_, part) => (result = part), priority: 'interactive' },
  );
  return result;
}

function groupingKey(group) {
  return `${group.names.join('\u0000')}\u0001${group.ids.join(',')}`;
}

const pairsBelow = (rows) => (rows * (rows - 1)) / 2;
const bigPairsBelow = (rows) => (BigInt(rows) * BigInt(Math.max(0, rows - 1))) / 2n;

// Every flag threshold is a finite number; unknown names are refused (a
// typo would silently keep the default).
function checkFlagThresholds(flagThresholds) {
  optionsObject(flagThresholds, 'analyze: flagThresholds');
  for (const [name, value] of Object.entries(flagThresholds)) {
    if (!Object.hasOwn(DEFAULT_FLAG_THRESHOLDS, name)) {
      throw new CosineHeatmapError(
        `analyze: flagThresholds.${name} is not a flag threshold (known: ${Object.keys(DEFAULT_FLAG_THRESHOLDS).join(', ')})`,
        { code: 'INVALID_ARGUMENT' },
      );
    }
    finiteNumber(value, `analyze: flagThresholds.${name}`);
  }
  if (flagThresholds.strongNegativeSimilarity !== undefined) {
    similarityThreshold(flagThresholds.strongNegativeSimilarity, 'analyze: flagThresholds.strongNegativeSimilarity');
  }
}
