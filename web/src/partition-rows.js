// Splits row ranges into jobs of about the same work, so a pool of workers
// finishes together and progress moves in even steps.

// Work per job: about 1 GFLOP, some 20 ms of one core. Small enough for
// prompt cancel and smooth progress, large enough that messaging costs
// little.
export const TARGET_FLOPS = 1e9;

// Bands [r0, r1) of the lower triangle with about equal area: band k covers
// rows whose triangle prefix is k/count of the total, so r ≈ n·√(k/count).
export function triangleBands(n, d, { targetFlops = TARGET_FLOPS, minBands = 1 } = {}) {
  const total = n * n * d; // 2·n²·d/2 flops for one triangle
  const count = Math.max(minBands, Math.min(n, Math.ceil(total / targetFlops)));
  const bands = [];
  let start = 0;
  for (let k = 1; k <= count && start < n; k++) {
    const end = k === count ? n : Math.max(start + 1, Math.round(n * Math.sqrt(k / count)));
    bands.push([start, Math.min(end, n)]);
    start = Math.min(end, n);
  }
  return bands;
}

// Blocks of equal row count for rectangular products (n rows × m columns).
export function rowBlocks(n, m, d, { targetFlops = TARGET_FLOPS, minBlocks = 1 } = {}) {
  const count = Math.max(minBlocks, Math.min(n, Math.ceil((2 * n * m * d) / targetFlops)));
  const size = Math.ceil(n / count);
  const blocks = [];
  for (let r0 = 0; r0 < n; r0 += size) blocks.push([r0, Math.min(n, r0 + size)]);
  return blocks;
}
