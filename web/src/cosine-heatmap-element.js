import { clearErrorBox, describeFailure, ERROR_BOX_STYLE, showErrorBox } from './element-error.js';
import { CosineHeatmapError } from './errors.js';
import { CosineSimilarityHeatmap } from './heatmap.js';
import { loadEngine } from './load-engine.js';
import { loadPlotly } from './load-plotly.js';
import { attachMetadata } from './parse-metadata.js';
import { parseEmbeddingsOffThread, parseMetadataOffThread } from './parse-off-thread.js';

// <cosine-heatmap src="vectors.npy" labels="metadata.tsv" title="…"
//   color-scale="RdBu" range="fixed" zmin="-1" zmax="1" order="average">
// Without order and range it draws as the view does by default: the file
// order first, then the order 'auto' finds; colours over the 1st to 99th
// percentile of the cells shown.
// A dashboard component over CosineSimilarityHeatmap. Light DOM on purpose:
// Plotly puts its stylesheet in document.head, which does not reach into a
// shadow root (the mode bar and hover layer would lose their styles). All
// instances on a page share one engine (loadEngine is cached) unless given
// their own with the `engine` property. It follows its own size (a
// ResizeObserver, not the window's): style it like a block, e.g. height:
// 60vh; unstyled it is 100% wide and 450px high.
//
// Events: 'ready' (detail {size, dim, level, order}: the first picture is
// drawn), 'order' (detail: the view's orderStatus, e.g. when the ordered
// picture replaces the file-order one), 'select' (detail: as the view's
// select: detail.indices, the items selected, with the clicked cell when a
// click selected them; element.view.select(indices) selects from code), 'error' (detail
// {message, error}). A failure is also shown inside the element, worded as
// the demo page words it, in a box the reader can dismiss; what was drawn
// before stays, and the box goes when the next load succeeds.

const ATTRIBUTES = ['src', 'labels', 'title', 'color-scale', 'range', 'zmin', 'zmax', 'order', 'label-column', 'column', 'tensor'];
const DATA_ATTRIBUTES = new Set(['src', 'labels', 'label-column', 'column', 'tensor']);

// HTMLElement exists only where a DOM does; in Node the class is built on a
// stand-in so this module imports anywhere, and nothing is defined.
const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class CosineHeatmapElement extends Base {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #plot = null;
  #view = null;
  #resize = null;
  #embeddings = null;
  #labels = null;
  #engine = null;
  #engineInUse = null;
  #plotly = null;
  #loadSeq = 0;
  #connected = false;
  #frame = 0;

  /** The embeddings shown: {data, dims} (or number[][]); setting it draws them (src is then ignored). */
  get embeddings() {
    return this.#embeddings;
  }

  set embeddings(value) {
    this.#embeddings = value ?? null;
    if (this.#connected) this.#load();
  }

  /** One label per item for the `embeddings` property (with src, use the `labels` attribute). */
  get labels() {
    return this.#labels;
  }

  set labels(value) {
    if (typeof value === 'string') {
      this.setAttribute('labels', value);
      return;
    }
    this.#labels = value ?? null;
    if (this.#connected && this.#embeddings) this.#view?.update({ labels: this.#labels }).catch((error) => this.#fail(error, 'settings'));
  }

  /**
   * The engine: the one it computes with once drawn (by default the page's
   * shared one from loadEngine(), so every instance has the same), or one
   * set here before the element draws.
   */
  get engine() {
    return this.#engineInUse ?? this.#engine;
  }

  set engine(value) {
    this.#engine = value;
  }

  /** The CosineSimilarityHeatmap inside, for everything the attributes do not cover (update, exports). */
  get view() {
    return this.#view;
  }

  connectedCallback() {
    this.#connected = true;
    addDefaultStyle();
    if (!this.#plot) {
      this.#plot = document.createElement('div');
      this.#plot.className = 'cosine-heatmap-plot';
      this.#plot.style.width = '100%';
      this.#plot.style.height = '100%';
      this.append(this.#plot);
    }
    if (typeof ResizeObserver === 'function' && !this.#resize) {
      this.#resize = new ResizeObserver(() => this.#fit());
      this.#resize.observe(this);
    }
    this.#load();
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#resize?.disconnect();
    this.#resize = null;
    cancelAnimationFrame(this.#frame);
    this.#loadSeq++;
    this.#view?.dispose();
    this.#view = null;
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#connected || previous === value) return;
    if (DATA_ATTRIBUTES.has(name)) {
      this.#load();
      return;
    }
    if (!this.#view?.embeddings) return;
    let options;
    try {
      options = this.#viewOptions();
    } catch (error) {
      this.#fail(error, 'settings');
      return;
    }
    this.#view.update(options).then(() => clearErrorBox(this), (error) => this.#fail(error, 'settings'));
  }

  // The view options the attributes set; absent attributes fall back to the
  // view's defaults.
  #viewOptions() {
    const options = {};
    const title = this.getAttribute('title');
    if (title !== null) options.title = title;
    const scale = this.getAttribute('color-scale');
    if (scale !== null) options.colorScale = scale;
    for (const name of ['zmin', 'zmax']) {
      const text = this.getAttribute(name);
      if (text === null || text.trim() === '') continue;
      const value = Number(text);
      if (!Number.isFinite(value)) throw new CosineHeatmapError(`<cosine-heatmap> attribute ${name}: expected a number, got "${text}"`);
      options[name] = value;
    }
    const order = this.getAttribute('order');
    if (order !== null) options.order = order;
    // zmin / zmax alone pick the fixed range (the view's rule); range decides when given.
    const range = this.getAttribute('range');
    if (range !== null) options.range = range;
    return options;
  }

  async #load() {
    const seq = ++this.#loadSeq;
    const src = this.getAttribute('src');
    if (!this.#embeddings && !src) return;
    try {
      const options = this.#viewOptions();
      let x;
      let labels = this.#labels ?? undefined;
      if (this.#embeddings) {
        x = this.#embeddings;
      } else {
        x = await this.#fetchData(src, this.getAttribute('labels'));
        labels = x.labels;
      }
      if (seq !== this.#loadSeq) return;
      const [engine, Plotly] = await Promise.all([this.#engine ?? loadEngine(), loadPlotly(globalThis.Plotly)]);
      if (seq !== this.#loadSeq) return;
      this.#plotly = Plotly;
      this.#view?.dispose();
      const view = new CosineSimilarityHeatmap(this.#plot, { ...options, engine, Plotly });
      this.#view = view;
      view.addEventListener('select', (event) => this.#emit('select', event.detail));
      view.addEventListener('order', (event) => {
        if (this.#view === view) this.#emit('order', event.detail);
      });
      view.addEventListener('error', (event) => this.#fail(event.detail, 'view'));
      await view.setEmbeddings(x, { labels });
      if (seq !== this.#loadSeq) return;
      this.#engineInUse = engine;
      clearErrorBox(this);
      this.#emit('ready', { size: view.embeddings.size, dim: view.embeddings.dim, level: view.level, order: view.orderStatus });
    } catch (error) {
      if (seq === this.#loadSeq) this.#fail(error, 'load');
    }
  }

  async #fetchData(src, labelsUrl) {
    const [vectors, table] = await Promise.all([
      fetchFile(src, 'embeddings').then((file) => parseEmbeddingsOffThread(file, {
        name: file.name,
        // Parquet / Arrow: the embeddings column; safetensors: the tensor.
        column: this.getAttribute('column') ?? undefined,
        tensor: this.getAttribute('tensor') ?? undefined,
      })),
      labelsUrl ? fetchFile(labelsUrl, 'labels').then((file) => parseMetadataOffThread(file, { name: file.name })) : null,
    ]);
    const labelColumn = this.getAttribute('label-column') ?? 0;
    // A Parquet or Arrow file's own columns: label-column picks among them too.
    if (!table && vectors.metadata && this.hasAttribute('label-column')) {
      return attachMetadata(vectors, vectors.metadata, { file: fileName(src), metadataFile: fileName(src), labelColumn });
    }
    if (!table) return vectors;
    return attachMetadata(vectors, table, { file: fileName(src), metadataFile: fileName(labelsUrl), labelColumn });
  }

  // Plotly lays out again at the element's new size; coalesced to one per frame.
  #fit() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      const plot = this.#plot;
      if (plot?._fullLayout && this.offsetWidth > 0) {
        Promise.resolve(this.#plotly?.Plots?.resize(plot)).catch((error) => this.#fail(error, 'view'));
      }
    });
  }

  // Says it inside the element and tells the page ('error').
  #fail(error, action) {
    const message = describeFailure(error, action);
    if (this.#connected) showErrorBox(this, message);
    this.#emit('error', { message, error });
  }

  // 'ready' and 'select' bubble (a dashboard can listen once for all its
  // heatmaps); 'error' does not, so it never reaches window.onerror.
  #emit(type, detail) {
    const bubbles = type !== 'error';
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles, composed: bubbles }));
  }
}

async function fetchFile(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CosineHeatmapError(`could not load the ${what} ${url}: ${error.message}`);
  }
  if (!response.ok) {
    const path = new URL(response.url || url, globalThis.location?.href).pathname;
    throw new CosineHeatmapError(`could not load ${path}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  return new File([await response.blob()], fileName(url));
}

// A block 100% wide and 450px high unless the page says otherwise: :where()
// has no specificity, so any rule of the page's wins.
function addDefaultStyle() {
  if (document.getElementById('cosine-heatmap-default-style')) return;
  const style = document.createElement('style');
  style.id = 'cosine-heatmap-default-style';
  style.textContent = `:where(cosine-heatmap){display:block;width:100%;height:450px;position:relative}${ERROR_BOX_STYLE}`;
  document.head.append(style);
}

function fileName(url) {
  try {
    return decodeURIComponent(new URL(url, globalThis.location?.href).pathname.split('/').pop()) || String(url);
  } catch {
    return String(url);
  }
}

/**
 * Registers <cosine-heatmap> (or another tag name). Safe to call twice; a
 * no-op where there is no custom element registry (Node, workers).
 * @param {string} [tagName]
 * @returns {boolean} whether the tag is defined now
 */
export function defineCosineHeatmapElement(tagName = 'cosine-heatmap') {
  if (typeof customElements === 'undefined') return false;
  if (!customElements.get(tagName)) {
    customElements.define(tagName, tagName === 'cosine-heatmap' ? CosineHeatmapElement : class extends CosineHeatmapElement {});
  }
  return true;
}

defineCosineHeatmapElement();
