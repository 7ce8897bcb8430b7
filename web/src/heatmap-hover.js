import { escapePlotlyText } from './escape-plotly-text.js';

// The heatmap's hover: what each cell's %{text} (its row) and %{customdata}
// (its column, and numbers of its own) hold, and the template that reads
// them. Pure: no Plotly, no DOM.
//
// Overview cells, by what is known when the picture is drawn:
// - numbers: every cell has [column, mean, min, max, minMark, maxMark]; an
//   extreme not computed is '' with the mark '…' until fillExtremes().
// - onDemand: only the means are known (a large window): the mean is the
//   colour (%{z}), and every row shares one array of per-column
//   [column, '', '', '', '…', '…'] (pointers, not rows × cols arrays). A
//   hovered cell's min and max are fetched then (heatmap-hover-extremes.js)
//   and written into its own copy by fillExtremes().
// - neither (a static report): the mean only, customdata rows of strings.

const count = new Intl.NumberFormat('en-US');
const PENDING = '…';
// Row arrays shared by every row of a trace: fillExtremes copies one first.
const sharedRows = new WeakSet();

/**
 * What the hover names: position → label of the item there, and a block
 * of positions → "items 1,024–1,151 (128): first … last" (`between` in
 * place of ": ", e.g. a line break for a narrow plot).
 * @param {string[]} labels  one per item, original order
 * @param {{zeroRows?: number[], order?: ArrayLike<number>, escape?: boolean}} [options]
 *   escape: as Plotly text (default); false gives plain text (for a screen reader)
 */
export function hoverNames(labels, { zeroRows = [], order, escape = true } = {}) {
  const zero = new Set(zeroRows);
  const text = escape ? escapePlotlyText : String;
  const item = (p) => {
    const index = order ? order[p] : p;
    const name = text(labels[index]);
    return zero.has(index) ? `${name} (zero vector)` : name;
  };
  const block = (start, end, between = ': ') => {
    if (end - start === 1) return item(start);
    const range = `items ${count.format(start)}–${count.format(end - 1)} (${count.format(end - start)})`;
    return `${range}${between}${item(start)} … ${item(end - 1)}`;
  };
  return { item, block };
}

/** The hover text of each row and column of cells: {rowText, colText}. */
export function axisHoverText(cells, names) {
  if (cells.kind === 'items') {
    return { rowText: Array.from(cells.rowStarts, names.item), colText: Array.from(cells.colStarts, names.item) };
  }
  return {
    rowText: Array.from(cells.rowStarts, (s, i) => names.block(s, cells.rowEnds[i])),
    colText: Array.from(cells.colStarts, (s, j) => names.block(s, cells.colEnds[j])),
  };
}

/**
 * The trace's customdata for `context` (from styleContext).
 * @param {object} cells
 * @param {string[]} colText
 * @param {ArrayLike<number>} shown  the colours (the mean unless reduce says otherwise)
 */
export function hoverCustomdata(cells, colText, shown, context) {
  const rows = cells.dims[0];
  if (context.numbers) return blockNumbers(cells, colText, shown);
  if (!context.onDemand) return new Array(rows).fill(colText);
  const row = colText.map((label) => [label, '', '', '', PENDING, PENDING]);
  sharedRows.add(row);
  return new Array(rows).fill(row);
}

/** The hovertemplate for `context` (from styleContext). */
export function hoverTemplate(valueName, format, context) {
  if (context.kind !== 'overview') {
    return `row: %{text}<br>column: %{customdata}<br>${valueName}: %{z:${format}}<extra></extra>`;
  }
  const extremes = `min: %{customdata[2]:${format}}%{customdata[4]}<br>max: %{customdata[3]:${format}}%{customdata[5]}`;
  if (context.numbers) {
    return `rows: %{text}<br>columns: %{customdata[0]}<br>mean ${valueName}: %{customdata[1]:${format}}<br>${extremes}<extra></extra>`;
  }
  if (context.onDemand) {
    return `rows: %{text}<br>columns: %{customdata[0]}<br>mean ${valueName}: %{z:${format}}<br>${extremes}<extra></extra>`;
  }
  return `rows: %{text}<br>columns: %{customdata}<br>${context.reduce} ${valueName}: %{z:${format}}<extra></extra>`;
}

/** Whether cell (row, col) of this customdata still waits for its min or max. */
export function extremesPending(customdata, row, col) {
  const cell = customdata?.[row]?.[col];
  return Array.isArray(cell) && cell.length === 6 && (cell[4] === PENDING || cell[5] === PENDING);
}

/**
 * Writes a block's min and max into cell (row, col) of the trace's
 * customdata, in place (Plotly reads customdata when it hovers, so the next
 * hover shows them without a redraw). A shared row is copied first, so only
 * this cell changes.
 */
export function fillExtremes(customdata, row, col, { min, max }) {
  if (sharedRows.has(customdata[row])) customdata[row] = customdata[row].slice();
  const cell = [...customdata[row][col]];
  cell[2] = min;
  cell[3] = max;
  cell[4] = '';
  cell[5] = '';
  customdata[row][col] = cell;
}

function blockNumbers(cells, colText, shown) {
  const [rows, cols] = cells.dims;
  const mean = cells.reduce === 'mean' ? shown : cells.mean;
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => {
    const k = i * cols + j;
    const min = cells.min?.[k];
    const max = cells.max?.[k];
    return [colText[j], mean[k], min ?? '', max ?? '', min === undefined ? PENDING : '', max === undefined ? PENDING : ''];
  }));
}
