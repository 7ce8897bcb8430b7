import { CosineHeatmapError } from './errors.js';
import { WorkerClient } from './worker-client.js';

// A fixed set of engine workers, each with its own WASM instance and its own
// copy of every embedding set. No SharedArrayBuffer, so it runs on any static
// host without cross-origin isolation.
export class WorkerPool {
  #clients;

  static async spawn(size, initArgs) {
    const clients = await Promise.all(Array.from({ length: size }, () => WorkerClient.spawn()));
    try {
      const infos = await Promise.all(clients.map((client) => client.request('init', initArgs)));
      return new WorkerPool(clients, infos[0]);
    } catch (error) {
      for (const client of clients) client.terminate();
      throw error;
    }
  }

  constructor(clients, info) {
    this.#clients = clients;
    this.info = info;
  }

  get size() {
    return this.#clients.length;
  }

  // Sends a request to every worker. `transfer` moves buffers to the last
  // worker only: the others receive copies, made before the move.
  broadcast(action, args, transfer = []) {
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
  run(jobs, { signal, onProgress, onResult } = {}) {
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
        client.request(job.action, job.args).then(
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

  terminate() {
    for (const client of this.#clients) client.terminate();
  }
}

function abortReason(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return new CosineHeatmapError('the operation was cancelled', { code: 'ABORT_ERR' });
}
