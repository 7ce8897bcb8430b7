// Loading a set into every engine worker, describing and dropping it, and
// the workers' own state (info).
import { coreValue } from '../core-result.js';
import { isSharedBuffer } from '../shared-result.js';
import { stageRows } from '../staging-buffer.js';
import { needsCopy, transferableTensor } from '../transfer-tensor.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  info(host) {
    const { core } = host;
    return {
      result: {
        kernel: core._kernelIsa(),
        sets: host.setCount,
        heapBytes: core.HEAP8.length,
        limits: {
          maxSetBytes: core.MAX_SET_BYTES,
          maxHeapBytes: core.MAX_HEAP_BYTES,
          quantileBins: core.QUANTILE_BINS,
          maxHierarchicalItems: core.MAX_HIERARCHICAL_ITEMS,
          maxOptimalLeafOrderItems: core.MAX_OPTIMAL_LEAF_ORDER_ITEMS,
        },
      },
    };
  },

  // Copies the tensor into the heap once. Float32 rows go straight into the
  // set's own storage and are normalized in place; float64 rows pass through
  // a temporary buffer, freed at once. A set that does not fit is refused
  // before anything is written, and the worker's other sets stay.
  load(host, { id, tensor: { data, dims }, name }) {
    const { core } = host;
    const set = new core.EmbeddingSet();
    try {
      const pointer = coreValue(set._reserve(dims[0], dims[1]), name);
      if (data instanceof Float32Array) {
        core.HEAPF32.set(data, pointer / 4);
        coreValue(set._normalizeInPlace(), name);
      } else {
        host.lend(data, name, (buffer) => coreValue(set._loadDouble(buffer), name));
      }
      const described = { size: set._size(), dim: set._dim(), zeroRows: Array.from(set._zeroRows()) };
      host.keepSet(id, set);
      // Staged rows (shared memory) are read by every worker at once;
      // others go back to the caller, moved, for the next worker to load.
      if (isSharedBuffer(data.buffer)) return { result: { described } };
      return { result: { described, rows: data }, transfer: [data.buffer] };
    } catch (error) {
      set.delete();
      throw error;
    }
  },

  dispose(host, { id }) {
    host.dropSet(id);
    return { result: true };
  },
};

// The set goes to as many workers as its copy budget pays for (at least
// one). A small set the library must copy anyway is copied once into
// shared memory that every worker reads (staging-buffer.js); otherwise its
// rows are the library's own copy (or the caller's buffer with {transfer:
// true}), moved from worker to worker. If any worker refuses the set, the
// others drop theirs.
export async function loadSet(pool, id, tensor, name, options, copyBudgetBytes) {
  const bytes = tensor.dims[0] * tensor.dims[1] * 4;
  copyBudgetBytes ??= Math.max(DEFAULT_COPY_BUDGET_BYTES, 2 * bytes);
  const staged = needsCopy(tensor, options) ? stageRows(tensor.data) : null;
  if (!staged) return pool.placeSet(id, bytes, copyBudgetBytes, { id, tensor: transferableTensor(tensor, options).tensor, name });
  try {
    return await pool.placeSet(id, bytes, copyBudgetBytes, { id, tensor: { data: staged.rows, dims: tensor.dims }, name });
  } finally {
    staged.release();
  }
}

// Without loadEngine({copyBudgetBytes}), the copies of one set may take
// 512 MiB of worker memory in all, or two copies when that is more: small
// sets sit in every worker, large ones in two, whatever the core count.
export const DEFAULT_COPY_BUDGET_BYTES = 512 * 2 ** 20;
