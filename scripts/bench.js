// `npm run bench`: a script, not a test. Every number it prints is measured
// in this run, on this machine, so ratios between rows are meaningful even
// on a shared, noisy machine; absolute times are not.
import os from 'node:os';

import { loadEngine } from '../web/src/index.js';

const REPEATS = 5;

function randomTensor(n, d, seed = 1) {
  // A small LCG: reproducible data without a dependency.
  let state = seed >>> 0;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5;
  }
  return { data, dims: [n, d] };
}

async function bestMs(run, repeats = REPEATS) {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function benchCosineSimilarity(n, d) {
  const engine = await loadEngine();
  const x = randomTensor(n, d);
  await engine.cosineSimilarity(x); // warm-up: compile, grow the heap
  const ms = await bestMs(() => engine.cosineSimilarity(x));
  return { name: `cosineSimilarity n=${n} d=${d}`, ms, gflops: (2 * n * n * d) / ms / 1e6 };
}

function printTable(rows) {
  console.log('| benchmark | best of %d (ms) | effective GFLOP/s |', REPEATS);
  console.log('|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${row.ms.toFixed(1)} | ${row.gflops.toFixed(1)} |`);
}

console.log(`cosine-heatmap bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
  `${os.availableParallelism()} cores, Node ${process.versions.node}`);
console.log('GFLOP/s count the full product (2·n²·d) even though one triangle is computed; ' +
  'times include validation, the copy into WASM memory and the transfer back.\n');
printTable([await benchCosineSimilarity(2000, 384)]);
(await loadEngine()).dispose();
