// Issue 15's ratios from the rows of one `npm run bench` run: the path
// around the kernel (1 worker end to end ÷ the WASM kernel alone), the
// kernel and the end-to-end path against Eigen's native -msse2 SYRK, and
// all workers against one.
import { formatRatio } from './table.js';

// freshPages: [{n, d, faultMs}] from benchFreshPages, the page faults of a
// fresh n×n result, which the kernel alone (writing into reused memory)
// never pays: the last column takes them out of the path's ratio.
export function throughputTable(rows, sizes, { kernel, oneWorker, allWorkers, eigenSyrk, freshPages = [] }) {
  const lines = [
    '| n | d | 1 worker ÷ kernel alone (time) | kernel ÷ Eigen SYRK (speed) | 1 worker ÷ Eigen SYRK (speed) | ' +
      'all workers ÷ 1 worker (speed) | fresh n×n pages, ms | 1 worker ÷ (kernel + fresh pages) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const cell = (ratio, target, met) => `${formatRatio(ratio)} ${Number.isFinite(ratio) ? (met(ratio) ? '✓' : '✗') : ''} (${target})`;
  for (const { n, d } of sizes) {
    const find = (name) => rows.find((r) => r.name === name && r.n === n && r.d === d);
    const [k, one, all, syrk] = [find(kernel), find(oneWorker), find(allWorkers), find(eigenSyrk)];
    const path = one && k ? one.ms / k.ms : NaN;
    const pages = freshPages.find((p) => p.n === n && p.d === d);
    const pathBeyondPages = one && k && pages ? one.ms / (k.ms + pages.faultMs) : NaN;
    lines.push(`| ${n} | ${d} | ${n >= 2000 ? cell(path, '≤ 1.15×', (r) => r <= 1.15) : formatRatio(path)} | ` +
      `${cell(k && syrk ? syrk.ms / k.ms : NaN, '≥ 0.9×', (r) => r >= 0.9)} | ` +
      `${cell(one && syrk ? syrk.ms / one.ms : NaN, '≥ 0.8×', (r) => r >= 0.8)} | ` +
      `${cell(one && all ? one.ms / all.ms : NaN, '≥ 1.8×', (r) => r >= 1.8)} | ` +
      `${pages ? pages.faultMs.toFixed(1) : '—'} | ${formatRatio(pathBeyondPages)} |`);
  }
  return lines.join('\n');
}
