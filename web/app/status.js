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

export function describeResult(view) {
  const { size, dim, zeroRows } = view.embeddings;
  const parts = [
    `${count.format(size)} items × ${count.format(dim)} dimensions`,
    `${count.format(size * size)} similarities computed in ${ms.format(view.timings.compute)} ms`,
    `drawn in ${ms.format(view.timings.render)} ms`,
  ];
  if (zeroRows.length > 0) parts.push(`${count.format(zeroRows.length)} zero vectors (similarity 0)`);
  return parts.join(' · ');
}
