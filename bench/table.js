// The combined markdown table of `npm run bench`: one line per size and
// implementation, with the ratio of a reference row (this library, 1 worker)
// to each row at the same size, in effective GFLOP/s, so "20×" reads "we are
// 20 times faster than this" and "0.85×" reads "we reach 85% of this".

export function formatRatio(ratio) {
  if (!Number.isFinite(ratio) || ratio <= 0) return '—';
  if (ratio >= 100) return `${ratio.toFixed(0)}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

// A target holds when `met(ratio)` is true, ratio = reference ÷ row; `names`
// says which rows it applies to (exact row names or a test function).
function targetCell(row, ratio, targets) {
  const target = targets.find(({ names }) => (typeof names === 'function' ? names(row.name) : names.includes(row.name)));
  if (!target || !Number.isFinite(ratio)) return '';
  return `${target.text} ${target.met(ratio) ? '✓' : '✗'}`;
}

// rows: [{name, n, d, ms, gflops, repeats}]; reference: the name of the row
// the ratios are taken against.
export function formatTable(rows, { reference, targets = [] } = {}) {
  const sizes = [];
  for (const { n, d } of rows) if (!sizes.some((s) => s.n === n && s.d === d)) sizes.push({ n, d });
  const lines = [
    `| n | d | implementation | runs | best ms | GFLOP/s | ${reference} ÷ this | target |`,
    '|---:|---:|---|---:|---:|---:|---:|---|',
  ];
  for (const { n, d } of sizes) {
    const here = rows.filter((row) => row.n === n && row.d === d);
    const ref = here.find((row) => row.name === reference);
    for (const row of here) {
      const ratio = ref ? ref.gflops / row.gflops : NaN;
      lines.push(`| ${n} | ${d} | ${row.name} | ${row.repeats} | ${formatMs(row.ms)} | ${row.gflops.toFixed(1)} | ` +
        `${formatRatio(ratio)} | ${targetCell(row, ratio, targets)} |`);
    }
  }
  return lines.join('\n');
}

// Issue 4's targets, as ratios of the reference (1 worker) to each row.
// (All workers against 1 worker is a separate table: its reference differs.)
export function issueTargets({ nativeKernel, eigenSyrk, tfjsWasm, plainJs }) {
  return [
    { names: [nativeKernel], text: '≥ 0.8×', met: (r) => r >= 0.8 },
    { names: [eigenSyrk], text: '≥ 0.8×', met: (r) => r >= 0.8 },
    { names: (name) => name.startsWith(tfjsWasm), text: '≥ 2×', met: (r) => r >= 2 },
    { names: [plainJs], text: '≥ 20×', met: (r) => r >= 20 },
  ];
}
