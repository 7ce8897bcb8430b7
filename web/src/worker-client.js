import { CosineHeatmapError } from './errors.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// The calling side of the worker protocol: numbered requests, one promise
// each. If the worker dies, every pending request fails with the reason and
// later requests fail at once; the engine decides whether to start another.
export class WorkerClient {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #failure = null;

  static async spawn() {
    if (isNode) {
      const { Worker } = await import('node:worker_threads');
      return new WorkerClient(new Worker(new URL('./engine-worker.js', import.meta.url)), true);
    }
    // Written literally so bundlers (Vite, webpack) see and emit the worker.
    return new WorkerClient(new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' }), false);
  }

  constructor(worker, node) {
    this.#worker = worker;
    this.node = node;
    const onMessage = (message) => this.#settle(message);
    const onError = (error) => this.#fail(error?.message ?? 'the engine worker failed to start or crashed');
    if (node) {
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', (code) => this.#fail(`the engine worker exited (code ${code})`));
      // An idle worker must not keep a Node process alive; a busy one must.
      worker.unref();
    } else {
      worker.addEventListener('message', (event) => onMessage(event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault?.();
        onError(event);
      });
    }
  }

  // Why this worker can no longer answer (null while it is alive).
  get failure() {
    return this.#failure;
  }

  // onProgress receives ({done, total}) reported from inside the action.
  request(action, args = {}, transfer = [], { onProgress } = {}) {
    if (this.#failure) return Promise.reject(new CosineHeatmapError(this.#failure));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      if (this.node && this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, action, args }, transfer);
    });
  }

  terminate() {
    this.#fail('the engine was disposed');
    this.#worker.terminate();
  }

  #settle({ id, result, error, fatal, progress }) {
    if (fatal) return this.#fail(fatal);
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (progress) return pending.onProgress?.(progress);
    this.#pending.delete(id);
    if (this.node && this.#pending.size === 0) this.#worker.unref();
    if (error) pending.reject(new CosineHeatmapError(error.message));
    else pending.resolve(result);
  }

  #fail(reason) {
    if (this.#failure) return;
    this.#failure = reason;
    for (const { reject } of this.#pending.values()) reject(new CosineHeatmapError(reason));
    this.#pending.clear();
  }
}
