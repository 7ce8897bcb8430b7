import { CosineHeatmapError } from './errors.js';
import { reviveError } from './worker-errors.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// The calling side of the worker protocol (worker-serve.js): numbered
// requests, one promise each. If the worker dies, every pending request
// fails with the reason and later requests fail at once; the owner decides
// whether to start another.
export class WorkerClient {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #failure = null;

  // `script` is the worker module's URL. Browsers get it from a literal
  // `new Worker(new URL(...), {type: 'module'})` in the caller (bundlers
  // such as Vite and webpack only see and emit workers written that way),
  // passed here as `browserWorker`.
  static async spawn(script, browserWorker) {
    if (isNode) {
      const { Worker } = await import('node:worker_threads');
      // A clean execArgv: the parent's flags (--input-type=module, -e, --eval)
      // would make the worker run the parent's code instead of its own file.
      return new WorkerClient(new Worker(script, { execArgv: [] }), true);
    }
    return new WorkerClient(browserWorker(), false);
  }

  constructor(worker, node) {
    this.#worker = worker;
    this.node = node;
    const onMessage = (message) => this.#settle(message);
    const onError = (error) => this.#fail(error?.message ?? 'the worker failed to start or crashed');
    if (node) {
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', (code) => this.#fail(`the worker exited (code ${code})`));
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
    if (this.#failure) return Promise.reject(this.#failure.error());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      if (this.node && this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, action, args }, transfer);
    });
  }

  // Ends the worker; pending and later requests fail with `reason` (code).
  terminate(reason = 'the worker was stopped', code = 'TERMINATED') {
    this.#fail(reason, code);
    this.#worker.terminate();
  }

  #settle({ id, result, error, fatal, progress }) {
    if (fatal) return this.#fail(fatal);
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (progress) return pending.onProgress?.(progress);
    this.#pending.delete(id);
    if (this.node && this.#pending.size === 0) this.#worker.unref();
    if (error) pending.reject(reviveError(error));
    else pending.resolve(result);
  }

  #fail(message, code = 'WORKER_FAILED') {
    if (this.#failure) return;
    this.#failure = { message, code, error: () => new CosineHeatmapError(message, { code }) };
    for (const { reject } of this.#pending.values()) reject(this.#failure.error());
    this.#pending.clear();
  }
}
