// The colour range of the cells shown, and the words the colour bar says it
// with. Cells that hold self-pairs (blocks on the diagonal, always near 1)
// are left out, so they do not stretch the scale.
//
// Why 'robust' is the default: the similarities of most embeddings fill a
// narrow band of −1..1 (the digits: block means from 0.49 to 0.92), so on a
// fixed −1..1 scale the whole matrix is nearly one colour and clusters do not
// show. The 1st to 99th percentile of the cells shown spreads the colours
// over what is there, while one stray cell cannot squeeze the rest.

/** The percentiles of the cells shown that bound a 'robust' range. */
export const ROBUST_QUANTILES = Object.freeze([0.01, 0.99]);
/**
 * The narrowest 'robust' range. Block means of an unordered set all lie
 * within a few thousandths of the mean: spreading the colours over that
 * would paint noise as structure, so a flat matrix is drawn flat.
 */
export const ROBUST_MIN_SPAN = 0.1;

/**
 * The range for `mode` ('robust' | 'auto' | 'fixed') of the cell values shown.
 * @returns {null | {mode: string, zRange: [number, number], quantiles?: [number, number], widened?: boolean}}
 *   null for 'fixed' (the options' zmin / zmax), or when no cell lies off the diagonal
 */
export function cellRange(cells, values, mode) {
  if (mode === 'fixed') return null;
  if (mode === 'auto') {
    const zRange = fittedRange(cells, values);
    return zRange && { mode, zRange };
  }
  return robustRange(offDiagonalValues(cells, values));
}

/**
 * The 'robust' range of plain values (no diagonal to leave out, e.g. queries
 * × documents), as cellRange() gives it; NaN left out, `values` unchanged.
 * Null when there are none.
 * @param {Float32Array | Float64Array} values
 */
export function robustRange(values) {
  const mode = 'robust';
  const shown = values.filter((v) => !Number.isNaN(v)).sort();
  if (shown.length === 0) return null;
  const quantiles = ROBUST_QUANTILES.map((q) => quantile(shown, q));
  const [low, high] = quantiles;
  if (high - low >= ROBUST_MIN_SPAN) return { mode, zRange: quantiles, quantiles, widened: false };
  const start = Math.min(Math.max((low + high) / 2 - ROBUST_MIN_SPAN / 2, -1), 1 - ROBUST_MIN_SPAN);
  return { mode, zRange: [start, start + ROBUST_MIN_SPAN], quantiles, widened: true };
}

/**
 * zmin/zmax for range 'auto': the extent of the values shown off the
 * diagonal. Null when nothing off the diagonal is shown.
 */
export function fittedRange(cells, values) {
  let low = Infinity;
  let high = -Infinity;
  for (const v of offDiagonalValues(cells, values)) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!(low <= high)) return null;
  if (low === high) return [low - 1e-3, high + 1e-3];
  return [low, high];
}

/**
 * What the colour bar adds to its title for a range from cellRange():
 * " · 1st–99th percentile of cells: 0.49 to 0.92", or nothing for 'fixed'.
 */
export function rangeNote(range) {
  if (!range) return '';
  const [zmin, zmax] = range.zRange;
  if (range.mode === 'auto') return ` (range fitted to data: ${span(zmin, zmax)})`;
  const [low, high] = range.quantiles;
  const percentiles = ROBUST_QUANTILES.map(ordinalPercent).join('–');
  if (!range.widened) return ` · ${percentiles} percentile of cells: ${span(low, high)}`;
  return ` · ${span(zmin, zmax)}: cells' ${percentiles} percentile only ${span(low, high)}`;
}

// The values of the cells that hold no self-pair, NaN left out.
function offDiagonalValues(cells, values) {
  const [rows, cols] = cells.dims;
  const kept = new Float32Array(rows * cols);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (cells.rowStarts[i] < cells.colEnds[j] && cells.colStarts[j] < cells.rowEnds[i]) continue;
      const v = values[i * cols + j];
      if (!Number.isNaN(v)) kept[count++] = v;
    }
  }
  return kept.subarray(0, count);
}

// numpy's default (linear) quantile of sorted values.
function quantile(sorted, q) {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

// Two decimals, or as many as it takes to tell the ends apart.
function span(low, high) {
  const digits = Math.min(6, Math.max(2, Math.ceil(-Math.log10(Math.max(high - low, 1e-6))) + 1));
  return `${signed(low, digits)} to ${signed(high, digits)}`;
}

function signed(value, digits) {
  const text = value.toFixed(digits);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

function ordinalPercent(q) {
  const p = Math.round(q * 100);
  const suffix = p % 10 === 1 && p % 100 !== 11 ? 'st' : p % 10 === 2 && p % 100 !== 12 ? 'nd' : p % 10 === 3 && p % 100 !== 13 ? 'rd' : 'th';
  return `${p}${suffix}`;
}
