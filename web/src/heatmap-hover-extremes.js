import { extremesPending, fillExtremes } from './heatmap-hover.js';

// An overview of a large window is drawn from block means alone (exact and
// quick at any n); a block's min and max need its entries. They are fetched
// for the cell the pointer rests on: its entries as one interactive overview
// request (which goes before background passes, so a hover never waits for
// the statistics), written into the trace's hover data in place, and the
// hover label is drawn again. Nothing blocks meanwhile: the label says "…".

// Waits this long on a cell before asking, so sweeping across the plot asks nothing.
const HOVER_DELAY_MS = 60;
// A block of more entries than this (64 MiB of floats) is not fetched for a
// hover; its min and max stay "…" until a zoom makes the blocks smaller.
export const BLOCK_PAIRS_MAX = 2 ** 24;
const CACHED_BLOCKS_MAX = 20_000;

/**
 * The min and max entry of one block of ordered positions.
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {{order?: ArrayLike<number>, rows: number[], cols: number[], signal?: AbortSignal}} block
 */
export async function blockExtremes(set, { order, rows, cols, signal }) {
  const size = Math.max(rows[1] - rows[0], cols[1] - cols[0]);
  const entries = await set.overview({ size, reduce: 'mean', order, window: { rows, cols }, signal });
  let min = Infinity;
  let max = -Infinity;
  for (const value of entries.data) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** The view's hover on overview cells: fills in min and max on demand. */
export class HoverExtremes {
  #view;
  #cache = new Map(); // block "r0 r1 c0 c1" → {min, max}, for one set and order
  #cacheFor = null;
  #hovered = null; // {row, col, trace}
  #timer = null;
  #abort = null;
  #pointer = null; // the latest mouse event over the plot, to hover again with
  #watched = null; // the element whose mouse moves are watched

  /** @param {{element: HTMLElement, matrix: object, embeddings: object, order: ArrayLike<number>}} view */
  constructor(view) {
    this.#view = view;
  }

  /** plotly_hover: fills the cell at once when its block was fetched before, else fetches it shortly. */
  hover(event, plotly) {
    const point = event?.points?.[0];
    if (!point || point.curveNumber > 0 || !Array.isArray(point.pointNumber)) return;
    const [row, col] = point.pointNumber;
    const element = this.#view.element;
    this.#watch(element);
    const trace = element?.data?.[0];
    if (this.#hovered?.trace === trace && this.#hovered.row === row && this.#hovered.col === col) return;
    this.#stop();
    if (!trace || !extremesPending(trace.customdata, row, col)) return;
    const block = this.#blockAt(row, col, trace);
    if (!block) return;
    this.#hovered = { row, col, trace };
    const known = this.#cached().get(block.key);
    if (known) {
      this.#fill(this.#hovered, known, plotly);
      return;
    }
    if ((block.rows[1] - block.rows[0]) * (block.cols[1] - block.cols[0]) > BLOCK_PAIRS_MAX) return;
    const hovered = this.#hovered;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#fetch(hovered, block, plotly);
    }, HOVER_DELAY_MS);
  }

  /** plotly_unhover, a new picture, dispose: stops waiting. */
  unhover() {
    this.#stop();
  }

  async #fetch(hovered, block, plotly) {
    const controller = new AbortController();
    this.#abort = controller;
    const set = this.#view.embeddings;
    const order = this.#view.order;
    let extremes;
    try {
      extremes = await blockExtremes(set, { order, rows: block.rows, cols: block.cols, signal: controller.signal });
    } catch {
      return; // moved on, or the set went away: the label keeps its "…"
    } finally {
      if (this.#abort === controller) this.#abort = null;
    }
    if (set !== this.#view.embeddings || order !== this.#view.order) return;
    const cache = this.#cached();
    if (cache.size >= CACHED_BLOCKS_MAX) cache.clear();
    cache.set(block.key, extremes);
    if (this.#hovered === hovered) this.#fill(hovered, extremes, plotly);
  }

  // Writes the numbers into the trace still drawn and shows the label again.
  #fill(hovered, extremes, plotly) {
    const element = this.#view.element;
    if (element?.data?.[0] !== hovered.trace) return;
    fillExtremes(hovered.trace.customdata, hovered.row, hovered.col, extremes);
    // Hovers again where the pointer is now (Plotly's hover is throttled: a
    // position of our own would replace a move still queued).
    if (this.#pointer) plotly?.Fx?.hover?.(element, this.#pointer);
  }

  #watch(element) {
    if (this.#watched === element || typeof element?.addEventListener !== 'function') return;
    this.#watched = element;
    element.addEventListener('mousemove', (event) => { this.#pointer = event; }, { passive: true });
    element.addEventListener('mouseleave', () => { this.#pointer = null; }, { passive: true });
  }

  // The block of positions under cell (row, col) of the trace drawn, or null
  // when the view's cells are not the ones drawn (a new picture is on its way).
  #blockAt(row, col, trace) {
    const cells = this.#view.matrix;
    if (!cells || !drawnFrom(trace, cells)) return null;
    const rows = [cells.rowStarts[row], cells.rowEnds[row]];
    const cols = [cells.colStarts[col], cells.colEnds[col]];
    return { rows, cols, key: `${rows[0]} ${rows[1]} ${cols[0]} ${cols[1]}` };
  }

  // The cache of the set and order shown (emptied when either changes).
  #cached() {
    const set = this.#view.embeddings;
    const order = this.#view.order;
    if (this.#cacheFor?.set !== set || this.#cacheFor?.order !== order) {
      this.#cache.clear();
      this.#cacheFor = { set, order };
    }
    return this.#cache;
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#hovered = null;
  }
}

// Whether `trace` shows `cells`: the same grid over the same window.
function drawnFrom(trace, cells) {
  const [rows, cols] = cells.dims;
  const start = ([begin, end], count) => begin - 0.5 + (end - begin) / count / 2;
  const close = (a, b) => Math.abs(a - b) < 1e-9;
  return trace.z?.length === rows && trace.z[0]?.length === cols
    && close(trace.x0, start(cells.window.cols, cols)) && close(trace.y0, start(cells.window.rows, rows));
}
