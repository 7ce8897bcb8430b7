// Orders that put similar items next to each other. The method crosses to
// the core as its Embind enum (OrderMethod), looked up by name in the worker.
import { transferred } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { groupIds as toGroupIds } from '../group-ids.js';
import { describeValue } from '../validate-options.js';

export const ORDER_METHODS = ['original', 'average', 'complete', 'single', 'spectral', 'groups'];

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  order(host, { id, method, groupIds }) {
    const set = host.set(id);
    const { core } = host;
    const methodValue = Object.hasOwn(core.OrderMethod, method) ? core.OrderMethod[method] : null;
    if (!methodValue) throw new CosineHeatmapError(`order: unknown method ${describeValue(method)}`, { code: 'INVALID_ARGUMENT' });
    const permutation = host.output(
      set._size(),
      'order',
      (pointer) => host.lend(groupIds, 'order', (groups) => set._order(methodValue, groups, groupIds.length, pointer)),
      'int32',
    );
    return transferred(permutation);
  },
};

// A permutation (Int32Array: position -> item), computed once per method
// (and groups) in one worker and cached in `cache`; each caller gets a copy.
export async function order(engine, set, cache, options) {
  const { method = 'original', groups, signal, onProgress } = options;
  if (!ORDER_METHODS.includes(method)) {
    throw new CosineHeatmapError(`order: method must be one of ${ORDER_METHODS.join(', ')}; got ${describeValue(method)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  let groupIds = new Int32Array(0);
  if (method === 'groups') groupIds = toGroupIds(groups, set.size, "order: 'groups'").ids;
  const key = method === 'groups' ? `groups:${Array.from(groupIds).join(',')}` : method;
  if (!cache.has(key)) {
    let permutation = null;
    const job = { action: 'order', args: { id: set._id, method, groupIds } };
    const computing = engine._pool
      .run([job], { signal, onProgress, onResult: (_, result) => (permutation = result) })
      .then(() => permutation);
    cache.set(key, computing);
    computing.catch(() => cache.delete(key));
  }
  return (await cache.get(key)).slice();
}
