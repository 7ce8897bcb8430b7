// The matrix seen from afar: block means (exact, from block sums) or block
// maxima/minima (every pair streamed), in a given order and window. The
// order travels with each request: workers keep nothing between calls, so
// overviews with different orders can run at the same time.
import { CosineHeatmapError } from '../errors.js';
import { transferred } from '../worker-results.js';
import { cellEdges } from '../overview-axes.js';
import { describeValue, permutation, positiveInteger } from '../validate-options.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  overviewMean(host, { id, rowEdges, colEdges, order }) {
    const set = host.set(id);
    const count = (rowEdges.length - 1) * (colEdges.length - 1);
    return transferred(
      host.output(count, 'overview', (out) =>
        host.lend(order, 'overview', (items) =>
          set._overviewMean(Array.from(rowEdges), Array.from(colEdges), items, order.length, out),
        ),
      ),
    );
  },

  overviewExtreme(host, { id, rowEdges, colEdges, order, maximum, cells: [k0, k1] }) {
    const set = host.set(id);
    const count = (k1 - k0) * (colEdges.length - 1);
    return transferred(
      host.output(count, 'overview', (out) =>
        host.lend(order, 'overview', (items) =>
          set._overviewExtreme(Array.from(rowEdges), Array.from(colEdges), items, order.length, maximum, k0, k1, out),
        ),
      ),
    );
  },
};

const REDUCERS = ['mean', 'max', 'min'];

// {data, dims: [rows, cols], rowStarts, colStarts, rowEnds, colEnds, reduce}.
export async function overview(engine, set, options) {
  const { size = 512, reduce = 'mean', order, window = {}, signal, onProgress } = options;
  const n = set.size;
  if (!REDUCERS.includes(reduce)) {
    throw new CosineHeatmapError(`overview: reduce must be 'mean', 'max' or 'min', got ${describeValue(reduce)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  positiveInteger(size, 'overview: size');
  const [r0, r1] = checkRange(window?.rows ?? [0, n], n, 'rows');
  const [c0, c1] = checkRange(window?.cols ?? [0, n], n, 'cols');
  // Checked and copied now: a caller changing theirs later changes nothing here.
  const items = order === undefined || order === null ? new Int32Array(0) : permutation(order, n, 'overview: order');
  const rowEdges = cellEdges(r0, r1, size);
  const colEdges = cellEdges(c0, c1, size);
  const rows = rowEdges.length - 1;
  const cols = colEdges.length - 1;
  let data;
  if (reduce === 'mean') {
    const job = { action: 'overviewMean', args: { id: set._id, rowEdges, colEdges, order: items } };
    await engine._pool.run([job], { signal, onProgress, onResult: (_, result) => (data = result) });
  } else {
    data = new Float32Array(rows * cols);
    const windowCols = c1 - c0;
    const jobs = [];
    // Split row cells so each job covers about 2^24 pairs.
    const cellsPerJob = Math.max(1, Math.floor(2 ** 24 / Math.max(1, ((r1 - r0) / rows) * windowCols)));
    for (let k0 = 0; k0 < rows; k0 += cellsPerJob) {
      const k1 = Math.min(rows, k0 + cellsPerJob);
      jobs.push({
        action: 'overviewExtreme',
        args: { id: set._id, rowEdges, colEdges, order: items, maximum: reduce === 'max', cells: [k0, k1] },
        weight: (rowEdges[k1] - rowEdges[k0]) * windowCols,
      });
    }
    // Every pair of the window: a pass, so it yields to interactive requests.
    await engine._pool.run(jobs, {
      signal,
      onProgress,
      priority: 'background',
      onResult: ({ args: { cells: [k0] } }, block) => data.set(block, k0 * cols),
    });
  }
  return {
    data,
    dims: [rows, cols],
    rowStarts: rowEdges.slice(0, rows),
    colStarts: colEdges.slice(0, cols),
    rowEnds: rowEdges.slice(1),
    colEnds: colEdges.slice(1),
    reduce,
  };
}

function checkRange(range, n, axis) {
  const [begin, end] = Array.isArray(range) ? range : [];
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end > n || begin >= end) {
    throw new CosineHeatmapError(
      `overview: window.${axis} must be [start, end) with 0 <= start < end <= ${n}, got ${JSON.stringify(range) ?? describeValue(range)}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  return [begin, end];
}
