import { plotText } from './plot-text.js';

// Small Plotly heatmaps for the compare and cross panels (the main view has
// its own): z row-major in a Float32Array, hover text per cell, row 0 on top.
// The colours are ColorBrewer's, as in the main view (Plotly's built-ins of
// the same names differ): Blues light to dark, RdBu red (A < B) to blue.
const spread = (colors) => colors.map((rgb, i) => [i / (colors.length - 1), `rgb(${rgb})`]);
const BLUES = spread(['247,251,255', '222,235,247', '198,219,239', '158,202,225', '107,174,214', '66,146,198', '33,113,181', '8,81,156', '8,48,107']);
const RD_BU = spread(['103,0,31', '178,24,43', '214,96,77', '244,165,130', '253,219,199', '247,247,247', '209,229,240', '146,197,222', '67,147,195', '33,102,172', '5,48,97']);

export const SIMILARITY_SCALE = Object.freeze({ colorscale: BLUES, zmin: -1, zmax: 1 });

/** A diverging scale centred at 0, from −limit to limit. */
export function differenceScale(limit) {
  return { colorscale: RD_BU, zmin: -limit, zmax: limit, zmid: 0 };
}

/**
 * @param {HTMLElement} element
 * @param {{data: ArrayLike<number>, dims: [number, number], title: string,
 *   hover: (i: number, j: number) => string (plain text, '\n' between lines), scale: object, colorLabel: string,
 *   xTitle?: string, yTitle?: string, height?: number, shapes?: object[],
 *   ticks?: {x?: string[] | {tickvals: number[], ticktext: string[]}, y?: …}}} plot
 *   ticks: one label per cell (plain text), or chosen ticks whose text is
 *   already Plotly text (heatmap-ticks.js)
 */
export function drawSimilarityPlot(element, { data, dims: [rows, cols], title, hover, scale, colorLabel, xTitle, yTitle, ticks = {}, height = 340, shapes = [] }) {
  const z = [];
  const text = [];
  for (let i = 0; i < rows; i++) {
    z.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
    // A line break in hover text starts a new line of the label.
    if (hover) text.push(Array.from({ length: cols }, (_, j) => plotText(hover(i, j)).replace(/\n/g, '<br>')));
  }
  const trace = {
    type: 'heatmap',
    z,
    ...scale,
    ...(hover ? { text, hovertemplate: '%{text}: %{z:.4f}<extra></extra>' } : { hovertemplate: 'row %{y}, column %{x}: %{z:.4f}<extra></extra>' }),
    // A long title (one that says the range) runs along the bar, so it takes no width from the plot.
    colorbar: { title: { text: plotText(colorLabel), side: colorLabel.length > 20 ? 'right' : 'top' }, thickness: 12 },
  };
  const tickAttributes = (labels) => {
    if (!labels) return { showticklabels: false };
    if (Array.isArray(labels)) return { tickmode: 'array', tickvals: labels.map((_, k) => k), ticktext: labels.map(plotText), tickfont: { size: 10 } };
    return { tickmode: 'array', tickvals: labels.tickvals, ticktext: labels.ticktext, tickfont: { size: 10 }, automargin: true };
  };
  const axis = (labels, titleText) => ({
    title: { text: plotText(titleText ?? '') },
    ...tickAttributes(labels),
    showgrid: false,
    zeroline: false,
  });
  const layout = {
    title: { text: plotText(title), font: { size: 14 } },
    height,
    margin: { l: ticks.y ? 90 : 30, r: 10, t: 40, b: ticks.x ? 90 : 30 },
    xaxis: axis(ticks.x, xTitle),
    yaxis: { ...axis(ticks.y, yTitle), autorange: 'reversed' },
    paper_bgcolor: 'rgba(0,0,0,0)',
    hoverlabel: { align: 'left' },
    shapes,
  };
  return globalThis.Plotly.react(element, [trace], layout, { displaylogo: false, responsive: true });
}

/** Tick labels for an axis short enough to read them all, else none. */
export function readableTicks(labels, most = 40) {
  return labels && labels.length <= most ? labels.map((label) => (label.length > 16 ? `${label.slice(0, 15)}…` : label)) : undefined;
}
