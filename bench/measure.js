// What every comparison in `npm run bench` shares, so the rows of the table
// measure the same thing: the same data, best-of-repeats timing and one
// definition of effective GFLOP/s.

// Same LCG as scripts/bench.js: reproducible data without a dependency.
export function randomRows(n, d, seed = 1) {
  let state = seed >>> 0;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5;
  }
  return data;
}

// The full product counts even when one triangle is computed (issue 4).
export function effectiveGflops(n, d, ms) {
  return (2 * n * n * d) / ms / 1e6;
}

export async function bestMs(run, repeats) {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

// Slow baselines (plain JS, tfjs-cpu) take tens of seconds a run at the
// largest sizes; above `slowFlops` they are measured once instead.
export function repeatsFor(n, d, repeats, { slowFlops = Infinity } = {}) {
  return 2 * n * n * d > slowFlops ? 1 : repeats;
}

export function resultRow(name, n, d, ms, repeats, extra = {}) {
  return { name, n, d, ms, gflops: effectiveGflops(n, d, ms), repeats, ...extra };
}
