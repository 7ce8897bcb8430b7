import { groupRuns, groupTicks } from '../src/heatmap-groups.js';
import { itemTicks } from '../src/heatmap-ticks.js';

// How the queries × documents heatmap is laid out, so it reads like the main
// one: documents in the main heatmap's order with its groups, queries next to
// the document group they match best, group lines on both axes, and tick
// labels that fit (item labels, or group names when the items do not fit).
// Pure: no DOM, no Plotly.

/**
 * The queries' order: by the group of the document each matches best (groups
 * in the order the documents show them), then by where that document sits,
 * then best match first. Without groups, by where the best document sits.
 * @param {ArrayLike<number>} data  queries × documents, row-major, file order
 * @param {[number, number]} dims  [queries, documents]
 * @param {ArrayLike<number>} documentOrder  position → document
 * @param {string[] | null} documentGroups  one per document (file order), or null
 * @returns {{order: Int32Array, groups: string[] | null}}  order: position →
 *   query; groups: each query's best-matching document group (file order)
 */
export function orderQueries(data, [n, m], documentOrder, documentGroups) {
  const position = new Int32Array(m);
  for (let p = 0; p < m; p++) position[documentOrder[p]] = p;
  const groupRank = new Map();
  if (documentGroups) {
    for (let p = 0; p < m; p++) {
      const group = documentGroups[documentOrder[p]];
      if (!groupRank.has(group)) groupRank.set(group, groupRank.size);
    }
  }
  const best = new Int32Array(n);
  const bestValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let j = 1; j < m; j++) if (data[i * m + j] > data[i * m + top]) top = j;
    best[i] = top;
    bestValue[i] = data[i * m + top];
  }
  const rank = (i) => (documentGroups ? groupRank.get(documentGroups[best[i]]) : 0);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank(a) - rank(b)
    || position[best[a]] - position[best[b]] || bestValue[b] - bestValue[a] || a - b);
  return { order, groups: documentGroups ? Array.from(best, (j) => documentGroups[j]) : null };
}

/**
 * Tick labels for one axis of `count` items shown in `order`: every label
 * when they fit, else group names at their runs when there are groups, else
 * every step-th label (as the main heatmap's axes).
 * @param {{pixels: number, spacing: number, maxLength: number}} room
 */
export function axisTicks(labels, order, runs, count, room) {
  if (runs && count * room.spacing > room.pixels) return groupTicks(runs, [0, count], room);
  return itemTicks(labels, order, [0, count], room);
}

/** Runs of equal groups along an order (null: none, or too many to draw). */
export function crossRuns(groups, order) {
  return groups ? groupRuns(groups, order) : null;
}

/** Lines between groups: down the plot between document runs, across it between query runs. */
export function crossShapes(documentRuns, queryRuns, [n, m]) {
  const line = { color: 'rgba(20, 20, 20, 0.65)', width: 1 };
  const shapes = [];
  for (const { start } of documentRuns?.slice(1) ?? []) {
    shapes.push({ type: 'line', xref: 'x', yref: 'y', x0: start - 0.5, x1: start - 0.5, y0: -0.5, y1: n - 0.5, line, layer: 'above' });
  }
  for (const { start } of queryRuns?.slice(1) ?? []) {
    shapes.push({ type: 'line', xref: 'x', yref: 'y', x0: -0.5, x1: m - 0.5, y0: start - 0.5, y1: start - 0.5, line, layer: 'above' });
  }
  return shapes;
}

/** The matrix with its rows and columns in the given orders (position → index). */
export function reorder(data, [n, m], rowOrder, colOrder) {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const from = rowOrder[i] * m;
    for (let j = 0; j < m; j++) out[i * m + j] = data[from + colOrder[j]];
  }
  return out;
}
