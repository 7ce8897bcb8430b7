import { describeOrder } from '../src/heatmap-order.js';
import { plainError } from './plain-error.js';

// The status line (role="status", announced politely) and the error box
// (role="alert"). One place decides how progress and failures are worded
// (errors a control can raise in the controls' words: plain-error.js).
export class StatusLine {
  #status;
  #alert;

  constructor(status, alert) {
    this.#status = status;
    this.#alert = alert;
  }

  busy(text) {
    this.#status.textContent = text;
    this.#status.dataset.state = 'busy';
  }

  done(text) {
    this.#status.textContent = text;
    this.#status.dataset.state = 'done';
  }

  error(error, context) {
    const message = plainError(error);
    this.#alert.textContent = context ? `${context}: ${message}` : message;
    this.#alert.hidden = false;
  }

  clearError() {
    this.#alert.textContent = '';
    this.#alert.hidden = true;
  }
}

const count = new Intl.NumberFormat('en-US');
const ms = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * What the view computed for its first picture, in the words of what it is:
 * "406×406 block means of 1,797 normalized rows in 35 ms · drawn in 240 ms",
 * or "6×6 similarities of 6 normalized rows in 3 ms · drawn in 20 ms".
 * Read it right after setEmbeddings (it reads view.level and view.timings);
 * later whole-matrix pictures pass `first`, the first picture's dims.
 * @param {CosineSimilarityHeatmap} view
 * @param {[number, number] | null} [first]
 */
export function describePicture(view, first = null) {
  const { dims: [rows, cols], kind } = view.level;
  const what = kind === 'items' ? 'similarities' : 'block means';
  const cells = `${count.format(rows)}×${count.format(cols)} ${what} of ${count.format(view.embeddings.size)} normalized rows`;
  const times = `in ${ms.format(view.timings.compute)} ms · drawn in ${ms.format(view.timings.render)} ms`;
  // Redrawn with other cells (new labels took another margin, the window
  // was resized): the cells now shown, and the times measured for the first.
  if (first && (first[0] !== rows || first[1] !== cols)) {
    return `${cells} ${times} (times of the first picture, ${count.format(first[0])}×${count.format(first[1])})`;
  }
  return `${cells} ${times}`;
}

/**
 * "digits.npy + labels.tsv · 1,797 items × 64 dimensions · parsed in 12 ms ·
 *  406×406 block means of 1,797 normalized rows in 35 ms · drawn in 240 ms ·
 *  ordered by group (auto) in 20 ms"
 * @param {CosineSimilarityHeatmap} view
 * @param {{name: string, metadataName?: string, parseMs?: number, picture?: string}} [dataSet]
 *   picture: describePicture(view) when it was first drawn
 */
export function describeResult(view, dataSet) {
  const { size, dim, zeroRows } = view.embeddings;
  const parts = [];
  if (dataSet) parts.push(dataSet.metadataName ? `${dataSet.name} + ${dataSet.metadataName}` : dataSet.name);
  parts.push(`${count.format(size)} items × ${count.format(dim)} dimensions`);
  if (dataSet?.parseMs !== undefined) parts.push(`parsed in ${ms.format(dataSet.parseMs)} ms`);
  parts.push(dataSet?.picture ?? describePicture(view));
  const order = describeOrder(view.orderStatus);
  if (order) parts.push(order);
  if (zeroRows.length > 0) parts.push(`${count.format(zeroRows.length)} zero vectors (similarity 0)`);
  return parts.join(' · ');
}
