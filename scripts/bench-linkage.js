// node scripts/bench-linkage.js [n ...]: a script, not a test. The tree's
// costs through the public API in one engine worker, on planted clusters
// (d = 384): linkage(), clusters() from the cached tree, the plain average
// linkage order and its optimal leaf ordering, with the ratio of the two
// orders measured in the same run (absolute times move with the machine's
// load; CPU seconds are the process's, workers included).
import os from 'node:os';

import { loadEngine } from '../web/src/index.js';

const sizes = process.argv.slice(2).map(Number);
const D = 384;

function planted(n, d) {
  let state = 5;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  const centres = Array.from({ length: 20 * d }, random);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = centres[(i % 20) * d + j] + 0.7 * random();
  return { data, dims: [n, d] };
}

async function measure(run) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const engine = await loadEngine({ workers: 1 });
console.log(`# linkage, clusters and optimal leaf ordering (one worker, d = ${D}); load average ${os.loadavg()[0].toFixed(2)}\n`);
console.log('| n | linkage | clusters k = 20 | average order | + optimal leaf ordering | OLO / plain (CPU) |');
console.log('|---|---|---|---|---|---|');
const cell = ({ wall, cpu }) => `${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`;
for (const n of sizes.length > 0 ? sizes : [1000, 2000, 5000]) {
  const set = await engine.embeddings(planted(n, D));
  const tree = await measure(() => set.linkage({ method: 'average' }));
  const cut = await measure(() => set.clusters({ method: 'average', k: 20 }));
  const plain = await measure(() => set.order({ method: 'average' }));
  const canOlo = n <= engine.limits.maxOptimalLeafOrderItems;
  const olo = canOlo ? await measure(() => set.order({ method: 'average', optimalLeafOrdering: true })) : null;
  const ratio = olo ? (olo.cpu / Math.max(plain.cpu, 1e-3)).toFixed(1) : '—';
  console.log(`| ${n.toLocaleString('en')} | ${cell(tree)} | ${cell(cut)} | ${cell(plain)} | ${olo ? cell(olo) : 'above the limit'} | ${ratio} |`);
  set.dispose();
}
engine.dispose();
