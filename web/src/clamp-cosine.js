// A cosine is in [−1, 1], but one computed in float32 can land an ulp
// outside (the diagonal reads 1.00000012). What leaves the library as a
// number a person reads (CSV, figure JSON, statistics, reports) goes
// through here, so no output shows a cosine that cannot be.

/** value clamped to [−1, 1]; NaN, null and undefined pass unchanged. */
export function clampCosine(value) {
  if (typeof value !== 'number' || Number.isNaN(value)) return value;
  return value > 1 ? 1 : value < -1 ? -1 : value;
}

/** A copy of an array of cosines (typed or plain) with every value clamped. */
export function clampCosines(values) {
  const copy = ArrayBuffer.isView(values) ? values.slice() : Array.from(values);
  for (let k = 0; k < copy.length; k++) copy[k] = clampCosine(copy[k]);
  return copy;
}

/**
 * analyze()'s result with the fields that are cosines clamped (a copy):
 * mean, min, max, quantiles, the scores of near-duplicates and outliers,
 * and the group means. Other numbers (shares, dimensions, silhouette) are
 * left as they are.
 */
export function clampStatistics(stats) {
  if (!stats || typeof stats !== 'object') return stats;
  const out = { ...stats };
  for (const key of ['mean', 'min', 'max']) if (key in out) out[key] = clampCosine(out[key]);
  if (Array.isArray(out.quantiles)) out.quantiles = out.quantiles.map((q) => ({ ...q, value: clampCosine(q.value) }));
  for (const key of ['nearDuplicates', 'outliers']) {
    if (Array.isArray(out[key])) out[key] = out[key].map((pair) => ({ ...pair, score: clampCosine(pair.score) }));
  }
  if (out.groups && typeof out.groups === 'object') {
    const groups = { ...out.groups, withinMean: clampCosine(out.groups.withinMean), betweenMean: clampCosine(out.groups.betweenMean) };
    if (Array.isArray(groups.perGroup)) groups.perGroup = groups.perGroup.map((g) => ({ ...g, withinMean: clampCosine(g.withinMean) }));
    out.groups = groups;
  }
  return out;
}
