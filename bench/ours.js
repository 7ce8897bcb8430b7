// This library, measured two ways so each comparison is like for like:
// end to end through the public API (validation, copies to the workers, the
// product, the transfer back and assembly), and the WASM kernel alone, in
// process, on rows already normalized — what the native build's row times.
// It times the kernel and the engines in turns, size by size, so the
// ratios between them (issue 15's) see the same machine: on a shared VM the
// speed drifts by 20 % and more between minutes.
import { loadEngine } from '../web/src/index.js';
import { instantiateCore } from '../web/src/wasm-module.js';
import { bestMs, randomRows, resultRow } from './measure.js';

// Rows for the kernel alone ('this library, WASM kernel alone (1 thread)')
// and for each engine, returning a fresh matrix ('this library, 2 workers')
// and writing into one the caller reuses ('this library, 2 workers, into
// out': no fresh pages, like the kernel); each repeat runs every one of
// them once, in turn.
export async function benchInterleaved(sizes, { repeats = 5, workerCounts = [1, 2] } = {}) {
  const core = await instantiateCore();
  const engines = [];
  for (const workers of workerCounts) engines.push(await loadEngine({ workers }));
  const rows = [];
  for (const { n, d } of sizes) {
    const data = randomRows(n, d);
    const x = { data, dims: [n, d] };
    const set = new core.EmbeddingSet();
    core.HEAPF32.set(data, set._reserve(n, d) / 4);
    set._normalizeInPlace();
    const out = core._malloc(n * n * 4);
    const reused = new Float32Array(new SharedArrayBuffer(n * n * 4));
    const runs = [
      { name: KERNEL_ROW, run: () => set._selfSimilarity(out) },
      ...engines.map((engine) => ({ name: engineRow(engine.workers), run: () => engine.cosineSimilarity(x) })),
      ...engines.map((engine) => ({
        name: engineRow(engine.workers, { out: true }),
        run: () => engine.cosineSimilarity(x, null, { out: reused }),
      })),
    ];
    for (const { run } of runs) await run(); // warm-up: compile, grow the heaps
    const best = runs.map(() => Infinity);
    for (let r = 0; r < repeats; r++) {
      for (const [k, { run }] of runs.entries()) best[k] = Math.min(best[k], await bestMs(run, 1));
    }
    rows.push(...runs.map(({ name }, k) => resultRow(name, n, d, best[k], repeats)));
    core._free(out);
    set.delete();
  }
  for (const engine of engines) engine.dispose();
  return rows;
}

const KERNEL_ROW = 'this library, WASM kernel alone (1 thread)';
export const engineRow = (workers, { out = false } = {}) =>
  `this library, ${workers} worker${workers > 1 ? 's' : ''}${out ? ', into out' : ''}`;

// What a fresh n×n result costs before anything is written to it: the page
// faults of touching every 4 KiB of a new buffer, against touching a buffer
// already in memory. The kernel alone writes into memory it reuses; every
// end-to-end call returns new memory, so this is part of its time that no
// code of ours can remove (only a caller reusing the result, {out}, does).
export async function benchFreshPages(sizes, { repeats = 5 } = {}) {
  const rows = [];
  const touch = (buffer) => {
    const view = new Float32Array(buffer);
    for (let k = 0; k < view.length; k += 1024) view[k] = 1;
  };
  for (const { n, d } of sizes) {
    const bytes = n * n * 4;
    const fresh = await bestMs(() => touch(new SharedArrayBuffer(bytes)), repeats);
    const kept = new SharedArrayBuffer(bytes);
    touch(kept);
    const reused = await bestMs(() => touch(kept), repeats);
    rows.push({ n, d, freshMs: fresh, reusedMs: reused, faultMs: Math.max(0, fresh - reused) });
  }
  return rows;
}
