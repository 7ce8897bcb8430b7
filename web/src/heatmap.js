import { CosineHeatmapError } from './errors.js';
import { itemLabels } from './heatmap-labels.js';
import { heatmapLayout, heatmapLayoutUpdate } from './heatmap-layout.js';
import { resolveHeatmapOptions } from './heatmap-options.js';
import { heatmapStyleUpdate, heatmapTrace } from './heatmap-trace.js';
import { loadEngine } from './load-engine.js';
import { loadPlotly } from './load-plotly.js';

const now = () => (globalThis.performance ?? Date).now();

/**
 * An interactive Plotly heatmap of the pairwise cosine similarities of a set
 * of embeddings, computed by the WASM engine.
 *
 *   const view = new CosineSimilarityHeatmap(element, {colorScale: 'RdBu'});
 *   await view.setEmbeddings(x, {labels});
 *   await view.update({title: 'Sentence embeddings'});   // no recompute
 *   view.dispose();
 *
 * Options: see DEFAULT_HEATMAP_OPTIONS, plus `engine` (an engine from
 * loadEngine, default: the shared one) and `Plotly` (default: the global).
 */
export class CosineSimilarityHeatmap {
  #element;
  #options;
  #engine;
  #plotlyOption;
  #plotly = null;
  #set = null;
  #rendered = false;
  #disposed = false;
  #generation = 0;

  /** The last matrix shown: {data: Float32Array (row-major), dims: [n, n], zeroRows}. */
  matrix = null;
  /** The item labels shown, one string per row. */
  labels = null;
  /** Milliseconds spent by the last setEmbeddings: {compute, render}. */
  timings = null;

  constructor(element, options = {}) {
    if (!element || (typeof element !== 'object' && typeof element !== 'string')) {
      throw new CosineHeatmapError('CosineSimilarityHeatmap: expected a DOM element (or its id) to draw in');
    }
    const { engine, Plotly, ...viewOptions } = options ?? {};
    this.#element = element;
    this.#engine = engine;
    this.#plotlyOption = Plotly;
    this.#options = resolveHeatmapOptions(viewOptions);
  }

  /** The element Plotly draws in. */
  get element() {
    return this.#element;
  }

  /** The current options, defaults filled in (read-only). */
  get options() {
    return this.#options;
  }

  /** The engine's handle on the embeddings shown (size, dim, zeroRows), or null. */
  get embeddings() {
    return this.#set;
  }

  /**
   * Computes the similarities of `x` in the engine and draws them. A call
   * made while an earlier one is still running supersedes it. On error the
   * view keeps showing what it showed before.
   * @param {number[][] | {data: ArrayLike<number>, dims: number[], labels?: string[]}} x
   * @param {{labels?: ArrayLike<unknown>}} [options]  default: x.labels, else row indices
   */
  async setEmbeddings(x, { labels } = {}) {
    this.#checkAlive();
    const generation = ++this.#generation;
    const started = now();
    const engine = await (this.#engine ?? loadEngine());
    const set = await engine.embeddings(x);
    let matrix;
    let names;
    try {
      names = itemLabels(labels ?? x?.labels, set.size);
      matrix = await set.similarity();
    } catch (error) {
      set.dispose();
      throw error;
    }
    if (generation !== this.#generation || this.#disposed) {
      set.dispose();
      return this;
    }
    const computed = now();
    this.#set?.dispose();
    this.#set = set;
    this.matrix = matrix;
    this.labels = names;
    await this.#draw();
    this.timings = { compute: computed - started, render: now() - computed };
    return this;
  }

  /**
   * Changes options and restyles/relayouts the plot in place: the
   * similarities are not recomputed and the data is not sent again.
   * @param {object} options  any subset of the view options
   */
  async update(options = {}) {
    this.#checkAlive();
    if (options && ('engine' in options || 'Plotly' in options)) {
      throw new CosineHeatmapError('update: engine and Plotly are fixed when the view is created');
    }
    this.#options = resolveHeatmapOptions(options, this.#options);
    if (!this.#rendered) return this;
    const n = this.matrix.dims[0];
    await this.#plotly.update(this.#element, heatmapStyleUpdate(this.#options, n), heatmapLayoutUpdate(this.#options), [0]);
    return this;
  }

  /** Removes the plot and releases the embeddings held by the engine. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#generation++;
    if (this.#rendered) this.#plotly.purge(this.#element);
    this.#rendered = false;
    this.#set?.dispose();
    this.#set = null;
    this.matrix = null;
    this.labels = null;
  }

  async #draw() {
    this.#plotly ??= await loadPlotly(this.#plotlyOption);
    const options = this.#options;
    const trace = heatmapTrace(this.matrix, this.labels, options, { zeroRows: this.matrix.zeroRows });
    await this.#plotly.newPlot(this.#element, [trace], heatmapLayout(options, this.labels), {
      responsive: options.autosize,
      displaylogo: false,
    });
    this.#rendered = true;
    // An update() that arrived while Plotly was drawing changed the options
    // after the trace was built: apply it now.
    if (this.#options !== options) await this.update();
  }

  #checkAlive() {
    if (this.#disposed) throw new CosineHeatmapError('this heatmap view was disposed');
  }
}
