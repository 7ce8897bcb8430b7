import { CosineHeatmapError } from './errors.js';

// Finding an item by its label, and showing it: the view zooms to a window
// of single items around it, its row and column outlined.

// The items around the one revealed: enough to read their labels.
export const REVEAL_SPAN = 40;
const lowered = new WeakMap(); // labels array → its labels in lower case (one pass per label set, not per keystroke)
const inverses = new WeakMap(); // order → item → position

/**
 * Items whose label contains `query` (case-insensitive; surrounding spaces
 * ignored), in the order shown (position ascending): [{item, position,
 * label}], at most `limit`, with `total` (every match) on the array. An
 * empty query matches nothing.
 * @param {string[] | null} labels  one per item (original order)
 * @param {ArrayLike<number> | null} order  position → item
 * @param {string} query
 * @param {{limit?: number}} [options]
 */
export function findItems(labels, order, query, { limit = 1000 } = {}) {
  if (typeof query !== 'string') throw new CosineHeatmapError(`find: expected the text to look for, got ${query === null ? 'null' : typeof query}`);
  if (!(Number.isInteger(limit) && limit >= 0)) throw new CosineHeatmapError(`find: limit must be a whole number ≥ 0, got ${limit}`);
  const needle = query.trim().toLowerCase();
  const matches = [];
  let total = 0;
  if (labels && needle) {
    if (!lowered.has(labels)) lowered.set(labels, labels.map((label) => label.toLowerCase()));
    const haystack = lowered.get(labels);
    // Scanned in item order (sequential: 1,000,000 labels in well under a second), then put in the order shown.
    const found = [];
    for (let item = 0; item < haystack.length; item++) if (haystack[item].includes(needle)) found.push(item);
    total = found.length;
    const position = positionsOf(order, haystack.length);
    const positions = Int32Array.from(found, (item) => position(item)).sort();
    for (const p of positions.subarray(0, limit)) {
      const item = order ? order[p] : p;
      matches.push({ item, position: p, label: labels[item] });
    }
  }
  matches.total = total;
  return matches;
}

/**
 * Zooms `view` to the `span` items around `item` (its row and column, the
 * diagonal cell in the middle) and outlines them; the outline follows the
 * item through later zooms and orders until another reveal or
 * reveal(null). Resolves when the window is drawn.
 */
export async function revealItem(view, item, { span = REVEAL_SPAN } = {}) {
  const n = view.embeddings?.size ?? 0;
  if (item === null) {
    await view.decorate('found', null);
    return null;
  }
  if (n === 0) throw new CosineHeatmapError('reveal: the view shows no embeddings yet (setEmbeddings first)');
  if (!Number.isInteger(item) || item < 0 || item >= n) {
    throw new CosineHeatmapError(`reveal: item must be an index from 0 to ${n - 1}, got ${item}`);
  }
  if (!(Number.isInteger(span) && span >= 1)) throw new CosineHeatmapError(`reveal: span must be a whole number ≥ 1, got ${span}`);
  const position = positionOf(view.order, item);
  const width = Math.min(n, span);
  const begin = Math.max(0, Math.min(n - width, position - Math.floor(width / 2)));
  await view.decorate('found', foundOutline(view.embeddings, item));
  await view.zoomTo({ rows: [begin, begin + width], cols: [begin, begin + width] });
  return { item, position, window: { rows: [begin, begin + width], cols: [begin, begin + width] } };
}

/** Where `item` is in `order` (position → item); −1 when it is not there. */
export function positionOf(order, item) {
  if (!order) return item;
  return item >= 0 && item < order.length ? positionsOf(order, order.length)(item) : -1;
}

// item → position for an order, computed once per order array.
function positionsOf(order, n) {
  if (!order) return (item) => item;
  if (!inverses.has(order)) {
    const inverse = new Int32Array(n);
    for (let p = 0; p < n; p++) inverse[order[p]] = p;
    inverses.set(order, inverse);
  }
  const inverse = inverses.get(order);
  return (item) => inverse[item];
}

// The found item's row and column as outlines, wherever the order puts it.
function foundOutline(set, item) {
  const line = { color: '#e8590c', width: 2 };
  return {
    rank: 10,
    figure: ({ set: shown, order, n }) => {
      if (shown !== set) return {};
      const p = positionOf(order, item);
      if (p < 0) return {};
      const edge = { type: 'rect', xref: 'x', yref: 'y', line, fillcolor: 'rgba(0,0,0,0)', layer: 'above' };
      return {
        shapes: [
          { ...edge, name: 'found-row', x0: -0.5, x1: n - 0.5, y0: p - 0.5, y1: p + 0.5 },
          { ...edge, name: 'found-column', x0: p - 0.5, x1: p + 0.5, y0: -0.5, y1: n - 0.5 },
        ],
      };
    },
  };
}
