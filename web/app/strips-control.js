import { choiceValues, groupChoices } from './metadata-columns.js';
import { element } from './dom.js';

// Up to three metadata columns shown as colour strips along both axes of
// the heatmap. The choices follow the data set shown (read when a select
// is opened, so a metadata file opened later is offered too).
const STRIPS = 3;

export class StripsControl {
  #view;
  #dataSet;
  #selects;
  #onError;

  /**
   * @param {HTMLElement} container
   * @param {import('../src/index.js').CosineSimilarityHeatmap} view
   * @param {{dataSet: () => object | null, onError: (error: unknown) => void}} hooks
   */
  constructor(container, view, { dataSet, onError }) {
    this.#view = view;
    this.#dataSet = dataSet;
    this.#onError = onError;
    this.#selects = Array.from({ length: STRIPS }, (_, k) => {
      const select = element('select', { id: `strip-${k + 1}`, name: `strip${k + 1}` }, new Option('none', ''));
      select.addEventListener('focus', () => this.#fill(select));
      select.addEventListener('pointerdown', () => this.#fill(select));
      select.addEventListener('change', () => this.apply());
      return select;
    });
    container.append(element('fieldset', { className: 'strips-control' },
      element('legend', {}, 'Colour strips'),
      ...this.#selects.flatMap((select, k) => [element('label', { htmlFor: select.id }, `Strip ${k + 1}`), select])));
  }

  #fill(select) {
    const dataSet = this.#dataSet();
    if (!dataSet) return;
    const value = select.value;
    const choices = groupChoices(dataSet);
    select.replaceChildren(...choices.map((c) => new Option(c.value === '' ? 'none' : c.text, c.value)));
    select.value = choices.some((c) => c.value === value) ? value : '';
  }

  /** Draws the strips chosen (a new data set: they are chosen again). */
  async apply() {
    const dataSet = this.#dataSet();
    if (!dataSet || !this.#view.embeddings) return;
    const columns = this.#selects
      .filter((select) => select.value !== '')
      .map((select) => ({ name: select.selectedOptions[0]?.text ?? select.value, values: choiceValues(dataSet, select.value) }))
      .filter((column) => column.values);
    try {
      await this.#view.annotate(columns);
    } catch (error) {
      this.#onError(error);
    }
  }

  /** A new data set: no strips until chosen again. */
  reset() {
    for (const select of this.#selects) select.replaceChildren(new Option('none', ''));
  }
}
