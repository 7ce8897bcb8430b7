import { CosineHeatmapError } from './errors.js';
import { mirrorLower } from './mirror-lower.js';
import { rowBlocks, triangleBands } from './partition-rows.js';

// A set of embeddings validated and normalized once, kept by every worker of
// the engine until dispose(). Views and statistics read it without sending
// the vectors again. Long calls take {signal, onProgress({done, total})}.
export class EmbeddingSet {
  #engine;
  #id;
  #disposed = false;

  constructor(engine, id, { size, dim, zeroRows }) {
    this.#engine = engine;
    this.#id = id;
    this.size = size;
    this.dim = dim;
    this.zeroRows = zeroRows;
  }

  get disposed() {
    return this.#disposed;
  }

  // The whole n×n matrix: {data: Float32Array (row-major), dims: [n, n],
  // zeroRows}. Workers compute bands of the lower triangle; it is mirrored
  // here. Refused above the engine's matrix budget.
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
      onResult: ({ args: { rows: [r0, r1] } }, band) => {
        for (let i = r0; i < r1; i++) {
          const offset = (i - r0) * r1;
          data.set(band.subarray(offset, offset + i + 1), i * n);
        }
      },
    });
    return { data: mirrorLower(data, n), dims: [n, n], zeroRows: this.zeroRows };
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

  // For the library's own classes: the id the workers know this set by.
  get _id() {
    return this.#id;
  }

  #checkUsable() {
    if (this.#disposed) throw new CosineHeatmapError('this embedding set was disposed');
  }
}
