// Loading a set into every engine worker, describing and dropping it, and
// the workers' own state (info).
import { coreValue } from '../core-result.js';
import { transferableTensor } from '../transfer-tensor.js';

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
      return { result: described };
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

// Every worker gets the set (`transfer` moves the caller's buffer to the
// last one); if any refuses it, the others drop theirs.
export async function loadSet(pool, id, tensor, name, options) {
  const { tensor: payload, transfer } = transferableTensor(tensor, options);
  try {
    const [described] = await pool.broadcast('load', { id, tensor: payload, name }, transfer);
    return described;
  } catch (error) {
    pool.broadcast('dispose', { id }).catch(() => {});
    throw error;
  }
}
