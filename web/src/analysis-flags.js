// The seed's signs of risk, measured: each flag carries the number and the
// threshold behind it, and none is raised without that evidence. A number
// estimated from a sample of pairs says so in its flag's message, with its
// standard error; a number the estimate did not compute raises no flag.
export const DEFAULT_FLAG_THRESHOLDS = Object.freeze({
  // Mean pairwise similarity above this: uniformly high similarity.
  highMeanSimilarity: 0.5,
  // Share of pairs with S <= strongNegativeSimilarity above this share.
  strongNegativeSimilarity: -0.5,
  strongNegativeShare: 0.05,
  // Share of pairs at or above the duplicate threshold.
  nearDuplicateShare: 0.001,
  // Share of items whose best neighbour is below the outlier threshold.
  outlierShare: 0.01,
  // Participation ratio below this share of the dimension: a collapsed space.
  effectiveDimensionShare: 0.02,
  // Silhouette on cosine distance below this: groups are not kept apart.
  silhouette: 0.05,
});

const percent = (x) => `${x > 0 && x < 1e-4 ? (100 * x).toPrecision(2) : (100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;
const fixed = (x) => x.toFixed(3);
const count = (x) => x.toLocaleString('en-US');

/**
 * @param {object} evidence the numbers behind the flags (web/src/analysis-statistics.js):
 *   {n, dim, pairCount, sampledPairs (null when exact), mean, effectiveDimension, momentsEstimated,
 *    zeroRows, duplicateThreshold, outlierThreshold, strongNegative: {share, standardError},
 *    nearDuplicates: {count (null in an estimate), share, standardError}, outlierCount (null in an
 *    estimate), groups: {silhouette, withinMean, betweenMean} | null}
 * @param {object} [thresholds] flagThresholds
 */
export function analysisFlags(evidence, thresholds) {
  const t = { ...DEFAULT_FLAG_THRESHOLDS, ...thresholds };
  const flags = [];
  const add = (id, level, message, value, threshold) => flags.push({ id, level, message, value, threshold });
  const sampled = evidence.sampledPairs;
  // "12.0%", or "An estimated 12.0% (± 0.3%)" from a sample (it starts a sentence).
  const shareText = ({ share, standardError }) =>
    sampled === null ? percent(share) : `An estimated ${percent(share)} (± ${percent(standardError)})`;
  const fromSample = sampled === null ? '' : ` Estimated from ${count(sampled)} random pairs.`;
  const fromMoments = evidence.momentsEstimated ? fromSample : '';

  // Pair-based flags need pairs: one item has none, and no share of nothing
  // is evidence of anything.
  const hasPairs = evidence.pairCount > 0;
  if (hasPairs && evidence.mean >= t.highMeanSimilarity) {
    add('high-similarity', 'warning',
      `Uniformly high similarity: the mean pairwise cosine similarity is ${fixed(evidence.mean)} (threshold ` +
      `${t.highMeanSimilarity}). Items are hard to tell apart: little diversity, possible redundancy, or an ` +
      `anisotropic embedding space (consider centring the embeddings).${fromMoments}`,
      evidence.mean, t.highMeanSimilarity);
  }
  const negative = evidence.strongNegative;
  if (hasPairs && negative.share > t.strongNegativeShare) {
    add('strong-dissimilarity', 'warning',
      `${shareText(negative)} of pairs have similarity ≤ ${t.strongNegativeSimilarity} (threshold ` +
      `${percent(t.strongNegativeShare)} of pairs). Strongly opposed embeddings: where consistency is expected, ` +
      `the model may not capture a coherent set of features.${fromSample}`,
      negative.share, t.strongNegativeShare);
  }
  nearDuplicateFlag(evidence, t, add, shareText, fromSample);
  if (evidence.outlierCount > 0) {
    const outlierShare = evidence.outlierCount / evidence.n;
    add('outliers', outlierShare >= t.outlierShare ? 'warning' : 'info',
      `${count(evidence.outlierCount)} items (${percent(outlierShare)}) have no neighbour with ` +
      `similarity ≥ ${evidence.outlierThreshold}: isolated items, or items the model does not place near anything.`,
      outlierShare, t.outlierShare);
  }
  const dimensionShare = evidence.dim ? evidence.effectiveDimension / evidence.dim : 1;
  if (evidence.n > 2 && dimensionShare < t.effectiveDimensionShare) {
    add('low-effective-dimension', 'warning',
      `The embeddings use about ${evidence.effectiveDimension.toFixed(1)} of ${evidence.dim} dimensions (participation ` +
      `ratio; threshold ${percent(t.effectiveDimensionShare)} of the dimension): a collapsed or highly anisotropic ` +
      `space.${fromMoments}`,
      dimensionShare, t.effectiveDimensionShare);
  }
  if (evidence.zeroRows > 0) {
    add('zero-vectors', 'warning',
      `${evidence.zeroRows} items are zero vectors: their similarity with everything is 0 (as in scikit-learn); ` +
      'they usually mean missing or failed embeddings.',
      evidence.zeroRows, 0);
  }
  const groups = evidence.groups;
  if (groups && Number.isFinite(groups.silhouette) && groups.silhouette < t.silhouette) {
    add('groups-not-separated', 'warning',
      `Groups are not kept apart: silhouette score ${fixed(groups.silhouette)} on cosine distance (threshold ` +
      `${t.silhouette}); within-group similarity ${fixed(groups.withinMean)} vs between-group ${fixed(groups.betweenMean)}.`,
      groups.silhouette, t.silhouette);
  }
  return flags;
}

// Exact: the count of pairs at or above the duplicate threshold. Estimated:
// their share in the sample (the exact pass lists and counts them); none in
// the sample raises nothing, since the sample cannot rule them out.
function nearDuplicateFlag(evidence, t, add, shareText, fromSample) {
  const duplicates = evidence.nearDuplicates;
  const estimated = duplicates.count === null;
  if (estimated ? !(duplicates.share > 0) : !(duplicates.count > 0)) return;
  const what = estimated ? `${shareText(duplicates)} of pairs` : `${count(duplicates.count)} pairs (${percent(duplicates.share)})`;
  if (duplicates.share >= t.nearDuplicateShare) {
    add('near-duplicates', 'warning',
      `${what} have similarity ≥ ${evidence.duplicateThreshold} (threshold ${percent(t.nearDuplicateShare)} of pairs): ` +
      `near-duplicates or redundant items.${fromSample}`,
      duplicates.share, t.nearDuplicateShare);
  } else if (estimated) {
    add('near-duplicates', 'info',
      `${what} have similarity ≥ ${evidence.duplicateThreshold}: check whether they are true duplicates.${fromSample}`,
      duplicates.share, t.nearDuplicateShare);
  } else {
    add('near-duplicates', 'info',
      `${count(duplicates.count)} pairs have similarity ≥ ${evidence.duplicateThreshold}: ` +
      'check whether they are true duplicates.',
      duplicates.count, evidence.duplicateThreshold);
  }
}
