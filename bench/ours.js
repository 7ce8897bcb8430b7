// This library, measured two ways so each comparison is like for like:
// end to end through the public API (validation, copies to the workers, the
// product, the transfer back and assembly), and the WASM kernel alone, in
// process, on rows already normalized — what the native build's row times.
import { loadEngine } from '../web/src/index.js';
import { instantiateCore } from '../web/src/wasm-module.js';
import { bestMs, randomRows, resultRow } from './measure.js';

export async function benchEngine(sizes, { repeats = 5, workers, name } = {}) {
  const engine = await loadEngine({ workers });
  const rows = [];
  for (const { n, d } of sizes) {
    const x = { data: randomRows(n, d), dims: [n, d] };
    await engine.cosineSimilarity(x); // warm-up: compile, grow the heaps
    const ms = await bestMs(() => engine.cosineSimilarity(x), repeats);
    rows.push(resultRow(name ?? `this library, ${engine.workers} worker${engine.workers > 1 ? 's' : ''}`, n, d, ms, repeats));
  }
  engine.dispose();
  return rows;
}

export async function benchWasmKernel(sizes, { repeats = 5 } = {}) {
  const core = await instantiateCore();
  const rows = [];
  for (const { n, d } of sizes) {
    const set = new core.EmbeddingSet();
    const input = set._reserve(n, d);
    core.HEAPF32.set(randomRows(n, d), input / 4);
    set._normalizeInPlace();
    const out = core._malloc(n * n * 4);
    set._selfSimilarity(out);
    const ms = await bestMs(() => set._selfSimilarity(out), repeats);
    rows.push(resultRow('this library, WASM kernel alone (1 thread)', n, d, ms, repeats));
    core._free(out);
    set.delete();
  }
  return rows;
}

// What a fresh n×n result costs before anything is written to it: the page
// faults of touching every 4 KiB of a new buffer, against touching a buffer
// already in memory. The kernel alone writes into memory it reuses; every
// end-to-end call returns new memory, so this is part of its time that no
// code of ours can remove (only a caller reusing the result could).
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
