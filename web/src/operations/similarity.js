// The whole matrix of one set (bands of the lower triangle and their
// transposes) and of one set against another (blocks of rows).
//
// Where shared memory exists (Node; pages that are cross-origin isolated)
// the result is a SharedArrayBuffer and each worker writes its band
// straight into its place: the main thread touches no element, so every
// core computes. Elsewhere (or with {shared: false}) the bands come back as
// transferred buffers and the main thread places them while the workers go
// on with the next ones. With {out} the result goes into the caller's array
// (either kind of buffer) instead of a fresh one.
import { transferred } from '../worker-results.js';
import { rowBlocks, TARGET_FLOPS, triangleBands } from '../partition-rows.js';
import { resultTarget, useSharedResult } from '../shared-result.js';

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

  // The same band, written into the shared n×n result (`matrix`, a
  // SharedArrayBuffer, from byte `offset`) by this worker.
  bandInPlace(host, { id, rows: [r0, r1], matrix, offset = 0 }) {
    const set = host.set(id);
    const n = set._size();
    host.inHeap((r1 - r0) * (r1 + r0), 'similarity', (out) => set._bandWithTranspose(r0, r1, out), 'float32', (band) =>
      placeBand(new Float32Array(matrix, offset, n * n), n, r0, r1, band),
    );
    return { result: true };
  },

  // Rows [r0, r1) of one set against every row of another.
  crossRows(host, { id, otherId, rows: [r0, r1] }) {
    const set = host.set(id);
    const other = host.set(otherId);
    return transferred(
      host.output((r1 - r0) * other._size(), 'crossSimilarity', (out) => set._crossRows(other, r0, r1, out)),
    );
  },

  // The same rows, written into the shared n×m result (from byte `offset`) at row r0.
  crossRowsInPlace(host, { id, otherId, rows: [r0, r1], matrix, offset = 0 }) {
    const set = host.set(id);
    const other = host.set(otherId);
    const m = other._size();
    host.inHeap((r1 - r0) * m, 'crossSimilarity', (out) => set._crossRows(other, r0, r1, out), 'float32', (block) =>
      new Float32Array(matrix, offset + r0 * m * 4, (r1 - r0) * m).set(block),
    );
    return { result: true };
  },
};

// {data: Float32Array (row-major), dims: [n, n], zeroRows}. Both triangles
// are placed with contiguous row copies, so S(i, j) and S(j, i) are the same
// float.
//
// Bands of equal triangle area, so every band's result (r1² − r0² floats)
// has the same size: when the main thread places them, a placed band's
// buffer goes back with the next band to be filled again, and only the
// first bands' buffers are fresh memory. At least BANDS_PER_WORKER per
// worker: the workers finish together, and the last band, which no other
// worker overlaps, is short. The budget guards memory the library would
// allocate: a caller's `out` is already there.
export async function similarity(engine, set, { shared, out, ...options }) {
  const n = set.size;
  const target = resultTarget(out, n, n, 'similarity');
  if (!target) engine._checkMatrixBudget(n, n);
  const inPlace = useSharedResult(shared, 'similarity', target);
  const bands = triangleBands(n, set.dim, { minBands: BANDS_PER_WORKER * engine.workers, targetFlops: BAND_FLOPS });
  const weight = (/** @type {number[]} */ [r0, r1]) => (r1 - r0) * r1;
  if (inPlace) {
    const data = target ?? new Float32Array(new SharedArrayBuffer(n * n * 4));
    const args = { id: set._id, matrix: data.buffer, offset: data.byteOffset };
    const jobs = bands.map((rows) => ({ action: 'bandInPlace', args: { ...args, rows }, weight: weight(rows) }));
    await engine._pool.run(jobs, options);
    return { data, dims: [n, n], zeroRows: set.zeroRows };
  }
  const data = target ?? new Float32Array(n * n);
  const spare = [];
  const beforeSend = (args) => {
    args.into = spare.pop();
    return args.into ? [args.into] : [];
  };
  const jobs = bands.map((rows) => ({ action: 'band', args: { id: set._id, rows }, weight: weight(rows), beforeSend }));
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

// Twice the passes' jobs (partition-rows.js), some 40–60 ms of a core: a
// band's transpose lands in the matrix as one short row segment per row
// above it, and those strided copies cost about twice a contiguous one
// (1 worker at 5,000 × 384: placing 25 ms in 10 bands, 1.09–1.14× the
// kernel alone in 3–5 bands against 1.18× in 10).
const BAND_FLOPS = 2 * TARGET_FLOPS;

// {data, dims: [n, m], zeroRows, zeroColumns}.
export async function crossSimilarity(engine, set, other, { shared, out, ...options }) {
  const n = set.size;
  const m = other.size;
  const target = resultTarget(out, n, m, 'crossSimilarity');
  if (!target) engine._checkMatrixBudget(n, m);
  const inPlace = useSharedResult(shared, 'crossSimilarity', target);
  const blocks = rowBlocks(n, m, set.dim, { minBlocks: engine.workers });
  const job = (/** @type {number[]} */ rows, /** @type {Float32Array} */ inPlaceResult = undefined) => ({
    action: inPlaceResult ? 'crossRowsInPlace' : 'crossRows',
    args: { id: set._id, otherId: other._id, rows, matrix: inPlaceResult?.buffer, offset: inPlaceResult?.byteOffset },
    weight: (rows[1] - rows[0]) * m,
  });
  const described = { dims: [n, m], zeroRows: set.zeroRows, zeroColumns: other.zeroRows };
  if (inPlace) {
    const data = target ?? new Float32Array(new SharedArrayBuffer(n * m * 4));
    await engine._pool.run(blocks.map((rows) => job(rows, data)), options);
    return { data, ...described };
  }
  const data = target ?? new Float32Array(n * m);
  await engine._pool.run(blocks.map((rows) => job(rows)), {
    ...options,
    onResult: ({ args: { rows: [r0] } }, block) => data.set(block, r0 * m),
  });
  return { data, ...described };
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
