import { CosineHeatmapError } from './errors.js';

// The items a user (or the caller) selected in a view: a click selects the
// clicked row's items, shift-click every row from the last click's, a drag
// along an axis (heatmap-gestures.js) a run of positions, view.select() any
// items. The selection is highlighted in the figure and announced with a
// 'select' event whose detail.indices are the items (ascending).

// Past this many runs along the order the outline would be a blur of
// lines: the selection is then marked on the axes only.
const MAX_OUTLINED_RUNS = 100;
// Longer than Plotly's double-click delay (300 ms).
const DOUBLE_CLICK_MS = 400;

export class ItemSelection {
  #view;
  #indices = null;
  #set = null; // the embeddings the selection was made in
  #anchor = null; // positions [p0, p1) of the last click, for shift-click
  #outlined = false; // whether the figure shows the selection
  #unshade = null; // the pending removal of the shading after a plain click

  constructor(view) {
    this.#view = view;
  }

  /** Int32Array of the selected items, ascending; null when none (or the embeddings changed since). */
  get indices() {
    return this.#set && this.#set === this.#view.embeddings ? this.#indices : null;
  }

  /**
   * Selects `indices` (null or [] clears), redraws and fires 'select' with
   * {indices, source}. Refuses anything but whole item indices in range.
   * @returns {Promise<Int32Array | null>}
   */
  async select(indices, { source = 'api' } = {}) {
    if (!this.#view.embeddings && indices !== null && indices !== undefined) {
      throw new CosineHeatmapError('select: the view shows no embeddings yet (setEmbeddings first)');
    }
    const chosen = checkIndices(indices, this.#view.embeddings?.size ?? 0);
    this.#anchor = null;
    await this.#store(chosen);
    const detail = { indices: chosen, source };
    this.#view.dispatchEvent(new CustomEvent('select', { detail }));
    return chosen;
  }

  /** Selects the ordered positions [p0, p1) (a drag along an axis). */
  selectPositions([p0, p1], { source = 'drag' } = {}) {
    const order = this.#view.order;
    return this.select(order ? order.slice(p0, p1) : [], { source });
  }

  /**
   * A click on a cell: its row's items, or with shift every row from the
   * last click's row through this one. Stores them without an event (the
   * view fires one for the click) and returns them. A plain click's row is
   * not shaded: redrawing the figure between the two clicks of a double
   * click would lose Plotly's double-click (back to the whole matrix).
   * @param {{rowItems: number[], rowIndices: Int32Array}} cell
   * @param {{shiftKey?: boolean} | undefined} pointer  the DOM event
   */
  fromCell(cell, pointer) {
    let [p0, p1] = cell.rowItems;
    if (pointer?.shiftKey && this.#anchor && this.indices) {
      p0 = Math.min(p0, this.#anchor[0]);
      p1 = Math.max(p1, this.#anchor[1]);
    } else {
      this.#anchor = [p0, p1];
    }
    const chosen = sortedUnique(this.#view.order.slice(p0, p1));
    const extended = p1 - p0 > cell.rowItems[1] - cell.rowItems[0];
    const failed = (error) => this.#view.dispatchEvent(new CustomEvent('error', { detail: error }));
    if (extended) {
      this.#store(chosen).catch(failed);
      return chosen;
    }
    this.#indices = chosen;
    this.#set = this.#view.embeddings;
    if (this.#outlined) {
      // The shading of the selection before goes once a double click would be over.
      const token = {};
      this.#unshade = token;
      setTimeout(() => {
        if (this.#unshade === token && this.#indices === chosen) this.#store(chosen, { outline: false }).catch(failed);
      }, DOUBLE_CLICK_MS);
    }
    return chosen;
  }

  async #store(chosen, { outline = true } = {}) {
    this.#unshade = null;
    this.#indices = chosen;
    this.#set = chosen ? this.#view.embeddings : null;
    this.#outlined = Boolean(chosen && outline);
    await this.#view.decorate('selection', this.#outlined ? selectionOutline(chosen, this.#set) : null);
  }
}

/** The indices as an ascending Int32Array without repeats, checked against n; null for none. */
export function checkIndices(indices, n) {
  if (indices === null || indices === undefined) return null;
  if (typeof indices === 'string' || typeof indices.length !== 'number') {
    throw new CosineHeatmapError(`select: expected an array of item indices, got ${typeof indices}`);
  }
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new CosineHeatmapError(`select: indices[${k}] = ${i} is not an item index (0 to ${n - 1})`);
    }
  }
  return indices.length === 0 ? null : sortedUnique(indices);
}

function sortedUnique(indices) {
  const sorted = Int32Array.from(indices).sort();
  let kept = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[kept++] = sorted[k];
  return sorted.slice(0, kept);
}

/** Runs of consecutive positions the items occupy in `order`: [[p0, p1), …] ascending. */
export function positionRuns(indices, order, n) {
  const chosen = new Uint8Array(n);
  for (const i of indices) chosen[i] = 1;
  const runs = [];
  for (let p = 0; p < n; p++) {
    if (!chosen[order ? order[p] : p]) continue;
    if (runs.length > 0 && runs[runs.length - 1][1] === p) runs[runs.length - 1][1] = p + 1;
    else runs.push([p, p + 1]);
  }
  return runs;
}

// The selected rows shaded across the matrix, their columns outlined; past
// MAX_OUTLINED_RUNS runs, a tick per run on the left edge only.
function selectionOutline(indices, set) {
  return {
    rank: 9,
    figure: ({ set: shown, order, n }) => {
      if (shown !== set) return {};
      const runs = positionRuns(indices, order, n);
      const row = { type: 'rect', xref: 'x', yref: 'y', layer: 'above', line: { color: 'rgba(25, 113, 194, 0.9)', width: 1 }, fillcolor: 'rgba(25, 113, 194, 0.12)' };
      const col = { type: 'rect', xref: 'x', yref: 'y', layer: 'above', line: { color: 'rgba(25, 113, 194, 0.9)', width: 1, dash: 'dot' }, fillcolor: 'rgba(0,0,0,0)' };
      if (runs.length > MAX_OUTLINED_RUNS) {
        return { shapes: runs.map(([p0, p1]) => ({ ...row, name: 'selection-mark', x0: -0.5, x1: -0.5 + Math.max(1, n / 100), y0: p0 - 0.5, y1: p1 - 0.5 })) };
      }
      const shapes = [];
      for (const [p0, p1] of runs) {
        shapes.push({ ...row, name: 'selection-rows', x0: -0.5, x1: n - 0.5, y0: p0 - 0.5, y1: p1 - 0.5 });
        shapes.push({ ...col, name: 'selection-columns', x0: p0 - 0.5, x1: p1 - 0.5, y0: -0.5, y1: n - 0.5 });
      }
      return { shapes };
    },
  };
}
