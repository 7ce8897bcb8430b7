import { CosineHeatmapError } from './errors.js';
import { axisKey, bandAxis } from './heatmap-decorations.js';
import { cutTree, dendrogramLines, subtreeAt, treeOfLinkage } from './dendrogram-tree.js';

// The dendrogram beside the rows and above the columns of a view ordered by
// hierarchical clustering (set.linkage of the order's method), drawn at the
// view's resolution and redrawn with each zoom; and its cut into clusters,
// which become the view's groups (lines on the heatmap, group statistics).
// The view fires 'dendrogram' (detail: view.dendrogram) when a tree is drawn
// or goes away.

export const HIERARCHICAL = new Set(['average', 'complete', 'single']);
const ROW_BAND_PX = 80;
const COL_BAND_PX = 60;
const TREE_COLOUR = '#555';
// Cluster colours (cluster label modulo their count).
export const CLUSTER_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const linkages = new WeakMap(); // EmbeddingSet → Map(method → Promise<linkage>)

export class ViewDendrogram {
  #view;
  #state = null; // {set, method, z, tree, maxHeight}
  #clusters = null;
  #groupsBefore = undefined; // the groups a first cut replaced, restored by cut(null)
  #seq = 0;
  /** Where the last figure put the bands: {rowAxis, colAxis} (for heatmap-gestures.js). */
  place = null;
  /** Why no tree is drawn for a hierarchical order (a message), or null. */
  problem = null;

  constructor(view) {
    this.#view = view;
    view.addEventListener('order', (event) => {
      this.#follow(event.detail).catch((error) => view.dispatchEvent(new CustomEvent('error', { detail: error })));
    });
  }

  /** {method, z, n, maxHeight} of the tree drawn, or null. */
  get state() {
    const s = this.#state;
    return s && s.set === this.#view.embeddings ? { method: s.method, z: s.z, n: s.tree.n, maxHeight: s.maxHeight } : null;
  }

  get clusters() {
    return this.#state && this.#clusters && this.#stillGroups() ? this.#clusters : null;
  }

  // Whether the view's groups are still the cut's clusters (groups set since
  // by other means, e.g. a metadata column, end the cut).
  #stillGroups() {
    const groups = this.#view.groups;
    const { labels } = this.#clusters;
    if (!groups || groups.length !== labels.length) return false;
    for (let i = 0; i < labels.length; i++) if (groups[i] !== `cluster ${labels[i] + 1}`) return false;
    return true;
  }

  // Draws the tree of the order now shown, when it is a hierarchical one.
  async #follow(status) {
    if (status?.pending) return;
    const seq = ++this.#seq;
    const view = this.#view;
    const set = view.embeddings;
    const method = status?.shown;
    if (!set || !HIERARCHICAL.has(method) || typeof set.linkage !== 'function') {
      await this.#clear(set && HIERARCHICAL.has(method) ? 'this engine has no linkage() to draw the tree from' : null);
      return;
    }
    const z = await linkageOf(set, method);
    if (seq !== this.#seq || set !== view.embeddings) return;
    let tree;
    try {
      tree = treeOfLinkage(z, view.order);
    } catch (error) {
      await this.#clear(error.message);
      return;
    }
    const before = this.#state;
    if (!before || before.set !== set || before.method !== method) {
      this.#clusters = null;
      this.#groupsBefore = undefined;
    }
    let maxHeight = 0;
    for (let i = 0; i < tree.n - 1; i++) maxHeight = Math.max(maxHeight, z.data[4 * i + 2]);
    this.#state = { set, method, z, tree, maxHeight };
    this.problem = null;
    await view.decorate('dendrogram', this.#decoration());
    view.dispatchEvent(new CustomEvent('dendrogram', { detail: this.state }));
  }

  async #clear(problem) {
    const had = this.#state !== null;
    this.problem = problem;
    this.#state = null;
    this.#clusters = null;
    this.#groupsBefore = undefined;
    this.place = null;
    await this.#view.decorate('dendrogram', null);
    if (had) this.#view.dispatchEvent(new CustomEvent('dendrogram', { detail: null }));
  }

  /**
   * Cuts the tree drawn: {k} (at most k clusters) or {threshold} (a cosine
   * distance); null undoes the cut (the groups from before come back). The
   * clusters become the view's groups, named "cluster 1" … in the order
   * shown; a view ordered 'auto' is pinned to the tree's method (with groups
   * 'auto' would order by group). Fires 'cut' with the clusters.
   */
  async cut(options) {
    const view = this.#view;
    const state = this.#state;
    if (options === null) {
      if (!this.clusters) return null;
      this.#clusters = null;
      const groups = this.#groupsBefore ?? null;
      this.#groupsBefore = undefined;
      await view.update({ groups });
      view.dispatchEvent(new CustomEvent('cut', { detail: null }));
      return null;
    }
    if (!state || state.set !== view.embeddings) {
      throw new CosineHeatmapError(`cut: no tree is drawn${this.problem ? ` (${this.problem})` : ''}: order the view by average, complete or single linkage first`);
    }
    const { k, threshold } = options ?? {};
    if ((k === undefined) === (threshold === undefined)) throw new CosineHeatmapError('cut: give either k (how many clusters) or threshold (a cosine distance)');
    const { labels, count, threshold: joined } = cutTree(state.z, { k, threshold }, view.order);
    const heights = state.z.data;
    // Where the line is drawn: the given threshold, or between the last merge joined and the next.
    let lineAt = threshold;
    if (lineAt === undefined) {
      let next = Infinity;
      for (let i = 0; i < state.tree.n - 1; i++) if (heights[4 * i + 2] > joined) next = Math.min(next, heights[4 * i + 2]);
      lineAt = Number.isFinite(next) ? (Math.max(joined, 0) + next) / 2 : joined;
    }
    const clusters = Object.freeze({ method: state.method, k: count, threshold: threshold ?? joined, lineAt, labels });
    if (this.#groupsBefore === undefined) this.#groupsBefore = view.groups;
    this.#clusters = clusters;
    const pin = view.options.order === 'auto' ? { order: state.method } : {};
    await view.update({ groups: Array.from(labels, (c) => `cluster ${c + 1}`), ...pin });
    view.dispatchEvent(new CustomEvent('cut', { detail: clusters }));
    return clusters;
  }

  /** The positions [p0, p1) of the subtree a click at (position, height) on the tree points at, or null. */
  subtreeAt(position, height) {
    const state = this.#state;
    if (!state || state.set !== this.#view.embeddings) return null;
    return subtreeAt(state.tree, position, height);
  }

  #decoration() {
    return {
      rank: 1,
      bands: ({ set }) => (this.#state?.set === set ? { rows: ROW_BAND_PX, cols: COL_BAND_PX } : { rows: 0, cols: 0 }),
      figure: (context, place) => this.#figure(context, place),
    };
  }

  #figure({ set, cells, order }, place) {
    const state = this.#state;
    // Until the new embeddings' tree arrives, the old one is not drawn over them.
    if (!state || state.set !== set || !place.rowDomain) return {};
    const n = state.tree.n;
    this.place = place;
    const clusters = this.clusters;
    const cut = clusters ? { threshold: clusters.lineAt, labels: clusters.labels, itemAt: (p) => order[p] } : null;
    const top = state.maxHeight > 0 ? state.maxHeight * 1.04 : 1;
    const rows = dendrogramLines(state.tree, { window: cells.window.rows, cellItems: cells.cellRows, cut });
    const cols = dendrogramLines(state.tree, { window: cells.window.cols, cellItems: cells.cellCols, cut });
    const traces = [
      ...lineTraces(rows, (at, h) => ({ x: h, y: at, xaxis: place.rowAxis, yaxis: 'y' }), 'rows'),
      ...lineTraces(cols, (at, h) => ({ x: at, y: h, xaxis: 'x', yaxis: place.colAxis }), 'columns'),
      nodeTrace(rows.nodes, (at, h) => ({ x: h, y: at, xaxis: place.rowAxis, yaxis: 'y' }), 'rows'),
      nodeTrace(cols.nodes, (at, h) => ({ x: at, y: h, xaxis: 'x', yaxis: place.colAxis }), 'columns'),
    ];
    const shapes = [];
    if (clusters) {
      const line = { color: '#c92a2a', width: 1.5, dash: 'dash' };
      shapes.push({ type: 'line', name: 'cut-rows', xref: place.rowAxis, yref: 'y', x0: clusters.lineAt, x1: clusters.lineAt, y0: -0.5, y1: n - 0.5, line });
      shapes.push({ type: 'line', name: 'cut-columns', xref: 'x', yref: place.colAxis, x0: -0.5, x1: n - 0.5, y0: clusters.lineAt, y1: clusters.lineAt, line });
    }
    return {
      traces,
      shapes,
      layout: {
        [axisKey(place.rowAxis)]: bandAxis(place.rowDomain, 'y', { range: [top, 0] }),
        [axisKey(place.colAxis)]: bandAxis(place.colDomain, 'x', { range: [0, top] }),
      },
    };
  }
}

/** The engine's linkage for a set and method, asked once per view module (the engine may cache it too). */
function linkageOf(set, method) {
  if (!linkages.has(set)) linkages.set(set, new Map());
  const perMethod = linkages.get(set);
  if (!perMethod.has(method)) {
    const asking = set.linkage({ method });
    perMethod.set(method, asking);
    asking.catch(() => perMethod.delete(method));
  }
  return perMethod.get(method);
}

function lineTraces({ lines }, axes, side) {
  return [...lines.entries()].map(([colour, { at, h }]) => ({
    type: 'scatter',
    mode: 'lines',
    ...axes(at, h),
    line: { color: colour === 'tree' ? TREE_COLOUR : CLUSTER_COLOURS[colour % CLUSTER_COLOURS.length], width: 1 },
    hoverinfo: 'skip',
    showlegend: false,
    meta: { dendrogram: side, colour },
  }));
}

function nodeTrace(nodes, axes, side) {
  return {
    type: 'scatter',
    mode: 'markers',
    ...axes(nodes.at, nodes.h),
    // Invisible (a dot per merge would blur the tree's foot) but hoverable.
    marker: { size: 7, color: 'rgba(0, 0, 0, 0)' },
    text: nodes.size.map((size, k) => `${size.toLocaleString('en-US')} items<br>merged at cosine distance ${nodes.h[k].toFixed(4)}`),
    hovertemplate: '%{text}<extra></extra>',
    showlegend: false,
    meta: { dendrogram: side, nodes: true },
  };
}
