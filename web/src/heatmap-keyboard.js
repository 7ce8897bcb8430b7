import { hoverNames } from './heatmap-hover.js';

// The heatmap from the keyboard. The plot is one Tab stop; once it has focus:
//   arrow keys   move the focused cell (Home / End: first / last column); past
//                the edge of a zoomed window, the window moves by half its size
//   Enter, Space the cell's items, as a click on it (the view's 'select' event)
//   + and −      zoom in / out around the focused cell; 0 shows everything
// Each move is said through a polite live region: both labels and the value.
// A box drawn over the plot marks the focused cell while the plot has focus.
// It works through the view's public surface and Plotly's own events (a
// plotly_click, a relayout), so the keyboard takes the same paths as the mouse.

const KEYS_HELP = 'Arrow keys move between cells, Enter selects a cell, plus and minus zoom, 0 shows everything.';
const value = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/**
 * Where the focus goes for `key` from cell (row, col) of a `rows` × `cols`
 * grid: {row, col}, or null when the key is not a move.
 */
export function moveFocus(key, { row, col }, [rows, cols]) {
  const clamp = (k, count) => Math.max(0, Math.min(count - 1, k));
  switch (key) {
    case 'ArrowUp': return { row: clamp(row - 1, rows), col };
    case 'ArrowDown': return { row: clamp(row + 1, rows), col };
    case 'ArrowLeft': return { row, col: clamp(col - 1, cols) };
    case 'ArrowRight': return { row, col: clamp(col + 1, cols) };
    case 'Home': return { row, col: 0 };
    case 'End': return { row, col: cols - 1 };
    default: return null;
  }
}

/**
 * The window moved half its size in the direction of `key` (an arrow key),
 * kept inside [0, n); null when it is already at that edge of the matrix.
 */
export function panWindow(window, key, n) {
  const shift = ([begin, end], step) => {
    const by = Math.max(1, Math.ceil((end - begin) / 2)) * step;
    const start = Math.max(0, Math.min(n - (end - begin), begin + by));
    return start === begin ? null : [start, start + (end - begin)];
  };
  const moves = { ArrowUp: ['rows', -1], ArrowDown: ['rows', 1], ArrowLeft: ['cols', -1], ArrowRight: ['cols', 1] };
  if (!moves[key]) return null;
  const [axis, step] = moves[key];
  const moved = shift(window[axis], step);
  return moved && { ...window, [axis]: moved };
}

/**
 * The window of positions a zoom by `factor` (2: in, 0.5: out) around
 * `centre` ({row, col} positions) shows, within [0, n); null when it would
 * show the whole matrix.
 */
export function zoomWindow(window, centre, factor, n) {
  const axis = ([begin, end], at) => {
    const span = Math.max(1, Math.min(n, Math.round((end - begin) / factor)));
    const start = Math.max(0, Math.min(n - span, Math.floor(at - span / 2 + 0.5)));
    return [start, start + span];
  };
  const rows = axis(window.rows, centre.row);
  const cols = axis(window.cols, centre.col);
  if (rows[1] - rows[0] >= n && cols[1] - cols[0] >= n) return null;
  return { rows, cols };
}

/**
 * What a screen reader says for cell (row, col) of the cells shown:
 * "row: cat, column: kitten, Cosine Similarity 0.9123".
 * @param {object} cells  view.matrix (data: the colours)
 * @param {{labels: string[], order: ArrayLike<number>, zeroRows: number[], valueName: string}} names
 */
export function describeCell(cells, row, col, { labels, order, zeroRows, valueName }) {
  const name = hoverNames(labels, { order, zeroRows, escape: false });
  const v = cells.data[row * cells.dims[1] + col];
  const shown = Number.isNaN(v) ? 'blank (an item with itself)' : value.format(v);
  if (cells.kind === 'items') {
    return `row: ${name.item(cells.rowStarts[row])}, column: ${name.item(cells.colStarts[col])}, ${valueName} ${shown}`;
  }
  const rows = name.block(cells.rowStarts[row], cells.rowEnds[row]);
  const cols = name.block(cells.colStarts[col], cells.colEnds[col]);
  return `rows: ${rows}; columns: ${cols}; ${cells.reduce} ${valueName} ${shown}`;
}

export class HeatmapKeyboard {
  #view;
  #plotly = null;
  #element = null; // the element set up for the keyboard
  #live = null;
  #box = null;
  #focus = null; // the focused cell as the positions at its centre: {row, col}
  #listeners = null;
  #zoomed = false; // a keyboard zoom is on its way: say the focused cell once it is drawn
  #target = null; // the window that zoom asked for, until it is drawn (a key pressed meanwhile builds on it)
  #active = false; // the keyboard is in use (not a mouse click that focused the plot)

  /** @param {import('./heatmap.js').CosineSimilarityHeatmap} view */
  constructor(view) {
    this.#view = view;
  }

  /** After every picture: the plot is a Tab stop, and the focus box follows the cells drawn. */
  drawn(plotly) {
    this.#plotly = plotly;
    const element = this.#view.element;
    if (!element || typeof element.addEventListener !== 'function' || typeof document === 'undefined') return;
    if (this.#element !== element) this.#setUp(element);
    // Plotly's newPlot may rebuild what is inside the element.
    if (!this.#live.isConnected) element.append(this.#live);
    const cells = this.#view.matrix;
    this.#target = null;
    if (this.#zoomed && cells && document.activeElement === element) {
      this.#zoomed = false;
      this.#focusCell(cells, this.#cellAt(cells));
    } else {
      this.#drawBox();
    }
  }

  dispose() {
    if (!this.#element) return;
    for (const [type, listener] of Object.entries(this.#listeners)) this.#element.removeEventListener(type, listener);
    this.#live.remove();
    this.#box.remove();
    this.#element = null;
  }

  #setUp(element) {
    this.#element = element;
    if (!element.hasAttribute('tabindex')) element.tabIndex = 0;
    element.setAttribute('role', 'application');
    element.setAttribute('aria-roledescription', 'heatmap');
    if (!element.hasAttribute('aria-label')) element.setAttribute('aria-label', `Similarity heatmap. ${KEYS_HELP}`);
    this.#live = document.createElement('div');
    this.#live.className = 'cosine-heatmap-live';
    this.#live.setAttribute('aria-live', 'polite');
    this.#live.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap';
    this.#box = document.createElement('div');
    this.#box.className = 'cosine-heatmap-focus';
    this.#box.style.cssText = 'position:absolute;pointer-events:none;box-sizing:border-box;border:2px solid #000;'
      + 'outline:2px solid #fff;z-index:1001;display:none';
    this.#listeners = {
      keydown: (event) => this.#key(event),
      focus: () => this.#show(),
      blur: () => {
        this.#active = false;
        this.#box.style.display = 'none';
      },
    };
    for (const [type, listener] of Object.entries(this.#listeners)) element.addEventListener(type, listener);
  }

  #key(event) {
    const cells = this.#view.matrix;
    if (!cells || event.altKey || event.ctrlKey || event.metaKey) return;
    this.#active = true;
    const at = this.#cellAt(cells);
    const moved = moveFocus(event.key, at, cells.dims);
    const panned = moved && moved.row === at.row && moved.col === at.col && panWindow(cells.window, event.key, this.#view.embeddings.size);
    if (panned) {
      // At the window's edge: the window moves on, the focus to the next position beyond it.
      const next = { ArrowUp: ['row', cells.window.rows[0] - 1], ArrowDown: ['row', cells.window.rows[1]], ArrowLeft: ['col', cells.window.cols[0] - 1], ArrowRight: ['col', cells.window.cols[1]] }[event.key];
      this.#focus = { ...this.#focus ?? { row: 0, col: 0 }, [next[0]]: next[1] };
      this.#relayout(panned);
    } else if (moved) {
      this.#focusCell(cells, moved);
    } else if (event.key === 'Enter' || event.key === ' ') {
      // A click on the focused cell: the view turns it into its 'select' event.
      this.#element.emit?.('plotly_click', { points: [{ curveNumber: 0, pointNumber: [at.row, at.col] }], event });
    } else if (event.key === '+' || event.key === '=' || event.key === '-' || event.key === '_') {
      this.#zoom(cells, event.key === '+' || event.key === '=' ? 2 : 0.5);
    } else if (event.key === '0') {
      this.#relayout(null);
    } else {
      return;
    }
    event.preventDefault();
  }

  // Focus from the keyboard (Tab) shows the focused cell at once; a click
  // that focused the plot shows nothing until a key is pressed.
  #show() {
    const cells = this.#view.matrix;
    if (!cells || !this.#element.matches(':focus-visible')) return;
    this.#active = true;
    this.#focusCell(cells, this.#cellAt(cells));
  }

  #focusCell(cells, { row, col }) {
    this.#focus = {
      row: (cells.rowStarts[row] + cells.rowEnds[row] - 1) >> 1,
      col: (cells.colStarts[col] + cells.colEnds[col] - 1) >> 1,
    };
    this.#drawBox();
    const view = this.#view;
    this.#live.textContent = describeCell(cells, row, col, {
      labels: view.labels, order: view.order, zeroRows: view.embeddings?.zeroRows ?? [], valueName: view.options.colorLabel,
    });
  }

  // The focused cell of the cells shown: the one holding the focus
  // positions (the nearest, when a zoom left them outside), else the first.
  #cellAt(cells) {
    if (!this.#focus) return { row: 0, col: 0 };
    return { row: cellOf(cells.rowStarts, cells.rowEnds, this.#focus.row), col: cellOf(cells.colStarts, cells.colEnds, this.#focus.col) };
  }

  #zoom(cells, factor) {
    if (!this.#target) this.#focusCell(cells, this.#cellAt(cells));
    this.#relayout(zoomWindow(this.#target ?? cells.window, this.#focus, factor, this.#view.embeddings.size));
  }

  // Zooms as the mode bar does (the view hears the relayout); null: everything.
  #relayout(window) {
    const update = window
      ? { 'xaxis.range': [window.cols[0] - 0.5, window.cols[1] - 0.5], 'yaxis.range': [window.rows[1] - 0.5, window.rows[0] - 0.5] }
      : { 'xaxis.autorange': true, 'yaxis.autorange': 'reversed' };
    const n = this.#view.embeddings.size;
    this.#zoomed = true;
    this.#target = window ?? { rows: [0, n], cols: [0, n] };
    Promise.resolve(this.#plotly?.relayout(this.#element, update)).catch(() => {});
  }

  #drawBox() {
    const box = this.#box;
    const cells = this.#view.matrix;
    const layout = this.#element?._fullLayout;
    if (!this.#active || !this.#focus || !cells || !layout?.xaxis || document.activeElement !== this.#element) {
      if (box) box.style.display = 'none';
      return;
    }
    const container = this.#element.querySelector('.svg-container');
    if (container && box.parentNode !== container) container.append(box);
    const { row, col } = this.#cellAt(cells);
    const { xaxis: x, yaxis: y } = layout;
    const span = (axis, a, b) => {
      const [p, q] = [axis._offset + axis.d2p(a), axis._offset + axis.d2p(b)].sort((u, v) => u - v);
      const low = Math.max(p, axis._offset);
      return [low, Math.max(low + 2, Math.min(q, axis._offset + axis._length))];
    };
    const [left, right] = span(x, cells.colStarts[col] - 0.5, cells.colEnds[col] - 0.5);
    const [top, bottom] = span(y, cells.rowStarts[row] - 0.5, cells.rowEnds[row] - 0.5);
    Object.assign(box.style, { display: 'block', left: `${left}px`, top: `${top}px`, width: `${right - left}px`, height: `${bottom - top}px` });
  }
}

// The cell k with starts[k] <= p < ends[k], or the nearest one.
function cellOf(starts, ends, p) {
  let lo = 0;
  let hi = starts.length - 1;
  if (p < starts[0]) return 0;
  if (p >= ends[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
