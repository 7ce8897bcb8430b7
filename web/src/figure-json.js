import { clampCosine } from './clamp-cosine.js';

// The figure the page draws, rewritten so that every Plotly reader draws
// the same thing: Python's plotly.io.from_json as old as Debian's 5.4.1
// refuses a heatmap's `texttemplate` (it came in plotly.js 2.9), the only
// attribute of ours it does not know. So the figure leaves it out; when the
// cells print their values, the values go in the trace's `text` (what the
// hover reads as %{text}) and are drawn as layout annotations, which every
// version draws; the row labels the hover read from `text` move into
// `customdata` with the rest. Cosines are clamped to [−1, 1] on the way.

/**
 * @param {object[]} data  the plot's traces
 * @param {object} layout
 * @param {{colorscales?: Array<unknown>, cellPixels?: number}} [drawn]
 *   colorscales: each trace's resolved colour scale (Plotly's _fullData),
 *   for a legible text colour on every cell; cellPixels: a cell's size on screen
 * @returns {{data: object[], layout: object}}
 */
export function portableFigure(data, layout, { colorscales = [], cellPixels = 24 } = {}) {
  const annotations = [...(layout.annotations ?? [])];
  const traces = data.map((trace, k) => {
    if (trace.type !== 'heatmap') return trace;
    const { texttemplate, ...rest } = trace;
    const out = { ...rest, z: trace.z.map(clampRow), customdata: clampCustomdata(trace.customdata) };
    if (typeof texttemplate !== 'string' || texttemplate === '') return out;
    const printed = printValues(out, texttemplate);
    annotations.push(...cellAnnotations(out, printed, colorscales[k] ?? trace.colorscale, cellPixels));
    return printed.trace;
  });
  return { data: traces, layout: annotations.length ? { ...layout, annotations } : { ...layout } };
}

function clampRow(row) {
  return Array.from(row, clampCosine);
}

// Overview cells carry [column label, mean, min, max]: the numbers are cosines.
function clampCustomdata(customdata) {
  if (!Array.isArray(customdata)) return customdata;
  return customdata.map((row) => (Array.isArray(row)
    ? row.map((cell) => (Array.isArray(cell) ? cell.map((v, i) => (i === 0 ? v : clampCosine(v))) : cell))
    : row));
}

// The values as text, the hover's row label moved to customdata[0].
function printValues(trace, texttemplate) {
  const format = /%\{z(?::([^}]*))?\}/.exec(texttemplate)?.[1] ?? '';
  const text = trace.z.map((row) => row.map((v) => (v === null || Number.isNaN(v) ? '' : formatNumber(v, format))));
  const rowLabels = trace.text ?? [];
  const customdata = trace.z.map((row, i) => row.map((_, j) => {
    const cell = trace.customdata?.[i]?.[j];
    return [rowLabels[i]?.[j] ?? '', ...(Array.isArray(cell) ? cell : [cell ?? ''])];
  }));
  const hovertemplate = typeof trace.hovertemplate === 'string'
    ? trace.hovertemplate
      .replace(/%\{customdata\[(\d+)\]/g, (_, i) => `%{customdata[${Number(i) + 1}]`)
      .replace(/%\{customdata([:}])/g, (_, end) => `%{customdata[1]${end}`)
      .replace(/%\{text([:}])/g, (_, end) => `%{customdata[0]${end}`)
    : trace.hovertemplate;
  return { trace: { ...trace, text, customdata, hovertemplate } };
}

function cellAnnotations(trace, { trace: { text } }, colorscale, cellPixels) {
  const scale = colorStops(colorscale, trace.reversescale);
  const chars = Math.max(1, ...text.flat().map((s) => s.length));
  const size = Math.max(6, Math.min(12, Math.floor(Math.min(cellPixels * 0.6, (cellPixels / chars) * 1.7))));
  const [x0, dx, y0, dy] = [trace.x0 ?? 0, trace.dx ?? 1, trace.y0 ?? 0, trace.dy ?? 1];
  const annotations = [];
  trace.z.forEach((row, i) => row.forEach((v, j) => {
    if (text[i][j] === '') return;
    const t = (v - trace.zmin) / (trace.zmax - trace.zmin);
    annotations.push({
      x: x0 + j * dx, y: y0 + i * dy, xref: 'x', yref: 'y', text: text[i][j], showarrow: false,
      font: { size, color: scale ? textColor(scale, t) : '#000' },
    });
  }));
  return annotations;
}

// [[position, [r, g, b]]] from a colour scale of rgb()/#hex stops, or null.
function colorStops(colorscale, reverse) {
  if (!Array.isArray(colorscale)) return null;
  const stops = colorscale.map(([position, color]) => [reverse ? 1 - position : position, parseColor(color)]);
  if (stops.some(([, rgb]) => !rgb)) return null;
  return stops.sort((a, b) => a[0] - b[0]);
}

function parseColor(color) {
  const rgb = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(color);
  if (rgb) return rgb.slice(1, 4).map(Number);
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) return [0, 2, 4].map((k) => parseInt(hex[1].slice(k, k + 2), 16));
  return null;
}

// White on dark cells, black on light ones (relative luminance, WCAG).
function textColor(stops, t) {
  const at = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  let k = 1;
  while (k < stops.length - 1 && stops[k][0] < at) k++;
  const [p0, c0] = stops[k - 1];
  const [p1, c1] = stops[k];
  const f = p1 > p0 ? (at - p0) / (p1 - p0) : 0;
  const linear = c0.map((c, i) => {
    const s = (c + f * (c1[i] - c)) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return luminance < 0.4 ? '#fff' : '#000';
}

/**
 * A number as d3-format's common specifiers write it ("[,][.precision][f|e|g|%]"),
 * the ones valueFormat takes; anything else falls back to 3 significant digits.
 */
export function formatNumber(value, format) {
  const spec = /^(,)?(?:\.(\d+))?([efg%])?$/.exec(format);
  if (!spec) return String(Number(value.toPrecision(3)));
  const [, group, digits, type] = spec;
  const precision = digits === undefined ? 6 : Number(digits);
  let text;
  if (type === 'f') text = value.toFixed(precision);
  else if (type === 'e') text = value.toExponential(precision);
  else if (type === '%') text = `${(value * 100).toFixed(precision)}%`;
  else text = String(Number(value.toPrecision(Math.max(1, precision))));
  if (group) text = text.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  // As d3-format: a value that rounds to zero has no sign ("0.00", not "-0.00").
  return /^-[0.,]*(?:$|[e%])/.test(text) ? text.slice(1) : text;
}
