import { EmbeddingSet } from './embedding-set.js';
import { CosineHeatmapError } from './errors.js';
import { toTensor } from './to-tensor.js';
import { transferableTensor } from './transfer-tensor.js';
import { WorkerClient } from './worker-client.js';

// The public face of the WASM core. All numbers are computed in the engine's
// worker; this class validates input at the edge and speaks the protocol.
export class Engine {
  #client;
  #nextSetId = 1;
  #onDispose;

  static async create(options = {}, onDispose = () => {}) {
    const client = await WorkerClient.spawn();
    try {
      const info = await client.request('init', { wasmUrl: options.wasmUrl });
      return new Engine(client, info, onDispose);
    } catch (error) {
      client.terminate();
      throw new CosineHeatmapError(`could not start the cosine-heatmap engine: ${error.message}`, { cause: error });
    }
  }

  constructor(client, info, onDispose) {
    this.#client = client;
    this.#onDispose = onDispose;
    this.kernel = info.kernel;
  }

  // s = {data: Float32Array (row-major), dims: [n, n] or [n, m], zeroRows}
  // (cross similarity also reports zeroColumns, the zero rows of y).
  async cosineSimilarity(x, y, options = {}) {
    const a = transferableTensor(toTensor(x, 'x'), options);
    if (y === undefined || y === null) return this._request('similarityOf', { x: a.tensor }, a.transfer);
    const b = transferableTensor(toTensor(y, 'y'), options);
    if (a.tensor.dims[1] !== b.tensor.dims[1]) {
      throw new CosineHeatmapError(
        `x and y must have the same dimension: x has d = ${a.tensor.dims[1]}, y has d = ${b.tensor.dims[1]}`,
      );
    }
    return this._request('similarityOf', { x: a.tensor, y: b.tensor }, [...a.transfer, ...b.transfer]);
  }

  // Validates and normalizes x once; the returned set stays in the engine
  // until set.dispose(). Pass {transfer: true} to hand over x's buffer
  // instead of copying it.
  async embeddings(x, options = {}) {
    const { tensor, transfer } = transferableTensor(toTensor(x, 'x'), options);
    const id = this.#nextSetId++;
    const described = await this._request('load', { id, tensor, name: 'x' }, transfer);
    return new EmbeddingSet(this, id, described);
  }

  dispose() {
    this.#client.terminate();
    this.#onDispose();
  }

  // For the library's own classes (EmbeddingSet, views): not public API.
  _request(action, args, transfer) {
    return this.#client.request(action, args, transfer);
  }
}
