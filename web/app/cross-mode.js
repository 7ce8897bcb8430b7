import { rangeNote, robustRange } from '../src/heatmap-range.js';
import { loadEngine, parseEmbeddingsOffThread } from '../src/index.js';
import { axisTicks, crossRuns, crossShapes, orderQueries, reorder } from './cross-order.js';
import { formatCount } from './plot-text.js';
import { ActivityBox, activityCard } from './progress.js';
import { drawSimilarityPlot, SIMILARITY_SCALE } from './similarity-plot.js';

// Largest cross matrix drawn: beyond this many cells a heatmap of single
// query-document pairs is neither readable nor quick to draw.
export const CROSS_CELLS_MAX = 1_000_000;
// Hover text names both items up to this many cells (one string per cell).
const LABELLED_CELLS_MAX = 250_000;

/**
 * Queries against documents: a second file of n queries (n × d) against the
 * m items shown (m × d), the n × m cosine similarities computed by the core
 * (within the engine's matrix budget) and drawn as a Plotly heatmap that
 * reads like the main one: documents in its order with its groups, queries
 * next to the document group they match best (in file order when the main
 * heatmap is), group lines and tick labels on both axes (cross-order.js).
 * A new order or new groups in the main heatmap redraw it (refresh()).
 * While it works, the panel's activity card (progress.js) fills with the
 * computation's progress and its Cancel stops it, keeping what was shown.
 */
export class CrossMode {
  #view;
  #status;
  #alert;
  #plot;
  #activity;
  #shown = null; // {name, dims, data (file order), queryNames, drawn: {order, groups, labels}}
  #controller = null;
  #seq = 0;

  constructor(section, view) {
    this.#view = view;
    const part = (id) => section.querySelector(`#${id}`);
    this.#status = part('cross-status');
    this.#alert = part('cross-error');
    this.#plot = part('cross-plot');
    // Its progress and Cancel, under the status line that says what it is doing.
    const card = activityCard('cross', { labelShown: false });
    this.#status.after(card);
    this.#activity = new ActivityBox(card);
    const input = part('cross-file');
    input.addEventListener('change', () => {
      const [file] = input.files;
      input.value = '';
      if (file) this.open(file);
    });
  }

  async open(file) {
    const documents = this.#view.embeddings;
    this.#clearError();
    if (!documents) {
      this.#fail(new Error('Open a data set first: its items are the documents'));
      return;
    }
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    const seq = ++this.#seq;
    let queries = null;
    const work = this.#activity.start(`Parsing ${file.name}…`, { onCancel: () => controller.abort() });
    const say = (text) => {
      this.#setStatus(text, 'busy');
      work.say(text);
    };
    try {
      say(`Parsing ${file.name}…`);
      const parsed = await parseEmbeddingsOffThread(file, { name: file.name, signal, onProgress: work.progress });
      const [n, d] = parsed.dims;
      const m = documents.size;
      if (d !== documents.dim) {
        throw new Error(`${file.name} has ${formatCount(d)} dimensions but the data set shown has ${formatCount(documents.dim)}: queries and documents must come from the same model`);
      }
      if (n * m > CROSS_CELLS_MAX) {
        throw new Error(
          `${formatCount(n)} queries × ${formatCount(m)} documents is ${formatCount(n * m)} similarities, too many to draw ` +
          `(at most ${formatCount(CROSS_CELLS_MAX)}): use fewer queries or a smaller document set`,
        );
      }
      queries = await (await loadEngine()).embeddings(parsed);
      if (seq !== this.#seq || this.#view.embeddings !== documents) return;
      const intro = `Computing ${formatCount(n * m)} similarities of ${formatCount(n)} queries against ${formatCount(m)} documents…`;
      say(intro);
      work.progress({ done: 0, total: 0 });
      const cross = await queries.crossSimilarity(documents, { signal, onProgress: work.progress });
      if (signal.aborted) throw signal.reason;
      if (seq !== this.#seq || this.#view.embeddings !== documents) return;
      const shown = {
        name: file.name,
        dims: cross.dims,
        data: cross.data,
        queryNames: parsed.labels ?? Array.from({ length: n }, (_, i) => `query ${i}`),
        drawn: null,
      };
      this.#plot.hidden = false; // Plotly sizes the plot from the element: show it first
      await this.#draw(shown);
      this.#shown = shown;
      this.#setStatus(this.#describe(shown), 'done');
    } catch (error) {
      if (seq !== this.#seq) return;
      if (!this.#shown) this.#plot.hidden = true;
      if (signal.aborted) {
        this.#setStatus(`Cancelled ${file.name}.${this.#shown ? ` Still showing ${this.#shown.name}.` : ''}`, 'done');
      } else {
        this.#fail(error);
      }
    } finally {
      work.end();
      queries?.dispose();
      if (seq === this.#seq) this.#controller = null;
    }
  }

  /**
   * The main heatmap's order, groups or labels changed: the documents follow
   * (and the queries with them). Nothing is recomputed but the layout.
   */
  async refresh() {
    const shown = this.#shown;
    if (!shown || !this.#view.embeddings) return;
    const { order, groups, labels } = this.#view;
    if (shown.drawn && shown.drawn.order === order && shown.drawn.groups === groups && shown.drawn.labels === labels) return;
    try {
      await this.#draw(shown);
      this.#setStatus(this.#describe(shown), 'done');
    } catch (error) {
      if (this.#shown === shown) this.#fail(error);
    }
  }

  // Lays the n × m similarities out in the main heatmap's order and draws them.
  async #draw(shown) {
    const view = this.#view;
    const [n, m] = shown.dims;
    const documentOrder = view.order;
    const documentGroups = view.groups;
    const documentNames = view.labels ?? Array.from({ length: m }, (_, j) => String(j));
    // File order in the main heatmap: the queries keep theirs too.
    const fileOrder = view.orderStatus?.shown === 'original';
    const queries = fileOrder
      ? { order: Int32Array.from({ length: n }, (_, i) => i), groups: null }
      : orderQueries(shown.data, shown.dims, documentOrder, documentGroups);
    const documentRuns = crossRuns(documentGroups, documentOrder);
    const queryRuns = crossRuns(queries.groups, queries.order);
    const spacing = view.options.tickSpacing;
    // Tall enough for every query's label up to some 40 queries; beyond, thinned labels or group names.
    const height = Math.min(800, Math.max(260, 160 + spacing * n));
    const room = (pixels) => ({ pixels, spacing, maxLength: view.options.labelMaxLength });
    const width = this.#plot.clientWidth || 600;
    const labelled = n * m <= LABELLED_CELLS_MAX;
    // Colours over the 1st to 99th percentile of the similarities, as the main heatmap's default.
    const range = robustRange(shown.data);
    await drawSimilarityPlot(this.#plot, {
      data: reorder(shown.data, shown.dims, queries.order, documentOrder),
      dims: shown.dims,
      title: `${shown.name} (queries) × the data set shown (documents)`,
      hover: labelled ? (i, j) => `${shown.queryNames[queries.order[i]]} × ${documentNames[documentOrder[j]]}` : undefined,
      scale: range ? { ...SIMILARITY_SCALE, zmin: range.zRange[0], zmax: range.zRange[1] } : SIMILARITY_SCALE,
      colorLabel: `Cosine Similarity${rangeNote(range)}`,
      xTitle: documentGroups ? 'document (main heatmap order, by group)' : 'document (main heatmap order)',
      yTitle: queries.groups ? 'query (by best-matching group)' : 'query',
      ticks: {
        x: axisTicks(documentNames, documentOrder, documentRuns, m, room(Math.max(100, width - 260))),
        y: axisTicks(shown.queryNames, queries.order, queryRuns, n, room(Math.max(60, height - 160))),
      },
      shapes: crossShapes(documentRuns, queryRuns, shown.dims),
      height,
    });
    this.#plot.setAttribute('role', 'img');
    this.#plot.setAttribute('aria-label', `Cross-similarity heatmap: ${formatCount(n)} queries by ${formatCount(m)} documents`);
    shown.drawn = { order: documentOrder, groups: documentGroups, labels: view.labels, queriesByGroup: Boolean(queries.groups) };
  }

  #describe({ dims: [n, m], drawn }) {
    const labelled = n * m <= LABELLED_CELLS_MAX;
    const order = drawn?.queriesByGroup ? ' Documents in the main heatmap\'s order; queries by the document group they match best.' : '';
    return `${formatCount(n)} queries × ${formatCount(m)} documents${labelled ? '' : ' (hover shows positions in this order)'}.${order}`;
  }

  /** A new data set: the documents changed. */
  reset() {
    this.#seq++;
    this.#controller?.abort();
    this.#controller = null;
    this.#shown = null;
    globalThis.Plotly?.purge(this.#plot);
    this.#plot.hidden = true;
    this.#clearError();
    this.#setStatus('', 'done');
  }

  #fail(error) {
    this.#alert.textContent = `Could not compute the cross-similarity: ${error?.message ?? error}`;
    this.#alert.hidden = false;
    this.#setStatus(this.#shown ? `Still showing ${this.#shown.name}.` : '', 'done');
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
