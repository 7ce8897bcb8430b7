// `npm run bench:large`: issue 13's measurements at large n, in Node and in
// the demo page in headless Chromium. A script, not a test; one run, times
// in seconds of this machine.
//   BENCH_QUICK=1 npm run bench:large      20,000 × 384 only
//   BENCH_CHROMIUM=0 npm run bench:large   Node only
//   BENCH_NODE=0 npm run bench:large       the page in Chromium only
//   BENCH_SCREENSHOT_DIR=dir               where the page's screenshots go (default: a temporary folder, kept)
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';

import { benchPage } from '../bench/chromium-large.js';
import { benchLargeN, benchLoadMemory } from '../bench/large-n.js';

const quick = process.env.BENCH_QUICK === '1';
const sizes = quick
  ? [{ n: 20000, d: 384 }]
  : [{ n: 20000, d: 384 }, { n: 100000, d: 384 }, { n: 1000000, d: 128 }];
const seconds = (ms) => (ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(2));
const hours = (ms) => (ms / 3_600_000).toFixed(1);

const runNode = process.env.BENCH_NODE !== '0';
const runChromium = process.env.BENCH_CHROMIUM !== '0';

console.log(`# cosine-heatmap at large n — ${new Date().toISOString().slice(0, 10)}`);
console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `Node ${process.versions.node}, load average ${os.loadavg()[0].toFixed(2)} at start\n`);
if (runNode) await benchNode();
if (runChromium) await benchPages();

async function benchNode() {
  console.log('## In Node\n');
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
}

// The demo page in headless Chromium: the same planted clusters as a .npy
// served beside the page, opened with ?data=, one fresh browser per size.
async function benchPages() {
  const shots = process.env.BENCH_SCREENSHOT_DIR ?? (await mkdtemp(join(os.tmpdir(), 'cosine-heatmap-bench-shots-')));
  const rows = [];
  for (const size of sizes) {
    const label = `${size.n} x ${size.d}`;
    process.stderr.write(`bench:large page ${label}…\n`);
    rows.push(await benchPage(size, {
      screenshot: join(shots, `page-${size.n}x${size.d}-ordered-1400.png`),
      // The exact pass of 1,000,000 items (5·10¹¹ pairs) would take hours: not waited for.
      waitExact: (size.n * (size.n - 1)) / 2 <= 5.1e9,
      log: (line) => process.stderr.write(`  ${label}: ${line}\n`),
    }));
  }
  const browser = rows.find((row) => row.browser)?.browser ?? 'unknown';
  console.log(`\n## The demo page in headless Chromium ${browser}\n`);
  console.log('Planted clusters (16) in shuffled file order as a float32 .npy served beside the page, opened with `?data=`; ' +
    'a fresh profile, 1400 × 1000 viewport, the page\'s default workers (one per core). Times in seconds after navigation ' +
    '(fetch, parse, engine start, Plotly included); zooms in milliseconds from `Plotly.relayout` to the drawn picture ' +
    '(the view\'s 120 ms debounce included); memory is the PSS of all Chromium processes, idle on about:blank → after ' +
    'the ordered picture (peak).\n');
  console.log('| n × d | file | first picture | ordered picture (order: its own time) | zoom: 1 % window / 40 × 40 single items | statistics: estimate / exact | Chromium memory, MiB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(pageRow(row));
  console.log(`\nLoad average ${os.loadavg()[0].toFixed(2)} at the end. Details:\n`);
  for (const row of rows) {
    console.log(`- ${row.n.toLocaleString('en-US')} × ${row.d}:`);
    if (row.failure) console.log(`  - FAILED: ${row.failure}`);
    for (const entry of row.statusLog ?? row.log?.status ?? []) {
      console.log(`  - ${seconds(entry.t)} s status [${entry.state}${entry.order ? `, order ${entry.order}` : ''}]: ${entry.text}`);
    }
    for (const entry of row.statsLog ?? []) console.log(`  - ${seconds(entry.t)} s statistics [${entry.state}]: ${entry.text}`);
    if (row.statsFinal) console.log(`  - ${seconds(row.statsEnd)} s statistics panel at the end: ${row.statsFinal}`);
    if (row.zoomFailure) console.log(`  - ZOOM FAILED: ${row.zoomFailure}`);
    const steps = (z) => `Plotly's redraw of the old cells ${Math.round(z.relayoutMs)} ms, new cells at ${z.cellsMs === null ? '—' : Math.round(z.cellsMs)} ms, drawn at ${Math.round(z.ms)} ms`;
    if (row.zoomWindow) console.log(`  - zoomed to ${row.zoomWindow.span.toLocaleString('en-US')} items: "${row.zoomWindow.level}", ${row.zoomWindow.cells.join('×')} cells; ${steps(row.zoomWindow)}`);
    if (row.zoomItems) console.log(`  - zoomed to 40 items: "${row.zoomItems.level}", ${row.zoomItems.cells.join('×')} cells, first hover "${row.zoomItems.hover}"; ${steps(row.zoomItems)}; statistics running then: ${row.zoomItems.statsRunning}`);
    if (row.unzoom) console.log(`  - back to the whole matrix (cells kept, redrawn only): ${Math.round(row.unzoom.ms)} ms`);
    if (row.statsProgress) console.log(`  - exact pass still running: ${(100 * row.statsProgress.share).toFixed(2)} % after ${seconds(row.statsProgress.at - row.statsStarted)} s, so about ${hours(row.statsProgress.projectedMs)} h in all at that rate`);
    for (const [name, m] of [['peak', row.memoryPeak], ['after ordering', row.memoryOrdered]]) {
      if (m) console.log(`  - memory ${name}: PSS ${m.pssMiB.toFixed(0)} MiB (${Object.entries(m.byType).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')})${m.jsHeapMiB ? `; page JS heap ${m.jsHeapMiB.toFixed(0)} MiB` : ''}`);
    }
    if (row.errors?.length) console.log(`  - page errors: ${row.errors.join('; ')}`);
    if (row.screenshot) console.log(`  - screenshot: ${row.screenshot}`);
  }
}

function pageRow(row) {
  const size = `${row.n.toLocaleString('en-US')} × ${row.d}`;
  const file = `${(row.bytes / 2 ** 20).toFixed(0)} MiB`;
  const memory = row.memoryIdle && row.memoryPeak
    ? `${row.memoryIdle.pssMiB.toFixed(0)} → ${row.memoryOrdered ? row.memoryOrdered.pssMiB.toFixed(0) : '—'} (peak ${row.memoryPeak.pssMiB.toFixed(0)})`
    : '—';
  if (row.failure) return `| ${size} | ${file} | ${seconds(row.first)} | failed: ${row.failure.replace(/\|/g, '/')} | | | ${memory} |`;
  const ms = (value) => (value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-US'));
  const estimate = row.estimate ? seconds(row.estimate.t) : '—';
  const exact = row.exact
    ? `${seconds(row.exact.t)} (${seconds(row.exact.ms)} after the first picture)`
    : row.statsProgress
      ? `not waited for: ${(100 * row.statsProgress.share).toFixed(1)} % done at ${seconds(row.statsProgress.at)} (≈ ${hours(row.statsProgress.projectedMs)} h in all at that rate)`
      : `not waited for (${row.statsFinal ?? '?'})`;
  return `| ${size} | ${file} | ${seconds(row.first)} | ${seconds(row.ordered)} (${row.orderMethod}: ${seconds(row.orderMs)}) | ` +
    `${ms(row.zoomWindow?.ms)} / ${ms(row.zoomItems?.ms)} | ${estimate} / ${exact} | ${memory} |`;
}
