import { CosineHeatmapError } from './errors.js';
import { analyze, dropAnalyses } from './operations/analyze.js';
import { clusters } from './operations/clusters.js';
import { compare } from './operations/compare.js';
import { linkage } from './operations/linkage.js';
import { neighbours } from './operations/neighbours.js';
import { order } from './operations/order.js';
import { overview } from './operations/overview.js';
import { pairSummary } from './operations/pair-summary.js';
import { crossSimilarity, similarity } from './operations/similarity.js';
import { tiles } from './operations/tiles.js';
import { topK } from './operations/top-k.js';
import { optionsObject } from './validate-options.js';

// A set of embeddings validated and normalized once, kept by every worker of
// the engine that made it until dispose(). Each method is one operation
// (web/src/operations/); this class checks that the set, and its engine,
// can still answer. Long calls take {signal, onProgress({done, total})}.
export class EmbeddingSet {
  #engine;
  #id;
  #disposed = false;
  #orders = new Map(); // method (and groups) -> Promise<Int32Array>
  #linkages = new Map(); // linkage method -> Promise<Float64Array>
  #generation; // the pool's generation when loaded: a replaced worker lost this set

  constructor(engine, id, { size, dim, zeroRows }) {
    this.#engine = engine;
    this.#id = id;
    this.#generation = engine._pool.generation;
    this.size = size;
    this.dim = dim;
    this.zeroRows = zeroRows;
  }

  get disposed() {
    return this.#disposed;
  }

  // The whole n×n matrix: {data: Float32Array (row-major), dims: [n, n],
  // zeroRows}. Refused above the engine's matrix budget.
  async similarity(options) {
    return similarity(this.#engine, this.#usable(), this.#options(options, 'similarity'));
  }

  // This set's rows against another set's: {data, dims: [n, m], zeroRows, zeroColumns}.
  async crossSimilarity(other, options) {
    this.#usable();
    this.#sameEngine(other, 'crossSimilarity');
    if (other.dim !== this.dim) {
      throw new CosineHeatmapError(
        `x and y must have the same dimension: x has d = ${this.dim}, y has d = ${other.dim}`,
        { code: 'INVALID_ARGUMENT' },
      );
    }
    return crossSimilarity(this.#engine, this, other, this.#options(options, 'crossSimilarity'));
  }

  // Count, mean, min and max of S(i, j) over pairs i < j, from one streamed
  // pass over the tiles in the workers: nothing n×n is ever held.
  async pairSummary(options) {
    return pairSummary(this.#engine, this.#usable(), this.#options(options, 'pairSummary'));
  }

  // A permutation of 0..n-1 (Int32Array: position -> item) that puts
  // similar items next to each other: 'original'; 'average' | 'complete' |
  // 'single' (hierarchical clustering on 1 − S, leaves in dendrogram order;
  // O(n²) memory, refused above 10,000 items); 'spectral' (recursive
  // spectral bisection, matrix-free, any n); 'groups' with {groups}
  // (groups contiguous in natural sort order of their names, clustered
  // inside). optimalLeafOrdering: true flips the dendrogram into its optimal
  // leaf order (up to 5,000 items; 'auto' uses it there). Deterministic: the same input gives the same order in Node and
  // in browsers. Computed in one worker; cancel rejects at once, though that
  // worker finishes the job before taking the next. Results are cached.
  async order(options) {
    return order(this.#engine, this.#usable(), this.#orders, this.#options(options, 'order'));
  }

  // The dendrogram of 'average' | 'complete' | 'single' linkage on cosine
  // distance 1 − S in SciPy's linkage-matrix convention: {data: Float64Array,
  // dims: [n − 1, 4]}. Same limit as the hierarchical orders. Cached.
  async linkage(options) {
    return linkage(this.#engine, this.#usable(), this.#linkages, this.#options(options, 'linkage'));
  }

  // Flat clusters, {method, k} or {method, threshold}: Int32Array of n
  // labels 0..m−1, as fcluster(Z, k, 'maxclust') / fcluster(Z, t,
  // 'distance') minus one; above 10,000 items by recursive spectral
  // bisection (labels.method === 'spectral').
  async clusters(options) {
    return clusters(this.#engine, this.#usable(), this.#linkages, this.#options(options, 'clusters'));
  }

  // The matrix in `order` (a permutation; default: original), limited to
  // `window` = {rows: [r0, r1), cols: [c0, c1)} (ordered positions), reduced
  // to at most size × size cells: {data, dims: [rows, cols], rowStarts,
  // colStarts, rowEnds, colEnds, reduce}. 'mean' is exact and needs no pass
  // over the pairs (block sums of unit rows); 'max' and 'min' stream every
  // pair of the window through the workers. Memory O(n·d + cells), never
  // n×n. The order is read when the call starts and travels with it, so
  // calls with different orders may overlap.
  async overview(options) {
    return overview(this.#engine, this.#usable(), this.#options(options, 'overview'));
  }

  // Statistics over the pairs i < j, each once, as plain JSON (schema in the
  // README): distribution, quantiles, near-duplicates, outliers, effective
  // dimension, group separation and the flags of the seed's signs of risk.
  // options: {bins, duplicateThreshold, outlierThreshold, thresholds,
  // groups, flagThresholds, signal, onProgress}.
  async analyze(options) {
    return analyze(this.#engine._pool, this.#usable(), this.#options(options, 'analyze'));
  }

  // Each item's k nearest items, self excluded: {indices: Int32Array,
  // scores: Float32Array, dims: [n, k]} (k capped at n − 1).
  async topK(k = 10, options) {
    return topK(this.#engine._pool, this.#usable(), k, this.#options(options, 'topK'));
  }

  // One item's k nearest other items, from its row alone (milliseconds at
  // any n): {item, indices: Int32Array, scores: Float32Array}, best first.
  async neighbours(item, options) {
    return neighbours(this.#engine, this.#usable(), item, this.#options(options, 'neighbours'));
  }

  // This set against another model's embeddings of the same items: an
  // EmbeddingSet from the same engine, or anything embeddings() takes.
  async compare(other, options) {
    this.#usable();
    const settings = this.#options(options, 'compare');
    if (other instanceof EmbeddingSet) {
      this.#sameEngine(other, 'compare');
      return compare(this.#engine._pool, this, other, settings);
    }
    const temporary = await this.#engine.embeddings(other);
    try {
      return await compare(this.#engine._pool, this, temporary, settings);
    } finally {
      temporary.dispose();
    }
  }

  // Streams the lower triangle (tiles with cols[0] <= rows[0]; entries j < i
  // are the pairs) as {rows: [r0, r1], cols: [c0, c1], data, dims}, a few
  // tiles in flight at a time: memory stays at a few tiles whatever n is.
  tiles(options) {
    return tiles(this.#engine, this.#usable(), this.#options(options, 'tiles'));
  }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    dropAnalyses(this);
    if (!this.#engine.disposed) this.#engine._pool.dropSet(this.#id).catch(() => {});
  }

  // For the library's own modules: the id the workers know this set by.
  get _id() {
    return this.#id;
  }

  // Whether `engine` made this set (handles belong to their engine).
  _belongsTo(engine) {
    return this.#engine === engine;
  }

  #options(options, operation) {
    return optionsObject(options, `${operation}: options`);
  }

  #sameEngine(other, operation) {
    if (!(other instanceof EmbeddingSet)) {
      throw new CosineHeatmapError(`${operation} needs an EmbeddingSet, got ${other === null ? 'null' : typeof other}`, {
        code: 'INVALID_ARGUMENT',
      });
    }
    if (!other._belongsTo(this.#engine)) {
      throw new CosineHeatmapError(
        `${operation}: the other set belongs to another engine; load it into this one with engine.embeddings()`,
        { code: 'OTHER_ENGINE' },
      );
    }
    other.#usable();
  }

  #usable() {
    this.#engine._checkLive();
    if (this.#disposed) throw new CosineHeatmapError('this embedding set was disposed', { code: 'DISPOSED' });
    const pool = this.#engine._pool;
    const failure = pool.failure ?? (pool.generation !== this.#generation ? pool.lastFailure : null);
    if (failure) {
      throw new CosineHeatmapError(
        `this embedding set was lost when an engine worker failed (${failure}); ` +
          'the engine has restarted it: load the embeddings again',
        { code: 'WORKER_LOST' },
      );
    }
    return this;
  }
}
