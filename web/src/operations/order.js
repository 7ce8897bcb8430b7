// Orders that put similar items next to each other. The method crosses to
// the core as its Embind enum (OrderMethod), looked up by name in the worker.
import { transferred } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { groupIds as toGroupIds } from '../group-ids.js';
import { boolean, describeValue } from '../validate-options.js';

export const ORDER_METHODS = ['auto', 'original', 'average', 'complete', 'single', 'spectral', 'groups'];

const HIERARCHICAL = ['average', 'complete', 'single'];

// 'auto' picks average linkage up to this many items (seconds at most in
// WASM), recursive spectral bisection above.
export const AUTO_HIERARCHICAL_MAX_ITEMS = 5000;

// optimalLeafOrdering 'auto' flips the tree up to this many items: in WASM
// 1.4 s of CPU at 3,000 items (the plain order 0.4 s), 6 to 11 s at 5,000
// (scripts/bench-linkage.js), too long to make every view wait for.
export const AUTO_OPTIMAL_LEAF_ORDER_MAX_ITEMS = 3000;

// What 'auto' means for a set of `size` items: by group when groups are
// given, else the clustering that shows structure at that size. A mean
// overview of an unordered set is flat by construction (every block mixes
// all clusters), so some order is always better than the file's.
export function autoOrderMethod(size, hasGroups) {
  if (hasGroups) return 'groups';
  return size <= AUTO_HIERARCHICAL_MAX_ITEMS ? 'average' : 'spectral';
}

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  order(host, { id, method, groupIds, optimal }, { progress }) {
    const set = host.set(id);
    const { core } = host;
    const methodValue = Object.hasOwn(core.OrderMethod, method) ? core.OrderMethod[method] : null;
    if (!methodValue) throw new CosineHeatmapError(`order: unknown method ${describeValue(method)}`, { code: 'INVALID_ARGUMENT' });
    const permutation = host.output(
      set._size(),
      'order',
      (pointer) => host.lend(groupIds, 'order', (groups) => set._order(methodValue, groups, groupIds.length, optimal, pointer, progress)),
      'int32',
    );
    return transferred(permutation);
  },
};

// A permutation (Int32Array: position -> item), computed once per method
// (and groups) in one worker and cached in `cache`; each caller gets a copy,
// whose `method` property names the method used ('auto' resolved).
// optimalLeafOrdering (average / complete / single / groups): true for the
// dendrogram's optimal leaf order (Bar-Joseph et al. 2001) instead of its
// plain one (refused above engine.limits.maxOptimalLeafOrderItems items);
// 'auto' (the default of method 'auto') where it is quick: up to
// AUTO_OPTIMAL_LEAF_ORDER_MAX_ITEMS items (in the largest group for
// 'groups'; with true, groups above the limit keep their plain order).
export async function order(engine, set, cache, options) {
  const { groups, signal, onProgress } = options;
  let { method = 'original', optimalLeafOrdering } = options;
  if (optimalLeafOrdering !== undefined && optimalLeafOrdering !== 'auto') {
    boolean(optimalLeafOrdering, 'order: optimalLeafOrdering');
  }
  if (!ORDER_METHODS.includes(method)) {
    throw new CosineHeatmapError(`order: method must be one of ${ORDER_METHODS.join(', ')}; got ${describeValue(method)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  const oloLimit = engine.limits.maxOptimalLeafOrderItems;
  if (method === 'auto') {
    method = autoOrderMethod(set.size, groups !== undefined && groups !== null);
    optimalLeafOrdering ??= 'auto';
  }
  let groupIds = new Int32Array(0);
  if (method === 'groups') groupIds = toGroupIds(groups, set.size, "order: 'groups'").ids;
  if (optimalLeafOrdering === 'auto') {
    // For 'groups', the tree that is flipped is each group's.
    const largest = method === 'groups' ? largestGroup(groupIds) : set.size;
    optimalLeafOrdering = largest <= Math.min(oloLimit, AUTO_OPTIMAL_LEAF_ORDER_MAX_ITEMS);
  }
  const optimal = Boolean(optimalLeafOrdering) && (HIERARCHICAL.includes(method) || method === 'groups');
  if (optimal && method !== 'groups' && set.size > oloLimit) {
    throw new CosineHeatmapError(
      `order: optimal leaf ordering of ${set.size} items needs an n x n table and O(n^3) time; it is limited to ` +
        `${oloLimit} items: order without optimalLeafOrdering, or use 'auto'`,
      { code: 'TOO_LARGE' },
    );
  }
  // Refused here, not after waiting in the queue behind other work.
  const limit = engine.limits.maxHierarchicalItems;
  if (HIERARCHICAL.includes(method) && set.size > limit) {
    const megabytes = Math.round((set.size * (set.size - 1) * 2) / 1e6);
    throw new CosineHeatmapError(
      `order: ${method} linkage of ${set.size} items needs O(n^2) memory (${megabytes} MB of pairwise distances); ` +
        `hierarchical orders are limited to ${limit} items: use 'spectral' or 'auto' for larger sets`,
      { code: 'TOO_LARGE' },
    );
  }
  const key = `${method}${optimal ? '+olo' : ''}${method === 'groups' ? `:${Array.from(groupIds).join(',')}` : ''}`;
  if (!cache.has(key)) {
    let permutation = null;
    const job = { action: 'order', args: { id: set._id, method, groupIds, optimal } };
    const computing = engine._pool
      .run([job], { signal, onProgress, onResult: (_, result) => (permutation = result) })
      .then(() => permutation);
    cache.set(key, computing);
    computing.catch(() => cache.delete(key));
  }
  const permutation = (await cache.get(key)).slice();
  // Not enumerable: the array still equals any other with the same items.
  Object.defineProperty(permutation, 'method', { value: method });
  Object.defineProperty(permutation, 'optimalLeafOrdering', { value: optimal });
  return permutation;
}

function largestGroup(groupIds) {
  const sizes = new Map();
  let largest = 0;
  for (const id of groupIds) {
    const size = (sizes.get(id) ?? 0) + 1;
    sizes.set(id, size);
    largest = Math.max(largest, size);
  }
  return largest;
}
