// The loop a user writes by hand: normalize each row, then a dot product per
// pair over Float32Array. It computes the upper triangle (j >= i) and mirrors
// it into the full n×n Float32Array, as our library returns; the time covers
// normalization, allocation and both triangles. Above ~4 GFLOP of full
// product (n = 5000) it is measured once: a run takes tens of seconds.
import { randomRows, bestMs, repeatsFor, resultRow } from './measure.js';

const SLOW_FLOPS = 4e9;

export function plainCosineSimilarity(x, n, d) {
  const xn = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < d; k++) sum += x[i * d + k] * x[i * d + k];
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let k = 0; k < d; k++) xn[i * d + k] = x[i * d + k] * scale;
  }
  const s = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = i * d;
    for (let j = i; j < n; j++) {
      const b = j * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += xn[a + k] * xn[b + k];
      s[i * n + j] = dot;
      s[j * n + i] = dot;
    }
  }
  return s;
}

export async function benchPlainJs(sizes, { repeats = 5 } = {}) {
  const rows = [];
  for (const { n, d } of sizes) {
    const x = randomRows(n, d);
    const count = repeatsFor(n, d, repeats, { slowFlops: SLOW_FLOPS });
    plainCosineSimilarity(randomRows(64, d), 64, d); // warm-up: let the JIT optimize the loop
    const ms = await bestMs(() => plainCosineSimilarity(x, n, d), count);
    rows.push(resultRow('plain JavaScript loop (upper triangle, mirrored)', n, d, ms, count));
  }
  return rows;
}
