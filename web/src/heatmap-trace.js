import { escapePlotlyTemplate, escapePlotlyText } from './escape-plotly-text.js';
import { resolveColorScale } from './heatmap-color-scales.js';

// Pure builders from (options, matrix, labels) to Plotly's trace and style.
// No Plotly and no DOM here, so they run and are tested in Node; the matrix
// source can later be an overview instead of the full n×n without the view
// changing.

/**
 * The heatmap trace for a full similarity matrix.
 * @param {{data: Float32Array, dims: [number, number]}} matrix  row-major
 * @param {string[]} labels  one per row/column
 * @param {object} options  resolved heatmap options
 * @param {{zeroRows?: number[]}} [extra]
 */
export function heatmapTrace(matrix, labels, options, { zeroRows = [] } = {}) {
  const [rows, cols] = matrix.dims;
  const hoverLabels = labels.map(escapePlotlyText);
  for (const i of zeroRows) hoverLabels[i] += ' (zero vector)';
  return {
    type: 'heatmap',
    z: matrixRows(matrix),
    // Hover reads %{text} (row item) and %{customdata} (column item). Every
    // customdata row is the same array and every text row repeats one
    // string, so this costs pointers, not n² strings.
    text: Array.from({ length: rows }, (_, i) => new Array(cols).fill(hoverLabels[i])),
    customdata: new Array(rows).fill(hoverLabels.slice(0, cols)),
    ...heatmapStyle(options, rows),
  };
}

/**
 * The trace attributes that depend only on options (and n): what
 * view.update() restyles without touching the data.
 * @param {object} options  resolved heatmap options
 * @param {number} n  rows in the matrix
 */
export function heatmapStyle(options, n) {
  const valueName = escapePlotlyTemplate(options.colorLabel);
  return {
    colorscale: resolveColorScale(options.colorScale),
    reversescale: options.reverseScale,
    zauto: false,
    zmin: options.zmin,
    zmax: options.zmax,
    colorbar: { title: { text: escapePlotlyText(options.colorLabel) } },
    texttemplate: n <= options.textMaxSize ? `%{z:${options.valueFormat}}` : '',
    hovertemplate: `row: %{text}<br>column: %{customdata}<br>${valueName}: %{z:${options.hoverFormat}}<extra></extra>`,
  };
}

/**
 * heatmapStyle as an argument to Plotly.restyle / Plotly.update: nested
 * keys flattened, and every value wrapped for trace 0 (restyle reads a bare
 * array, such as a colour scale, as one value per trace).
 */
export function heatmapStyleUpdate(options, n) {
  const { colorbar, ...style } = heatmapStyle(options, n);
  const update = { 'colorbar.title.text': [colorbar.title.text] };
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
