import { element } from './dom.js';
import { formatCount } from './plot-text.js';

// The search box: labels containing what is typed (any case) are listed as
// they come in the order shown; choosing one (a click, or Enter for the
// first) zooms the heatmap to it with its row and column outlined.
const LISTED = 20;

export class FindBox {
  #view;
  #input;
  #summary;
  #list;
  #onError;

  /**
   * @param {HTMLElement} container  where the box goes
   * @param {import('../src/index.js').CosineSimilarityHeatmap} view
   */
  constructor(container, view, { onError }) {
    this.#view = view;
    this.#onError = onError;
    this.#input = element('input', { id: 'find-input', type: 'search', autocomplete: 'off', spellcheck: false, placeholder: 'part of a label' });
    this.#summary = element('p', { id: 'find-summary', className: 'hint' });
    this.#summary.setAttribute('aria-live', 'polite');
    this.#list = element('ol', { id: 'find-matches', className: 'item-list find-matches' });
    container.append(element('label', { htmlFor: 'find-input' }, 'Find an item by label'), this.#input, this.#summary, this.#list);
    let timer = 0;
    this.#input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(), 120);
    });
    this.#input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      clearTimeout(timer);
      const first = this.search()[0];
      if (first) this.reveal(first.item);
    });
  }

  /** Lists the matches of what is typed; returns them. */
  search() {
    const query = this.#input.value;
    if (!this.#view.labels || !query.trim()) {
      this.#summary.textContent = '';
      this.#list.replaceChildren();
      return [];
    }
    const matches = this.#view.find(query, { limit: LISTED });
    const total = matches.total;
    this.#summary.textContent = total === 0
      ? 'No label contains that.'
      : `${formatCount(total)} match${total === 1 ? '' : 'es'}${total > LISTED ? `, the first ${LISTED} in the order shown` : ''}:`;
    this.#list.replaceChildren(...matches.map(({ item, position, label }) => {
      const button = element('button', { type: 'button', className: 'link-button', title: `item ${item}, row ${position + 1} in the order shown` }, label || `(item ${item})`);
      button.dataset.item = String(item);
      button.addEventListener('click', () => this.reveal(item));
      return element('li', {}, button);
    }));
    return matches;
  }

  async reveal(item) {
    for (const button of this.#list.querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.item === String(item)));
    try {
      await this.#view.reveal(item);
    } catch (error) {
      this.#onError(error);
    }
  }

  /** A new data set or new labels: the same text searched again. */
  refresh() {
    this.search();
  }
}
