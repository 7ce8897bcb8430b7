import { loadEngine, parseEmbeddingsOffThread } from '../src/index.js';
import { formatCount, fractionDone } from './plot-text.js';
import { drawSimilarityPlot, readableTicks, SIMILARITY_SCALE } from './similarity-plot.js';

// Largest cross matrix drawn: beyond this many cells a heatmap of single
// query-document pairs is neither readable nor quick to draw.
export const CROSS_CELLS_MAX = 1_000_000;
// Hover text names both items up to this many cells (one string per cell).
const LABELLED_CELLS_MAX = 250_000;
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

/**
 * Queries against documents: a second file of n queries (n × d) against the
 * m items shown (m × d), the n × m cosine similarities computed by the core
 * (within the engine's matrix budget) and drawn as a Plotly heatmap.
 */
export class CrossMode {
  #view;
  #status;
  #alert;
  #plot;
  #shown = null;
  #controller = null;
  #seq = 0;

  constructor(section, view) {
    this.#view = view;
    const part = (id) => section.querySelector(`#${id}`);
    this.#status = part('cross-status');
    this.#alert = part('cross-error');
    this.#plot = part('cross-plot');
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
    try {
      this.#setStatus(`Parsing ${file.name}…`, 'busy');
      const parsed = await parseEmbeddingsOffThread(file, { name: file.name, signal });
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
      this.#setStatus(intro, 'busy');
      const cross = await queries.crossSimilarity(documents, {
        signal,
        onProgress: (p) => { if (seq === this.#seq) this.#setStatus(`${intro} ${percent.format(fractionDone(p))}`, 'busy'); },
      });
      if (seq !== this.#seq || this.#view.embeddings !== documents) return;
      const queryNames = parsed.labels ?? Array.from({ length: n }, (_, i) => `query ${i}`);
      const documentNames = this.#view.labels ?? Array.from({ length: m }, (_, j) => String(j));
      const labelled = n * m <= LABELLED_CELLS_MAX;
      this.#plot.hidden = false; // Plotly sizes the plot from the element: show it first
      await drawSimilarityPlot(this.#plot, {
        data: cross.data,
        dims: cross.dims,
        title: `${file.name} (queries) × the data set shown (documents)`,
        hover: labelled ? (i, j) => `${queryNames[i]} × ${documentNames[j]}` : undefined,
        scale: SIMILARITY_SCALE,
        colorLabel: 'Cosine Similarity',
        xTitle: 'document',
        yTitle: 'query',
        ticks: { x: readableTicks(documentNames), y: readableTicks(queryNames) },
        height: Math.min(640, Math.max(260, 120 + 14 * n)),
      });
      this.#plot.setAttribute('role', 'img');
      this.#plot.setAttribute('aria-label', `Cross-similarity heatmap: ${formatCount(n)} queries by ${formatCount(m)} documents`);
      this.#shown = { name: file.name, dims: cross.dims };
      this.#setStatus(`${formatCount(n)} queries × ${formatCount(m)} documents${labelled ? '' : ' (hover shows row and column numbers)'}.`, 'done');
    } catch (error) {
      if (seq !== this.#seq) return;
      if (!this.#shown) this.#plot.hidden = true;
      this.#fail(error);
    } finally {
      queries?.dispose();
      if (seq === this.#seq) this.#controller = null;
    }
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
