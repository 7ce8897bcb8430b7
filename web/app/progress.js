// The activity box above the plot (and its cards in panels: activityCard):
// what the page is doing now (parsing a file, drawing a new data set,
// ordering, redrawing, exporting, comparing), a <progress> bar that
// fills where the work is counted (indeterminate where it is not), and a
// Cancel. Work that ends within SHOW_AFTER_MS never shows the box, so quick
// changes do not flicker; anything longer always does. Work that blocks the
// page while it runs (Plotly drawing a new picture) is shown at once and
// painted before it starts (afterPaint), since no timer fires meanwhile.
import { element } from './dom.js';

export const SHOW_AFTER_MS = 200;

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

export class ActivityBox {
  #box;
  #label;
  #bar;
  #percent;
  #cancel;
  #current = null; // {onCancel} of the activity shown, or null
  #timer = null;

  /** @param {HTMLElement} box  holds .progress-label, progress, .progress-percent, button */
  constructor(box) {
    this.#box = box;
    this.#label = box.querySelector('.progress-label');
    this.#bar = box.querySelector('progress');
    this.#percent = box.querySelector('.progress-percent');
    this.#cancel = box.querySelector('button');
    this.#cancel.addEventListener('click', () => this.#current?.onCancel?.());
  }

  /** Whether some activity is running. */
  get busy() {
    return this.#current !== null;
  }

  /**
   * Starts an activity, ending the one before. The box shows after
   * SHOW_AFTER_MS; Cancel calls onCancel (no Cancel without it).
   * @param {string} text  what is being done: "Ordering by spectral bisection…"
   * @param {{onCancel?: () => void, now?: boolean}} [options]  now: show the box at once
   * @returns {{progress: (p: {done: number, total: number}) => void, say: (text: string) => void,
   *   end: () => void, readonly active: boolean}}
   */
  start(text, { onCancel, now = false } = {}) {
    this.#stop();
    const activity = { onCancel };
    this.#current = activity;
    this.#say(text);
    this.#set(null);
    this.#cancel.hidden = !onCancel;
    if (now) this.#box.hidden = false;
    else {
      this.#timer = setTimeout(() => {
        if (this.#current === activity) this.#box.hidden = false;
      }, SHOW_AFTER_MS);
    }
    const mine = () => this.#current === activity;
    return {
      progress: ({ done, total }) => mine() && this.#set(total > 0 ? done / total : null),
      say: (words) => mine() && this.#say(words),
      end: () => mine() && this.#stop(),
      get active() {
        return mine();
      },
    };
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#current = null;
    this.#box.hidden = true;
  }

  #say(text) {
    this.#label.textContent = text;
  }

  // A fraction fills the bar; null makes it indeterminate (work not counted).
  #set(fraction) {
    if (fraction === null) {
      this.#bar.removeAttribute('value');
      this.#percent.textContent = '';
      return;
    }
    const f = Math.min(1, Math.max(0, fraction));
    this.#bar.value = f;
    this.#percent.textContent = percent.format(f);
  }
}

/** Resolves once the browser has painted what the page shows now. */
export function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * A card for an ActivityBox in a panel's flow (Compare, queries, the exports),
 * hidden until work shows it: #<prefix>-progress holding a label, the bar
 * #<prefix>-progress-bar, its percent and the button #<prefix>-cancel.
 * @param {string} prefix
 * @param {{labelShown?: boolean}} [options]  labelShown false: the label is for
 *   screen readers only (a status line beside the card says the same)
 */
export function activityCard(prefix, { labelShown = true } = {}) {
  const bar = element('progress', { id: `${prefix}-progress-bar`, max: 1, value: 0 });
  const label = element('label', { className: `progress-label${labelShown ? '' : ' visually-hidden'}`, htmlFor: bar.id }, 'Working…');
  const percentText = element('span', { className: 'progress-percent' });
  percentText.setAttribute('aria-hidden', 'true');
  const card = element('div', { id: `${prefix}-progress`, className: 'progress activity panel-activity', hidden: true },
    label,
    element('div', { className: 'progress-row' }, bar, percentText, element('button', { type: 'button', id: `${prefix}-cancel` }, 'Cancel')));
  return card;
}
