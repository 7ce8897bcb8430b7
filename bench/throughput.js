// Issue 15's ratios from the rows of one `npm run bench` run: the path
// around the kernel (1 worker end to end ÷ the WASM kernel alone), the
// kernel and the end-to-end path against Eigen's native -msse2 SYRK, all
// workers against one, and the kernel against TensorFlow.js's WASM backend.
// Each end-to-end ratio is given twice: returning a fresh matrix (the
// default) and writing into one the caller reuses ({out}), which the kernel
// alone, writing into reused memory, is like.
import { formatRatio } from './table.js';

// names: {kernel, oneWorker, allWorkers, oneWorkerOut, allWorkersOut,
// eigenSyrk, tfjsWasm (a prefix: its faster form is taken)}; freshPages:
// [{n, d, faultMs}] from benchFreshPages, what a fresh n×n result's pages
// cost before anything is written.
export function throughputTable(rows, sizes, names, freshPages = []) {
  const lines = [
    '| n | d | kernel alone ms | 1 worker ms, fresh / out | all workers ms, fresh / out | ' +
      '1 worker ÷ kernel, time (≤ 1.15×), fresh / out | kernel ÷ Eigen SYRK, speed (≥ 0.9×) | ' +
      '1 worker ÷ Eigen SYRK, speed (≥ 0.8×), fresh / out | all ÷ 1 worker, speed (≥ 1.8×), fresh / out | ' +
      'fresh n×n pages ms | kernel ÷ TensorFlow.js wasm, speed (≥ 2×) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { n, d } of sizes) {
    const find = (name) => rows.find((r) => r.name === name && r.n === n && r.d === d);
    const k = find(names.kernel);
    const [one, all, oneOut, allOut] = [names.oneWorker, names.allWorkers, names.oneWorkerOut, names.allWorkersOut].map(find);
    const syrk = find(names.eigenSyrk);
    const tfjs = rows
      .filter((r) => r.name.startsWith(names.tfjsWasm) && r.n === n && r.d === d)
      .sort((a, b) => a.ms - b.ms)[0];
    const pages = freshPages.find((p) => p.n === n && p.d === d);
    const ratio = (a, b) => (a && b ? a.ms / b.ms : NaN);
    const pair = (fresh, out, target, met) => {
      const mark = (r) => (Number.isFinite(r) && target ? (met(r) ? ' ✓' : ' ✗') : '');
      return `${formatRatio(fresh)}${mark(fresh)} / ${formatRatio(out)}${mark(out)}`;
    };
    const single = (r, met) => `${formatRatio(r)}${Number.isFinite(r) ? (met(r) ? ' ✓' : ' ✗') : ''}`;
    const ms = (row) => (row ? formatMs(row.ms) : '—');
    lines.push(
      `| ${n} | ${d} | ${ms(k)} | ${ms(one)} / ${ms(oneOut)} | ${ms(all)} / ${ms(allOut)} | ` +
        `${pair(ratio(one, k), ratio(oneOut, k), n >= 2000, (r) => r <= 1.15)} | ` +
        `${single(ratio(syrk, k), (r) => r >= 0.9)} | ` +
        `${pair(ratio(syrk, one), ratio(syrk, oneOut), true, (r) => r >= 0.8)} | ` +
        `${pair(ratio(one, all), ratio(oneOut, allOut), n >= 2000, (r) => r >= 1.8)} | ` +
        `${pages ? pages.faultMs.toFixed(1) : '—'} | ${single(ratio(tfjs, k), (r) => r >= 2)} |`,
    );
  }
  return lines.join('\n');
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
