// The ceiling of the instruction mix our kernel can use: f32x4 multiplies
// and adds (WASM SIMD128 has no fused multiply-add, emscripten 3.1.6 no
// relaxed SIMD) in the micro-kernel's own step, on data that never leaves
// L1. Whatever the pass does around that step (cache misses, tile edges,
// writing results, consumers) can only be slower, so this bounds the exact
// pass over n pairs from below: 2·n(n−1)/2·d floating-point operations at
// this speed on every core. Measured in Node's V8, on 1 thread and on as many threads
// as cores at once (shared cores, turbo and SMT show there), and in
// headless Chromium's V8 (the browser the 40 s target names).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// Our micro-kernel's own step (cpp/src/gram_kernel.cpp: 2 loads of B, 4
// broadcasts of A, 8 multiplies and 8 adds into 4 × 8 accumulators: 64
// operations) over panels that stay in L1 (depth 256: 12 KB), swept again
// and again: no cache miss, no tile edge, nothing written.
const SOURCE = `#include <wasm_simd128.h>
#define MA(acc, a, b) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(a, b))
#define DEPTH 256
static float A[DEPTH * 4], B[DEPTH * 8];
__attribute__((export_name("panel"))) float panel(int count, float seed) {
  for (int k = 0; k < DEPTH * 4; ++k) A[k] = seed * (float)(k % 7) * 1e-3f;
  for (int k = 0; k < DEPTH * 8; ++k) B[k] = seed * (float)(k % 5) * 1e-3f;
  v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int i = 0; i < count; i += DEPTH) {
    const float* ap = A;
    const float* bp = B;
    for (int k = 0; k < DEPTH; ++k) {
      const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
      v128_t a = wasm_v128_load32_splat(ap);
      MA(c00, a, b0); MA(c01, a, b1);
      a = wasm_v128_load32_splat(ap + 1);
      MA(c10, a, b0); MA(c11, a, b1);
      a = wasm_v128_load32_splat(ap + 2);
      MA(c20, a, b0); MA(c21, a, b1);
      a = wasm_v128_load32_splat(ap + 3);
      MA(c30, a, b0); MA(c31, a, b1);
      ap += 4;
      bp += 8;
    }
  }
  v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(c00, c01), wasm_f32x4_add(c10, c11)),
                            wasm_f32x4_add(wasm_f32x4_add(c20, c21), wasm_f32x4_add(c30, c31)));
  return wasm_f32x4_extract_lane(s, 0);
}
`;
const FLOPS_PER_STEP = 64;
const STEPS = 2 ** 28; // a multiple of the depth

export function buildCeilingModule() {
  const dir = mkdtempSync(join(tmpdir(), 'simd-ceiling-'));
  try {
    writeFileSync(join(dir, 'ceiling.c'), SOURCE);
    execFileSync('emcc', ['-O3', '-msimd128', 'ceiling.c', '-o', 'ceiling.wasm', '--no-entry'], { cwd: dir, stdio: 'pipe' });
    return readFileSync(join(dir, 'ceiling.wasm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Best of `repeats` runs of STEPS steps; the same function is serialized
// into Chromium and into Node's workers, so it takes only plain values.
async function runCeiling(bytes, repeats, steps, flopsPerStep) {
  const { instance } = await WebAssembly.instantiate(bytes);
  // V8 runs a new function in its baseline compiler and installs the
  // optimized code, compiled in the background, for later calls.
  for (let k = 0; k < 20; k++) {
    instance.exports.panel(2 ** 18, 1.5);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    instance.exports.panel(steps, 1.5 + r);
    best = Math.min(best, performance.now() - start);
  }
  return (steps * flopsPerStep) / (best / 1000) / 1e9;
}

// GFLOP/s in Node: {oneThread, perThreadAllCores: [per thread], threads}.
export async function measureNodeCeiling(bytes, { threads, repeats = 5 } = {}) {
  const oneThread = await runCeiling(bytes, repeats, STEPS, FLOPS_PER_STEP);
  const code = `const { parentPort, workerData: w } = require('node:worker_threads');
    ${runCeiling.toString()}
    runCeiling(w.bytes, w.repeats, w.steps, w.flops).then((g) => parentPort.postMessage(g));`;
  const perThreadAllCores = await Promise.all(
    Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const workerData = { bytes, repeats, steps: STEPS, flops: FLOPS_PER_STEP };
      const worker = new Worker(code, { eval: true, workerData });
      worker.once('message', (g) => { resolve(g); worker.terminate(); });
      worker.once('error', reject);
    })),
  );
  return { oneThread, perThreadAllCores, threads };
}

// GFLOP/s on one thread of a headless Chromium page (playwright `page`).
export async function measureChromiumCeiling(page, bytes, { repeats = 5 } = {}) {
  return page.evaluate(
    async ({ source, bytes: list, repeats: r, steps, flops }) => {
      const run = (0, eval)(`(${source})`);
      return run(new Uint8Array(list), r, steps, flops);
    },
    { source: runCeiling.toString(), bytes: [...bytes], repeats, steps: STEPS, flops: FLOPS_PER_STEP },
  );
}

// The time the exact pass over n items of d dimensions cannot beat at
// `gflopsPerCore` on `cores` cores: one triangle of products.
export function passFloorSeconds(n, d, gflopsPerCore, cores) {
  return (n * (n - 1) * d) / (gflopsPerCore * 1e9 * cores);
}
