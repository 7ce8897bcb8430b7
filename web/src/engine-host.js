// The worker side of the engine: owns the WASM module and the embedding sets
// loaded into it, and answers one action at a time. Each action lives in its
// operation's module (web/src/operations/), next to the code that plans its
// jobs and merges their parts; this class only dispatches and lends the
// operations its heap helpers. Results leave as fresh typed arrays (never
// views of the WASM heap, which can grow and detach them), ready to be
// transferred without another copy.
import { coreValue } from './core-result.js';
import { CosineHeatmapError } from './errors.js';
import { workerActions } from './operations/index.js';

/** @typedef {import('./cosine-core.js').CosineCore} CosineCore */
/** @typedef {import('./cosine-core.js').RawEmbeddingSet} RawEmbeddingSet */
/**
 * One worker action of an operation (web/src/operations/): args as the
 * operation's planner sent them; returns the result and the buffers to move.
 * @typedef {(host: EngineHost, args: any, context: {progress?: (done: number, total: number) => void}) =>
 *   {result: any, transfer?: Transferable[]}} WorkerAction
 */

export class EngineHost {
  /** @type {CosineCore} */
  core;
  /** @type {Map<number, RawEmbeddingSet>} */
  #sets = new Map();

  /** @param {CosineCore} core */
  constructor(core) {
    this.core = core;
  }

  // context.progress(done, total) reports from inside a long action.
  handle(action, args, context = {}) {
    const run = Object.hasOwn(workerActions, action) ? workerActions[action] : null;
    if (!run) throw new CosineHeatmapError(`unknown engine action "${action}"`, { code: 'INVALID_ARGUMENT' });
    return run(this, args, context);
  }

  get setCount() {
    return this.#sets.size;
  }

  /** @param {number} id @returns {RawEmbeddingSet} */
  set(id) {
    const set = this.#sets.get(id);
    if (!set) throw new CosineHeatmapError('this embedding set was disposed', { code: 'DISPOSED' });
    return set;
  }

  /** @param {number} id @param {RawEmbeddingSet} set */
  keepSet(id, set) {
    this.dropSet(id);
    this.#sets.set(id, set);
  }

  /** @param {number} id */
  dropSet(id) {
    this.#sets.get(id)?.delete();
    this.#sets.delete(id);
  }

  // A fresh Float32Array (or Int32Array) of `count` values that
  // fill(pointer) writes in the heap; fill returns the core's result,
  // checked as `operation`. With `into` (an ArrayBuffer the caller sent
  // back to be reused, large enough) the values go there instead: a buffer
  // already in memory costs a copy, a fresh one also a page fault per 4 KiB.
  /**
   * @param {number} count
   * @param {string} operation
   * @param {(pointer: number) => import('./cosine-core.js').CoreResult<true>} fill
   * @param {'float32' | 'int32'} [type]
   * @param {ArrayBuffer} [into]
   */
  output(count, operation, fill, type = 'float32', into = undefined) {
    return this.inHeap(count, operation, fill, type, (values) => {
      if (!(into instanceof ArrayBuffer) || into.byteLength < count * 4) return values.slice();
      const reused = type === 'int32' ? new Int32Array(into, 0, count) : new Float32Array(into, 0, count);
      reused.set(values);
      return reused;
    });
  }

  // Like output(), but hands use() the values where fill wrote them (a
  // view of the heap, valid only during the call) and returns what use
  // returns: for results the worker writes straight into their place in
  // a SharedArrayBuffer, with no copy of their own.
  /**
   * @template T
   * @param {number} count
   * @param {string} operation
   * @param {(pointer: number) => import('./cosine-core.js').CoreResult<true>} fill
   * @param {'float32' | 'int32'} type
   * @param {(values: Float32Array | Int32Array) => T} use
   * @returns {T}
   */
  inHeap(count, operation, fill, type, use) {
    const core = this.core;
    const pointer = heapAddress(core._malloc(Math.max(4, count * 4)));
    if (!pointer) {
      throw new CosineHeatmapError(
        `${operation}: not enough memory in the engine worker for the ${count}-value result (${count * 4} bytes)`,
        { code: 'OUT_OF_MEMORY' },
      );
    }
    try {
      coreValue(fill(pointer), operation);
      const heap = type === 'int32' ? core.HEAP32 : core.HEAPF32;
      return use(heap.subarray(pointer / 4, pointer / 4 + count));
    } finally {
      core._free(pointer);
    }
  }

  // Lends `values` to a core call at a heap address (0 when empty), freed after.
  /**
   * @template T
   * @param {Int32Array | Float64Array} values
   * @param {string} operation
   * @param {(pointer: number) => T} use
   * @returns {T}
   */
  lend(values, operation, use) {
    const core = this.core;
    if (values.length === 0) return use(0);
    const pointer = heapAddress(core._malloc(values.byteLength));
    if (!pointer) {
      throw new CosineHeatmapError(`${operation}: not enough memory in the engine worker (${values.byteLength} bytes)`, {
        code: 'OUT_OF_MEMORY',
      });
    }
    try {
      const heap = values instanceof Float64Array ? core.HEAPF64 : core.HEAP32;
      heap.set(values, pointer / values.BYTES_PER_ELEMENT);
      return use(pointer);
    } finally {
      core._free(pointer);
    }
  }
}

// _malloc answers a signed 32-bit number: an address above 2 GiB comes back
// negative, and a negative index into a heap view counts from its end.
function heapAddress(pointer) {
  return pointer >>> 0;
}
