import { analysisFlags, DEFAULT_FLAG_THRESHOLDS } from './analysis-flags.js';
import {
  QUANTILES, countAtOrAbove, quantile, quantileStandardError, shareBelowFromFine, shareStandardError,
} from './pair-distribution.js';

// analyze()'s answer (schema in the README), read from the pieces it keeps
// per set: the closed forms, one pass (exact, or a random sample of pairs)
// and the group statistics. Everything here is cheap: outliers and flags
// come from kept numbers with this call's thresholds.
export function analysisResult({
  set, pairCount, closed, pass, group, grouped, bins, reported, duplicateThreshold, outlierThreshold, flagThresholds,
  duplicateBound, quantileBins,
}) {
  const n = set.size;
  const { exact, distribution } = pass;
  const sampled = distribution.count; // the pairs behind histogram, quantiles and shares
  const moments = closed ?? fromDistribution(distribution, pairCount, n - set.zeroRows.length);
  const momentsEstimated = !exact && !closed;
  const shareOf = (t) => (sampled ? countAtOrAbove(distribution, t) / sampled : 0);
  const outliers = exact ? outliersOf(pass, outlierThreshold) : null;
  const stats = {
    n,
    dim: set.dim,
    pairCount,
    exact,
    sampledPairs: sampled,
    estimated: exact ? [] : [...(momentsEstimated ? ['mean', 'std', 'anisotropy', 'effectiveDimension'] : []), 'histogram', 'quantiles', 'shareAbove'],
    notComputed: exact ? [] : ['min', 'max', 'shareAbove.count', 'nearDuplicates', 'nearDuplicateCount', 'outliers', 'outlierCount'],
    note: exact ? null : estimateNote(sampled, pairCount, momentsEstimated),
    mean: moments.mean,
    std: moments.std,
    min: exact && pairCount ? distribution.min : null,
    max: exact && pairCount ? distribution.max : null,
    anisotropy: moments.mean,
    effectiveDimension: moments.participationRatio,
    effectiveDimensionEntropy: moments.entropyRank,
    histogram: { edges: Array.from({ length: bins + 1 }, (_, k) => -1 + (2 * k) / bins), counts: Array.from(distribution.counts) },
    quantiles: QUANTILES.map((q) => ({
      q,
      value: quantile(distribution.fine, sampled, q),
      standardError: exact ? 0 : quantileStandardError(distribution.fine, sampled, q),
    })),
    quantilePrecision: 2 / quantileBins,
    shareAbove: reported.map((threshold) => {
      const count = countAtOrAbove(distribution, threshold);
      return {
        threshold,
        share: shareOf(threshold),
        count: exact ? count : null,
        standardError: exact ? 0 : shareStandardError(count, sampled),
      };
    }),
    duplicateThreshold,
    nearDuplicates: exact ? pass.duplicates : null,
    nearDuplicateCount: exact ? pass.duplicateCount : null,
    nearDuplicateBound: duplicateBound,
    outlierThreshold,
    outliers: outliers ? outliers.slice(0, duplicateBound) : null,
    outlierCount: outliers ? outliers.length : null,
    zeroRows: set.zeroRows.length,
  };
  if (grouped) stats.groups = groupsOf(group, grouped);

  const strongNegative = flagThresholds.strongNegativeSimilarity ?? DEFAULT_FLAG_THRESHOLDS.strongNegativeSimilarity;
  const counted = countAtOrAbove(distribution, strongNegative);
  const negativeShare = counted === null ? shareBelowFromFine(distribution, strongNegative) : sampled ? 1 - counted / sampled : NaN;
  const duplicateCount = countAtOrAbove(distribution, duplicateThreshold);
  const flags = analysisFlags({
    n,
    dim: set.dim,
    pairCount,
    sampledPairs: exact ? null : sampled,
    mean: moments.mean,
    effectiveDimension: moments.participationRatio,
    momentsEstimated,
    zeroRows: stats.zeroRows,
    duplicateThreshold,
    outlierThreshold,
    strongNegative: {
      share: negativeShare,
      standardError: exact ? 0 : shareStandardError(negativeShare * sampled, sampled),
    },
    nearDuplicates: exact
      ? { count: pass.duplicateCount, share: pairCount ? pass.duplicateCount / pairCount : 0, standardError: 0 }
      : { count: null, share: shareOf(duplicateThreshold), standardError: shareStandardError(duplicateCount, sampled) },
    outlierCount: stats.outlierCount,
    groups: grouped ? { silhouette: grouped.silhouette, withinMean: grouped.withinMean, betweenMean: grouped.betweenMean } : null,
  }, flagThresholds);
  return toPlainJson({ ...stats, flags });
}

// What an estimate holds, in words.
function estimateNote(sampled, pairCount, momentsEstimated) {
  const share = (100 * sampled) / pairCount;
  return (
    `Estimate from ${sampled.toLocaleString('en-US')} random pairs of ${pairCount.toLocaleString('en-US')} ` +
    `(${share < 0.01 ? share.toPrecision(1) : share.toFixed(2)}%): histogram, quantiles and shares are estimated, ` +
    'with standard errors; ' +
    (momentsEstimated
      ? 'mean, std and effective dimension too (above 1,024 dimensions they come from the pairs); group numbers are exact. '
      : 'mean, std, effective dimension and group numbers are exact. ') +
    'Min, max, near-duplicates, outliers and counts need the exact pass: analyze() without estimate.'
  );
}

// Items whose best neighbour scores below the threshold, worst first.
function outliersOf(pass, threshold) {
  const outliers = [];
  const n = pass.best.length;
  for (let i = 0; i < n; i++) {
    if (n > 1 && !(pass.best[i] >= threshold)) outliers.push({ i, bestNeighbour: pass.bestIndex[i], score: pass.best[i] });
  }
  return outliers.sort((a, b) => a.score - b.score || a.i - b.i);
}

function groupsOf(group, grouped) {
  const sizes = new Array(group.names.length).fill(0);
  for (const id of group.ids) sizes[id]++;
  const groups = {
    withinMean: grouped.withinMean,
    betweenMean: grouped.betweenMean,
    silhouette: Number.isFinite(grouped.silhouette) ? grouped.silhouette : null,
    perGroup: group.names.map((name, g) => ({
      name,
      size: sizes[g],
      withinMean: Number.isFinite(grouped.groupWithinMean[g]) ? grouped.groupWithinMean[g] : null,
    })),
  };
  if (grouped.silhouetteNote) groups.note = grouped.silhouetteNote;
  return groups;
}

// The closed forms' numbers from the pairs counted (above 1,024 dimensions,
// where the d×d closed forms cost more than the pass): exact sums of every
// pair, or a sample's means scaled to all pairs.
// Σλ² = ‖X̂X̂ᵀ‖²_F = n′ + 2·Σ_{i<j} s².
function fromDistribution(distribution, pairCount, nonzero) {
  const { count, sum, sumSquares } = distribution;
  const mean = count ? sum / count : NaN;
  const meanSquare = count ? sumSquares / count : NaN;
  const sumOfSquaredEigenvalues = nonzero + 2 * pairCount * (count ? meanSquare : 0);
  return {
    mean,
    std: Math.sqrt(Math.max(0, meanSquare - mean * mean)),
    participationRatio: sumOfSquaredEigenvalues > 0 ? (nonzero * nonzero) / sumOfSquaredEigenvalues : 0,
    entropyRank: null,
  };
}

// analyze() returns plain JSON: numbers, strings, arrays, objects.
function toPlainJson(stats) {
  return JSON.parse(JSON.stringify(stats, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}
