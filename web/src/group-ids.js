import { CosineHeatmapError } from './errors.js';

// Group names to ids 0..G-1 in natural sort order ("2" before "10"), the
// form the core takes groups in. Returns {ids: Int32Array, names}.
export function groupIds(groups, n, what) {
  if (!Array.isArray(groups) || groups.length !== n) {
    throw new CosineHeatmapError(
      `${what}: groups needs one group name per item (${n}), got ${Array.isArray(groups) ? groups.length : typeof groups}`,
    );
  }
  const labels = groups.map((g) => String(g ?? ''));
  const names = [...new Set(labels)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const idOf = new Map(names.map((name, k) => [name, k]));
  return { ids: Int32Array.from(labels, (name) => idOf.get(name)), names };
}
