import { escapePlotlyText } from './escape-plotly-text.js';

// Pure builder of the heatmap's Plotly layout, like plotly express imshow:
// numeric axes (row and column index) with row 0 at the top, no grid, and
// the free aspect ratio of the reference's aspect="auto".

/**
 * @param {object} options  resolved heatmap options
 * @param {string[]} labels  one per item
 */
export function heatmapLayout(options, labels) {
  const ticks = labelTicks(labels, options.textMaxSize);
  return {
    title: { text: escapePlotlyText(options.title), x: 0.5, xanchor: 'center' },
    xaxis: { ...axis(options.xaxisTitle), ...ticks, side: 'bottom' },
    yaxis: { ...axis(options.yaxisTitle), ...ticks, autorange: 'reversed' },
    autosize: options.autosize,
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.height === undefined ? {} : { height: options.height }),
    margin: { t: 64, r: 24, b: 56, l: 64 },
    hoverlabel: { align: 'left' },
  };
}

/** The option-dependent part of the layout as Plotly.relayout keys. */
export function heatmapLayoutUpdate(options) {
  return {
    'title.text': escapePlotlyText(options.title),
    'xaxis.title.text': escapePlotlyText(options.xaxisTitle),
    'yaxis.title.text': escapePlotlyText(options.yaxisTitle),
    autosize: options.autosize,
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.height === undefined ? {} : { height: options.height }),
  };
}

function axis(title) {
  return { title: { text: escapePlotlyText(title) }, showgrid: false, zeroline: false, ticks: '', automargin: true };
}

// A small matrix shows its item labels on the axes, as imshow does when
// given labels; a large one keeps index ticks, which stay legible.
function labelTicks(labels, maxSize) {
  if (labels.length > maxSize) return {};
  return { tickmode: 'array', tickvals: labels.map((_, i) => i), ticktext: labels.map(escapePlotlyText) };
}
