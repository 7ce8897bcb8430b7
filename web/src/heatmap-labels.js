import { CosineHeatmapError } from './errors.js';

/**
 * One display label per item: the caller's labels as strings, or the row
 * indices when there are none. Labels need not be unique (many items share
 * a class), which is why the axes stay numeric and labels go to hover/ticks.
 * @param {ArrayLike<unknown> | undefined | null} labels
 * @param {number} n
 * @returns {string[]}
 */
export function itemLabels(labels, n) {
  if (labels === undefined || labels === null) return Array.from({ length: n }, (_, i) => String(i));
  if (typeof labels === 'string' || typeof labels.length !== 'number') {
    throw new CosineHeatmapError(`labels: expected an array with one label per row, got ${typeof labels}`);
  }
  if (labels.length !== n) {
    throw new CosineHeatmapError(`labels: expected ${n} labels (one per row), got ${labels.length}`);
  }
  return Array.from(labels, (label) => (label === undefined || label === null ? '' : String(label)));
}
