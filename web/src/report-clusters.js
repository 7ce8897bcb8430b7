// The report's groups cut from the tree (--clusters k): the same clusters
// the view's cut makes, named "cluster 1", "cluster 2", … (natural order).
const HIERARCHICAL = ['average', 'complete', 'single'];

/**
 * One group name per item: `set.clusters({method, k})` with the report's
 * hierarchical order as the method, else average linkage (above 10,000
 * items the engine cuts by spectral bisection).
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {number} k
 * @param {string} order
 * @returns {Promise<string[]>}
 */
export async function clusterGroups(set, k, order) {
  const method = HIERARCHICAL.includes(order) ? order : 'average';
  const labels = await set.clusters({ method, k });
  return Array.from(labels, (label) => `cluster ${label + 1}`);
}
