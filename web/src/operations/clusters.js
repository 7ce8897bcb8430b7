// Flat clusters: the dendrogram cut into k clusters or at a cosine distance,
// as SciPy's fcluster cuts it; beyond the hierarchical limit, recursive
// spectral bisection.
import { CosineHeatmapError } from '../errors.js';
import { integerIn, numberIn } from '../validate-options.js';
import { linkageMatrix, linkageMethod } from './linkage.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  cutTree(host, { matrix, size, k, threshold }) {
    const labels = host.output(
      size,
      'clusters',
      (out) => host.lend(matrix, 'clusters', (z) => host.core._cutTree(z, size, k, threshold, out)),
      'int32',
    );
    return { result: labels, transfer: [labels.buffer] };
  },
  spectralClusters(host, { id, k, threshold }) {
    const set = host.set(id);
    const labels = host.output(set._size(), 'clusters', (out) => set._spectralClusters(k, threshold, out), 'int32');
    return { result: labels, transfer: [labels.buffer] };
  },
};

// Exactly one of k (a positive integer; at most k clusters, fewer only when
// merges tie at the cut) and threshold (a cosine distance in [0, 2]).
function cutOf(options) {
  const hasK = options.k !== undefined;
  const hasThreshold = options.threshold !== undefined;
  if (hasK === hasThreshold) {
    throw new CosineHeatmapError(
      `clusters: give either k (how many clusters) or threshold (a cosine distance), not ${hasK ? 'both' : 'neither'}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  if (hasK) return { k: integerIn(options.k, 1, 2 ** 31 - 1, 'clusters: k'), threshold: 0 };
  return { k: 0, threshold: numberIn(options.threshold, 0, 2, 'clusters: threshold') };
}

// Int32Array of n labels 0..m−1 (m <= k), with a non-enumerable `method`:
// the linkage method, or 'spectral' above the engine's hierarchical limit.
// Up to that limit labels[i] = fcluster(Z, ...)[i] − 1 for Z = linkage().
export async function clusters(engine, set, linkageCache, options) {
  const { method = 'average', signal, onProgress } = options;
  linkageMethod(method, 'clusters');
  const { k, threshold } = cutOf(options);
  let labels = null;
  const keep = (_, result) => (labels = result);
  let used = method;
  if (set.size > engine.limits.maxHierarchicalItems) {
    used = 'spectral';
    const job = { action: 'spectralClusters', args: { id: set._id, k, threshold } };
    await engine._pool.run([job], { signal, onProgress, onResult: keep });
  } else {
    const matrix = await linkageMatrix(engine, set, linkageCache, method, { signal, onProgress });
    const job = { action: 'cutTree', args: { matrix, size: set.size, k, threshold } };
    await engine._pool.run([job], { signal, onResult: keep });
  }
  Object.defineProperty(labels, 'method', { value: used });
  return labels;
}
