// The status line (role="status", announced politely) and the error box
// (role="alert"). One place decides how progress and failures are worded.
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
    const message = error?.message ?? String(error);
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
 * "vectors.tsv + metadata.tsv · 1,797 items × 64 dimensions · parsed in 12 ms ·
 *  3,229,209 similarities computed in 85 ms · drawn in 240 ms"
 * @param {CosineSimilarityHeatmap} view
 * @param {{name: string, metadataName?: string, parseMs?: number}} [dataSet]
 */
export function describeResult(view, dataSet) {
  const { size, dim, zeroRows } = view.embeddings;
  const parts = [];
  if (dataSet) parts.push(dataSet.metadataName ? `${dataSet.name} + ${dataSet.metadataName}` : dataSet.name);
  parts.push(`${count.format(size)} items × ${count.format(dim)} dimensions`);
  if (dataSet?.parseMs !== undefined) parts.push(`parsed in ${ms.format(dataSet.parseMs)} ms`);
  parts.push(
    `${count.format(size * size)} similarities computed in ${ms.format(view.timings.compute)} ms`,
    `drawn in ${ms.format(view.timings.render)} ms`,
  );
  if (zeroRows.length > 0) parts.push(`${count.format(zeroRows.length)} zero vectors (similarity 0)`);
  return parts.join(' · ');
}
