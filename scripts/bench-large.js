// `npm run bench:large`: issue 13's measurements at large n, in Node. A
// script, not a test; one run, times in seconds of this machine.
//   BENCH_QUICK=1 npm run bench:large   20,000 × 384 only
import os from 'node:os';

import { benchLargeN, benchLoadMemory } from '../bench/large-n.js';

const quick = process.env.BENCH_QUICK === '1';
const sizes = quick
  ? [{ n: 20000, d: 384 }]
  : [{ n: 20000, d: 384 }, { n: 100000, d: 384 }, { n: 1000000, d: 128 }];
const seconds = (ms) => (ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(2));

console.log(`# cosine-heatmap at large n — ${new Date().toISOString().slice(0, 10)}`);
console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.versions.node}\n`);
console.log('Planted clusters (16) in shuffled file order; 2 workers; seconds.\n');
console.log('| n × d | first picture | ordered picture (order) | estimate | exact statistics | overview during the exact pass | overview alone |');
console.log('|---|---|---|---|---|---|---|');
for (const size of sizes) {
  process.stderr.write(`bench:large ${size.n} x ${size.d}…\n`);
  const [row] = await benchLargeN([size]);
  console.log(
    `| ${row.n.toLocaleString('en-US')} × ${row.d} | ${seconds(row.firstPictureMs)} | ${seconds(row.orderedPictureMs)} (${row.orderMethod}) | ` +
      `${seconds(row.estimateMs)} | ${row.exactMs === undefined ? 'not run (too many pairs for one run)' : seconds(row.exactMs)} | ` +
      `${seconds(row.overviewDuringPassMs)} | ${seconds(row.overviewAloneMs)} |`,
  );
}
console.log('\nProcess growth when one set is loaded (the caller\'s input array included), MiB:\n');
console.log('| n × d | input | 2 workers | 16 workers | workers holding it (16) |');
console.log('|---|---|---|---|---|');
for (const size of quick ? [{ n: 20000, d: 384 }] : [{ n: 100000, d: 384 }, { n: 1000000, d: 128 }]) {
  process.stderr.write(`bench:large memory ${size.n} x ${size.d}…\n`);
  const [two, sixteen] = await benchLoadMemory(size, [2, 16]);
  console.log(
    `| ${size.n.toLocaleString('en-US')} × ${size.d} | ${two.inputMiB.toFixed(0)} | ${two.grownMiB.toFixed(0)} | ${sixteen.grownMiB.toFixed(0)} | ${sixteen.holders} |`,
  );
}
