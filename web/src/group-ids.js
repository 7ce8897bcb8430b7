import { CosineHeatmapError } from './errors.js';
import { describeValue, isArrayLike } from './validate-options.js';

// The one validator of groups: one name per item, from any array-like
// (arrays, typed arrays, {length, 0: …}). Names map to ids 0..G-1 in natural
// sort order ("2" before "10"), the form the core takes groups in. Returns
// {ids: Int32Array, names}.
export function groupIds(groups, n, what) {
  if (!isArrayLike(groups) || groups.length !== n) {
    throw new CosineHeatmapError(
      `${what}: groups needs one group name per item (${n}), got ${isArrayLike(groups) ? `${groups.length} names` : describeValue(groups)}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  const labels = Array.from(groups, (g) => String(g ?? ''));
  const names = [...new Set(labels)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const idOf = new Map(names.map((name, k) => [name, k]));
  return { ids: Int32Array.from(labels, (name) => idOf.get(name)), names };
}
