import { EmbeddingSet } from './embedding-set.js';
import { CosineHeatmapError } from './errors.js';
import { decorateFigure } from './heatmap-decorations.js';
import { ViewDendrogram } from './heatmap-dendrogram.js';
import { findItems, revealItem } from './heatmap-find.js';
import { watchGestures } from './heatmap-gestures.js';
import { checkGroups, groupRuns } from './heatmap-groups.js';
import { itemLabels } from './heatmap-labels.js';
import { HoverExtremes } from './heatmap-hover-extremes.js';
import { HeatmapKeyboard } from './heatmap-keyboard.js';
import { heatmapLayout, heatmapLayoutUpdate } from './heatmap-layout.js';
import { resolveHeatmapOptions } from './heatmap-options.js';
import { needsGroups, orderFor, orderStatus, resolveOrderMethod, startOrder } from './heatmap-order.js';
import { cellValues, describeLevel, fetchCells, zeroCounter } from './heatmap-overview.js';
import { plotArea } from './heatmap-plot-area.js';
import { cellRange } from './heatmap-range.js';
import { ItemSelection } from './heatmap-selection.js';
import { annotateView } from './heatmap-strips.js';
import { heatmapStyleUpdate, heatmapTrace, styleContext } from './heatmap-trace.js';
import {
  everything, overviewSize, rangesFromRelayout, sameWindow, wholeItemRanges, windowOfRanges,
} from './heatmap-zoom.js';
import { loadEngine } from './load-engine.js';
import { loadPlotly } from './load-plotly.js';

const now = () => (globalThis.performance ?? Date).now();

// Options that change which cells are fetched, and those that change only
// how the cells already fetched are drawn.
const CELL_OPTIONS = ['reduce', 'itemsMax', 'overviewSize'];
const DRAW_OPTIONS = ['maskDiagonal', 'range', 'labelMaxLength', 'tickSpacing'];

/**
 * An interactive Plotly heatmap of the pairwise cosine similarities of a set
 * of embeddings, computed by the WASM engine. It never hands Plotly more
 * cells than the plot has pixels: small sets show single items; larger ones
 * an exact mean overview, and zooming (Plotly's zoom / pan) recomputes the
 * visible window down to single items; double-click returns to the overview.
 *
 *   const view = new CosineSimilarityHeatmap(element);        // order 'auto', range 'robust'
 *   view.addEventListener('level', (e) => show(e.detail));  // or onLevelChange
 *   view.addEventListener('order', (e) => say(e.detail));   // file order first, then the ordered picture
 *   await view.setEmbeddings(x, {labels, groups});           // resolves at the first picture
 *   await view.whenOrdered();                                 // the ordered one
 *   await view.update({colorScale: 'RdBu', order: 'groups'});
 *   view.dispose();
 *
 * Options: see DEFAULT_HEATMAP_OPTIONS, plus `engine` (an engine from
 * loadEngine, default: the shared one), `Plotly` (default: the global),
 * `onLevelChange(level)` and `onSelect(selection)`.
 * Events: 'level' (detail: view.level), 'order' (detail: view.orderStatus),
 * 'select' (detail.indices: the items selected, ascending; a click's
 * detail, as onSelect's, also has the cell: row, col, rowItems, rowIndices,
 * colIndices, value, kind; view.select() and a drag along an axis give
 * {indices, source}), 'cut' (detail: view.clusters), 'progress' (detail:
 * {done, total}), 'error' (detail: an error from a zoom recompute or a
 * background order, which have no caller to reject).
 * Add-ons (find, select, annotate, the dendrogram and cut) are at the end
 * of the class, each in a module of its own.
 */
export class CosineSimilarityHeatmap extends EventTarget {
  #element;
  #options;
  #engine;
  #plotlyOption;
  #onLevelChange;
  #onSelect;
  #plotly = null;
  #set = null;
  #ownsSet = false;
  #rendered = false;
  #disposed = false;
  #generation = 0; // setEmbeddings calls
  #viewSeq = 0; // recomputes of what is shown
  #order; // Int32Array position → item, or undefined for the original order
  #identity = null;
  #runs = null;
  #cells = null;
  #fullCells = null; // the whole-matrix cells, kept for a quick return from zoom
  #values = null;
  #range = null; // the colour range fitted to the cells shown (cellRange), null: fixed
  #orderStatus = null;
  #orderToken = null; // the newest order request; an older one's answer is dropped
  #ranges = { x: null, y: null };
  #revision = 0;
  #zoomTimer = null;
  #zoomAbort = null;
  #attached = null;
  #decorations = new Map(); // add-ons drawn in the figure (heatmap-decorations.js)
  #selection = new ItemSelection(this);
  #dendrogram = new ViewDendrogram(this);
  #extremes = new HoverExtremes(this); // an overview cell's min and max, fetched on hover
  #keyboard = new HeatmapKeyboard(this); // cells reached with the arrow keys
  #unwatch;

  /** The cells shown: {data (colours, row-major), dims, zeroRows, rowStarts, rowEnds, colStarts, colEnds, …}. */
  matrix = null;
  /** The item labels, one string per item (original order). */
  labels = null;
  /** The item groups, one string per item (original order), or null. */
  groups = null;
  /** What one cell stands for: {kind: 'overview' | 'items', cellSize, cellRows, cellCols, dims, window, full, reduce, warning?}. */
  level = null;
  /**
   * Milliseconds spent by the last setEmbeddings until its first picture:
   * {load (into the engine: copied, checked, normalized), cells (the
   * overview or the entries), compute (the two), render}.
   */
  timings = null;

  constructor(element, options = {}) {
    super();
    if (!element || (typeof element !== 'object' && typeof element !== 'string')) {
      throw new CosineHeatmapError('CosineSimilarityHeatmap: expected a DOM element (or its id) to draw in');
    }
    const { engine, Plotly, onLevelChange, onSelect, ...viewOptions } = options ?? {};
    for (const [name, value] of [['onLevelChange', onLevelChange], ['onSelect', onSelect]]) {
      if (value !== undefined && typeof value !== 'function') throw new CosineHeatmapError(`heatmap option ${name}: expected a function`);
    }
    this.#element = element;
    this.#engine = engine;
    this.#plotlyOption = Plotly;
    this.#onLevelChange = onLevelChange;
    this.#onSelect = onSelect;
    this.#options = resolveHeatmapOptions(viewOptions);
    this.#unwatch = watchGestures(element, {
      selectPositions: (positions, how) => this.#selection.selectPositions(positions, how),
      selection: () => this.#selection.indices,
      order: () => this.order,
      dendrogramPlace: () => this.#dendrogram.place,
      cutAt: (threshold) => this.#dendrogram.cut({ threshold }),
      subtreeAt: (position, height) => this.#dendrogram.subtreeAt(position, height),
      onError: (error) => this.dispatchEvent(new CustomEvent('error', { detail: error })),
    });
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
   * Which order is requested and which is drawn: {requested, method,
   * shown, pending, ms, error} (see heatmap-order.js), or null before
   * setEmbeddings.
   */
  get orderStatus() {
    return this.#orderStatus;
  }

  /**
   * Resolves with orderStatus once no order is being computed: after the
   * ordered picture has replaced the file-order one (or the order failed,
   * or a newer request took over and finished).
   */
  whenOrdered() {
    if (!this.#orderStatus?.pending) return Promise.resolve(this.#orderStatus);
    return new Promise((resolve) => {
      const settled = (event) => {
        if (event.detail?.pending) return;
        this.removeEventListener('order', settled);
        resolve(event.detail);
      };
      this.addEventListener('order', settled);
    });
  }

  /** The order in use: Int32Array, position → item index (a copy is not made: do not change it). */
  get order() {
    if (!this.#set) return null;
    if (this.#order) return this.#order;
    if (this.#identity?.length !== this.#set.size) this.#identity = Int32Array.from({ length: this.#set.size }, (_, k) => k);
    return this.#identity;
  }

  /**
   * Takes the embeddings in the engine and draws them: the original order
   * at once, and the requested order (default 'auto') when the engine has
   * computed it, unless it is ready first. Resolves when the first picture
   * is drawn; whenOrdered() waits for the ordered one. A call made while an
   * earlier one is still running supersedes it. On error the view keeps
   * showing what it showed before.
   * @param {number[][] | {data: ArrayLike<number>, dims: number[], labels?: string[]} | EmbeddingSet} x
   *   an EmbeddingSet is used as is and not disposed by the view
   * @param {{labels?: ArrayLike<unknown>, groups?: ArrayLike<unknown>, signal?: AbortSignal}} [options]
   *   labels default to x.labels, else row indices; groups: one per item;
   *   signal: aborted before the first picture is drawn, the call rejects
   *   with its reason and the view keeps what it showed
   */
  async setEmbeddings(x, { labels, groups, signal } = {}) {
    this.#checkAlive();
    const generation = ++this.#generation;
    this.#cancelZoom();
    const started = now();
    const given = x instanceof EmbeddingSet;
    if (given && x.disposed) throw new CosineHeatmapError('setEmbeddings: this embedding set was disposed');
    const set = given ? x : await (await (this.#engine ?? loadEngine())).embeddings(x);
    const loaded = now();
    const release = () => { if (!given && set !== this.#set) set.dispose(); };
    let names;
    let groupList;
    let ordering = null;
    let cells;
    let order;
    try {
      names = itemLabels(labels ?? (given ? undefined : x?.labels), set.size);
      groupList = checkGroups(groups, set.size);
      const option = this.#options.order;
      if (resolveOrderMethod(option, set.size, groupList) === 'groups' && !groupList) throw needsGroups();
      // The order runs in one worker while the others make the first picture.
      ordering = startOrder(set, option, groupList);
      cells = await fetchCells(set, { ...this.#request(set.size, undefined, everything(set.size)), signal });
      if (ordering.outcome?.order) {
        order = ordering.outcome.order;
        cells = await fetchCells(set, { ...this.#request(set.size, order, everything(set.size)), signal });
      }
    } catch (error) {
      release();
      throw error;
    }
    if (signal?.aborted) {
      release();
      throw signal.reason;
    }
    if (generation !== this.#generation || this.#disposed) {
      release();
      return this;
    }
    const computed = now();
    if (this.#ownsSet && this.#set !== set) this.#set?.dispose();
    this.#set = set;
    this.#ownsSet = !given;
    this.#viewSeq++;
    this.labels = names;
    this.groups = groupList;
    this.#setOrder(order);
    const token = {};
    this.#orderToken = token;
    const settled = order !== undefined || ordering.method === 'original';
    this.#setOrderStatus(settled
      ? orderStatus(ordering.option, ordering.method, { ms: order === undefined ? null : ordering.outcome.ms })
      : orderStatus(ordering.option, ordering.method, { shown: 'original', pending: true }));
    this.#fullCells = cells;
    this.#show(cells);
    await this.#render('newPlot');
    this.timings = { load: loaded - started, cells: computed - loaded, compute: computed - started, render: now() - computed };
    if (!settled) this.#finishOrder(ordering, token);
    return this;
  }

  // Draws the order `ordering` computes once it is ready, unless a newer
  // order request (new embeddings, the user's choice) came first.
  async #finishOrder(ordering, token) {
    const outcome = await ordering.result;
    if (token !== this.#orderToken || this.#disposed) return;
    const failed = (error) => {
      this.#setOrderStatus(orderStatus(ordering.option, ordering.method, { shown: 'original', error: error?.message ?? String(error) }));
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
    };
    if (outcome.error) {
      failed(outcome.error);
      return;
    }
    try {
      await this.#showOrder(outcome.order, token, orderStatus(ordering.option, ordering.method, { ms: outcome.ms }));
    } catch (error) {
      if (token === this.#orderToken && !this.#disposed) failed(error);
    }
  }

  // Draws the whole matrix in `order` for the order request `token`, then
  // reports `status` (so "ordered" is said once the picture is drawn). A
  // zoom or an option change that starts meanwhile supersedes the fetch: it
  // is made again with what is current then. Nothing happens once a newer
  // order request (or dispose) has taken over.
  async #showOrder(order, token, status) {
    const n = this.#set.size;
    let cells;
    for (;;) {
      this.#cancelZoom();
      const seq = ++this.#viewSeq;
      cells = await fetchCells(this.#set, this.#request(n, order, everything(n)));
      if (token !== this.#orderToken || this.#disposed) return;
      if (seq === this.#viewSeq) break;
    }
    this.#ranges = { x: null, y: null };
    this.#revision++;
    this.#setOrder(order);
    this.#fullCells = cells;
    this.#show(cells);
    await this.#render('react');
    if (token === this.#orderToken) this.#setOrderStatus(status);
  }

  /**
   * Changes options (and, given, `groups` or `labels`). Colours and titles
   * restyle in place; `order` recomputes the order and the overview (not the
   * embeddings); `reduce`, `itemsMax`, `overviewSize` recompute the cells.
   * A refused update changes nothing.
   * @param {object} changes  any subset of the view options, plus groups / labels
   */
  async update(changes = {}) {
    this.#checkAlive();
    if (changes && ('engine' in changes || 'Plotly' in changes || 'onLevelChange' in changes || 'onSelect' in changes)) {
      throw new CosineHeatmapError('update: engine, Plotly, onLevelChange and onSelect are fixed when the view is created');
    }
    const { groups, labels, ...optionChanges } = changes ?? {};
    const previous = this.#options;
    const next = resolveHeatmapOptions(optionChanges, previous);
    const data = {};
    if (groups !== undefined || labels !== undefined) {
      if (!this.#set) throw new CosineHeatmapError('update: groups and labels need embeddings first (setEmbeddings)');
      if (groups !== undefined) data.groups = checkGroups(groups, this.#set.size);
      if (labels !== undefined) data.labels = itemLabels(labels, this.#set.size);
    }
    if (next.order === 'groups' && this.#set && !(data.groups ?? this.groups)) throw needsGroups();
    this.#options = next;
    if (!this.#rendered) {
      if (data.groups !== undefined) this.groups = data.groups;
      if (data.labels) this.labels = data.labels;
      return this;
    }
    try {
      await this.#apply(previous, next, data);
    } catch (error) {
      if (this.#options === next) this.#options = previous;
      throw error;
    }
    return this;
  }

  /** Removes the plot and releases the embeddings the view took in (not an EmbeddingSet it was given). */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#generation++;
    this.#orderToken = null;
    if (this.#orderStatus?.pending) this.#setOrderStatus(orderStatus(this.#orderStatus.requested, this.#orderStatus.method, { shown: this.#orderStatus.shown }));
    this.#cancelZoom();
    this.#detach();
    this.#unwatch();
    this.#extremes.unhover();
    this.#keyboard.dispose();
    if (this.#rendered) this.#plotly.purge(this.#element);
    this.#rendered = false;
    if (this.#ownsSet) this.#set?.dispose();
    this.#set = null;
    this.matrix = null;
    this.labels = null;
    this.groups = null;
    this.#cells = null;
    this.#fullCells = null;
  }

  // Brings the plot from `previous` options (and data) to `next`, doing only
  // the work the change needs.
  async #apply(previous, next, data = {}) {
    const changed = (keys) => keys.some((key) => previous[key] !== next[key]);
    const groupsChanged = data.groups !== undefined;
    if (data.labels) this.labels = data.labels;
    if (groupsChanged) this.groups = data.groups;
    const reorder = previous.order !== next.order || (groupsChanged && (next.order === 'groups' || next.order === 'auto'));
    if (reorder) {
      await this.#reorder(next.order, previous.order);
    } else if (changed(CELL_OPTIONS)) {
      this.#cancelZoom();
      const seq = ++this.#viewSeq;
      const n = this.#set.size;
      const cells = await fetchCells(this.#set, this.#request(n, this.#order, windowOfRanges(this.#ranges, n)));
      if (seq !== this.#viewSeq || this.#disposed) return;
      this.#fullCells = cells.window.rows[1] - cells.window.rows[0] === n && cells.window.cols[1] - cells.window.cols[0] === n ? cells : null;
      this.#show(cells);
      await this.#render('react');
    } else if (groupsChanged || data.labels || changed(DRAW_OPTIONS)) {
      if (groupsChanged) this.#runs = groupRuns(this.groups, this.#order);
      this.#show(this.#cells);
      await this.#render('react');
    } else {
      // Colours and titles only: restyle in place, no data sent again.
      const context = this.#styleContext();
      await this.#plotly.update(this.#element, heatmapStyleUpdate(next, this.#cells.dims[0], context), heatmapLayoutUpdate(next), [0]);
    }
  }

  // The caller's choice of order: computed, drawn, reported. An order still
  // being computed for an earlier request is dropped when it arrives. On
  // failure the status goes back to the order still shown.
  async #reorder(option, previousOption) {
    const shownBefore = this.#orderStatus;
    const token = {};
    this.#orderToken = token;
    const method = resolveOrderMethod(option, this.#set.size, this.groups);
    if (method === 'original' && this.#order === undefined) {
      // Already drawn in file order (an order still computing is dropped).
      this.#setOrderStatus(orderStatus(option, method));
      return;
    }
    this.#setOrderStatus(orderStatus(option, method, { shown: shownBefore?.shown ?? 'original', pending: true }));
    const started = now();
    try {
      const order = await orderFor(this.#set, option, this.groups);
      const ms = order === undefined ? null : now() - started;
      await this.#showOrder(order, token, orderStatus(option, method, { ms }));
    } catch (error) {
      if (token === this.#orderToken) {
        const shown = shownBefore?.shown ?? 'original';
        this.#setOrderStatus(orderStatus(shownBefore?.requested ?? previousOption, shownBefore?.method ?? shown, { shown }));
      }
      throw error;
    }
  }

  #request(n, order, window) {
    const pixels = this.#plotPixels();
    const fit = Math.max(1, Math.floor(Math.min(pixels.x, pixels.y)));
    const itemsMax = this.#options.itemsMax === 'auto' ? fit : this.#options.itemsMax;
    const cellsMax = Math.min(this.#options.overviewSize, fit);
    return {
      order,
      window,
      size: overviewSize(window, { itemsMax, cellsMax }),
      reduce: this.#options.reduce,
      onProgress: (progress) => this.dispatchEvent(new CustomEvent('progress', { detail: progress })),
    };
  }

  #setOrder(order) {
    this.#order = order;
    this.#runs = groupRuns(this.groups, order);
  }

  #setOrderStatus(status) {
    this.#orderStatus = status;
    this.dispatchEvent(new CustomEvent('order', { detail: status }));
  }

  // Makes `cells` what is shown: colours, colour range and level.
  #show(cells) {
    const options = this.#options;
    const n = this.#set.size;
    this.#cells = cells;
    this.#values = cellValues(cells, {
      maskDiagonal: options.maskDiagonal,
      zeroBefore: zeroCounter(this.#set.zeroRows, this.#order, n),
    });
    this.#range = cellRange(cells, this.#values, options.range);
    this.matrix = { ...cells, data: this.#values, zeroRows: this.#set.zeroRows };
    const level = describeLevel(cells, n);
    const before = this.level;
    this.level = level;
    if (!before || JSON.stringify(before) !== JSON.stringify(level)) {
      this.#onLevelChange?.(level);
      this.dispatchEvent(new CustomEvent('level', { detail: level }));
    }
  }

  #styleContext() {
    return styleContext(this.#cells, { range: this.#range, extremesOnDemand: true });
  }

  async #render(mode) {
    this.#plotly ??= await loadPlotly(this.#plotlyOption);
    const options = this.#options;
    const n = this.#set.size;
    const trace = heatmapTrace(this.#cells, this.labels, options, {
      zeroRows: this.#set.zeroRows,
      order: this.#order,
      values: this.#values,
      range: this.#range,
      extremesOnDemand: true,
    });
    const layout = heatmapLayout(options, {
      labels: this.labels,
      n,
      order: this.#order,
      kind: this.#cells.kind,
      window: this.#cells.window,
      runs: this.#runs,
      pixels: this.#plotPixels(),
      ranges: this.#ranges,
      revision: this.#revision,
    });
    const config = { responsive: options.autosize, displaylogo: false };
    const { data, layout: decorated } = decorateFigure(trace, layout, this.#decorations, {
      set: this.#set, cells: this.#cells, order: this.order, n, labels: this.labels, groups: this.groups, pixels: this.#plotPixels(),
    });
    if (mode === 'newPlot' || !this.#rendered || !this.#plotly.react) {
      this.#detach();
      await this.#plotly.newPlot(this.#element, data, decorated, config);
      this.#attach();
    } else {
      await this.#plotly.react(this.#element, data, decorated, config);
    }
    this.#rendered = true;
    this.#keyboard.drawn(this.#plotly);
    // An update() that arrived while Plotly was drawing changed the options
    // after the trace was built: apply it now.
    if (this.#options !== options && !this.#disposed) await this.#apply(options, this.#options);
  }

  #plotPixels() {
    return plotArea(this.#element, this.#options);
  }

  #attach() {
    const element = this.#element;
    if (typeof element?.on !== 'function') return;
    const handlers = {
      plotly_relayout: (event) => this.#relayout(event),
      plotly_click: (event) => this.#click(event),
      plotly_hover: (event) => this.#extremes.hover(event, this.#plotly),
      plotly_unhover: () => this.#extremes.unhover(),
    };
    for (const [name, handler] of Object.entries(handlers)) element.on(name, handler);
    this.#attached = handlers;
  }

  #detach() {
    const element = this.#element;
    if (!this.#attached || typeof element?.removeListener !== 'function') return;
    for (const [name, handler] of Object.entries(this.#attached)) element.removeListener(name, handler);
    this.#attached = null;
  }

  #relayout(event) {
    if (!this.#set || this.#disposed) return;
    const ranges = rangesFromRelayout(event, this.#ranges);
    if (!ranges) return;
    const whole = wholeItemRanges(ranges, this.#set.size);
    if (whole) {
      // Zoomed inside one item: show that item whole (this comes back as a relayout).
      const update = {};
      if (whole.x) update['xaxis.range'] = whole.x;
      if (whole.y) update['yaxis.range'] = whole.y;
      this.#plotly.relayout(this.#element, update).catch((error) => this.dispatchEvent(new CustomEvent('error', { detail: error })));
      return;
    }
    this.#ranges = ranges;
    clearTimeout(this.#zoomTimer);
    this.#zoomTimer = setTimeout(() => {
      this.#zoomTimer = null;
      this.#zoom().catch((error) => this.dispatchEvent(new CustomEvent('error', { detail: error })));
    }, this.#options.zoomDebounce);
  }

  // Recomputes the window the axes show, cancelling a recompute still running.
  async #zoom() {
    const n = this.#set.size;
    const window = windowOfRanges(this.#ranges, n);
    const request = this.#request(n, this.#order, window);
    this.#zoomAbort?.abort();
    const controller = new AbortController();
    this.#zoomAbort = controller;
    const seq = ++this.#viewSeq;
    const full = this.#fullCells;
    let cells;
    if (full && sameWindow(full.window, window) && full.dims[0] === Math.min(request.size, n) && full.reduce === request.reduce) {
      cells = full;
    } else {
      try {
        cells = await fetchCells(this.#set, { ...request, signal: controller.signal });
      } catch (error) {
        if (controller.signal.aborted || seq !== this.#viewSeq) return;
        throw error;
      }
    }
    if (seq !== this.#viewSeq || this.#disposed) return;
    if (this.#zoomAbort === controller) this.#zoomAbort = null;
    this.#show(cells);
    await this.#render('react');
  }

  #cancelZoom() {
    clearTimeout(this.#zoomTimer);
    this.#zoomTimer = null;
    this.#zoomAbort?.abort();
    this.#zoomAbort = null;
  }

  #click(event) {
    const point = event?.points?.[0];
    const cells = this.#cells;
    // Clicks on the add-ons' traces (strips, dendrogram) are theirs.
    if (!point || !cells || !Array.isArray(point.pointNumber) || point.curveNumber > 0) return;
    const [row, col] = point.pointNumber;
    if (!(row < cells.dims[0] && col < cells.dims[1])) return;
    const rowItems = [cells.rowStarts[row], cells.rowEnds[row]];
    const colItems = [cells.colStarts[col], cells.colEnds[col]];
    const order = this.order;
    const selection = {
      row,
      col,
      rowItems,
      colItems,
      rowIndices: order.slice(...rowItems),
      colIndices: order.slice(...colItems),
      value: this.#values[row * cells.dims[1] + col],
      kind: cells.kind,
    };
    // The selection becomes the clicked row's items (shift: every row from the last click's).
    selection.indices = this.#selection.fromCell(selection, event.event);
    this.#onSelect?.(selection);
    this.dispatchEvent(new CustomEvent('select', { detail: selection }));
  }

  // Add-ons, each in its own module; they work through the public surface.

  /**
   * Items whose label contains `query`, case-insensitive, in the order
   * shown: [{item, position, label}] (heatmap-find.js).
   */
  find(query, options) {
    return findItems(this.labels, this.order, query, options);
  }

  /** Zooms to `item` (an index) with its row and column highlighted (heatmap-find.js). */
  reveal(item, options) {
    this.#checkAlive();
    return revealItem(this, item, options);
  }

  /** The selected items (Int32Array of indices, ascending), or null. */
  get selection() {
    return this.#selection.indices;
  }

  /** Selects items (null clears): highlighted, and a 'select' event with detail.indices (heatmap-selection.js). */
  select(indices, options) {
    this.#checkAlive();
    return this.#selection.select(indices, options);
  }

  /** Up to three categorical columns as colour strips along both axes: [{name, values}] (heatmap-strips.js). */
  annotate(columns) {
    this.#checkAlive();
    return annotateView(this, columns);
  }

  /** The tree drawn beside a hierarchical order: {method, z, …} or null (heatmap-dendrogram.js). */
  get dendrogram() {
    return this.#dendrogram.state;
  }

  /** Cuts the tree shown into clusters ({k} or {threshold}; null undoes it); they become the groups (heatmap-dendrogram.js). */
  cut(options) {
    this.#checkAlive();
    return this.#dendrogram.cut(options);
  }

  /** The last cut: {method, k, threshold, labels: Int32Array} or null. */
  get clusters() {
    return this.#dendrogram.clusters;
  }

  /**
   * For the add-ons: draws `decoration` (see heatmap-decorations.js) with
   * every picture, under `name`; null removes it. Redraws once drawn.
   */
  async decorate(name, decoration) {
    if (this.#disposed) return;
    if (decoration) this.#decorations.set(name, decoration);
    else if (!this.#decorations.delete(name)) return;
    if (this.#rendered) await this.#render('react');
  }

  /** Zooms to a window of ordered positions {rows: [r0, r1), cols: [c0, c1)} and recomputes it. */
  async zoomTo({ rows, cols }) {
    this.#checkAlive();
    if (!this.#set) return;
    // Row 0 at the top: the y range runs from the last row down to the first.
    this.#ranges = { x: [cols[0] - 0.5, cols[1] - 0.5], y: [rows[1] - 0.5, rows[0] - 0.5] };
    this.#revision++; // the new ranges replace what the user zoomed to
    this.#cancelZoom();
    await this.#zoom();
  }

  #checkAlive() {
    if (this.#disposed) throw new CosineHeatmapError('this heatmap view was disposed');
  }
}
