// The distribution of S(i, j) over pairs as analyze() assembles it from the
// parts its workers send back (bands of the exact pass, or bands of a random
// sample of pairs): histograms and share counts add up; quantiles and shares
// are read from the totals, with standard errors when the pairs are a sample.

// The quantiles analyze() reports (numpy's linear definition).
export const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/**
 * @param {number} bins @param {number} fineBins @param {number[]} thresholds
 * @param {number} parts how many parts will be added (their sums are added in part order, so the
 *   result does not depend on which worker answered first)
 */
export function emptyDistribution(bins, fineBins, thresholds, parts) {
  return {
    counts: new Float64Array(bins),
    fine: new Float64Array(fineBins),
    count: 0,
    sums: new Float64Array(parts),
    squares: new Float64Array(parts),
    sum: 0,
    sumSquares: 0,
    min: Infinity,
    max: -Infinity,
    thresholds,
    atOrAbove: new Float64Array(thresholds.length),
  };
}

// Part `index` (counts, fineCounts, count, sum, sumSquares, min, max,
// shareCounts), from analyzePass or pairSample.
export function addPart(distribution, part, index) {
  for (let b = 0; b < distribution.counts.length; b++) distribution.counts[b] += part.counts[b];
  for (let b = 0; b < distribution.fine.length; b++) distribution.fine[b] += part.fineCounts[b];
  for (let t = 0; t < distribution.atOrAbove.length; t++) distribution.atOrAbove[t] += part.shareCounts[t];
  distribution.count += part.count;
  distribution.sums[index] = part.sum;
  distribution.squares[index] = part.sumSquares;
  if (part.count > 0) {
    distribution.min = Math.min(distribution.min, part.min);
    distribution.max = Math.max(distribution.max, part.max);
  }
}

// Once every part is in.
export function finishDistribution(distribution) {
  distribution.sum = distribution.sums.reduce((s, v) => s + v, 0);
  distribution.sumSquares = distribution.squares.reduce((s, v) => s + v, 0);
  return distribution;
}

// Pairs counted at or above threshold t, or null when t was not one of the
// thresholds the pass counted exactly.
export function countAtOrAbove(distribution, t) {
  const k = distribution.thresholds.indexOf(t);
  return k < 0 ? null : distribution.atOrAbove[k];
}

// The share of pairs below t read from the fine histogram, for a threshold
// the pass did not count: whole bins below t's bin, and the part of its bin
// below t as if its values were spread evenly (within one bin's count).
export function shareBelowFromFine(distribution, t) {
  const { fine, count } = distribution;
  if (count === 0) return NaN;
  const position = ((t + 1) / 2) * fine.length;
  const bin = Math.min(fine.length - 1, Math.max(0, Math.floor(position)));
  let below = 0;
  for (let b = 0; b < bin; b++) below += fine[b];
  below += fine[bin] * Math.min(1, Math.max(0, position - bin));
  return below / count;
}

// numpy's default (linear) quantile, read from the fine histogram: the
// order statistics at ranks ⌊q·(N − 1)⌋ and ⌈q·(N − 1)⌉ are each placed
// inside their 1e-4-wide bin, then interpolated, so the result is within
// one bin width of the exact quantile of the pairs counted.
export function quantile(fine, count, q) {
  if (count === 0) return NaN;
  return valueAtRank(fine, q * (count - 1));
}

// The standard error of quantile q of a uniform sample of `count` pairs,
// from order statistics: the rank of the sample quantile spreads binomially,
// with standard deviation √(count·q·(1 − q)), so half the distance between
// the values at ranks q·(count − 1) ± that spread is one standard error
// (asymptotically √(q(1 − q)/count) / density, without estimating the density).
export function quantileStandardError(fine, count, q) {
  if (count < 2) return NaN;
  const rank = q * (count - 1);
  const spread = Math.sqrt(count * q * (1 - q));
  const low = valueAtRank(fine, Math.max(0, rank - spread));
  const high = valueAtRank(fine, Math.min(count - 1, rank + spread));
  return (high - low) / 2;
}

// The binomial standard error of a share estimated as `count` of `sampled`
// pairs, with the Agresti–Coull p̃ = (count + 2) / (sampled + 4) in place of
// count / sampled: a share of 0 (or 1) in the sample is then not reported
// as certain.
export function shareStandardError(count, sampled) {
  if (sampled === 0) return NaN;
  const p = (count + 2) / (sampled + 4);
  return Math.sqrt((p * (1 - p)) / sampled);
}

// A fractional rank interpolates between its two neighbouring order statistics.
function valueAtRank(fine, rank) {
  const low = valueAtWholeRank(fine, Math.floor(rank));
  const high = valueAtWholeRank(fine, Math.ceil(rank));
  return low + (high - low) * (rank - Math.floor(rank));
}

function valueAtWholeRank(fine, rank) {
  const width = 2 / fine.length;
  let below = 0;
  for (let b = 0; b < fine.length; b++) {
    if (below + fine[b] > rank) return -1 + width * (b + (rank - below + 0.5) / fine[b]);
    below += fine[b];
  }
  return 1;
}
