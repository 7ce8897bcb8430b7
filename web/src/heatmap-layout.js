import { escapePlotlyTemplate } from './escape-plotly-text.js';
import { groupShapes, groupTicks } from './heatmap-groups.js';
import { itemTicks } from './heatmap-ticks.js';

// Pure builder of the heatmap's Plotly layout, like plotly express imshow:
// numeric axes (ordered positions) with row 0 at the top, no grid, and the
// free aspect ratio of the reference's aspect="auto".

/**
 * @param {object} options  resolved heatmap options
 * @param {string[] | object} context  the item labels (a full matrix in
 *   original order), or what is shown: {labels, n, order, kind, window:
 *   {rows, cols}, runs (group runs or null), pixels: {x, y} (plot area),
 *   ranges: {x, y} (axis ranges the user zoomed to, null: everything),
 *   revision (changes when the zoom must be forgotten)}
 */
export function heatmapLayout(options, context) {
  const c = Array.isArray(context) ? fullContext(context) : context;
  const ticksOf = (range, pixels) => {
    const room = { pixels, spacing: options.tickSpacing, maxLength: options.labelMaxLength };
    if (c.kind === 'items') return itemTicks(c.labels, c.order, range, room);
    if (c.runs) return groupTicks(c.runs, range, room);
    return {};
  };
  const ranges = c.ranges ?? {};
  return {
    title: { text: escapePlotlyTemplate(options.title), x: 0.5, xanchor: 'center' },
    xaxis: {
      ...axis(options.xaxisTitle),
      ...ticksOf(c.window.cols, c.pixels?.x ?? 600),
      side: 'bottom',
      ...(ranges.x ? { range: [...ranges.x], autorange: false } : { autorange: true }),
    },
    yaxis: {
      ...axis(options.yaxisTitle),
      ...ticksOf(c.window.rows, c.pixels?.y ?? 600),
      ...(ranges.y ? { range: [...ranges.y], autorange: false } : { autorange: 'reversed' }),
    },
    shapes: groupShapes(c.runs, c.n),
    autosize: options.autosize,
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.height === undefined ? {} : { height: options.height }),
    margin: { t: 64, r: 24, b: 56, l: 64 },
    hoverlabel: { align: 'left' },
    // Keeps what the user chose in the mode bar (zoom / pan) across redraws.
    uirevision: c.revision ?? 0,
  };
}

/** The option-dependent part of the layout as Plotly.relayout keys. */
export function heatmapLayoutUpdate(options) {
  return {
    'title.text': escapePlotlyTemplate(options.title),
    'xaxis.title.text': escapePlotlyTemplate(options.xaxisTitle),
    'yaxis.title.text': escapePlotlyTemplate(options.yaxisTitle),
    autosize: options.autosize,
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.height === undefined ? {} : { height: options.height }),
  };
}

function axis(title) {
  return { title: { text: escapePlotlyTemplate(title) }, showgrid: false, zeroline: false, ticks: '', automargin: true };
}

function fullContext(labels) {
  const n = labels.length;
  return { labels, n, kind: 'items', window: { rows: [0, n], cols: [0, n] }, runs: null };
}
