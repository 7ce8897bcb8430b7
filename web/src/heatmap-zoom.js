// Zoom and pan in axis coordinates. The axes are ordered positions: the item
// at position p is drawn from p − 0.5 to p + 0.5, whatever the level, so a
// zoomed range maps back to the same positions at every resolution.

/**
 * The positions an axis range [a, b] (either way round) shows, clipped to
 * [0, n): half-open, never empty.
 */
export function positionsInRange(range, n) {
  const low = Math.min(Number(range[0]), Number(range[1]));
  const high = Math.max(Number(range[0]), Number(range[1]));
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, n];
  let begin = Math.max(0, Math.min(n - 1, Math.floor(low + 0.5)));
  let end = Math.min(n, Math.max(begin + 1, Math.ceil(high + 0.5)));
  if (end <= begin) [begin, end] = [Math.max(0, end - 1), end];
  return [begin, end];
}

/**
 * What a plotly_relayout event asks of the view: the axis ranges to keep
 * ({x, y}: [a, b] or null for autorange), or null when the event does not
 * touch the axes (a title, a resize). Axes the event does not name keep
 * `current`.
 * @param {object} event  plotly_relayout's argument
 * @param {{x: number[] | null, y: number[] | null}} current
 */
export function rangesFromRelayout(event, current) {
  if (!event || typeof event !== 'object') return null;
  const next = { ...current };
  let touched = false;
  for (const [axis, name] of [['x', 'xaxis'], ['y', 'yaxis']]) {
    if (event[`${name}.autorange`] === true || event[`${name}.autorange`] === 'reversed') {
      next[axis] = null;
      touched = true;
    }
    const whole = event[`${name}.range`];
    const low = event[`${name}.range[0]`];
    const high = event[`${name}.range[1]`];
    if (Array.isArray(whole)) {
      next[axis] = [Number(whole[0]), Number(whole[1])];
      touched = true;
    } else if (low !== undefined || high !== undefined) {
      const base = next[axis] ?? [low, high];
      next[axis] = [Number(low ?? base[0]), Number(high ?? base[1])];
      touched = true;
    }
  }
  return touched ? next : null;
}

/**
 * Ranges no narrower than one item: an axis zoomed inside one item's cell
 * (where neither its tick nor the centre of its cell, with the value, would
 * be in view) widens to that whole item, the one under the range's middle.
 * Null when no axis needs it.
 */
export function wholeItemRanges(ranges, n) {
  let next = null;
  for (const axis of ['x', 'y']) {
    const range = ranges[axis];
    if (!range || Math.abs(range[1] - range[0]) >= 1) continue;
    const item = Math.min(n - 1, Math.max(0, Math.round((range[0] + range[1]) / 2)));
    next ??= { ...ranges };
    next[axis] = range[0] <= range[1] ? [item - 0.5, item + 0.5] : [item + 0.5, item - 0.5];
  }
  return next;
}

/** The whole matrix as a window. */
export function everything(n) {
  return { rows: [0, n], cols: [0, n] };
}

/** Whether two windows are the same positions. */
export function sameWindow(a, b) {
  return a.rows[0] === b.rows[0] && a.rows[1] === b.rows[1] && a.cols[0] === b.cols[0] && a.cols[1] === b.cols[1];
}

/** The window of positions the ranges show ({rows, cols} half-open). */
export function windowOfRanges({ x, y }, n) {
  return {
    rows: y ? positionsInRange(y, n) : [0, n],
    cols: x ? positionsInRange(x, n) : [0, n],
  };
}

/**
 * Cells per axis for a window: single items along an axis that spans at most
 * `itemsMax`, else `cellsMax` cells. The engine takes one size for both axes,
 * so the larger of the two is asked for (each axis gets at most its span).
 */
export function overviewSize({ rows, cols }, { itemsMax, cellsMax }) {
  const perAxis = (span) => (span <= itemsMax ? span : Math.min(cellsMax, span));
  return Math.max(perAxis(rows[1] - rows[0]), perAxis(cols[1] - cols[0]));
}
