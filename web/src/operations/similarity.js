// The whole matrix of one set (bands of the lower triangle and their
// transposes) and of one set against another (blocks of rows).
import { transferred } from '../worker-results.js';
import { rowBlocks, triangleBands } from '../partition-rows.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  // Rows [r0, r1) against columns [0, r1): one band of the lower triangle,
  // followed by the transpose of its first r0 columns (r0 rows of r1 - r0)
  // for the upper triangle above it.
  band(host, { id, rows: [r0, r1], into }) {
    const set = host.set(id);
    return transferred(
      host.output((r1 - r0) * (r1 + r0), 'similarity', (out) => set._bandWithTranspose(r0, r1, out), 'float32', into),
    );
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
//
// Bands of equal triangle area, so every band's result (r1² − r0² floats)
// has the same size: once placed, its buffer goes back with the next band
// to be filled again, and only the first bands' buffers are fresh memory.
// At least BANDS_PER_WORKER per worker: the workers finish together, and
// the last band's placement, which no worker overlaps, is short.
export async function similarity(engine, set, options) {
  const n = set.size;
  engine._checkMatrixBudget(n, n);
  const data = new Float32Array(n * n);
  const spare = [];
  const beforeSend = (args) => {
    args.into = spare.pop();
    return args.into ? [args.into] : [];
  };
  const jobs = triangleBands(n, set.dim, { minBands: BANDS_PER_WORKER * engine.workers }).map(([r0, r1]) => ({
    action: 'band',
    args: { id: set._id, rows: [r0, r1] },
    weight: (r1 - r0) * r1,
    beforeSend,
  }));
  await engine._pool.run(jobs, {
    ...options,
    onResult: ({ args: { rows: [r0, r1] } }, band) => {
      placeBand(data, n, r0, r1, band);
      spare.push(band.buffer);
    },
  });
  return { data, dims: [n, n], zeroRows: set.zeroRows };
}

const BANDS_PER_WORKER = 4;

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

// band: rows [r0, r1) × columns [0, r1), then rows [0, r0) × columns
// [r0, r1) (r0 × h): one contiguous copy per row of the matrix.
function placeBand(data, n, r0, r1, band) {
  const h = r1 - r0;
  for (let i = r0; i < r1; i++) {
    const offset = (i - r0) * r1;
    data.set(band.subarray(offset, offset + r1), i * n);
  }
  const transposed = h * r1;
  for (let j = 0; j < r0; j++) data.set(band.subarray(transposed + j * h, transposed + (j + 1) * h), j * n + r0);
}
