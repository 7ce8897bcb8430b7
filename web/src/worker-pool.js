import { CosineHeatmapError } from './errors.js';
import { isSharedBuffer } from './shared-result.js';
import { WorkerClient } from './worker-client.js';

// A fixed set of engine workers, each with its own WASM instance. Sets need
// no SharedArrayBuffer, so the pool runs on any static host without
// cross-origin isolation: a set is copied into as many workers as its copy
// budget allows (placeSet), always the first ones, so any two sets share
// worker 0 and memory does not grow with the number of cores. (Whole
// matrices use shared memory where it exists: operations/similarity.js.)
// Jobs from every run() share one queue: interactive jobs (overviews,
// orders, single rows) go before background ones (passes over all pairs),
// each worker runs one job at a time, and a free worker takes the first
// queued job it holds the sets for (a worker on an interactive run also
// holds that run's next job, see #dispatch). Background passes are cut into
// short jobs, so an interactive request waits for at most one of them.
// A worker that dies (out of memory, killed) is replaced before the next
// request; the sets it held are gone, so `generation` counts replacements
// and sets loaded before one refuse to work, with the reason.
export class WorkerPool {
  #clients;
  #inFlight; // per worker: the runs (their states) of the jobs sent and not answered, oldest first
  #initArgs;
  #healing = null;
  #terminated = false;
  #queues = { interactive: [], background: [] };
  #nextSeq = 0;
  #holders = new Map(); // set id -> how many workers (the first ones) hold it

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
    this.#inFlight = this.#clients.map(() => []);
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

  // How many workers hold set `id` (all of them for an unknown id).
  holders(id) {
    return this.#holders.get(id) ?? this.#clients.length;
  }

  // Sends a request to every worker (or the first `count`). `transfer` moves
  // buffers to the last one only: the others receive copies, made before the move.
  async broadcast(action, args, transfer = [], count = this.#clients.length) {
    await this.#heal();
    const last = count - 1;
    return Promise.all(
      this.#clients.slice(0, count).map((client, k) => client.request(action, args, k === last ? transfer : [])),
    );
  }

  // Decides how many workers hold a set of `bytes` (at least one, the first
  // ones: as many copies as `copyBudgetBytes` pays for) and loads it there.
  // Rows in shared memory (staging-buffer.js) go to all those workers at
  // once, read in place by each. Other sets up to PARALLEL_LOAD_BYTES go to
  // all of them at once too (a copy each, made here: the workers normalize
  // in parallel, which is what a call on a small set waits for); larger
  // ones one worker after the other:
  // each moves the rows' buffer back when its copy is in WASM memory, so
  // the rows cross to every worker without a copy per worker.
  // Returns the first worker's answer.
  async placeSet(id, bytes, copyBudgetBytes, { tensor, ...args }) {
    await this.#heal();
    const copies = Math.max(1, Math.min(this.#clients.length, Math.floor(copyBudgetBytes / Math.max(1, bytes))));
    this.#holders.set(id, copies);
    let rows = tensor.data;
    let first = null;
    try {
      if (isSharedBuffer(rows.buffer)) {
        const answers = await Promise.all(
          this.#clients.slice(0, copies).map((client) => client.request('load', { ...args, tensor })),
        );
        return answers[0].described;
      }
      if (copies > 1 && bytes <= PARALLEL_LOAD_BYTES) {
        const sent = Array.from({ length: copies }, (_, k) => (k === 0 ? rows : rows.slice()));
        const answers = await Promise.all(
          sent.map((data, k) => this.#clients[k].request('load', { ...args, tensor: { data, dims: tensor.dims } }, [data.buffer])),
        );
        return answers[0].described;
      }
      for (let k = 0; k < copies; k++) {
        const answer = await this.#clients[k].request('load', { ...args, tensor: { data: rows, dims: tensor.dims } }, [rows.buffer]);
        rows = answer.rows;
        first ??= answer.described;
      }
      return first;
    } catch (error) {
      this.dropSet(id).catch(() => {});
      throw error;
    }
  }

  dropSet(id) {
    const copies = this.holders(id);
    this.#holders.delete(id);
    return this.broadcast('dispose', { id }, [], copies);
  }

  // Runs independent jobs ({action, args, weight}) on free workers that hold
  // their sets (args.id, args.otherId), hands each result to onResult as it
  // arrives, and reports progress in job weights. A job's optional
  // beforeSend(args) runs as it is handed to a worker and returns buffers to
  // move with it (results' buffers sent back for reuse). priority: 'interactive'
  // (default) or 'background'. Abort stops dispatching at once and rejects;
  // jobs already running finish in their workers (each is short) and are
  // ignored, so the pool stays usable.
  async run(jobs, { signal, onProgress, onResult, priority = 'interactive' } = {}) {
    await this.#heal();
    // Disposed while the healing check was pending: nothing will take these jobs.
    if (this.#terminated) throw new CosineHeatmapError(DISPOSED, { code: 'DISPOSED' });
    const queue = this.#queues[priority];
    if (!queue) throw new CosineHeatmapError(`unknown job priority ${JSON.stringify(priority)}`, { code: 'INVALID_ARGUMENT' });
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const total = jobs.reduce((sum, job) => sum + (job.weight ?? 1), 0);
      const state = { settled: false, remaining: jobs.length, done: 0 };
      const finish = (error) => {
        if (state.settled) return;
        state.settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => finish(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      onProgress?.({ done: 0, total });
      if (jobs.length === 0) return finish();
      state.complete = (job, result) => {
        if (state.settled) return;
        try {
          onResult?.(job, result);
        } catch (error) {
          return finish(error);
        }
        state.done += job.weight ?? 1;
        onProgress?.({ done: state.done, total });
        if (--state.remaining === 0) finish();
      };
      state.fail = finish;
      // Progress inside a job moves the total by its share of the job's weight.
      state.inside = (job) =>
        onProgress &&
        (({ done: d, total: t }) => {
          if (!state.settled && t > 0) onProgress({ done: state.done + ((job.weight ?? 1) * d) / t, total });
        });
      for (const job of jobs) {
        const holders = Math.min(this.holders(job.args?.id), this.holders(job.args?.otherId));
        queue.push({ job, state, holders, seq: this.#nextSeq++ });
      }
      this.#dispatch();
    });
  }

  // Gives every free worker the first queued job it can run. A worker busy
  // with an interactive run's job also gets that run's next job, when it is
  // the one it would take next anyway: it starts it the moment the first
  // ends instead of a message round trip later (whole matrices: 0.3–0.5 ms a
  // band). Background passes stay one job per worker, so an interactive
  // request waits for at most one of their jobs.
  #dispatch() {
    for (let k = 0; k < this.#clients.length; k++) {
      const flight = this.#inFlight[k];
      while (!this.#clients[k].failure && flight.length < 2) {
        const entry = flight.length === 0 ? this.#take(k) : this.#takeFollowUp(k, flight[0]);
        if (!entry) break;
        this.#send(k, entry);
      }
    }
  }

  #send(k, { job, state }) {
    const flight = this.#inFlight[k];
    flight.push(state);
    const transfer = job.beforeSend?.(job.args) ?? [];
    this.#clients[k].request(job.action, job.args, transfer, { onProgress: state.inside(job) }).then(
      (result) => {
        // The worker takes its next job before this result is used (a
        // band placed, a histogram merged), so it never waits for that.
        flight.shift();
        this.#dispatch();
        state.complete(job, result);
      },
      (error) => {
        flight.shift();
        state.fail(error);
        // A dead worker took its sets with it: queued jobs would wait for it forever.
        if (this.#clients[k].failure) this.#failQueued(error);
        this.#dispatch();
      },
    );
  }

  // The next job `worker` would take, if it is interactive and of the run
  // `current` it is busy with.
  #takeFollowUp(worker, current) {
    const queue = this.#queues.interactive;
    while (queue.length && queue[0].state.settled) queue.shift();
    const at = queue.findIndex((entry) => !entry.state.settled && worker < entry.holders);
    if (at < 0 || queue[at].state !== current) return null;
    return queue.splice(at, 1)[0];
  }

  #failQueued(error) {
    for (const queue of Object.values(this.#queues)) {
      for (const { state } of queue.splice(0)) state.fail(error);
    }
  }

  #take(worker) {
    for (const queue of [this.#queues.interactive, this.#queues.background]) {
      // Jobs of finished (failed, cancelled) runs are dropped as they come up.
      while (queue.length && queue[0].state.settled) queue.shift();
      const at = queue.findIndex((entry) => !entry.state.settled && worker < entry.holders);
      if (at >= 0) return queue.splice(at, 1)[0];
    }
    return null;
  }

  // For good: nothing restarts, every pending and later request rejects.
  terminate() {
    this.#terminated = true;
    this.#failQueued(new CosineHeatmapError(DISPOSED, { code: 'DISPOSED' }));
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

// Sets this small are copied to their workers at once (see placeSet).
const PARALLEL_LOAD_BYTES = 32 * 2 ** 20;

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
