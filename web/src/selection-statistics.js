import { CosineHeatmapError } from './errors.js';
import { csvField } from './exports.js';

// Numbers about a selection of items, from the engine's exact block means
// (no sampling): the mean similarity within the selection, and the outside
// items nearest to it by mean similarity to its members (the same ranking
// as cosine similarity to the selection's centroid direction).

// Outside items are scored in column chunks: an overview of the selection's
// rows × CHUNK columns of single items per call. Each call carries the
// order (n integers), so above NEAREST_MAX_ITEMS the calls would copy too
// much: nearest outside items are not computed there (the result says so).
const CHUNK_MIN = 128;
const CHUNK_CALLS = 400;
export const NEAREST_MAX_ITEMS = 200_000;

/**
 * The order that puts `indices` first (ascending) and every other item after.
 * @param {Int32Array} indices  ascending, distinct
 */
export function selectionFirst(indices, n) {
  const order = new Int32Array(n);
  order.set(indices);
  const chosen = new Uint8Array(n);
  for (const i of indices) chosen[i] = 1;
  let k = indices.length;
  for (let i = 0; i < n; i++) if (!chosen[i]) order[k++] = i;
  return order;
}

/**
 * The mean similarity over pairs i < j of the selection: one exact block
 * mean (the m × m block, diagonal included), minus the self-pairs (1 for a
 * vector, 0 for a zero vector). null below two items.
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {Int32Array} indices  ascending, distinct
 */
export async function meanWithin(set, indices, { signal } = {}) {
  const m = indices.length;
  if (m < 2) return null;
  const order = selectionFirst(indices, set.size);
  const block = await set.overview({ order, window: { rows: [0, m], cols: [0, m] }, size: 1, reduce: 'mean', signal });
  const zero = new Set(set.zeroRows);
  let self = 0;
  for (const i of indices) if (!zero.has(i)) self++;
  return (block.data[0] * m * m - self) / (m * (m - 1));
}

/**
 * The k outside items with the highest mean similarity to the selection:
 * {indices: Int32Array, scores: Float32Array} best first (ties: lower index
 * first), or null above NEAREST_MAX_ITEMS items. Exact: each score is the
 * weighted mean of exact block means over the selection's rows.
 */
export async function nearestOutside(set, indices, { k = 10, signal, onProgress } = {}) {
  const n = set.size;
  const m = indices.length;
  if (!(Number.isInteger(k) && k >= 1)) throw new CosineHeatmapError(`nearestOutside: k must be a whole number ≥ 1, got ${k}`);
  if (m === 0 || m === n) return { indices: new Int32Array(0), scores: new Float32Array(0) };
  if (n > NEAREST_MAX_ITEMS) return null;
  const order = selectionFirst(indices, n);
  const chunk = Math.max(CHUNK_MIN, Math.ceil((n - m) / CHUNK_CALLS));
  const best = []; // [score, item], kept sorted best first, at most k
  let done = 0;
  for (let c0 = m; c0 < n; c0 += chunk) {
    const c1 = Math.min(n, c0 + chunk);
    const width = c1 - c0;
    // size = width: one column per item; the rows fall into min(width, m) blocks.
    const part = await set.overview({ order, window: { rows: [0, m], cols: [c0, c1] }, size: width, reduce: 'mean', signal });
    const [rows, cols] = part.dims;
    if (cols !== width) throw new CosineHeatmapError(`nearestOutside: expected ${width} columns of single items, got ${cols}`);
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += (part.rowEnds[r] - part.rowStarts[r]) * part.data[r * cols + j];
      keep(best, sum / m, order[c0 + j], k);
    }
    done += width;
    onProgress?.({ done, total: n - m });
  }
  return { indices: Int32Array.from(best, (b) => b[1]), scores: Float32Array.from(best, (b) => b[0]) };
}

function keep(best, score, item, k) {
  if (best.length === k && !better(score, item, best[k - 1])) return;
  let at = best.length;
  while (at > 0 && better(score, item, best[at - 1])) at--;
  best.splice(at, 0, [score, item]);
  if (best.length > k) best.pop();
}

function better(score, item, [otherScore, otherItem]) {
  return score > otherScore || (score === otherScore && item < otherItem);
}

/** The selection as CSV: index, label (and group when there are groups), one line per item. */
export function selectionCsv(indices, labels, groups) {
  const header = groups ? 'index,label,group' : 'index,label';
  const lines = Array.from(indices, (i) => [i, csvField(String(labels?.[i] ?? i)), ...(groups ? [csvField(String(groups[i]))] : [])].join(','));
  return `${[header, ...lines].join('\n')}\n`;
}
