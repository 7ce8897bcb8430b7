import { hoverNames } from '../src/heatmap-hover.js';
import { loadEngine, parseEmbeddingsOffThread } from '../src/index.js';
import { definition, formatCount, formatNumber } from './plot-text.js';
import { ActivityBox, activityCard } from './progress.js';
import { differenceScale, drawSimilarityPlot, SIMILARITY_SCALE } from './similarity-plot.js';

// Cells per axis of the three compare plots: single items up to this many
// items, exact block means above (the engine's mean overview, any n).
export const COMPARE_CELLS = 160;
const CHANGED_LISTED = 10;

/**
 * "Compare with…": a second model's embeddings of the same items, shown as
 * A, B and A − B in the main view's order, with set.compare()'s numbers.
 * A − B is the difference of the two mean overviews over the same blocks,
 * which is exactly the mean of A − B per block, so it works at any n.
 * A file that does not fit (other row count, parse error) is reported and
 * the comparison shown before stays. While it works, the panel's activity
 * card (progress.js) fills with the comparison's progress and its Cancel
 * stops it, keeping what was shown.
 */
export class CompareMode {
  #view;
  #section;
  #status;
  #alert;
  #results;
  #plots;
  #numbers;
  #changed;
  #activity;
  #shown = null; // {base, other, name, comparison, order}
  #controller = null;
  #seq = 0;

  constructor(section, view) {
    this.#view = view;
    this.#section = section;
    const part = (id) => section.querySelector(`#${id}`);
    this.#status = part('compare-status');
    this.#alert = part('compare-error');
    this.#results = part('compare-results');
    this.#plots = { a: part('compare-a'), b: part('compare-b'), diff: part('compare-diff') };
    this.#numbers = part('compare-numbers');
    this.#changed = part('compare-changed');
    // Its progress and Cancel, under the status line that says what it is doing.
    const card = activityCard('compare', { labelShown: false });
    this.#status.after(card);
    this.#activity = new ActivityBox(card);
    const input = part('compare-file');
    input.addEventListener('change', () => {
      const [file] = input.files;
      input.value = '';
      if (file) this.open(file);
    });
  }

  /** Parses `file`, checks it holds the same items, compares and draws. */
  async open(file) {
    const base = this.#view.embeddings;
    this.#clearError();
    if (!base) {
      this.#fail(new Error('Open a data set first: Compare needs the embeddings shown as model A'));
      return;
    }
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    const seq = ++this.#seq;
    let other = null;
    const work = this.#activity.start(`Parsing ${file.name}…`, { onCancel: () => controller.abort() });
    const say = (text) => {
      this.#setStatus(text, 'busy');
      work.say(text);
    };
    try {
      say(`Parsing ${file.name}…`);
      const parsed = await parseEmbeddingsOffThread(file, { name: file.name, signal, onProgress: work.progress });
      const [rows, dim] = parsed.dims;
      if (rows !== base.size) {
        throw new Error(
          `${file.name} has ${formatCount(rows)} rows but the data set shown has ${formatCount(base.size)}: ` +
          'Compare needs the same items, in the same order, embedded by another model',
        );
      }
      other = await (await loadEngine()).embeddings(parsed);
      this.#checkCurrent(seq, base);
      const intro = `Comparing ${formatCount(rows)} items: ${formatCount(base.dim)} against ${formatCount(dim)} dimensions…`;
      say(intro);
      work.progress({ done: 0, total: 0 });
      const comparison = await base.compare(other, { signal, onProgress: work.progress });
      if (signal.aborted) throw signal.reason;
      this.#checkCurrent(seq, base);
      const next = { base, other, name: file.name, comparison, order: null };
      this.#results.hidden = false; // Plotly sizes the plots from their elements: show them first
      await this.#draw(next, signal);
      this.#checkCurrent(seq, base);
      if (this.#shown && this.#shown.other !== other) this.#shown.other.dispose();
      this.#shown = next;
      other = null;
      this.#renderNumbers(next);
      this.#results.hidden = false;
      this.#setStatus(`A (the data set shown) against B (${file.name}): ${formatCount(rows)} items.`, 'done');
    } catch (error) {
      if (seq !== this.#seq || error?.name === 'Stale') return;
      if (!this.#shown) this.#results.hidden = true;
      if (signal.aborted) this.#cancelled(file.name);
      else this.#fail(error);
    } finally {
      work.end();
      other?.dispose();
      if (seq === this.#seq) this.#controller = null;
    }
  }

  /** A new data set: the second model's embeddings belong to the old one. */
  reset() {
    this.#seq++;
    this.#controller?.abort();
    this.#controller = null;
    this.#shown?.other.dispose();
    this.#shown = null;
    for (const plot of Object.values(this.#plots)) globalThis.Plotly?.purge(plot);
    this.#results.hidden = true;
    this.#clearError();
    this.#setStatus('', 'done');
  }

  /**
   * The main view's labels or order changed: redraw in its order. Without
   * `force`, only when the order is not the one drawn.
   */
  async refresh({ force = false } = {}) {
    const shown = this.#shown;
    if (!shown || this.#view.embeddings !== shown.base) return;
    const order = this.#view.options.order === 'original' ? null : this.#view.order;
    if (!force && order === shown.order) return;
    try {
      await this.#draw(shown);
      this.#renderNumbers(shown);
    } catch (error) {
      if (this.#shown === shown) this.#fail(error);
    }
  }

  async #draw(shown, signal) {
    const view = this.#view;
    const n = shown.base.size;
    // The same permutation the view uses (undefined: the original order), so
    // A's workers keep the order they hold for the view.
    const order = view.options.order === 'original' ? undefined : view.order;
    const size = Math.min(n, COMPARE_CELLS);
    const a = await shown.base.overview({ size, order, signal });
    const b = await shown.other.overview({ size, order, signal });
    const [rows, cols] = a.dims;
    const diff = new Float32Array(rows * cols);
    let largest = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        diff[k] = a.data[k] - b.data[k];
        const onDiagonal = a.rowStarts[i] < a.colEnds[j] && a.colStarts[j] < a.rowEnds[i];
        if (!onDiagonal) largest = Math.max(largest, Math.abs(diff[k]));
      }
    }
    const limit = Math.max(largest, 1e-3);
    // Named as the main heatmap's hover names them: the item, or a block's
    // range with its first and last items (on lines of their own: the plots are narrow).
    const names = hoverNames(view.labels ?? Array.from({ length: n }, (_, i) => String(i)), { order, escape: false });
    const single = rows === n;
    const hover = single
      ? (i, j) => `${names.item(i)} × ${names.item(j)}`
      : (i, j) => `rows: ${names.block(a.rowStarts[i], a.rowEnds[i], '\n')}\ncolumns: ${names.block(a.colStarts[j], a.colEnds[j], '\n')}\nmean`;
    const common = { dims: a.dims, hover, height: 330 };
    const cellNote = single ? '' : ` (exact block means, up to ${formatCount(Math.ceil(n / rows))} items per cell side)`;
    await Promise.all([
      drawSimilarityPlot(this.#plots.a, { ...common, data: a.data, title: 'A: the data set shown', scale: SIMILARITY_SCALE, colorLabel: 'A' }),
      drawSimilarityPlot(this.#plots.b, { ...common, data: b.data, title: `B: ${shown.name}`, scale: SIMILARITY_SCALE, colorLabel: 'B' }),
      drawSimilarityPlot(this.#plots.diff, {
        ...common,
        data: diff,
        title: 'A − B',
        scale: differenceScale(limit),
        colorLabel: 'A − B',
      }),
    ]);
    this.#plots.diff.dataset.range = String(limit);
    for (const [key, plot] of Object.entries(this.#plots)) {
      plot.setAttribute('role', 'img');
      plot.setAttribute('aria-label', `${key === 'diff' ? 'A − B' : key.toUpperCase()} similarity heatmap of ${formatCount(n)} items${cellNote}`);
    }
    shown.order = order ?? null;
    shown.cellNote = `Same order as the main heatmap${cellNote}. A − B: diverging scale centred at 0, fitted to ±${formatNumber(limit, 3)} (diagonal blocks left out of the fit).`;
  }

  #renderNumbers({ comparison: c, cellNote }) {
    const list = this.#numbers;
    list.replaceChildren();
    const f = (key, digits) => ({ key, text: formatNumber(c[key], digits) });
    definition(list, 'Items', [{ key: 'n', text: formatCount(c.n) }, ` · A has ${formatCount(c.dims[0])} dimensions, B ${formatCount(c.dims[1])}`]);
    definition(list, 'Pearson (pair similarities)', [f('pearson')]);
    definition(list, 'Spearman', [f('spearman')]);
    definition(list, 'Linear CKA', [f('linearCka')]);
    definition(list, 'Mean |A − B|', [f('meanAbsoluteDifference'), ' (max ', f('maxAbsoluteDifference'), ')']);
    definition(list, 'A: mean ± std', [{ key: 'aMean', text: formatNumber(c.a.mean) }, ' ± ', { key: 'aStd', text: formatNumber(c.a.std) }]);
    definition(list, 'B: mean ± std', [{ key: 'bMean', text: formatNumber(c.b.mean) }, ' ± ', { key: 'bStd', text: formatNumber(c.b.std) }]);
    if (c.neighbourhood) {
      definition(list, `Shared top-${c.neighbourhood.k} neighbours`, [
        { key: 'meanOverlap', text: formatNumber(100 * c.neighbourhood.meanOverlap, 1) }, '% on average',
      ]);
    }
    if (c.note) definition(list, 'Note', [c.note]);
    const note = this.#section.querySelector('#compare-note');
    if (note) note.textContent = cellNote ?? '';
    const labels = this.#view.labels;
    const changed = (c.neighbourhood?.changed ?? []).slice(0, CHANGED_LISTED).filter(({ overlap }) => overlap < 1);
    const k = c.neighbourhood?.k ?? 0;
    this.#changed.replaceChildren(...changed.map(({ i, overlap }) => {
      const li = document.createElement('li');
      li.textContent = `${labels?.[i] ?? i}: ${Math.round(overlap * k)} of ${k} neighbours shared`;
      return li;
    }));
    this.#section.querySelector('#compare-changed-heading').hidden = changed.length === 0;
  }

  #checkCurrent(seq, base) {
    if (seq !== this.#seq || this.#view.embeddings !== base) {
      const error = new Error('superseded');
      error.name = 'Stale';
      throw error;
    }
  }

  #fail(error) {
    this.#alert.textContent = `Could not compare: ${error?.message ?? error}`;
    this.#alert.hidden = false;
    this.#setStatus(this.#shown ? `Still comparing with ${this.#shown.name}.` : '', 'done');
  }

  #cancelled(name) {
    this.#setStatus(`Cancelled the comparison with ${name}.${this.#shown ? ` Still comparing with ${this.#shown.name}.` : ''}`, 'done');
  }

  #clearError() {
    this.#alert.textContent = '';
    this.#alert.hidden = true;
  }

  #setStatus(text, state) {
    this.#status.textContent = text;
    this.#status.dataset.state = state;
  }
}
