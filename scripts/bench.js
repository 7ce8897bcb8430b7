// `npm run bench`: a script, not a test. Every number it prints is measured
// in this run, on this machine, so ratios between rows are meaningful even
// on a shared, noisy machine; absolute times are not.
//   BENCH_QUICK=1 npm run bench   one size, fewer repeats (a smoke run)
import { execFileSync } from 'node:child_process';
import os from 'node:os';

import { benchChromium, withBlankPage } from '../bench/chromium.js';
import { benchNative } from '../bench/native.js';
import { benchFreshPages, benchInterleaved, engineRow } from '../bench/ours.js';
import { benchPlainJs } from '../bench/plain-js.js';
import { probeRelaxedSimd } from '../bench/relaxed-simd.js';
import { buildCeilingModule, measureChromiumCeiling, measureNodeCeiling, passFloorSeconds } from '../bench/simd-ceiling.js';
import { benchOverview, benchStreamedPass } from '../bench/scale.js';
import { benchAnalyze, benchAnalyzeAgainstPass, benchClosedForms, benchTextEmbedder } from '../bench/statistics.js';
import { formatTable, issueTargets } from '../bench/table.js';
import { throughputTable } from '../bench/throughput.js';
import { benchTfjs } from '../bench/tfjs.js';

const quick = process.env.BENCH_QUICK === '1';
const repeats = quick ? 2 : 5;
const sizes = quick
  ? [{ n: 1000, d: 384 }]
  : [1000, 2000, 5000].flatMap((n) => [384, 768].map((d) => ({ n, d })));
const cores = os.availableParallelism();

console.log(`# cosine-heatmap bench — ${new Date().toISOString().slice(0, 10)}`);
console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `Node ${process.versions.node}, load average ${os.loadavg()[0].toFixed(2)} at start\n`);

console.log('## Cosine similarity matrix (n×n, float32)\n');
console.log('Effective GFLOP/s = 2·n²·d / time, the full product, though one triangle is computed. "this library" rows are ' +
  'end to end through the public API (validation, copies to the workers, transfer back); "WASM kernel alone" and the ' +
  'native rows time the product of normalized rows only, as do the TensorFlow.js rows (tf.matMul). Ratios: the reference ' +
  'row divided by each row at the same size.\n');
const rows = [];
const progress = (label) => process.stderr.write(`bench: ${label}…\n`);
progress(`this library: the WASM kernel alone, 1 worker and ${cores} workers, in turns`);
rows.push(...(await benchInterleaved(sizes, { repeats, workerCounts: [...new Set([1, cores])] })));
const freshPages = await benchFreshPages(sizes, { repeats });
progress('native kernel and Eigen');
rows.push(...(await benchNative(sizes, { repeats })));
progress('native with AVX2 and FMA (the instruction-set ceiling)');
rows.push(...(await benchNative(sizes, { repeats, build: 'fma' })));
progress('TensorFlow.js');
rows.push(...(await benchTfjs(sizes, { repeats })));
progress('plain JavaScript');
rows.push(...(await benchPlainJs(sizes, { repeats })));
progress('headless Chromium');
rows.push(...(await benchChromium([{ n: 2000, d: 384 }], { repeats })));
rows.push(...(await benchChromium([{ n: 2000, d: 384 }], { repeats, isolated: true })));

const kernel = 'this library, WASM kernel alone (1 thread)';
const allWorkers = engineRow(cores);
console.log(formatTable(rows, {
  reference: kernel,
  targets: issueTargets({
    nativeKernel: 'native g++ -msse2, our kernel',
    eigenSyrk: 'native g++ -msse2, Eigen SYRK',
    tfjsWasm: 'TensorFlow.js wasm',
    plainJs: 'plain JavaScript loop (upper triangle, mirrored)',
  }),
}));
console.log('\nWorkers: the all-workers row against the 1-worker row (end to end, same size):\n');
console.log('| n | d | 1 worker ms | all workers ms | speed-up |');
console.log('|---:|---:|---:|---:|---:|');
for (const { n, d } of sizes) {
  const one = rows.find((r) => r.name === engineRow(1) && r.n === n && r.d === d);
  const all = rows.find((r) => r.name === allWorkers && r.n === n && r.d === d);
  if (one && all) console.log(`| ${n} | ${d} | ${one.ms.toFixed(1)} | ${all.ms.toFixed(1)} | ${(one.ms / all.ms).toFixed(2)}× |`);
}

console.log('\nIssue 15\'s ratios (same run): the path around the kernel, the kernel and the whole path against native ' +
  'SYRK, and the workers:\n');
console.log(throughputTable(rows, sizes, {
  kernel,
  oneWorker: engineRow(1),
  allWorkers: engineRow(cores),
  oneWorkerOut: engineRow(1, { out: true }),
  allWorkersOut: engineRow(cores, { out: true }),
  eigenSyrk: 'native g++ -msse2, Eigen SYRK',
  tfjsWasm: 'TensorFlow.js wasm',
}, freshPages));
console.log('\n"fresh": each call returns a new matrix (the default); "out": each call writes into the same array ' +
  '({out}), as the kernel alone writes into memory it reuses. The fresh pages column is what touching a new n×n ' +
  'array costs on this machine before any value is written.\n');

progress('streamed pass and overviews');
console.log('\n## Large n (Node, 2 workers)\n');
const pass = await benchStreamedPass({ n: quick ? 5000 : 20000 });
console.log(`Streamed pass over all ${((pass.n * (pass.n - 1)) / 2).toLocaleString('en-US')} pairs of n = ${pass.n} × ${pass.d} ` +
  `(set.pairSummary(), nothing n×n kept): ${(pass.ms / 1000).toFixed(2)} s; RSS grew ${pass.rssGrowthMiB.toFixed(0)} MiB ` +
  `for a ${pass.inputMiB.toFixed(0)} MiB input.\n`);
console.log('| n | d | embeddings() + first 512×512 mean overview, ms | zoom refresh (2,000-item window), ms | RSS growth MiB | input MiB |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of await benchOverview({ sizes: quick ? [5000] : [5000, 20000, 100000] })) {
  console.log(`| ${r.n} | ${r.d} | ${r.firstMs.toFixed(0)} | ${r.zoomMs.toFixed(0)} | ${r.rssGrowthMiB.toFixed(0)} | ${r.inputMiB.toFixed(0)} |`);
}

progress('statistics');
console.log('\n## Statistics (Node, 2 workers)\n');
const analyzed = await benchAnalyze({ n: quick ? 5000 : 20000 });
console.log(`set.analyze() of n = ${analyzed.n} × ${analyzed.d} (histogram, quantiles, near-duplicates, outliers, closed forms): ` +
  `${(analyzed.ms / 1000).toFixed(2)} s (target ≤ 4 s at 20,000).`);
const against = await benchAnalyzeAgainstPass({ n: quick ? 5000 : 20000, repeats: quick ? 1 : 3 });
console.log(`\nanalyze() against the bare streamed pass of the same set (n = ${against.n} × ${against.d}, ${against.workers} ` +
  `workers, best of ${quick ? 1 : 3}): pairSummary() ${(against.passMs / 1000).toFixed(2)} s, analyze() ` +
  `${(against.analyzeMs / 1000).toFixed(2)} s: ${against.ratio.toFixed(2)}× (target ≤ 1.2×) ${against.ratio <= 1.2 ? '✓' : '✗'}.`);
const closed = await benchClosedForms({ n: quick ? 20000 : 100000 });
console.log(`n = ${closed.n} × ${closed.d}: mean and std ${(closed.meanStdMs / 1000).toFixed(2)} s; compare()'s Pearson and CKA ` +
  `${(closed.pearsonCkaMs / 1000).toFixed(2)} s (target ≤ 2 s at 100,000).`);

progress('text embedder');
console.log('\n## Built-in text embedder (Node, 1 worker)\n');
const embedded = await benchTextEmbedder({ texts: quick ? 2000 : 10000 });
console.log(`${embedded.texts.toLocaleString('en-US')} sentences (${(embedded.bytes / 1e6).toFixed(2)} MB), dim 4096: best ` +
  `${embedded.ms.toFixed(0)} ms, ${embedded.mbPerSecond.toFixed(1)} MB/s, ${embedded.textsPerSecond.toFixed(0)} texts/s (target ≥ 5 MB/s).`);

progress('parsers');
console.log('\n## Parsing (Node)\n');
execFileSync(process.execPath, [new URL('./bench-parse.js', import.meta.url).pathname], {
  stdio: 'inherit',
  env: { ...process.env, ...(quick ? { BENCH_N: '10000', BENCH_REPEATS: '2' } : {}) },
});

console.log('\n## Relaxed SIMD (f32x4.relaxed_madd) with this toolchain\n');
const relaxed = probeRelaxedSimd();
if (!relaxed.built) console.log(relaxed.reason);
else {
  console.log(`${relaxed.version}, -mrelaxed-simd: emits ${relaxed.opcode}. This Node (${process.versions.node}, V8 ` +
    `${process.versions.v8}): as built: ${relaxed.asBuilt}; with --experimental-wasm-relaxed-simd: ${relaxed.asBuiltFlag}. ` +
    `Re-encoded as the standard relaxed_madd (0xfd 0x85 0x02): ${relaxed.standard}; with the flag: ${relaxed.standardFlag}.`);
}

progress('the ceiling of the kernel\'s instructions');
console.log('\n## The ceiling of the kernel\'s instructions (issue 15: exact analyze() of 100,000 × 384 in ≤ 40 s)\n');
const ceilingModule = buildCeilingModule();
const nodeCeiling = await measureNodeCeiling(ceilingModule, { threads: cores });
const chromiumCeiling = await withBlankPage((page) => measureChromiumCeiling(page, ceilingModule));
const slowestThread = Math.min(...nodeCeiling.perThreadAllCores);
const neededPerCore = (100000 * 99999 * 384) / (40 * cores) / 1e9;
console.log(`The micro-kernel's step (2 loads, 4 broadcasts, 8 f32x4 multiplies and 8 adds: 64 operations) on panels that ` +
  `stay in L1, nothing else: Node ${nodeCeiling.oneThread.toFixed(1)} GFLOP/s on 1 thread, ` +
  `${nodeCeiling.perThreadAllCores.map((g) => g.toFixed(1)).join(' and ')} on ${cores} threads at once; headless ` +
  `Chromium ${chromiumCeiling.toFixed(1)} on 1 thread. The exact pass over 100,000 × 384 is 3.84·10¹² operations: at ` +
  `${slowestThread.toFixed(1)} GFLOP/s on each of ${cores} cores it cannot take less than ` +
  `${passFloorSeconds(100000, 384, slowestThread, cores).toFixed(1)} s; 40 s needs ${neededPerCore.toFixed(1)} GFLOP/s ` +
  `per core from the whole pass.`);
