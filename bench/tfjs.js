// TensorFlow.js at its best, in Node with @tensorflow/tfjs-core and its wasm
// and cpu backends (not tfjs-node, which is native TensorFlow, not what a web
// page gets). Rows are normalized and the transpose made before the clock
// starts: the time is the product `tf.matMul` alone, result left in tfjs's
// memory; `msWithRead` adds reading it back with dataSync(). Both forms,
// matMul(xn, xnT) and matMul(xn, xn, false, true), are timed once per
// backend on the first size, and the faster one is measured at every size.
// Prod mode is on (no debug checks; it also silences tfjs-cpu's banner).
//
// Threads: tfjs-backend-wasm 4.x never uses threads in Node (its
// WASM_HAS_MULTITHREAD_SUPPORT flag is false when IS_NODE, tfjs issue 3830),
// so it runs the SIMD single-threaded binary; `threads` reports what the
// backend says.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { randomRows, repeatsFor, resultRow } from './measure.js';

const require = createRequire(import.meta.url);
// tfjs-cpu's matMul runs at ~1 GF/s: measure it once above ~4 GFLOP.
const SLOW_FLOPS = { cpu: 4e9, wasm: Infinity };

async function loadTf(backend) {
  const tf = await import('@tensorflow/tfjs-core');
  tf.enableProdMode();
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!tf.findBackend('wasm')) {
      // Offline: the .wasm files sit next to the package's main file.
      const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
      wasm.setWasmPaths(`${dist}/`);
    }
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs bench: could not start the ${backend} backend`);
  await tf.ready();
  return tf;
}

async function describeBackend(tf, backend) {
  if (backend !== 'wasm') return { threads: 1, simd: false };
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return {
    threads: getThreadsCount(),
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  };
}

function timeOnce(run) {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  result.dispose();
  return ms;
}

function normalizedRows(tf, n, d) {
  return tf.tidy(() => {
    const x = tf.tensor2d(randomRows(n, d), [n, d]);
    const xn = tf.div(x, tf.norm(x, 'euclidean', 1, true));
    return [xn, tf.transpose(xn)];
  });
}

function productForms(tf, xn, xnT) {
  return {
    'matMul(xn, xnT)': () => tf.matMul(xn, xnT),
    'matMul(xn, xn, false, true)': () => tf.matMul(xn, xn, false, true),
  };
}

// Each form once, after a warm-up of each (kernel set-up, heap growth).
function timeForms(tf, { n, d }) {
  const [xn, xnT] = normalizedRows(tf, n, d);
  const forms = productForms(tf, xn, xnT);
  for (const run of Object.values(forms)) run().dispose();
  const once = Object.fromEntries(Object.entries(forms).map(([name, run]) => [name, timeOnce(run)]));
  tf.dispose([xn, xnT]);
  return once;
}

async function benchBackend(backend, sizes, repeats) {
  const tf = await loadTf(backend);
  const info = await describeBackend(tf, backend);
  const formsOnceMs = timeForms(tf, sizes[0]);
  const form = Object.keys(formsOnceMs).reduce((best, name) => (formsOnceMs[name] < formsOnceMs[best] ? name : best));
  const rows = [];
  for (const { n, d } of sizes) {
    const [xn, xnT] = normalizedRows(tf, n, d);
    const run = productForms(tf, xn, xnT)[form];
    run().dispose(); // warm-up at this size
    const count = repeatsFor(n, d, repeats, { slowFlops: SLOW_FLOPS[backend] });
    let ms = Infinity;
    let msWithRead = Infinity;
    for (let r = 0; r < count; r++) {
      const start = performance.now();
      const s = run();
      const product = performance.now();
      s.dataSync();
      const read = performance.now();
      s.dispose();
      ms = Math.min(ms, product - start);
      msWithRead = Math.min(msWithRead, read - start);
    }
    tf.dispose([xn, xnT]);
    rows.push(resultRow(`TensorFlow.js ${backend} ${form}`, n, d, ms, count, {
      backend, form, formsOnceMs, msWithRead, ...info, tfjsVersion: tf.version_core,
    }));
  }
  return rows;
}

export async function benchTfjs(sizes, { repeats = 5, backends = ['wasm', 'cpu'] } = {}) {
  const rows = [];
  for (const backend of backends) rows.push(...(await benchBackend(backend, sizes, repeats)));
  return rows;
}
