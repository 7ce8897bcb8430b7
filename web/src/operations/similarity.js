// The whole matrix of one set (bands of the lower triangle and their
// transposes) and of one set against another (blocks of rows).
import { transferred } from '../worker-results.js';
import { rowBlocks, triangleBands } from '../partition-rows.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  // Rows [r0, r1) against columns [0, r1): one band of the lower triangle,
  // followed by its transpose (r1 rows of r1 - r0) for the upper one.
  band(host, { id, rows: [r0, r1] }) {
    const set = host.set(id);
    return transferred(host.output(2 * (r1 - r0) * r1, 'similarity', (out) => set._bandWithTranspose(r0, r1, out)));
  },

  // Rows [r0, r1) of one set against every row of another.
  crossRows(host, { id, otherId, rows: [r0, r1] }) {
    const set = host.set(id);
    const other = host.set(otherId);
    return transferred(
      host.output((r1 - r0) * other._size(), 'crossSimilarity', (out) => set._crossRows(other, r0, r1, out)),
    );
  },
};

// {data: Float32Array (row-major), dims: [n, n], zeroRows}. Both triangles
// are placed with contiguous row copies, so S(i, j) and S(j, i) are the same
// float.
export async function similarity(engine, set, options) {
  const n = set.size;
  engine._checkMatrixBudget(n, n);
  const data = new Float32Array(n * n);
  const jobs = triangleBands(n, set.dim, { minBands: engine.workers }).map(([r0, r1]) => ({
    action: 'band',
    args: { id: set._id, rows: [r0, r1] },
    weight: (r1 - r0) * r1,
  }));
  await engine._pool.run(jobs, {
    ...options,
    onResult: ({ args: { rows: [r0, r1] } }, band) => placeBand(data, n, r0, r1, band),
  });
  return { data, dims: [n, n], zeroRows: set.zeroRows };
}

// {data, dims: [n, m], zeroRows, zeroColumns}.
export async function crossSimilarity(engine, set, other, options) {
  const n = set.size;
  const m = other.size;
  engine._checkMatrixBudget(n, m);
  const data = new Float32Array(n * m);
  const jobs = rowBlocks(n, m, set.dim, { minBlocks: engine.workers }).map(([r0, r1]) => ({
    action: 'crossRows',
    args: { id: set._id, otherId: other._id, rows: [r0, r1] },
    weight: (r1 - r0) * m,
  }));
  await engine._pool.run(jobs, {
    ...options,
    onResult: ({ args: { rows: [r0] } }, block) => data.set(block, r0 * m),
  });
  return { data, dims: [n, m], zeroRows: set.zeroRows, zeroColumns: other.zeroRows };
}

// band: rows [r0, r1) × columns [0, r1), then its transpose (r1 × h).
function placeBand(data, n, r0, r1, band) {
  const h = r1 - r0;
  const transposed = band.subarray(h * r1);
  for (let i = r0; i < r1; i++) {
    const offset = (i - r0) * r1;
    data.set(band.subarray(offset, offset + i + 1), i * n); // lower triangle and diagonal
  }
  for (let j = 0; j < r1; j++) {
    // Row j, columns max(r0, j + 1)..r1: the mirror of the band's lower part.
    const from = Math.max(0, j + 1 - r0);
    if (from < h) data.set(transposed.subarray(j * h + from, (j + 1) * h), j * n + r0 + from);
  }
}
