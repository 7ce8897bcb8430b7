// The view's add-ons (annotation strips, dendrograms, the found row, the
// selection) draw in the heatmap's own figure, so they zoom and pan with it:
// bands beside the rows (left of the heatmap, sharing its y axis) and above
// the columns (sharing its x axis), plus shapes and traces on the heatmap.
// Pure: (heatmap trace, layout, decorations, context) → {data, layout}.

const GAP_PX = 4;
const MAX_BAND_SHARE = 0.4; // bands never take more than this of the plot area

/**
 * A decoration: {rank?: number (bands nearest the heatmap first), bands?:
 * (context) => {rows: px, cols: px} (room it needs beside the rows and above
 * the columns), figure: (context, place) => {traces?, shapes?, layout?}}.
 * place: {rowAxis: 'x2', rowDomain: [a, b] (paper x of its row band),
 * colAxis: 'y2', colDomain: [a, b] (paper y of its column band)}.
 * @param {object} trace  the heatmap trace (trace 0 stays trace 0)
 * @param {object} layout  the heatmap layout
 * @param {Map<string, object>} decorations
 * @param {object} context  what the view shows: {set (the EmbeddingSet: a decoration made for
 *   other embeddings draws nothing), cells, order, n, labels, pixels, …}
 */
export function decorateFigure(trace, layout, decorations, context) {
  const data = [trace];
  if (!decorations || decorations.size === 0) return { data, layout };
  const entries = [...decorations.values()].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const pixels = context.pixels ?? { x: 600, y: 600 };
  const needs = entries.map((d) => d.bands?.(context) ?? { rows: 0, cols: 0 });
  const rowsPx = needs.reduce((sum, need) => sum + (need.rows > 0 ? need.rows + GAP_PX : 0), 0);
  const colsPx = needs.reduce((sum, need) => sum + (need.cols > 0 ? need.cols + GAP_PX : 0), 0);
  // Shrunk evenly if the plot is too small for every band.
  const rowScale = Math.min(1, (MAX_BAND_SHARE * pixels.x) / Math.max(1, rowsPx));
  const colScale = Math.min(1, (MAX_BAND_SHARE * pixels.y) / Math.max(1, colsPx));
  const left = (rowsPx * rowScale) / pixels.x;
  const top = (colsPx * colScale) / pixels.y;
  const out = { ...layout, shapes: [...(layout.shapes ?? [])] };
  if (left > 0 || top > 0) {
    out.xaxis = { ...layout.xaxis, domain: [left, 1] };
    out.yaxis = { ...layout.yaxis, domain: [0, 1 - top], ...(left > 0 ? { anchor: 'free', position: 0 } : {}) };
  }
  let rowEdge = left;
  let colEdge = 1 - top;
  entries.forEach((decoration, k) => {
    const need = needs[k];
    const axisNumber = k + 2;
    const place = { rowAxis: `x${axisNumber}`, colAxis: `y${axisNumber}`, rowDomain: null, colDomain: null };
    if (need.rows > 0) {
      const width = (need.rows * rowScale) / pixels.x;
      const gap = (GAP_PX * rowScale) / pixels.x;
      place.rowDomain = [Math.max(0, rowEdge - gap - width), rowEdge - gap];
      rowEdge -= width + gap;
    }
    if (need.cols > 0) {
      const height = (need.cols * colScale) / pixels.y;
      const gap = (GAP_PX * colScale) / pixels.y;
      place.colDomain = [colEdge + gap, Math.min(1, colEdge + gap + height)];
      colEdge += height + gap;
    }
    const part = decoration.figure(context, place) ?? {};
    data.push(...(part.traces ?? []));
    out.shapes.push(...(part.shapes ?? []));
    for (const [key, value] of Object.entries(part.layout ?? {})) {
      out[key] = key === 'xaxis' || key === 'yaxis' ? { ...out[key], ...value } : value;
    }
  });
  return { data, layout: out };
}

/** A band's own axis: no grid, ticks or zoom of its own, in `domain`, anchored on the heatmap's other axis. */
export function bandAxis(domain, anchor, extra = {}) {
  return {
    domain,
    anchor,
    showgrid: false,
    zeroline: false,
    showticklabels: false,
    ticks: '',
    fixedrange: true,
    showline: false,
    ...extra,
  };
}

/** Plotly's name for an axis id in the layout: 'x2' → 'xaxis2'. */
export function axisKey(id) {
  return `${id[0]}axis${id.slice(1)}`;
}

/**
 * The ordered positions each cell of an axis covers, as cell centres (what
 * the bands draw at, so they line up with the heatmap's cells), and the
 * items per cell.
 * @param {ArrayLike<number>} starts  cell start positions
 * @param {ArrayLike<number>} ends  cell end positions (exclusive)
 */
export function cellCentres(starts, ends) {
  return Array.from(starts, (s, k) => (s + ends[k] - 1) / 2);
}
