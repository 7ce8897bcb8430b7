import { CosineHeatmapError } from './errors.js';

// A set of embeddings validated and normalized once, kept by the engine's
// worker until dispose(). Later views and statistics read it without sending
// the vectors again.
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

  // The whole n×n matrix: {data: Float32Array (row-major), dims: [n, n], zeroRows}.
  async similarity() {
    return this.#request('similarity', { id: this.#id });
  }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#engine._request('dispose', { id: this.#id }).catch(() => {});
  }

  #request(action, args) {
    if (this.#disposed) {
      return Promise.reject(new CosineHeatmapError('this embedding set was disposed'));
    }
    return this.#engine._request(action, args);
  }
}
