import { formatCount, formatNumber } from './plot-text.js';

export const DEFAULT_K = 10;
export const MAX_K = 100;

/**
 * The neighbour list, beside the plot: a click on the heatmap (the view's
 * 'select' event) shows the k items most similar to the clicked row's item,
 * from set.neighbours(item, {k}): that item's row alone, milliseconds at any
 * n (the whole set's top-k would take minutes at 100,000 items). A click on
 * a single-item cell also names both items and their similarity. Labels are
 * text nodes.
 */
export class NeighbourList {
  #view;
  #input;
  #output;
  #selection = null;
  #seq = 0;

  /**
   * @param {HTMLElement} section  holds #neighbours-k and #neighbours
   * @param {import('../src/index.js').CosineSimilarityHeatmap} view
   */
  constructor(section, view) {
    this.#view = view;
    this.#input = section.querySelector('#neighbours-k');
    this.#output = section.querySelector('#neighbours');
    this.#input.value = String(DEFAULT_K);
    view.addEventListener('select', (event) => this.show(event.detail));
    this.#input.addEventListener('change', () => {
      if (this.#k() === null) {
        this.#input.setAttribute('aria-invalid', 'true');
        return;
      }
      this.#input.removeAttribute('aria-invalid');
      if (this.#selection) this.show(this.#selection);
    });
  }

  /** Back to the hint (a new data set: the last click means nothing now). */
  reset() {
    this.#seq++;
    this.#selection = null;
    this.#output.replaceChildren(paragraph('Click a row or a cell of the heatmap to list the nearest items.', 'hint'));
  }

  /** Shows the last selection again (new labels). */
  refresh() {
    if (this.#selection) this.show(this.#selection);
  }

  /** @param {{rowIndices: Int32Array, colIndices: Int32Array, value: number, kind: string}} selection */
  async show(selection) {
    const set = this.#view.embeddings;
    const k = this.#k() ?? DEFAULT_K;
    if (!set || !selection?.rowIndices?.length) return;
    this.#selection = selection;
    const seq = ++this.#seq;
    const labels = this.#view.labels;
    const name = (i) => labels?.[i] ?? String(i);
    const item = selection.rowIndices[0];
    const parts = [];
    const single = selection.rowIndices.length === 1 && selection.colIndices.length === 1;
    if (single) {
      const other = selection.colIndices[0];
      const cell = paragraph('', 'neighbour-cell');
      cell.dataset.cell = `${item},${other}`;
      cell.append(strong(name(item)), ' × ', strong(name(other)), `: ${describeValue(selection.value, item === other)}`);
      parts.push(cell);
    } else {
      parts.push(paragraph(
        `That cell stands for ${formatCount(selection.rowIndices.length)} × ${formatCount(selection.colIndices.length)} items ` +
        `(mean ${formatNumber(selection.value)}); the list is for the first item of its row. Zoom in to pick single items.`,
        'hint',
      ));
    }
    if (set.size < 2) {
      this.#output.replaceChildren(...parts, paragraph('There is only one item: it has no neighbours.', 'hint'));
      return;
    }
    const caption = paragraph('', 'neighbour-caption');
    caption.append(`The ${k} items nearest to `, strong(name(item)), ':');
    const status = paragraph(`Finding the ${k} items nearest to it among ${formatCount(set.size)}…`, 'hint');
    this.#output.replaceChildren(...parts, caption, status);
    this.#output.setAttribute('aria-busy', 'true');
    try {
      const started = performance.now();
      const { indices, scores } = await set.neighbours(item, { k });
      if (seq !== this.#seq) return;
      const list = document.createElement('ol');
      list.className = 'neighbour-list';
      list.dataset.item = String(item);
      // How long the click waited, for the page's tests and benchmarks.
      list.dataset.ms = String(Math.round(performance.now() - started));
      for (let c = 0; c < indices.length; c++) {
        const li = document.createElement('li');
        li.dataset.index = String(indices[c]);
        const score = document.createElement('span');
        score.className = 'neighbour-score';
        score.textContent = formatNumber(scores[c]);
        li.append(`${name(indices[c])} `, score);
        list.append(li);
      }
      if (indices.length < k) caption.replaceChildren(`All ${indices.length} other items, nearest to `, strong(name(item)), ' first:');
      status.replaceWith(list);
    } catch (error) {
      if (seq !== this.#seq) return;
      status.textContent = `Could not find the neighbours: ${error?.message ?? error}`;
      status.className = 'error';
    } finally {
      if (seq === this.#seq) this.#output.removeAttribute('aria-busy');
    }
  }

  #k() {
    const k = Number(this.#input.value);
    return Number.isInteger(k) && k >= 1 && k <= MAX_K ? k : null;
  }
}

function describeValue(value, self) {
  if (Number.isFinite(value)) return formatNumber(value);
  return self ? 'the item with itself (masked diagonal)' : 'no value';
}

function paragraph(text, className) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function strong(text) {
  const b = document.createElement('strong');
  b.textContent = text;
  return b;
}
