import { EmbeddingSet } from './embedding-set.js';
import { CosineHeatmapError } from './errors.js';
import { formatBytes } from './format-bytes.js';
import { embedTexts } from './operations/embed-texts.js';
import { loadSet } from './operations/load.js';
import { resultTarget } from './shared-result.js';
import { toTensor } from './to-tensor.js';
import { byteBudget, integerIn, optionsObject } from './validate-options.js';
import { WorkerPool } from './worker-pool.js';

// Above this, set.similarity() refuses to materialize n×n (1 GiB: n ≤ 16,384)
// and points to the streamed views instead. loadEngine({matrixBudgetBytes}).
export const DEFAULT_MATRIX_BUDGET_BYTES = 2 ** 30;

// More workers than this only cost memory (each holds every set) and start-up time.
export const MAX_WORKERS = 64;

// Set ids are unique across engines, so a worker can never mistake one
// engine's set for another's even if a handle were passed along.
let nextSetId = 1;

// The public face of the WASM core. All numbers are computed in a pool of
// workers; this class validates input at the edge and plans the work.
export class Engine {
  #pool;
  #onDispose;
  #disposed = false;

  static async create(options = {}, onDispose = () => {}) {
    const settings = checkEngineOptions(options);
    const size = settings.workers ?? (await defaultWorkerCount());
    try {
      const pool = await WorkerPool.spawn(size, { wasmUrl: settings.wasmUrl });
      return new Engine(pool, settings, onDispose);
    } catch (error) {
      throw new CosineHeatmapError(`could not start the cosine-heatmap engine: ${error.message}`, {
        cause: error,
        code: 'ENGINE_START',
      });
    }
  }

  constructor(pool, options, onDispose) {
    this.#pool = pool;
    this.#onDispose = onDispose;
    this.kernel = pool.info.kernel;
    this.workers = pool.size;
    this.limits = pool.info.limits;
    this.matrixBudgetBytes = options.matrixBudgetBytes ?? DEFAULT_MATRIX_BUDGET_BYTES;
    this.copyBudgetBytes = options.copyBudgetBytes ?? null;
  }

  get disposed() {
    return this.#disposed;
  }

  // s = {data: Float32Array (row-major), dims: [n, n] or [n, m], zeroRows}
  // (cross similarity also reports zeroColumns, the zero rows of y).
  // options: {signal, onProgress, shared, out}, and {transfer: true} to hand
  // over x's and y's buffers instead of copying them.
  async cosineSimilarity(x, y, options) {
    this._checkLive();
    const settings = optionsObject(options, 'cosineSimilarity: options');
    const a = this.#tensor(x, 'x');
    const b = y === undefined || y === null ? null : this.#tensor(y, 'y');
    if (b && a.dims[1] !== b.dims[1]) {
      throw new CosineHeatmapError(
        `x and y must have the same dimension: x has d = ${a.dims[1]}, y has d = ${b.dims[1]}`,
        { code: 'INVALID_ARGUMENT' },
      );
    }
    // Refused before anything loads: a wrong `out`, or a matrix over budget.
    const cols = b ? b.dims[0] : a.dims[0];
    if (!resultTarget(settings.out, a.dims[0], cols, 'cosineSimilarity')) this._checkMatrixBudget(a.dims[0], cols);
    const setX = await this.#load(a, 'x', settings);
    try {
      if (!b) return await setX.similarity(settings);
      const setY = await this.#load(b, 'y', settings);
      try {
        return await setX.crossSimilarity(setY, settings);
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
  async embeddings(x, options) {
    this._checkLive();
    return this.#load(this.#tensor(x, 'x'), 'x', optionsObject(options, 'embeddings: options'));
  }

  // The built-in embedder (C++ core, no weights, nothing leaves the
  // machine): hashed word, bigram and character n-gram TF-IDF, L2-normalized;
  // see the README for the exact method. texts: string[]. options: {dim
  // (4096), charNgramMin (3), charNgramMax (5), bigrams (true), lowercase
  // (true), svdComponents (0: off), signal, onProgress}. → {data, dims}.
  async embedTexts(texts, options) {
    this._checkLive();
    return embedTexts(this, texts, optionsObject(options, 'embedTexts: options'));
  }

  // Workers' state, for monitoring memory: [{kernel, sets, heapBytes, limits}] per worker.
  async stats() {
    this._checkLive();
    return this.#pool.broadcast('info', {});
  }

  // Ends the workers and every set made here: later calls on the engine or
  // its sets reject with code 'DISPOSED'.
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#pool.terminate();
    this.#onDispose();
  }

  #tensor(x, name) {
    return toTensor(x, name, { maxSetBytes: this.limits.maxSetBytes });
  }

  async #load(tensor, name, options) {
    const id = nextSetId++;
    const described = await loadSet(this.#pool, id, tensor, name, options, this.copyBudgetBytes ?? undefined);
    return new EmbeddingSet(this, id, described);
  }

  // For the library's own modules (EmbeddingSet, operations, views): not public API.
  get _pool() {
    return this.#pool;
  }

  _checkLive() {
    if (this.#disposed) throw new CosineHeatmapError('this engine was disposed', { code: 'DISPOSED' });
  }

  _checkMatrixBudget(rows, cols) {
    const bytes = rows * cols * 4;
    if (bytes > this.matrixBudgetBytes) {
      throw new CosineHeatmapError(
        `the ${rows} x ${cols} similarity matrix needs ${formatBytes(bytes, this.matrixBudgetBytes)}, over the matrix budget of ` +
          `${formatBytes(this.matrixBudgetBytes, bytes)} (loadEngine({matrixBudgetBytes}) sets it); ` +
          'for large n use the streamed views (set.overview(), set.tiles()) instead of the whole matrix',
        { code: 'MATRIX_BUDGET' },
      );
    }
  }
}

// loadEngine's options, checked before any worker starts.
export function checkEngineOptions(options) {
  const { workers, wasmUrl, matrixBudgetBytes, copyBudgetBytes } = optionsObject(options, 'loadEngine: options');
  if (workers !== undefined) integerIn(workers, 1, MAX_WORKERS, 'loadEngine: workers');
  if (copyBudgetBytes !== undefined) byteBudget(copyBudgetBytes, 'loadEngine: copyBudgetBytes');
  if (matrixBudgetBytes !== undefined) byteBudget(matrixBudgetBytes, 'loadEngine: matrixBudgetBytes');
  return { workers, wasmUrl, matrixBudgetBytes, copyBudgetBytes };
}

async function defaultWorkerCount() {
  let cores = 2;
  if (typeof navigator === 'object' && navigator.hardwareConcurrency) cores = navigator.hardwareConcurrency;
  else if (typeof process === 'object' && process.versions?.node) cores = (await import('node:os')).availableParallelism();
  return Math.min(MAX_WORKERS, Math.max(1, cores));
}
