// What the view shows of the matrix: the engine's overview of a window, at a
// resolution that fits the plot, as "cells". A cell is a block of ordered
// positions [rowStarts[i], rowEnds[i]) × [colStarts[j], colEnds[j]); when
// every block is one item the cells are the exact matrix entries.

export { fittedRange } from './heatmap-range.js';

// Below this many pairs in a window, the hover also shows each block's min
// and max, read from the window's entries (one request of at most 4 MiB).
export const EXTREMES_MAX_PAIRS = 2 ** 20;
// 'max' / 'min' colours stream every pair of the window; past this many the
// level carries a warning the page can show.
export const SLOW_PAIRS = 20_000 * 20_000;

/**
 * Asks the engine for the cells of `window`: the mean always (exact, cheap),
 * and max / min when `reduce` needs them or the window is small enough for
 * them to go in the hover. A small window's max and min come from its
 * entries, fetched as an overview of one item per cell: an interactive
 * request like the mean, so a zoom never waits behind a statistics pass
 * (the engine's max / min overviews are passes over pairs, queued after
 * background work; they serve large windows coloured by max or min).
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {{order?: Int32Array, window: {rows: number[], cols: number[]}, size: number,
 *   reduce: string, signal?: AbortSignal, onProgress?: Function}} request
 */
export async function fetchCells(set, { order, window, size, reduce, signal, onProgress }) {
  const spans = [window.rows[1] - window.rows[0], window.cols[1] - window.cols[0]];
  const pairs = spans[0] * spans[1];
  const ask = (kind) => set.overview({ size, reduce: kind, order, window, signal, onProgress: kind === reduce ? onProgress : undefined });
  const mean = await ask('mean');
  const single = mean.dims[0] === spans[0] && mean.dims[1] === spans[1];
  if (single) return cellsFromOverview(mean, window, { reduce: 'mean', pairs });
  if (pairs <= EXTREMES_MAX_PAIRS) {
    const entries = await set.overview({ size: Math.max(...spans), reduce: 'mean', order, window, signal });
    return cellsFromOverview(mean, window, { reduce, ...blockExtremes(entries.data, window, mean), pairs });
  }
  const [max, min] = await Promise.all([reduce === 'max' ? ask('max') : null, reduce === 'min' ? ask('min') : null]);
  return cellsFromOverview(mean, window, { reduce, max: max?.data, min: min?.data, pairs });
}

// The max and min of each block of `cells` over the window's entries
// (row-major, one per pair of positions in the window).
function blockExtremes(entries, window, cells) {
  const [rows, cols] = cells.dims;
  const width = window.cols[1] - window.cols[0];
  const colCell = new Int32Array(width);
  for (let c = 0; c < cols; c++) colCell.fill(c, cells.colStarts[c] - window.cols[0], cells.colEnds[c] - window.cols[0]);
  const max = new Float32Array(rows * cols).fill(-Infinity);
  const min = new Float32Array(rows * cols).fill(Infinity);
  for (let r = 0; r < rows; r++) {
    for (let p = cells.rowStarts[r] - window.rows[0]; p < cells.rowEnds[r] - window.rows[0]; p++) {
      const at = p * width;
      for (let q = 0; q < width; q++) {
        const v = entries[at + q];
        const k = r * cols + colCell[q];
        if (v > max[k]) max[k] = v;
        if (v < min[k]) min[k] = v;
      }
    }
  }
  return { max, min };
}

/**
 * The cells of a mean overview of `window` (plus max / min when computed).
 * @param {{data: Float32Array, dims: number[], rowStarts, rowEnds, colStarts, colEnds}} mean
 */
export function cellsFromOverview(mean, window, { reduce = 'mean', max = null, min = null, pairs } = {}) {
  const single = mean.dims[0] === window.rows[1] - window.rows[0] && mean.dims[1] === window.cols[1] - window.cols[0];
  return {
    kind: single ? 'items' : 'overview',
    dims: mean.dims,
    rowStarts: mean.rowStarts,
    rowEnds: mean.rowEnds,
    colStarts: mean.colStarts,
    colEnds: mean.colEnds,
    window: { rows: [...window.rows], cols: [...window.cols] },
    reduce,
    mean: mean.data,
    max: max ?? null,
    min: min ?? null,
    cellRows: maxRun(mean.rowStarts, mean.rowEnds),
    cellCols: maxRun(mean.colStarts, mean.colEnds),
    pairs: pairs ?? (window.rows[1] - window.rows[0]) * (window.cols[1] - window.cols[0]),
  };
}

function maxRun(starts, ends) {
  let most = 0;
  for (let k = 0; k < starts.length; k++) most = Math.max(most, ends[k] - starts[k]);
  return most;
}

/** The level indicator: what one cell of the plot stands for. */
export function describeLevel(cells, n) {
  const level = {
    kind: cells.kind,
    cellSize: Math.max(cells.cellRows, cells.cellCols),
    cellRows: cells.cellRows,
    cellCols: cells.cellCols,
    dims: [...cells.dims],
    window: { rows: [...cells.window.rows], cols: [...cells.window.cols] },
    full: cells.window.rows[0] === 0 && cells.window.rows[1] === n && cells.window.cols[0] === 0 && cells.window.cols[1] === n,
    reduce: cells.reduce,
  };
  if (cells.reduce !== 'mean' && cells.pairs > SLOW_PAIRS) {
    level.warning = `${cells.reduce} of ${cells.pairs.toLocaleString('en-US')} pairs per view: slow; 'mean' is exact and fast at any size`;
  }
  return level;
}

/**
 * The colour values of the cells, row-major, a fresh array. With
 * `maskDiagonal`, an item's similarity with itself is left out: single-item
 * cells on the diagonal become NaN (blank), and a mean block that overlaps
 * the diagonal becomes the mean of its other pairs (exact: its sum minus the
 * self-pairs, each 1, or 0 for a zero vector). Max / min blocks on the
 * diagonal keep their self-pairs (a max block there is 1).
 * @param {object} cells  from fetchCells
 * @param {{maskDiagonal: boolean, zeroBefore?: (p: number) => number}} options
 *   zeroBefore(p): how many zero vectors sit at positions < p
 */
export function cellValues(cells, { maskDiagonal, zeroBefore = () => 0 }) {
  const source = cells[cells.reduce] ?? cells.mean;
  const values = Float32Array.from(source);
  if (!maskDiagonal) return values;
  const [rows, cols] = cells.dims;
  for (let i = 0; i < rows; i++) {
    const r0 = cells.rowStarts[i];
    const r1 = cells.rowEnds[i];
    for (let j = 0; j < cols; j++) {
      const from = Math.max(r0, cells.colStarts[j]);
      const to = Math.min(r1, cells.colEnds[j]);
      if (from >= to) continue;
      const k = i * cols + j;
      const count = (r1 - r0) * (cells.colEnds[j] - cells.colStarts[j]);
      const overlap = to - from;
      if (count === overlap) values[k] = NaN;
      else if (cells.reduce === 'mean') {
        const selfSum = overlap - (zeroBefore(to) - zeroBefore(from));
        values[k] = (cells.mean[k] * count - selfSum) / (count - overlap);
      }
    }
  }
  return values;
}

/** Counts of zero vectors before each position, for cellValues. */
export function zeroCounter(zeroRows, order, n) {
  if (!zeroRows?.length) return () => 0;
  const positions = [];
  if (order) {
    const zero = new Set(zeroRows);
    for (let p = 0; p < n; p++) if (zero.has(order[p])) positions.push(p);
  } else positions.push(...zeroRows);
  positions.sort((a, b) => a - b);
  return (p) => {
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
