import { CosineHeatmapError } from './errors.js';
import { escapePlotlyText } from './escape-plotly-text.js';
import { thinTicks, truncateLabel } from './heatmap-ticks.js';

// Groups of items (one name per item): the runs they form along the order,
// lines between runs and names at their centres. With an order that does not
// keep groups together there are too many runs to draw; nothing is drawn then.
const MAX_DRAWN_RUNS = 200;

/** The groups as strings, one per item, or null when none were given. */
export function checkGroups(groups, n) {
  if (groups === undefined || groups === null) return null;
  if (typeof groups === 'string' || typeof groups.length !== 'number') {
    throw new CosineHeatmapError(`groups: expected an array with one group per row, got ${typeof groups}`);
  }
  if (groups.length !== n) throw new CosineHeatmapError(`groups: expected ${n} groups (one per row), got ${groups.length}`);
  return Array.from(groups, (g) => (g === undefined || g === null ? '' : String(g)));
}

/**
 * Items by group (groups in order of first appearance), original order inside
 * a group: what order 'groups' falls back to when the engine cannot order.
 */
export function groupOrder(groups) {
  const rank = new Map();
  for (const g of groups) if (!rank.has(g)) rank.set(g, rank.size);
  const order = Int32Array.from(groups.keys());
  return order.sort((a, b) => rank.get(groups[a]) - rank.get(groups[b]) || a - b);
}

/**
 * Runs of equal groups along the ordered positions: [{name, start, end}],
 * or null when there are more than can be drawn.
 */
export function groupRuns(groups, order) {
  if (!groups) return null;
  const runs = [];
  for (let p = 0; p < groups.length; p++) {
    const name = groups[order ? order[p] : p];
    if (runs.length > 0 && runs[runs.length - 1].name === name) {
      runs[runs.length - 1].end = p + 1;
    } else {
      if (runs.length === MAX_DRAWN_RUNS) return null;
      runs.push({ name, start: p, end: p + 1 });
    }
  }
  return runs;
}

/** A line between neighbouring runs, across the whole matrix, on both axes. */
export function groupShapes(runs, n) {
  if (!runs) return [];
  const line = { color: 'rgba(20, 20, 20, 0.65)', width: 1 };
  const shapes = [];
  for (const { start } of runs.slice(1)) {
    const at = start - 0.5;
    shapes.push({ type: 'line', xref: 'x', yref: 'y', x0: at, x1: at, y0: -0.5, y1: n - 0.5, line, layer: 'above' });
    shapes.push({ type: 'line', xref: 'x', yref: 'y', x0: -0.5, x1: n - 0.5, y0: at, y1: at, line, layer: 'above' });
  }
  return shapes;
}

/**
 * Group names at the centres of their runs that overlap [begin, end),
 * thinned to one per `spacing` pixels.
 */
export function groupTicks(runs, [begin, end], { pixels, spacing, maxLength }) {
  const shown = runs.filter((r) => r.end > begin && r.start < end);
  const centres = shown.map((r) => (Math.max(r.start, begin) + Math.min(r.end, end) - 1) / 2);
  const text = shown.map((r) => escapePlotlyText(truncateLabel(r.name, maxLength)));
  return thinTicks(centres, text, pixels / Math.max(1, end - begin), spacing);
}
