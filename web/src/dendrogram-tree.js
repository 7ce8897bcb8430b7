import { CosineHeatmapError } from './errors.js';
import { csvField } from './exports.js';

// A linkage matrix (SciPy's convention: row i merges clusters z[4i] and
// z[4i+1] at distance z[4i+2] into a cluster of z[4i+3] items, ids < n are
// items, n + i the cluster row i makes) seen along an order of the items:
// where each subtree lies, how it is drawn at a resolution, how it is cut.

/**
 * Each node's span of positions in `order` (position → item): {n, lo, hi,
 * size, height (Float64Array, 0 for items), left, right (children of
 * internal node n + i at [i]), root}. Refuses a malformed linkage, and an
 * order in which some subtree is not contiguous (not one of the tree's leaf
 * orders), since its drawing would be wrong.
 * @param {{data: ArrayLike<number>, dims: number[]}} z
 * @param {ArrayLike<number> | null} order
 */
export function treeOfLinkage(z, order) {
  const rows = z?.dims?.[0];
  if (!z?.data || z.dims?.length !== 2 || z.dims[1] !== 4 || !Number.isInteger(rows) || z.data.length !== rows * 4) {
    throw new CosineHeatmapError('dendrogram: expected a linkage {data, dims: [n − 1, 4]}');
  }
  const n = rows + 1;
  if (order && order.length !== n) throw new CosineHeatmapError(`dendrogram: the linkage is for ${n} items, the order has ${order.length}`);
  const nodes = 2 * n - 1;
  const lo = new Int32Array(nodes);
  const hi = new Int32Array(nodes);
  const size = new Int32Array(nodes).fill(1);
  const height = new Float64Array(nodes);
  const left = new Int32Array(rows);
  const right = new Int32Array(rows);
  for (let p = 0; p < n; p++) {
    const item = order ? order[p] : p;
    lo[item] = p;
    hi[item] = p;
  }
  const used = new Uint8Array(nodes);
  for (let i = 0; i < rows; i++) {
    const a = z.data[4 * i];
    const b = z.data[4 * i + 1];
    const node = n + i;
    for (const child of [a, b]) {
      if (!Number.isInteger(child) || child < 0 || child >= node || used[child]) {
        throw new CosineHeatmapError(`dendrogram: linkage row ${i} merges ${child}, which is not a free cluster before it`);
      }
      used[child] = 1;
    }
    left[i] = a;
    right[i] = b;
    lo[node] = Math.min(lo[a], lo[b]);
    hi[node] = Math.max(hi[a], hi[b]);
    size[node] = size[a] + size[b];
    height[node] = z.data[4 * i + 2];
    if (z.data[4 * i + 3] !== size[node]) {
      throw new CosineHeatmapError(`dendrogram: linkage row ${i} says ${z.data[4 * i + 3]} items, its children hold ${size[node]}`);
    }
    if (hi[node] - lo[node] + 1 !== size[node]) {
      throw new CosineHeatmapError('dendrogram: the order shown does not keep this tree\'s subtrees together (it is not the tree\'s leaf order)');
    }
  }
  return { n, lo, hi, size, height, left, right, root: nodes - 1 };
}

/**
 * The tree as drawn over the positions [begin, end) when one cell shows
 * `cellItems` items: a subtree of at most that many items collapses to a
 * vertical line down to 0; subtrees outside the window are not followed.
 * Coordinates are (position, height). With a cut ({threshold, labels}),
 * links under the threshold take their cluster's colour index.
 * @returns {{lines: Map<number|'tree', {at: number[], h: number[]}>, nodes: {at, h, size}}}
 *   lines: polyline coordinates with null breaks, per colour ('tree' above the cut)
 */
export function dendrogramLines(tree, { window: [begin, end], cellItems, cut = null }) {
  const { n, lo, hi, size, height, left, right, root } = tree;
  const lines = new Map();
  const nodes = { at: [], h: [], size: [] };
  const centre = (v) => (lo[v] + hi[v]) / 2;
  const collapsed = (v) => v < n || size[v] <= cellItems;
  const ownHeight = (v) => (collapsed(v) ? 0 : height[v]);
  const colourOf = (v) => (cut && height[v] <= cut.threshold ? cut.labels[cut.itemAt(lo[v])] : 'tree');
  const add = (colour, at0, h0, at1, h1) => {
    if (!lines.has(colour)) lines.set(colour, { at: [], h: [] });
    const line = lines.get(colour);
    line.at.push(at0, at1, null);
    line.h.push(h0, h1, null);
  };
  // A vertical from a parent's height down to a child: the part under the cut takes the child's cluster colour.
  const vertical = (parentColour, at, top, child) => {
    const bottom = ownHeight(child);
    const childColour = colourOf(child);
    if (childColour !== 'tree' && parentColour === 'tree' && cut.threshold < top) {
      add('tree', at, top, at, cut.threshold);
      add(childColour, at, cut.threshold, at, bottom);
    } else {
      add(parentColour, at, top, at, bottom);
    }
  };
  const stack = [root];
  if (collapsed(root)) {
    add(colourOf(root), centre(root), height[root], centre(root), 0);
    return { lines, nodes };
  }
  while (stack.length > 0) {
    const v = stack.pop();
    if (hi[v] < begin || lo[v] >= end) continue;
    const h = height[v];
    const colour = colourOf(v);
    const [a, b] = [left[v - n], right[v - n]];
    add(colour, centre(a), h, centre(b), h);
    nodes.at.push(centre(v));
    nodes.h.push(h);
    nodes.size.push(size[v]);
    for (const child of [a, b]) {
      vertical(colour, centre(child), h, child);
      if (!collapsed(child)) stack.push(child);
      else if (child >= n) {
        nodes.at.push(centre(child));
        nodes.h.push(height[child]);
        nodes.size.push(size[child]);
      }
    }
  }
  return { lines, nodes };
}

/**
 * The subtree a click at (position, height) points at: the branch drawn
 * there, i.e. the node over that position whose line runs from its parent's
 * merge down to its own, across the height (the root above its merge, an
 * item at the foot). Returns its positions [lo, hi + 1).
 */
export function subtreeAt(tree, position, height) {
  const { n, lo, hi, height: heights, left, right, root } = tree;
  let v = root;
  while (v >= n && height < heights[v]) {
    const child = [left[v - n], right[v - n]].find((c) => lo[c] <= position && position <= hi[c]);
    if (child === undefined) break;
    v = child;
  }
  return [lo[v], hi[v] + 1];
}

/**
 * Flat clusters of the tree, as SciPy's fcluster: {threshold: t} joins every
 * merge at distance ≤ t ('distance'); {k} the fewest merges, in order of
 * distance, that leave at most k clusters ('maxclust': fewer when merges
 * tie at the cut). Labels 0, 1, … number the clusters in the order their
 * first item comes in `order`. {labels: Int32Array, count, threshold (the
 * largest merge distance joined, −Infinity for none)}.
 */
export function cutTree(z, { k, threshold } = {}, order = null) {
  const rows = z.dims[0];
  const n = rows + 1;
  const heights = Float64Array.from({ length: rows }, (_, i) => z.data[4 * i + 2]).sort();
  let t;
  if (k !== undefined) {
    if (!Number.isInteger(k) || k < 1) throw new CosineHeatmapError(`cut: k must be a whole number ≥ 1, got ${k}`);
    t = k >= n ? -Infinity : heights[n - k - 1];
  } else {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new CosineHeatmapError(`cut: threshold must be a finite number (a cosine distance), got ${threshold}`);
    t = threshold;
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // The cluster each node id stands for: an item, or one item of the node.
  const member = new Int32Array(2 * n - 1);
  for (let i = 0; i < n; i++) member[i] = i;
  let joined = -Infinity;
  for (let i = 0; i < rows; i++) {
    const a = member[z.data[4 * i]];
    const b = member[z.data[4 * i + 1]];
    member[n + i] = a;
    if (z.data[4 * i + 2] <= t) {
      parent[find(b)] = find(a);
      joined = Math.max(joined, z.data[4 * i + 2]);
    }
  }
  const labels = new Int32Array(n);
  const names = new Map();
  for (let p = 0; p < n; p++) {
    const item = order ? order[p] : p;
    const r = find(item);
    if (!names.has(r)) names.set(r, names.size);
    labels[item] = names.get(r);
  }
  return { labels, count: names.size, threshold: joined };
}

/** Cluster labels as CSV: index, label, cluster (1-based, as the groups are named "cluster 1" …). */
export function clusterLabelsCsv(labels, itemLabels) {
  const lines = Array.from(labels, (c, i) => `${i},${csvField(String(itemLabels?.[i] ?? i))},${c + 1}`);
  return `${['index,label,cluster', ...lines].join('\n')}\n`;
}
