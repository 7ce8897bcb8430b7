// The seed's signs of risk, measured: each flag carries the number and the
// threshold behind it, and none is raised without that evidence.
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

const percent = (x) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;
const fixed = (x) => x.toFixed(3);

export function analysisFlags(stats, thresholds) {
  const t = { ...DEFAULT_FLAG_THRESHOLDS, ...thresholds };
  const flags = [];
  const add = (id, level, message, value, threshold) => flags.push({ id, level, message, value, threshold });

  // Pair-based flags need pairs: one item has none, and no share of nothing
  // is evidence of anything.
  const hasPairs = stats.pairCount > 0;
  if (hasPairs && stats.mean >= t.highMeanSimilarity) {
    add('high-similarity', 'warning',
      `Uniformly high similarity: the mean pairwise cosine similarity is ${fixed(stats.mean)} (threshold ` +
      `${t.highMeanSimilarity}). Items are hard to tell apart: little diversity, possible redundancy, or an ` +
      'anisotropic embedding space (consider centring the embeddings).',
      stats.mean, t.highMeanSimilarity);
  }
  const negative = stats.shareBelowStrongNegative;
  if (hasPairs && negative > t.strongNegativeShare) {
    add('strong-dissimilarity', 'warning',
      `${percent(negative)} of pairs have similarity ≤ ${t.strongNegativeSimilarity} (threshold ` +
      `${percent(t.strongNegativeShare)} of pairs). Strongly opposed embeddings: where consistency is expected, ` +
      'the model may not capture a coherent set of features.',
      negative, t.strongNegativeShare);
  }
  const duplicateShare = stats.pairCount ? stats.nearDuplicateCount / stats.pairCount : 0;
  if (stats.nearDuplicateCount > 0 && duplicateShare >= t.nearDuplicateShare) {
    add('near-duplicates', 'warning',
      `${stats.nearDuplicateCount.toLocaleString('en-US')} pairs (${percent(duplicateShare)}) have similarity ≥ ` +
      `${stats.duplicateThreshold} (threshold ${percent(t.nearDuplicateShare)} of pairs): near-duplicates or redundant items.`,
      duplicateShare, t.nearDuplicateShare);
  } else if (stats.nearDuplicateCount > 0) {
    add('near-duplicates', 'info',
      `${stats.nearDuplicateCount.toLocaleString('en-US')} pairs have similarity ≥ ${stats.duplicateThreshold}: ` +
      'check whether they are true duplicates.',
      stats.nearDuplicateCount, stats.duplicateThreshold);
  }
  const outlierShare = stats.n ? stats.outlierCount / stats.n : 0;
  if (stats.outlierCount > 0) {
    add('outliers', outlierShare >= t.outlierShare ? 'warning' : 'info',
      `${stats.outlierCount.toLocaleString('en-US')} items (${percent(outlierShare)}) have no neighbour with ` +
      `similarity ≥ ${stats.outlierThreshold}: isolated items, or items the model does not place near anything.`,
      outlierShare, t.outlierShare);
  }
  const dimensionShare = stats.dim ? stats.effectiveDimension / stats.dim : 1;
  if (stats.n > 2 && dimensionShare < t.effectiveDimensionShare) {
    add('low-effective-dimension', 'warning',
      `The embeddings use about ${stats.effectiveDimension.toFixed(1)} of ${stats.dim} dimensions (participation ` +
      `ratio; threshold ${percent(t.effectiveDimensionShare)} of the dimension): a collapsed or highly anisotropic space.`,
      dimensionShare, t.effectiveDimensionShare);
  }
  if (stats.zeroRows > 0) {
    add('zero-vectors', 'warning',
      `${stats.zeroRows} items are zero vectors: their similarity with everything is 0 (as in scikit-learn); ` +
      'they usually mean missing or failed embeddings.',
      stats.zeroRows, 0);
  }
  if (stats.silhouette !== undefined && Number.isFinite(stats.silhouette) && stats.silhouette < t.silhouette) {
    add('groups-not-separated', 'warning',
      `Groups are not kept apart: silhouette score ${fixed(stats.silhouette)} on cosine distance (threshold ` +
      `${t.silhouette}); within-group similarity ${fixed(stats.withinMean)} vs between-group ${fixed(stats.betweenMean)}.`,
      stats.silhouette, t.silhouette);
  }
  return flags;
}
