// The dendrogram behind the hierarchical orders, as SciPy's linkage matrix:
// computed once per method in one worker, cached by the set.
import { coreValue } from '../core-result.js';
import { CosineHeatmapError } from '../errors.js';
import { describeValue } from '../validate-options.js';

export const LINKAGE_METHODS = ['average', 'complete', 'single'];

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  linkage(host, { id, method }) {
    const { core } = host;
    const matrix = coreValue(host.set(id)._linkage(core.Linkage[method]), 'linkage');
    return { result: matrix, transfer: [matrix.buffer] };
  },
};

export function linkageMethod(method, operation) {
  if (!LINKAGE_METHODS.includes(method)) {
    throw new CosineHeatmapError(`${operation}: method must be one of ${LINKAGE_METHODS.join(', ')}; got ${describeValue(method)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  return method;
}

// The refusal above the engine's hierarchical limit, before any queueing.
export function tooLargeForLinkage(engine, set, method, operation, advice) {
  const limit = engine.limits.maxHierarchicalItems;
  if (set.size <= limit) return null;
  const megabytes = Math.round((set.size * (set.size - 1) * 2) / 1e6);
  return new CosineHeatmapError(
    `${operation}: ${method} linkage of ${set.size} items needs O(n^2) memory (${megabytes} MB of pairwise distances); ` +
      `hierarchical clustering is limited to ${limit} items: ${advice}`,
    { code: 'TOO_LARGE' },
  );
}

// {data: Float64Array, dims: [n − 1, 4]}: row i merges clusters data[4i] <
// data[4i+1] (ids < n are items, n + j the cluster made at row j) at cosine
// distance data[4i+2], giving data[4i+3] items; rows by increasing distance.
// `cache` (method -> Promise<Float64Array>) is the set's; callers get copies.
export async function linkage(engine, set, cache, options) {
  const { method = 'average', signal, onProgress } = options;
  linkageMethod(method, 'linkage');
  const tooLarge = tooLargeForLinkage(engine, set, method, 'linkage', 'clusters() of larger sets come from spectral bisection');
  if (tooLarge) throw tooLarge;
  const data = (await linkageMatrix(engine, set, cache, method, { signal, onProgress })).slice();
  return { data, dims: [set.size - 1, 4] };
}

// The cached matrix itself (not a copy): for this library's own modules.
/** @param {{signal?: AbortSignal, onProgress?: (progress: {done: number, total: number}) => void}} [options] */
export function linkageMatrix(engine, set, cache, method, options = {}) {
  const { signal, onProgress } = options;
  if (!cache.has(method)) {
    let matrix = null;
    const job = { action: 'linkage', args: { id: set._id, method } };
    const computing = engine._pool
      .run([job], { signal, onProgress, onResult: (_, result) => (matrix = result) })
      .then(() => matrix);
    cache.set(method, computing);
    computing.catch(() => cache.delete(method));
  }
  return cache.get(method);
}
