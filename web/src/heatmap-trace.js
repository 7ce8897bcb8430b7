import { escapePlotlyTemplate } from './escape-plotly-text.js';
import { isDivergingScale, resolveColorScale } from './heatmap-color-scales.js';
import { axisHoverText, hoverCustomdata, hoverNames, hoverTemplate } from './heatmap-hover.js';
import { cellRange, rangeNote } from './heatmap-range.js';

// Pure builders from (cells, labels, options) to Plotly's trace and style.
// No Plotly and no DOM here, so they run and are tested in Node.
//
// Axes are ordered positions: the item at position p is drawn from p − 0.5
// to p + 0.5 at every zoom level. Cells are placed with x0 / dx (y0 / dy):
// the window's span divided evenly. That is exact for single items and for
// blocks of equal size; blocks the engine makes one item longer than others
// are drawn up to one item off (under one cell), while hover, clicks and zoom
// use the exact block edges. Edge arrays would be exact, but Plotly draws
// non-uniform bricks about 8× slower (1.3 s instead of 0.16 s for 512²).

/**
 * The heatmap trace.
 * @param {object} matrix  cells from fetchCells, or a full matrix
 *   {data: Float32Array (row-major), dims: [n, n]} in original order
 * @param {string[]} labels  one per item, in original item order
 * @param {object} options  resolved heatmap options
 * @param {{zeroRows?: number[], order?: ArrayLike<number>, values?: Float32Array,
 *   range?: object | null, extremesOnDemand?: boolean}} [extra]
 *   values: the colours (default: the cells' reduce); range: from cellRange()
 *   (default: computed from the values for options.range); extremesOnDemand:
 *   an overview cell whose min and max are not known says "…" until they are
 *   filled in (heatmap-hover.js), instead of showing the mean only
 */
export function heatmapTrace(matrix, labels, options, { zeroRows = [], order, values, range, extremesOnDemand = false } = {}) {
  const cells = asCells(matrix);
  const [rows, cols] = cells.dims;
  const shown = values ?? cells[cells.reduce] ?? cells.mean;
  const context = styleContext(cells, {
    range: range === undefined ? cellRange(cells, shown, options.range) : range,
    extremesOnDemand,
  });
  const { rowText, colText } = axisHoverText(cells, hoverNames(labels, { zeroRows, order }));
  return {
    type: 'heatmap',
    z: matrixRows({ data: shown, dims: cells.dims }),
    ...placement('x', cells.window.cols, cols),
    ...placement('y', cells.window.rows, rows),
    // Hover reads %{text} (row) and %{customdata} (column). Every text row
    // repeats one string and, unless a cell has numbers of its own, every
    // customdata row is the same array: pointers, not rows × cols strings.
    text: rowText.map((label) => new Array(cols).fill(label)),
    customdata: hoverCustomdata(cells, colText, shown, context),
    ...heatmapStyle(options, rows, context),
  };
}

/**
 * What the style depends on besides the options, from the cells shown:
 * {kind, reduce, numbers (each cell's hover reads its own customdata),
 * onDemand (an overview of means only, min and max filled in on hover), min,
 * max, range (from cellRange(), null for the options' fixed range)}.
 */
export function styleContext(matrix, { range = null, extremesOnDemand = false } = {}) {
  const cells = asCells(matrix);
  const overview = cells.kind === 'overview';
  const min = overview && Boolean(cells.min);
  const max = overview && Boolean(cells.max);
  const numbers = min || max;
  return { kind: cells.kind, reduce: cells.reduce, numbers, onDemand: overview && !numbers && extremesOnDemand, min, max, range };
}

// Longer colour-bar titles than this (the default, "Cosine Similarity", is
// 17) would widen the bar and narrow the plot if written on top of it.
const TOP_TITLE_MAX_CHARS = 20;

/**
 * The trace attributes that depend on options (and the level shown, not the
 * data): what view.update() restyles without sending the data again.
 * @param {object} options  resolved heatmap options
 * @param {number} n  rows of cells shown
 * @param {object} [context]  from styleContext (default: single items)
 */
export function heatmapStyle(options, n, context = { kind: 'items' }) {
  const valueName = escapePlotlyTemplate(options.colorLabel);
  const range = options.range === 'fixed' ? null : context.range ?? null;
  const [zmin, zmax] = colorRange(options, range?.zRange);
  const note = rangeNote(range);
  // Titles too: Plotly fills %{…} in them from `meta` when a trace has one.
  const title = escapePlotlyTemplate(options.colorLabel)
    + (context.kind === 'overview' && context.reduce !== 'mean' ? ` (block ${context.reduce})` : '')
    + escapePlotlyTemplate(note);
  return {
    colorscale: resolveColorScale(options.colorScale),
    reversescale: options.reverseScale,
    zauto: false,
    zmin,
    zmax,
    // A title that says the range, or a long one, runs along the bar, so it
    // never takes width from the plot; the reference's short title stays on top.
    colorbar: { title: { text: title, side: note || options.colorLabel.length > TOP_TITLE_MAX_CHARS ? 'right' : 'top' } },
    texttemplate: n <= options.textMaxSize ? `%{z:${options.valueFormat}}` : '',
    hovertemplate: hoverTemplate(valueName, options.hoverFormat, context),
  };
}

/**
 * zmin / zmax: the options' fixed range, or the one fitted to the cells
 * (zRange, for range 'robust' or 'auto'); with a centre (zmid; with a fitted
 * range and a diverging scale, 0) both ends move out to be equidistant from
 * it, so the scale's middle colour means that value. A fixed range the
 * caller set is otherwise kept as given.
 */
export function colorRange(options, zRange) {
  const fitted = options.range !== 'fixed' && zRange;
  let [zmin, zmax] = fitted ? zRange : [options.zmin, options.zmax];
  const zmid = options.zmid ?? (fitted && isDivergingScale(options.colorScale) ? 0 : null);
  if (zmid !== null && zmid !== undefined) {
    const half = Math.max(zmid - zmin, zmax - zmid, 1e-9);
    zmin = zmid - half;
    zmax = zmid + half;
  }
  return [zmin, zmax];
}

/**
 * heatmapStyle as an argument to Plotly.restyle / Plotly.update: nested
 * keys flattened, and every value wrapped for trace 0 (restyle reads a bare
 * array, such as a colour scale, as one value per trace).
 */
export function heatmapStyleUpdate(options, n, context) {
  const { colorbar, ...style } = heatmapStyle(options, n, context);
  const update = { 'colorbar.title.text': [colorbar.title.text], 'colorbar.title.side': [colorbar.title.side] };
  for (const [key, value] of Object.entries(style)) update[key] = [value];
  return update;
}

/**
 * Copies a row-major matrix into one typed array per row, the shape Plotly's
 * heatmap takes. Always a copy: Plotly keeps what it is given, and a view of
 * a buffer the engine reuses (or of WASM memory) could change under it.
 * @param {{data: ArrayLike<number> & {slice: Function}, dims: [number, number]}} matrix
 */
export function matrixRows({ data, dims: [rows, cols] }) {
  return Array.from({ length: rows }, (_, i) => data.slice(i * cols, (i + 1) * cols));
}

/** A full matrix in original order seen as cells of single items. */
export function asCells(matrix) {
  if (matrix.rowStarts) return matrix;
  const [rows, cols] = matrix.dims;
  const range = (from, length) => Int32Array.from({ length }, (_, k) => from + k);
  return {
    kind: 'items',
    dims: [rows, cols],
    rowStarts: range(0, rows),
    rowEnds: range(1, rows),
    colStarts: range(0, cols),
    colEnds: range(1, cols),
    window: { rows: [0, rows], cols: [0, cols] },
    reduce: 'mean',
    mean: matrix.data,
    min: null,
    max: null,
    cellRows: 1,
    cellCols: 1,
  };
}

// Centre of the first cell and the cell width, in positions.
function placement(axis, [begin, end], cells) {
  const width = (end - begin) / cells;
  return { [`${axis}0`]: begin - 0.5 + width / 2, [`d${axis}`]: width };
}
