import { analyze } from './analyze.js';
import { compare } from './compare.js';
import { CosineHeatmapError } from './errors.js';
import { groupIds as toGroupIds } from './group-ids.js';
import { cellEdges } from './overview-axes.js';
import { rowBlocks, triangleBands } from './partition-rows.js';
import { topK } from './top-k.js';

// A set of embeddings validated and normalized once, kept by every worker of
// the engine until dispose(). Views and statistics read it without sending
// the vectors again. Long calls take {signal, onProgress({done, total})}.
export class EmbeddingSet {
  #engine;
  #id;
  #disposed = false;
  #orderInWorkers = null; // the order the workers hold (null: original)
  #orders = new Map(); // method (and groups) -> Promise<Int32Array>
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
  // zeroRows}. Workers compute bands of the lower triangle and their
  // transposes; both are placed here with contiguous row copies, so S(i, j)
  // and S(j, i) are the same float. Refused above the engine's matrix budget.
  async similarity(options = {}) {
    this.#checkUsable();
    const n = this.size;
    this.#engine.checkMatrixBudget(n, n);
    const data = new Float32Array(n * n);
    const jobs = triangleBands(n, this.dim, { minBands: this.#engine.workers }).map(([r0, r1]) => ({
      action: 'band',
      args: { id: this.#id, rows: [r0, r1] },
      weight: (r1 - r0) * r1,
    }));
    await this.#engine._pool.run(jobs, {
      ...options,
      onResult: ({ args: { rows: [r0, r1] } }, band) => placeBand(data, n, r0, r1, band),
    });
    return { data, dims: [n, n], zeroRows: this.zeroRows };
  }

  // This set's rows against another set's: {data, dims: [n, m], zeroRows, zeroColumns}.
  async crossSimilarity(other, options = {}) {
    this.#checkUsable();
    if (!(other instanceof EmbeddingSet) || other.disposed) {
      throw new CosineHeatmapError('crossSimilarity needs another live EmbeddingSet from the same engine');
    }
    if (other.dim !== this.dim) {
      throw new CosineHeatmapError(
        `x and y must have the same dimension: x has d = ${this.dim}, y has d = ${other.dim}`,
      );
    }
    const n = this.size;
    const m = other.size;
    this.#engine.checkMatrixBudget(n, m);
    const data = new Float32Array(n * m);
    const jobs = rowBlocks(n, m, this.dim, { minBlocks: this.#engine.workers }).map(([r0, r1]) => ({
      action: 'crossRows',
      args: { id: this.#id, otherId: other._id, rows: [r0, r1] },
      weight: (r1 - r0) * m,
    }));
    await this.#engine._pool.run(jobs, {
      ...options,
      onResult: ({ args: { rows: [r0] } }, block) => data.set(block, r0 * m),
    });
    return { data, dims: [n, m], zeroRows: this.zeroRows, zeroColumns: other.zeroRows };
  }

  // Count, mean, min and max of S(i, j) over pairs i < j, from one streamed
  // pass over the tiles in the workers: nothing n×n is ever held.
  async pairSummary(options = {}) {
    this.#checkUsable();
    const total = { count: 0, sum: 0, min: Infinity, max: -Infinity };
    const jobs = triangleBands(this.size, this.dim, { minBands: this.#engine.workers }).map(([r0, r1]) => ({
      action: 'pairSummary',
      args: { id: this.#id, rows: [r0, r1] },
      weight: (r1 - r0) * r1,
    }));
    await this.#engine._pool.run(jobs, {
      ...options,
      onResult: (_, part) => {
        total.count += part.count;
        total.sum += part.sum;
        total.min = Math.min(total.min, part.min);
        total.max = Math.max(total.max, part.max);
      },
    });
    const { count, sum, min, max } = total;
    return count === 0 ? { count, mean: NaN, min: NaN, max: NaN } : { count, mean: sum / count, min, max };
  }

  // A permutation of 0..n-1 (Int32Array: position -> item) that puts
  // similar items next to each other: 'original'; 'average' | 'complete' |
  // 'single' (hierarchical clustering on 1 − S, leaves in dendrogram order;
  // O(n²) memory, refused above 10,000 items); 'spectral' (recursive
  // spectral bisection, matrix-free, any n); 'groups' with {groups: string[]}
  // (groups contiguous in natural sort order of their names, clustered
  // inside). Deterministic: the same input gives the same order in Node and
  // in browsers. Computed in one worker; cancel rejects at once, though that
  // worker finishes the job before taking the next. Results are cached.
  async order({ method = 'original', groups, signal, onProgress } = {}) {
    this.#checkUsable();
    const code = ORDER_METHODS.indexOf(method);
    if (code < 0) {
      throw new CosineHeatmapError(`order: method must be one of ${ORDER_METHODS.join(', ')}; got ${JSON.stringify(method)}`);
    }
    let groupIds = new Int32Array(0);
    if (method === 'groups') groupIds = toGroupIds(groups, this.size, "order: 'groups'").ids;
    const key = method === 'groups' ? `groups:${Array.from(groupIds).join(',')}` : method;
    if (!this.#orders.has(key)) {
      let permutation = null;
      const job = { action: 'order', args: { id: this.#id, method: code, groupIds } };
      const computing = this.#engine._pool
        .run([job], { signal, onProgress, onResult: (_, result) => (permutation = result) })
        .then(() => permutation);
      this.#orders.set(key, computing);
      computing.catch(() => this.#orders.delete(key));
    }
    // A copy: callers may keep or change theirs without touching the cache.
    return (await this.#orders.get(key)).slice();
  }

  // The matrix in `order` (a permutation; default: original), limited to
  // `window` = {rows: [r0, r1), cols: [c0, c1)} (ordered positions), reduced
  // to at most size × size cells: {data, dims: [rows, cols], rowStarts,
  // colStarts, rowEnds, colEnds, reduce}. 'mean' is exact and needs no pass
  // over the pairs (block sums of unit rows); 'max' and 'min' stream every
  // pair of the window through the workers. Memory O(n·d + cells), never
  // n×n. The workers keep the last order: pass the same array to zoom
  // without sending it again (do not mutate it in between).
  async overview({ size = 512, reduce = 'mean', order, window = {}, signal, onProgress } = {}) {
    this.#checkUsable();
    const n = this.size;
    if (!['mean', 'max', 'min'].includes(reduce)) {
      throw new CosineHeatmapError(`overview: reduce must be 'mean', 'max' or 'min', got ${JSON.stringify(reduce)}`);
    }
    if (!Number.isInteger(size) || size < 1) {
      throw new CosineHeatmapError(`overview: size must be a positive integer, got ${size}`);
    }
    const [r0, r1] = checkRange(window.rows ?? [0, n], n, 'rows');
    const [c0, c1] = checkRange(window.cols ?? [0, n], n, 'cols');
    await this.#useOrder(order);
    const rowEdges = cellEdges(r0, r1, size);
    const colEdges = cellEdges(c0, c1, size);
    const rows = rowEdges.length - 1;
    const cols = colEdges.length - 1;
    let data;
    if (reduce === 'mean') {
      await this.#engine._pool.run([{ action: 'overviewMean', args: { id: this.#id, rowEdges, colEdges } }], {
        signal,
        onProgress,
        onResult: (_, result) => {
          data = result;
        },
      });
    } else {
      data = new Float32Array(rows * cols);
      const windowCols = c1 - c0;
      const jobs = [];
      // Split row cells so each job covers about 2^24 pairs.
      const cellsPerJob = Math.max(1, Math.floor(2 ** 24 / Math.max(1, ((r1 - r0) / rows) * windowCols)));
      for (let k0 = 0; k0 < rows; k0 += cellsPerJob) {
        const k1 = Math.min(rows, k0 + cellsPerJob);
        jobs.push({
          action: 'overviewExtreme',
          args: { id: this.#id, rowEdges, colEdges, maximum: reduce === 'max', cells: [k0, k1] },
          weight: (rowEdges[k1] - rowEdges[k0]) * windowCols,
        });
      }
      await this.#engine._pool.run(jobs, {
        signal,
        onProgress,
        onResult: ({ args: { cells: [k0] } }, block) => data.set(block, k0 * cols),
      });
    }
    return {
      data,
      dims: [rows, cols],
      rowStarts: rowEdges.slice(0, rows),
      colStarts: colEdges.slice(0, cols),
      rowEnds: rowEdges.slice(1),
      colEnds: colEdges.slice(1),
      reduce,
    };
  }

  // Statistics over the pairs i < j, each once, as plain JSON (schema in the
  // README): distribution, quantiles, near-duplicates, outliers, effective
  // dimension, group separation and the flags of the seed's signs of risk.
  // options: {bins, duplicateThreshold, outlierThreshold, thresholds,
  // groups, flagThresholds, signal, onProgress}.
  async analyze(options = {}) {
    this.#checkUsable();
    return analyze(this.#engine._pool, this, options);
  }

  // Each item's k nearest items, self excluded: {indices: Int32Array,
  // scores: Float32Array, dims: [n, k]} (k capped at n − 1).
  async topK(k = 10, options = {}) {
    this.#checkUsable();
    return topK(this.#engine._pool, this, k, options);
  }

  // This set against another model's embeddings of the same items: an
  // EmbeddingSet from the same engine, or anything embeddings() takes.
  async compare(other, options = {}) {
    this.#checkUsable();
    if (other instanceof EmbeddingSet) return compare(this.#engine._pool, this, other, options);
    const temporary = await this.#engine.embeddings(other);
    try {
      return await compare(this.#engine._pool, this, temporary, options);
    } finally {
      temporary.dispose();
    }
  }

  // Streams the lower triangle (tiles with cols[0] <= rows[0]; entries j < i
  // are the pairs) as {rows: [r0, r1], cols: [c0, c1], data, dims}, a few
  // tiles in flight at a time: memory stays at a few tiles whatever n is.
  async *tiles({ tileSize = 512, signal, onProgress } = {}) {
    this.#checkUsable();
    const n = this.size;
    const ranges = [];
    for (let r0 = 0; r0 < n; r0 += tileSize) {
      for (let c0 = 0; c0 <= r0; c0 += tileSize) {
        ranges.push([[r0, Math.min(n, r0 + tileSize)], [c0, Math.min(n, c0 + tileSize)]]);
      }
    }
    const window = 2 * this.#engine.workers;
    for (let start = 0; start < ranges.length; start += window) {
      const batch = ranges.slice(start, start + window);
      const results = [];
      await this.#engine._pool.run(
        batch.map(([rows, cols]) => ({ action: 'tile', args: { id: this.#id, rows, cols } })),
        { signal, onResult: ({ args }, tile) => results.push({ rows: args.rows, cols: args.cols, ...tile }) },
      );
      onProgress?.({ done: Math.min(ranges.length, start + window), total: ranges.length });
      yield* results;
    }
  }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#engine._pool.broadcast('dispose', { id: this.#id }).catch(() => {});
  }

  async #useOrder(order) {
    const wanted = order ?? null;
    if (wanted === this.#orderInWorkers) return;
    let payload = new Int32Array(0);
    if (wanted) {
      if (wanted.length !== this.size) {
        throw new CosineHeatmapError(`overview: order must list all ${this.size} items, got ${wanted.length}`);
      }
      payload = Int32Array.from(wanted);
    }
    await this.#engine._pool.broadcast('setOrder', { id: this.#id, order: payload });
    this.#orderInWorkers = wanted;
  }

  // For the library's own classes: the id the workers know this set by.
  get _id() {
    return this.#id;
  }

  #checkUsable() {
    if (this.#disposed) throw new CosineHeatmapError('this embedding set was disposed');
    const pool = this.#engine._pool;
    const failure = pool.failure ?? (pool.generation !== this.#generation ? pool.lastFailure : null);
    if (failure) {
      throw new CosineHeatmapError(
        `this embedding set was lost when an engine worker failed (${failure}); ` +
          'the engine has restarted it: load the embeddings again',
        { code: 'WORKER_LOST' },
      );
    }
  }
}

const ORDER_METHODS = ['original', 'average', 'complete', 'single', 'spectral', 'groups'];

function checkRange(range, n, axis) {
  const [begin, end] = range ?? [];
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end > n || begin >= end) {
    throw new CosineHeatmapError(
      `overview: window.${axis} must be [start, end) with 0 <= start < end <= ${n}, got ${JSON.stringify(range)}`,
    );
  }
  return [begin, end];
}

// band: rows [r0, r1) × columns [0, r1), then its transpose (r1 × h).
function placeBand(data, n, r0, r1, band) {
  const h = r1 - r0;
  const transposed = band.subarray(h * r1);
  for (let i = r0; i < r1; i++) {
    const offset = (i - r0) * r1;
    data.set(band.subarray(offset, offset + i + 1), i * n); // lower triangle and diagonal
  }
  for (let j = 0; j < r1; j++) {
    // Row j, columns max(r0, j + 1)..r1: the mirror of the band's lower part.
    const from = Math.max(0, j + 1 - r0);
    if (from < h) data.set(transposed.subarray(j * h + from, (j + 1) * h), j * n + r0 + from);
  }
}
