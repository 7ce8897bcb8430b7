import { CosineHeatmapError } from './errors.js';

// Results kept by key, each computed once however many callers ask: a caller
// who asks while it runs joins it (and its progress); a result stays until
// `limit` newer ones push it out. Each caller's signal is its own: an abort
// rejects that caller at once, and the computation is cancelled only when
// no caller is left waiting for it. A failed or cancelled computation is
// forgotten, so the next caller starts it again.
export class SharedComputations {
  #entries = new Map(); // key -> entry, oldest first
  #limit;

  constructor(limit = Infinity) {
    this.#limit = limit;
  }

  get size() {
    return this.#entries.size;
  }

  // The finished result under `key`, or undefined.
  peek(key) {
    const entry = this.#entries.get(key);
    return entry?.finished ? entry.value : undefined;
  }

  /**
   * The result under `key`; `start(signal, onProgress)` computes it when no
   * one has yet.
   * @template T
   * @param {string} key
   * @param {(signal: AbortSignal, onProgress: (progress: {done: number, total: number}) => void) => Promise<T>} start
   * @param {{signal?: AbortSignal, onProgress?: (progress: {done: number, total: number}) => void}} [caller]
   * @returns {Promise<T>}
   */
  join(key, start, { signal, onProgress } = {}) {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let entry = this.#entries.get(key);
    if (entry?.finished) {
      this.#entries.delete(key); // most recently used last
      this.#entries.set(key, entry);
      if (entry.progress) onProgress?.(entry.progress);
      return signal?.aborted ? Promise.reject(abortReason(signal)) : Promise.resolve(entry.value);
    }
    entry ??= this.#start(key, start);
    const running = entry;
    running.waiting++;
    if (onProgress) running.listeners.add(onProgress);
    const joined = new Promise((resolve, reject) => {
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        running.listeners.delete(onProgress);
        running.waiting--;
      };
      const onAbort = () => {
        leave();
        if (running.waiting === 0 && !running.finished) {
          if (this.#entries.get(key) === running) this.#entries.delete(key);
          running.controller.abort();
        }
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      running.promise.then(
        (value) => {
          if (signal?.aborted) return;
          leave();
          resolve(value);
        },
        (error) => {
          if (signal?.aborted) return;
          leave();
          reject(error);
        },
      );
    });
    // Where it has got to, once this caller's abort is listened for.
    if (onProgress && running.progress) onProgress(running.progress);
    return joined;
  }

  clear() {
    for (const entry of this.#entries.values()) if (!entry.finished) entry.controller.abort();
    this.#entries.clear();
  }

  #start(key, start) {
    const entry = {
      finished: false,
      value: undefined,
      progress: null,
      waiting: 0,
      listeners: new Set(),
      controller: new AbortController(),
      promise: null,
    };
    const report = (progress) => {
      entry.progress = progress;
      for (const listener of entry.listeners) listener(progress);
    };
    entry.promise = Promise.resolve()
      .then(() => start(entry.controller.signal, report))
      .then(
        (value) => {
          entry.finished = true;
          entry.value = value;
          if (this.#entries.get(key) === entry) this.#evict();
          return value;
        },
        (error) => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      );
    // Nobody may be left to read a failure (all aborted): that is no unhandled rejection.
    entry.promise.catch(() => {});
    this.#entries.set(key, entry);
    return entry;
  }

  // Drops the oldest finished results beyond the limit.
  #evict() {
    let finished = [...this.#entries.values()].filter((entry) => entry.finished).length;
    for (const [key, entry] of this.#entries) {
      if (finished <= this.#limit) break;
      if (!entry.finished) continue;
      this.#entries.delete(key);
      finished--;
    }
  }
}

function abortReason(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return new CosineHeatmapError('the operation was cancelled', { code: 'ABORT_ERR' });
}
