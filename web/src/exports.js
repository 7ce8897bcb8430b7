import { clampCosine, clampStatistics } from './clamp-cosine.js';
import { CosineHeatmapError } from './errors.js';
import { portableFigure } from './figure-json.js';
import { loadPlotly } from './load-plotly.js';

// What a user takes away from a view: images of the current view, the matrix
// (whole or the visible window) as CSV, the Plotly figure as JSON that
// Python's plotly.io.from_json reads, and the statistics as JSON. Text comes
// back as strings, images as Blobs; downloadFile() saves either in a browser.
// Every cosine written is clamped to [−1, 1] (float32 rounding puts some an
// ulp outside).

/**
 * PNG or SVG of what the view shows now (zoom included), via Plotly.toImage.
 * @param {import('./heatmap.js').CosineSimilarityHeatmap | HTMLElement} view  a view, or a Plotly plot element
 * @param {{format?: 'png'|'svg', width?: number, height?: number, scale?: number, Plotly?: object}} [options]
 *   width / height default to the plot's size on screen; scale multiplies PNG pixels
 * @returns {Promise<Blob>}
 */
export async function exportImage(view, { format = 'png', width, height, scale = 1, Plotly } = {}) {
  if (format !== 'png' && format !== 'svg') {
    throw new CosineHeatmapError(`exportImage: format must be 'png' or 'svg', got ${JSON.stringify(format)}`);
  }
  const element = plotElement(view, 'exportImage');
  const plotly = await loadPlotly(Plotly);
  const size = element._fullLayout ?? {};
  const url = await plotly.toImage(element, {
    format,
    width: width ?? size.width ?? 800,
    height: height ?? size.height ?? 600,
    scale,
  });
  return dataUrlToBlob(url);
}

/**
 * The whole n × n matrix as CSV (computed again by the engine, within its
 * matrix budget): a header row of labels, then one row per item, its label
 * first. Values are written with 9 significant digits, which gives back the
 * same float32 when read (clamped to [−1, 1]: the diagonal reads 1, not
 * 1.00000012). Labels are quoted as RFC 4180 says when needed.
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {{labels?: ArrayLike<unknown>, order?: ArrayLike<number>, signal?: AbortSignal,
 *   onProgress?: Function}} [options]  order: rows and columns in this order (position → item)
 * @returns {Promise<string>}
 */
export async function matrixCsv(set, { labels, order, signal, onProgress } = {}) {
  if (!set || typeof set.similarity !== 'function') {
    throw new CosineHeatmapError('matrixCsv: expected an EmbeddingSet (engine.embeddings(x), or view.embeddings)');
  }
  const n = set.size;
  if (order && order.length !== n) throw new CosineHeatmapError(`matrixCsv: order must list all ${n} items, got ${order.length}`);
  const { data } = await set.similarity({ signal, onProgress });
  const item = (p) => (order ? order[p] : p);
  const name = (i) => (labels ? String(labels[i] ?? '') : String(i));
  const lines = [['', ...Array.from({ length: n }, (_, p) => name(item(p)))].map(csvField).join(',')];
  for (let p = 0; p < n; p++) {
    const row = item(p) * n;
    const fields = [csvField(name(item(p)))];
    for (let q = 0; q < n; q++) fields.push(csvNumber(data[row + item(q)]));
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The cells the view shows now, as CSV: single items are labelled with
 * their labels; overview blocks with the positions they cover in the order
 * shown ("positions 0–3 (4 items)") and hold the block's value as drawn
 * (mean by default). A masked diagonal cell is an empty field.
 * @param {import('./heatmap.js').CosineSimilarityHeatmap} view
 * @returns {string}
 */
export function visibleMatrixCsv(view) {
  const matrix = view?.matrix;
  if (!matrix) throw new CosineHeatmapError('visibleMatrixCsv: the view shows nothing yet (setEmbeddings first)');
  const { data, dims: [rows, cols], rowStarts, rowEnds, colStarts, colEnds } = matrix;
  const order = view.order;
  const labels = view.labels ?? [];
  const header = (start, end) => (end - start === 1
    ? String(labels[order ? order[start] : start] ?? start)
    : `positions ${start}–${end - 1} (${end - start} items)`);
  const lines = [['', ...Array.from({ length: cols }, (_, j) => header(colStarts[j], colEnds[j]))].map(csvField).join(',')];
  for (let i = 0; i < rows; i++) {
    const fields = [csvField(header(rowStarts[i], rowEnds[i]))];
    for (let j = 0; j < cols; j++) fields.push(csvNumber(data[i * cols + j]));
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The Plotly figure shown, as JSON {data, layout} with plain arrays (typed
 * arrays converted, NaN as null): what plotly.io.from_json in Python
 * (Debian's plotly 5.4.1 and later) and Plotly.newPlot in JavaScript read.
 * Values printed in the cells travel as the trace's text and are drawn as
 * annotations (figure-json.js); cosines are clamped to [−1, 1].
 * @param {import('./heatmap.js').CosineSimilarityHeatmap | HTMLElement} view
 * @returns {string}
 */
export function figureJson(view) {
  const element = plotElement(view, 'figureJson');
  const full = element._fullLayout;
  const columns = element.data[0]?.z?.[0]?.length;
  const figure = portableFigure(element.data, element.layout, {
    colorscales: (element._fullData ?? []).map((trace) => trace.colorscale),
    ...(full?.xaxis?._length && columns ? { cellPixels: full.xaxis._length / columns } : {}),
  });
  return JSON.stringify(figure, (key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value);
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  });
}

/**
 * The statistics as JSON: given analyze()'s result, or an EmbeddingSet to
 * analyze (options go to set.analyze()).
 * @param {object} source  statistics from set.analyze(), or an EmbeddingSet
 * @param {object} [options]
 * @returns {Promise<string>}
 */
export async function statisticsJson(source, options = {}) {
  const stats = typeof source?.analyze === 'function' ? await source.analyze(options) : source;
  if (!stats || typeof stats !== 'object') throw new CosineHeatmapError('statisticsJson: expected statistics from set.analyze(), or an EmbeddingSet');
  return `${JSON.stringify(clampStatistics(stats), null, 2)}\n`;
}

/**
 * Saves a Blob or a string as a file in a browser (a temporary link).
 * @param {Blob | string} content
 * @param {string} filename
 * @param {string} [type]  for strings: the MIME type (default text/plain)
 */
export function downloadFile(content, filename, type = 'text/plain;charset=utf-8') {
  if (typeof document === 'undefined') throw new CosineHeatmapError('downloadFile needs a browser document; in Node write the string or Blob yourself');
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function plotElement(view, operation) {
  let element = view?.element ?? view;
  if (typeof element === 'string' && typeof document !== 'undefined') element = document.getElementById(element);
  if (!element || !Array.isArray(element.data) || !element.layout) {
    throw new CosineHeatmapError(`${operation}: the view has not drawn a plot yet`);
  }
  return element;
}

// RFC 4180: quote a field holding a comma, a quote or a line break.
export function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Every number in our CSVs is a cosine.
function csvNumber(value) {
  return Number.isFinite(value) ? String(Number(clampCosine(value).toPrecision(9))) : '';
}

function dataUrlToBlob(url) {
  const comma = url.indexOf(',');
  const head = url.slice(5, comma); // after "data:"
  const type = head.split(';')[0];
  const body = url.slice(comma + 1);
  if (head.endsWith(';base64')) {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
    return new Blob([bytes], { type });
  }
  return new Blob([decodeURIComponent(body)], { type });
}
