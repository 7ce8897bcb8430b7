import { EmbeddingSet } from './embedding-set.js';
import { CosineHeatmapError } from './errors.js';
import { toTensor } from './to-tensor.js';
import { transferableTensor } from './transfer-tensor.js';
import { WorkerPool } from './worker-pool.js';

// Above this, set.similarity() refuses to materialize n×n (1 GiB: n ≤ 16,384)
// and points to the streamed views instead. loadEngine({matrixBudgetBytes}).
export const DEFAULT_MATRIX_BUDGET_BYTES = 2 ** 30;

// The public face of the WASM core. All numbers are computed in a pool of
// workers; this class validates input at the edge and plans the work.
export class Engine {
  #pool;
  #nextSetId = 1;
  #onDispose;

  static async create(options = {}, onDispose = () => {}) {
    const size = Math.max(1, Math.floor(options.workers ?? (await defaultWorkerCount())));
    try {
      const pool = await WorkerPool.spawn(size, { wasmUrl: options.wasmUrl });
      return new Engine(pool, options, onDispose);
    } catch (error) {
      throw new CosineHeatmapError(`could not start the cosine-heatmap engine: ${error.message}`, { cause: error });
    }
  }

  constructor(pool, options, onDispose) {
    this.#pool = pool;
    this.#onDispose = onDispose;
    this.kernel = pool.info.kernel;
    this.workers = pool.size;
    this.matrixBudgetBytes = options.matrixBudgetBytes ?? DEFAULT_MATRIX_BUDGET_BYTES;
  }

  // s = {data: Float32Array (row-major), dims: [n, n] or [n, m], zeroRows}
  // (cross similarity also reports zeroColumns, the zero rows of y).
  // options: {signal, onProgress}, and {transfer: true} to hand over x's and
  // y's buffers instead of copying them.
  async cosineSimilarity(x, y, options = {}) {
    const a = toTensor(x, 'x');
    const b = y === undefined || y === null ? null : toTensor(y, 'y');
    if (b && a.dims[1] !== b.dims[1]) {
      throw new CosineHeatmapError(
        `x and y must have the same dimension: x has d = ${a.dims[1]}, y has d = ${b.dims[1]}`,
      );
    }
    this.checkMatrixBudget(a.dims[0], b ? b.dims[0] : a.dims[0]);
    const setX = await this.#load(a, 'x', options);
    try {
      if (!b) return await setX.similarity(options);
      const setY = await this.#load(b, 'y', options);
      try {
        return await setX.crossSimilarity(setY, options);
      } finally {
        setY.dispose();
      }
    } finally {
      setX.dispose();
    }
  }

  // Validates and normalizes x once; the returned set stays in the engine
  // (one copy per worker) until set.dispose(). {transfer: true} hands over
  // x's buffer instead of copying it.
  async embeddings(x, options = {}) {
    return this.#load(toTensor(x, 'x'), 'x', options);
  }

  // The built-in embedder (C++ core, no weights, nothing leaves the
  // machine): hashed word, bigram and character n-gram TF-IDF, L2-normalized;
  // see the README for the exact method. texts: string[]. options: {dim
  // (4096), charNgramMin (3), charNgramMax (5), bigrams (true), lowercase
  // (true), svdComponents (0: off), signal, onProgress}. → {data, dims}.
  async embedTexts(texts, options = {}) {
    const { signal, onProgress, ...settings } = options;
    if (!Array.isArray(texts) || texts.length === 0) {
      throw new CosineHeatmapError('embedTexts: no texts: pass a non-empty array of strings');
    }
    const bad = texts.findIndex((text) => typeof text !== 'string');
    if (bad >= 0) throw new CosineHeatmapError(`embedTexts: text ${bad} is ${typeof texts[bad]}, not a string`);
    if (texts.every((text) => text.trim() === '')) {
      throw new CosineHeatmapError(`embedTexts: all ${texts.length} texts are blank: nothing to embed`);
    }
    let embedded = null;
    await this.#pool.run(
      [{ action: 'embedTexts', args: { texts, options: settings }, weight: texts.length }],
      { signal, onProgress, onResult: (_, result) => (embedded = result) },
    );
    return embedded;
  }

  // Workers' state, for monitoring memory: [{sets, heapBytes}] per worker.
  async stats() {
    return this.#pool.broadcast('info', {});
  }

  checkMatrixBudget(rows, cols) {
    const bytes = rows * cols * 4;
    if (bytes > this.matrixBudgetBytes) {
      throw new CosineHeatmapError(
        `the ${rows} x ${cols} similarity matrix needs ${formatBytes(bytes)}, over the matrix budget of ` +
          `${formatBytes(this.matrixBudgetBytes)} (loadEngine({matrixBudgetBytes}) sets it); ` +
          'for large n use the streamed views (set.overview(), set.tiles()) instead of the whole matrix',
        { code: 'MATRIX_BUDGET' },
      );
    }
  }

  dispose() {
    this.#pool.terminate();
    this.#onDispose();
  }

  async #load(tensor, name, options) {
    const { tensor: payload, transfer } = transferableTensor(tensor, options);
    const id = this.#nextSetId++;
    const [described] = await this.#pool.broadcast('load', { id, tensor: payload, name }, transfer);
    return new EmbeddingSet(this, id, described);
  }

  // For the library's own classes (EmbeddingSet, views): not public API.
  get _pool() {
    return this.#pool;
  }
}

async function defaultWorkerCount() {
  if (typeof navigator === 'object' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  if (typeof process === 'object' && process.versions?.node) {
    const os = await import('node:os');
    return os.availableParallelism();
  }
  return 2;
}

function formatBytes(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
