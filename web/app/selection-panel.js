import { downloadFile } from '../src/exports.js';
import { meanWithin, NEAREST_MAX_ITEMS, nearestOutside, selectionCsv } from '../src/selection-statistics.js';
import { element } from './dom.js';
import { formatCount, formatNumber } from './plot-text.js';

// The selection: its items, their mean similarity to each other and the
// outside items nearest to them (exact, computed by the engine), exported
// as CSV or made a group. A click on a cell selects its row; shift-click,
// a drag along the row or column labels, or view.select() choose more.
const LISTED = 12;
const NEAREST = 10;

export class SelectionPanel {
  #view;
  #output;
  #onGroups;
  #onError;
  #abort = null;

  /**
   * @param {HTMLElement} container
   * @param {import('../src/index.js').CosineSimilarityHeatmap} view
   * @param {{onGroups: (groups: string[] | null) => Promise<void>, onError: (error: unknown) => void}} hooks
   */
  constructor(container, view, { onGroups, onError }) {
    this.#view = view;
    this.#onGroups = onGroups;
    this.#onError = onError;
    this.#output = element('div', { id: 'selection', className: 'selection' });
    this.#output.setAttribute('aria-live', 'polite');
    container.append(this.#output);
    view.addEventListener('select', () => this.show());
    this.show();
  }

  /** Shows the view's selection (or the hint when there is none). */
  async show() {
    this.#abort?.abort();
    this.#abort = null;
    const view = this.#view;
    const indices = view.selection;
    const set = view.embeddings;
    if (!indices || !set) {
      this.#output.replaceChildren(element('p', { className: 'hint' },
        'Drag along the row or column labels (or the colour strips) to select items; click a cell to select its row, shift-click to extend; click a branch of the tree to select its subtree.'));
      return;
    }
    const name = (i) => view.labels?.[i] ?? String(i);
    const m = indices.length;
    const items = element('ul', { className: 'item-list selection-items' },
      ...Array.from(indices.slice(0, LISTED), (i) => element('li', {}, name(i))),
      m > LISTED ? element('li', { className: 'hint' }, `… and ${formatCount(m - LISTED)} more (all of them in the CSV)`) : null);
    const within = element('dd', { id: 'selection-within' }, m < 2 ? 'needs two items' : 'computing…');
    const nearest = element('ol', { id: 'selection-nearest', className: 'neighbour-list' });
    const nearestNote = element('p', { className: 'hint' }, `computing the mean similarity of ${formatCount(set.size - m)} outside items to the selection…`);
    const buttons = element('div', { className: 'selection-buttons' },
      button('Export CSV', 'selection-csv', () => downloadFile(selectionCsv(indices, view.labels, view.groups), 'selection.csv', 'text/csv;charset=utf-8')),
      button('Make a group', 'selection-group', () => this.#makeGroup(indices)),
      button('Clear', 'selection-clear', () => view.select(null).catch(this.#onError)));
    this.#output.replaceChildren(
      element('p', { id: 'selection-count', className: 'selection-count' }, `${formatCount(m)} item${m === 1 ? '' : 's'} selected`),
      items,
      element('dl', { className: 'stats-numbers' }, element('dt', {}, 'Mean similarity within (pairs i < j)'), within),
      element('h3', { className: 'panel-subheading' }, 'Nearest outside items (mean similarity to the selection)'),
      nearestNote,
      nearest,
      buttons,
    );
    const abort = new AbortController();
    this.#abort = abort;
    const { signal } = abort;
    try {
      if (m >= 2) {
        const mean = await meanWithin(set, indices, { signal });
        if (signal.aborted) return;
        within.textContent = formatNumber(mean);
      }
      const near = await nearestOutside(set, indices, {
        k: NEAREST,
        signal,
        onProgress: ({ done, total }) => {
          if (!signal.aborted) nearestNote.textContent = `computing… ${Math.round((100 * done) / total)}%`;
        },
      });
      if (signal.aborted) return;
      if (!near) {
        nearestNote.textContent = `Not computed above ${formatCount(NEAREST_MAX_ITEMS)} items.`;
        return;
      }
      nearestNote.remove();
      nearest.replaceChildren(...Array.from(near.indices, (j, k) => {
        const li = element('li', {}, `${name(j)} `, element('span', { className: 'neighbour-score' }, formatNumber(near.scores[k])));
        li.dataset.index = String(j);
        return li;
      }));
    } catch (error) {
      if (signal.aborted) return;
      nearestNote.textContent = `Could not compute: ${error?.message ?? error}`;
      nearestNote.className = 'error';
    }
  }

  // The selection becomes group "selection"; every other item keeps its group (or "rest").
  async #makeGroup(indices) {
    const view = this.#view;
    const n = view.embeddings.size;
    const groups = view.groups ? [...view.groups] : new Array(n).fill('rest');
    for (const i of indices) groups[i] = 'selection';
    try {
      await this.#onGroups(groups);
    } catch (error) {
      this.#onError(error);
    }
  }
}

function button(text, id, onClick) {
  const b = element('button', { type: 'button', id }, text);
  b.addEventListener('click', onClick);
  return b;
}
