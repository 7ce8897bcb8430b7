// One item's nearest items: its row of the matrix (one tile of 1 × n,
// milliseconds at any n), ranked here. What a click on the heatmap asks for;
// the whole set's lists are topK().
import { CosineHeatmapError } from '../errors.js';
import { integerIn, positiveInteger } from '../validate-options.js';

// {item, indices: Int32Array, scores: Float32Array} of the k most similar
// other items, best first (ties: lower index first). Zero rows have
// similarity 0 with everything, as in the matrix.
export async function neighbours(engine, set, item, options) {
  const { k = 10, signal } = options;
  integerIn(item, 0, set.size - 1, 'neighbours: item');
  positiveInteger(k, 'neighbours: k');
  if (set.size < 2) {
    throw new CosineHeatmapError('neighbours: a set of one item has no neighbours', { code: 'INVALID_ARGUMENT' });
  }
  let row = null;
  const job = { action: 'tile', args: { id: set._id, rows: [item, item + 1], cols: [0, set.size] } };
  await engine._pool.run([job], { signal, onResult: (_, tile) => (row = tile.data) });
  const others = [];
  for (let j = 0; j < row.length; j++) if (j !== item) others.push(j);
  others.sort((a, b) => row[b] - row[a] || a - b);
  const best = others.slice(0, Math.min(k, others.length));
  return { item, indices: Int32Array.from(best), scores: Float32Array.from(best, (j) => row[j]) };
}
