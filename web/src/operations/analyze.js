import { analysisFlags, DEFAULT_FLAG_THRESHOLDS } from '../analysis-flags.js';
import { coreValue } from '../core-result.js';
import { withTransfers } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { groupIds } from '../group-ids.js';
import { triangleBands } from '../partition-rows.js';
import { finiteNumber, integerIn, optionsObject, similarityThreshold, thresholdList } from '../validate-options.js';

const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
const DUPLICATE_BOUND = 10000;

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  analyzePass(host, { id, rows: [r0, r1], bins, duplicateThreshold, duplicateBound, thresholds }) {
    const set = host.set(id);
    return withTransfers(
      coreValue(set._analyzePass(r0, r1, bins, duplicateThreshold, duplicateBound, thresholds), 'analyze'),
    );
  },

  gramStatistics(host, { id }) {
    return withTransfers(coreValue(host.set(id)._gramStatistics(), 'analyze'));
  },

  groupStatistics(host, { id, groupIds: ids }) {
    const set = host.set(id);
    return withTransfers(host.lend(ids, 'analyze', (pointer) => coreValue(set._groupStatistics(pointer, ids.length), 'analyze')));
  },
};
const CLOSED_FORM_MAX_DIM = 1024;

// The statistics of a set over its off-diagonal pairs i < j, each pair once.
// Mean, std and the effective dimension come from closed forms (no pass over
// the pairs); histogram, quantiles, near-duplicates, outliers and the shares
// above thresholds from one streamed pass shared by all workers. Above
// CLOSED_FORM_MAX_DIM dimensions the d×d closed forms cost more than the
// pass (O(n·d²) and a d×d eigensolver: tens of seconds at d = 4096), so mean
// and std come from the pass's exact sums, the participation ratio from
// Σλ² = ‖X̂X̂ᵀ‖²_F = n′ + 2·Σ_{i<j} s², and the entropy rank is left out.
export async function analyze(pool, set, options = {}) {
  const {
    bins = 100,
    duplicateThreshold = 0.98,
    outlierThreshold = 0.5,
    thresholds = [0.5, 0.8, 0.9, 0.95],
    groups,
    flagThresholds = {},
    signal,
    onProgress,
  } = options;
  integerIn(bins, 1, 100000, 'analyze: bins');
  similarityThreshold(duplicateThreshold, 'analyze: duplicateThreshold');
  similarityThreshold(outlierThreshold, 'analyze: outlierThreshold');
  checkFlagThresholds(flagThresholds);
  const n = set.size;
  const QUANTILE_BINS = pool.info.limits.quantileBins;
  const strongNegative = flagThresholds.strongNegativeSimilarity ?? DEFAULT_FLAG_THRESHOLDS.strongNegativeSimilarity;
  const reported = thresholdList(thresholds, 'analyze: thresholds');
  const shareThresholds = [...new Set([...reported, duplicateThreshold, strongNegative])];
  const group = groups === undefined ? null : groupIds(groups, n, 'analyze');

  const pass = {
    counts: new Float64Array(bins), fine: new Float64Array(QUANTILE_BINS), count: 0, sum: 0, sumSquares: 0, min: Infinity, max: -Infinity,
    duplicates: [], duplicateCount: 0, best: new Float32Array(n).fill(-Infinity), bestIndex: new Int32Array(n).fill(-1),
    share: new Float64Array(shareThresholds.length),
  };
  /** @type {any} */
  let closed = null;
  /** @type {any} */
  let grouped = null;
  const bands = n > 1 ? triangleBands(n, set.dim, { minBands: pool.size, targetFlops: 4e9 }) : [];
  /** @type {{action: string, args: object, weight: number}[]} */
  const jobs = bands.map(([r0, r1]) => ({
    action: 'analyzePass',
    args: { id: set._id, rows: [r0, r1], bins, duplicateThreshold, duplicateBound: DUPLICATE_BOUND, thresholds: shareThresholds },
    weight: (r1 - r0) * r1,
  }));
  if (set.dim <= CLOSED_FORM_MAX_DIM) jobs.push({ action: 'gramStatistics', args: { id: set._id }, weight: n * set.dim });
  if (group) jobs.push({ action: 'groupStatistics', args: { id: set._id, groupIds: group.ids }, weight: n * set.dim });
  await pool.run(jobs, {
    signal,
    onProgress,
    onResult: ({ action }, result) => {
      if (action === 'gramStatistics') closed = result;
      else if (action === 'groupStatistics') grouped = result;
      else mergePass(pass, result);
    },
  });

  const pairCount = (n * (n - 1)) / 2;
  closed ??= fromPass(pass, pairCount, n - set.zeroRows.length);
  const outliers = [];
  for (let i = 0; i < n; i++) {
    if (n > 1 && !(pass.best[i] >= outlierThreshold)) outliers.push({ i, bestNeighbour: pass.bestIndex[i], score: pass.best[i] });
  }
  outliers.sort((a, b) => a.score - b.score || a.i - b.i);
  pass.duplicates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const shareOf = (t) => (pairCount ? pass.share[shareThresholds.indexOf(t)] / pairCount : 0);

  const stats = {
    n,
    dim: set.dim,
    pairCount,
    mean: closed.mean,
    std: closed.std,
    min: pairCount ? pass.min : NaN,
    max: pairCount ? pass.max : NaN,
    anisotropy: closed.mean,
    effectiveDimension: closed.participationRatio,
    effectiveDimensionEntropy: closed.entropyRank,
    histogram: { edges: Array.from({ length: bins + 1 }, (_, k) => -1 + (2 * k) / bins), counts: Array.from(pass.counts) },
    quantiles: QUANTILES.map((q) => ({ q, value: quantile(pass.fine, pass.count, q) })),
    quantilePrecision: 2 / QUANTILE_BINS,
    shareAbove: reported.map((threshold) => ({ threshold, share: shareOf(threshold), count: pass.share[shareThresholds.indexOf(threshold)] })),
    duplicateThreshold,
    nearDuplicates: pass.duplicates.slice(0, DUPLICATE_BOUND),
    nearDuplicateCount: pass.duplicateCount,
    nearDuplicateBound: DUPLICATE_BOUND,
    outlierThreshold,
    outliers: outliers.slice(0, DUPLICATE_BOUND),
    outlierCount: outliers.length,
    zeroRows: set.zeroRows.length,
    shareBelowStrongNegative: pairCount ? 1 - shareOf(strongNegative) : NaN,
  };
  if (grouped) {
    stats.withinMean = grouped.withinMean;
    stats.betweenMean = grouped.betweenMean;
    stats.silhouette = grouped.silhouette;
    stats.groups = {
      withinMean: grouped.withinMean,
      betweenMean: grouped.betweenMean,
      silhouette: Number.isFinite(grouped.silhouette) ? grouped.silhouette : null,
      perGroup: group.names.map((name, g) => ({
        name,
        size: group.ids.reduce((count, id) => count + (id === g ? 1 : 0), 0),
        withinMean: Number.isFinite(grouped.groupWithinMean[g]) ? grouped.groupWithinMean[g] : null,
      })),
    };
    if (grouped.silhouetteNote) stats.groups.note = grouped.silhouetteNote;
  }
  return toPlainJson(stats, analysisFlags(stats, flagThresholds));
}

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

// The closed forms' numbers from the pass's exact sums (large d).
function fromPass(pass, pairCount, nonzero) {
  const mean = pairCount ? pass.sum / pairCount : NaN;
  const variance = pairCount ? Math.max(0, pass.sumSquares / pairCount - mean * mean) : NaN;
  const sumOfSquaredEigenvalues = nonzero + 2 * pass.sumSquares;
  return {
    mean,
    std: Math.sqrt(variance),
    participationRatio: sumOfSquaredEigenvalues > 0 ? (nonzero * nonzero) / sumOfSquaredEigenvalues : 0,
    entropyRank: null,
  };
}

function mergePass(pass, part) {
  for (let b = 0; b < pass.counts.length; b++) pass.counts[b] += part.counts[b];
  for (let b = 0; b < pass.fine.length; b++) pass.fine[b] += part.fineCounts[b];
  pass.count += part.count;
  pass.sum += part.sum;
  pass.sumSquares += part.sumSquares;
  pass.min = Math.min(pass.min, part.min);
  pass.max = Math.max(pass.max, part.max);
  pass.duplicateCount += part.nearDuplicateCount;
  for (let k = 0; k < part.pairI.length; k++) pass.duplicates.push({ i: part.pairI[k], j: part.pairJ[k], score: part.pairScore[k] });
  if (pass.duplicates.length > 4 * DUPLICATE_BOUND) {
    pass.duplicates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
    pass.duplicates.length = DUPLICATE_BOUND;
  }
  for (let i = 0; i < pass.best.length; i++) {
    const score = part.bestScore[i];
    if (score > pass.best[i] || (score === pass.best[i] && part.bestIndex[i] < pass.bestIndex[i])) {
      pass.best[i] = score;
      pass.bestIndex[i] = part.bestIndex[i];
    }
  }
  for (let t = 0; t < pass.share.length; t++) pass.share[t] += part.shareCounts[t];
}

// numpy's default (linear) quantile, read from the fine histogram: the
// order statistics at ranks ⌊q·(N − 1)⌋ and ⌈q·(N − 1)⌉ are each placed
// inside their 1e-4-wide bin, then interpolated, so the result is within
// one bin width of the exact quantile.
function quantile(fine, count, q) {
  if (count === 0) return NaN;
  const rank = q * (count - 1);
  const low = valueAtRank(fine, Math.floor(rank));
  const high = valueAtRank(fine, Math.ceil(rank));
  return low + (high - low) * (rank - Math.floor(rank));
}

function valueAtRank(fine, rank) {
  const width = 2 / fine.length;
  let below = 0;
  for (let b = 0; b < fine.length; b++) {
    if (below + fine[b] > rank) return -1 + width * (b + (rank - below + 0.5) / fine[b]);
    below += fine[b];
  }
  return 1;
}

// analyze() returns plain JSON: numbers, strings, arrays, objects.
function toPlainJson(stats, flags) {
  const { withinMean, betweenMean, silhouette, shareBelowStrongNegative, ...rest } = stats;
  return JSON.parse(JSON.stringify({ ...rest, flags }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}
