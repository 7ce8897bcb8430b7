// The progress box shown while a large file is parsed: a <progress> bar, the
// percentage in words, and a Cancel button. Small files parse too fast for a
// bar to mean anything, so it only appears above SHOW_ABOVE_BYTES.
export const SHOW_ABOVE_BYTES = 2 * 1024 * 1024;

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

export class ProgressBox {
  #box;
  #label;
  #bar;
  #percent;
  #onCancel = null;

  /** @param {HTMLElement} box  holds #progress-label, progress, .progress-percent, button */
  constructor(box) {
    this.#box = box;
    this.#label = box.querySelector('.progress-label');
    this.#bar = box.querySelector('progress');
    this.#percent = box.querySelector('.progress-percent');
    box.querySelector('button').addEventListener('click', () => this.#onCancel?.());
  }

  /**
   * Shows the box for `bytes` of input (if large enough); Cancel calls onCancel.
   * @returns {(p: {done: number, total: number}) => void}  the onProgress callback
   */
  start(text, bytes, onCancel) {
    this.#onCancel = onCancel;
    this.#label.textContent = text;
    this.#set(0);
    this.#box.hidden = bytes <= SHOW_ABOVE_BYTES;
    return ({ done, total }) => this.#set(total > 0 ? done / total : 0);
  }

  stop() {
    this.#onCancel = null;
    this.#box.hidden = true;
  }

  #set(fraction) {
    const f = Math.min(1, Math.max(0, fraction));
    this.#bar.value = f;
    this.#percent.textContent = percent.format(f);
  }
}
