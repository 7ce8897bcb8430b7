import { CosineHeatmapError } from './errors.js';
import { WorkerClient } from './worker-client.js';

// A fixed set of engine workers, each with its own WASM instance and its own
// copy of every embedding set. No SharedArrayBuffer, so it runs on any static
// host without cross-origin isolation.
// A worker that dies (out of memory, killed) is replaced before the next
// request; the sets it held are gone, so `generation` counts replacements
// and sets loaded before one refuse to work, with the reason.
export class WorkerPool {
  #clients;
  #initArgs;
  #healing = null;
  #terminated = false;

  static async spawn(size, initArgs) {
    const started = await Promise.allSettled(Array.from({ length: size }, () => startClient(initArgs)));
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      // Leave no worker running behind a failed start.
      for (const outcome of started) if (outcome.status === 'fulfilled') outcome.value.client.terminate();
      throw failed.reason;
    }
    return new WorkerPool(started.map((outcome) => outcome.value), initArgs);
  }

  constructor(clients, initArgs) {
    this.#clients = clients.map(({ client }) => client);
    this.info = clients[0].info;
    this.#initArgs = initArgs;
    this.generation = 0;
    this.lastFailure = null;
  }

  get terminated() {
    return this.#terminated;
  }

  get size() {
    return this.#clients.length;
  }

  // Why a worker died, while it waits to be replaced (else null).
  get failure() {
    return this.#clients.find((client) => client.failure)?.failure.message ?? null;
  }

  // Sends a request to every worker. `transfer` moves buffers to the last
  // worker only: the others receive copies, made before the move.
  async broadcast(action, args, transfer = []) {
    await this.#heal();
    const last = this.#clients.length - 1;
    return Promise.all(
      this.#clients.map((client, k) => client.request(action, args, k === last ? transfer : [])),
    );
  }

  // Runs independent jobs ({action, args, weight}) on whichever worker is
  // free, hands each result to onResult as it arrives, and reports progress
  // in job weights. Abort stops dispatching at once and rejects; jobs already
  // running finish in their workers (each is short) and are ignored, so the
  // pool stays usable.
  async run(jobs, { signal, onProgress, onResult } = {}) {
    await this.#heal();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const total = jobs.reduce((sum, job) => sum + (job.weight ?? 1), 0);
      let next = 0;
      let running = 0;
      let done = 0;
      let settled = false;
      const finish = (error) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => finish(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      onProgress?.({ done: 0, total });

      const dispatch = (client) => {
        if (settled) return;
        if (next >= jobs.length) {
          if (running === 0) finish();
          return;
        }
        const job = jobs[next++];
        running++;
        // Progress inside a job moves the total by its share of the job's weight.
        const inside = onProgress && (({ done: d, total: t }) => {
          if (!settled && t > 0) onProgress({ done: done + ((job.weight ?? 1) * d) / t, total });
        });
        client.request(job.action, job.args, [], { onProgress: inside }).then(
          (result) => {
            running--;
            if (settled) return;
            try {
              onResult?.(job, result);
            } catch (error) {
              return finish(error);
            }
            done += job.weight ?? 1;
            onProgress?.({ done, total });
            dispatch(client);
          },
          (error) => {
            running--;
            finish(error);
          },
        );
      };
      if (jobs.length === 0) return finish();
      for (const client of this.#clients) dispatch(client);
    });
  }

  // For good: nothing restarts, every pending and later request rejects.
  terminate() {
    this.#terminated = true;
    for (const client of this.#clients) client.terminate(DISPOSED, 'DISPOSED');
  }

  // Test hook: makes one worker die as a crashed one would.
  _crashWorker(index = 0) {
    return this.#clients[index].request('_simulateCrash').catch(() => {});
  }

  // Replaces dead workers; concurrent callers share one replacement.
  #heal() {
    if (this.#terminated) return Promise.reject(new CosineHeatmapError(DISPOSED, { code: 'DISPOSED' }));
    if (!this.#clients.some((client) => client.failure)) return this.#healing ?? Promise.resolve();
    this.#healing ??= (async () => {
      try {
        for (let k = 0; k < this.#clients.length; k++) {
          const dead = this.#clients[k];
          if (!dead.failure) continue;
          this.lastFailure = dead.failure.message;
          dead.terminate();
          const { client } = await startClient(this.#initArgs);
          if (this.#terminated) {
            client.terminate(DISPOSED, 'DISPOSED');
            throw new CosineHeatmapError(DISPOSED, { code: 'DISPOSED' });
          }
          this.#clients[k] = client;
          this.generation++;
        }
      } finally {
        this.#healing = null;
      }
    })();
    return this.#healing;
  }
}

const DISPOSED = 'this engine was disposed';

async function startClient(initArgs) {
  const client = await WorkerClient.spawn(
    new URL('./engine-worker.js', import.meta.url),
    () => new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' }),
  );
  try {
    return { client, info: await client.request('init', initArgs) };
  } catch (error) {
    client.terminate();
    throw error;
  }
}

function abortReason(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return new CosineHeatmapError('the operation was cancelled', { code: 'ABORT_ERR' });
}
