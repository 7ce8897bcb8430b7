import { CosineHeatmapError } from './errors.js';
import { resolveColorScale } from './heatmap-color-scales.js';

/**
 * The view's options and their defaults: the reference test's parameters in
 * camelCase, with its defaults (title, axis titles, "Blues", zmin / zmax
 * −1..1), except two that decide whether the first picture shows anything:
 * `order: 'auto'` (a mean overview of an unordered set is flat by
 * construction: every block mixes all clusters) and `range: 'robust'` (most
 * embeddings' similarities fill a narrow band of −1..1, so a fixed range
 * draws nearly one colour). `order: 'original'` and `range: 'fixed'` give
 * the reference's picture.
 */
export const DEFAULT_HEATMAP_OPTIONS = Object.freeze({
  title: 'Cosine Similarity Matrix',
  colorLabel: 'Cosine Similarity',
  xaxisTitle: 'Index',
  yaxisTitle: 'Index',
  colorScale: 'Blues',
  reverseScale: false,
  zmin: -1,
  zmax: 1,
  // Cells print their value when the matrix has at most this many rows
  // (the reference's text_auto, kept readable).
  textMaxSize: 30,
  valueFormat: '.2f',
  hoverFormat: '.4f',
  autosize: true,
  height: undefined,
  width: undefined,
  // Ordering of rows and columns: 'auto' (by group when groups are given,
  // else average linkage up to 5,000 items, spectral above) | 'original' |
  // 'average' | 'complete' | 'single' | 'spectral' | 'groups' (needs groups;
  // see setEmbeddings). setEmbeddings draws the original order first and the
  // ordered picture when the order is ready.
  order: 'auto',
  // What an aggregated cell's colour shows: the block's 'mean' (exact and
  // fast at any n), 'max' or 'min' (every pair of the window is streamed).
  reduce: 'mean',
  // 'robust': the 1st to 99th percentile of the cells shown (at least
  // ROBUST_MIN_SPAN wide); 'auto': their minimum to maximum; 'fixed': zmin..zmax.
  // The first two leave out cells that hold self-pairs, and the colour bar
  // says which range is shown. Giving zmin or zmax without range picks 'fixed'.
  range: 'robust',
  // Centre of the colour range: zmin/zmax are widened to be equidistant from
  // it (null or undefined: none; update({zmid: null}) removes it).
  zmid: undefined,
  // Leaves the diagonal (always 1) blank; mean cells on it exclude the self-pairs.
  maskDiagonal: false,
  // Single items are shown when a window spans at most this many items per
  // axis; 'auto': the plot's size in pixels, so no cell is under a pixel.
  itemsMax: 'auto',
  // Largest overview, in cells per axis (also capped at the plot's pixels).
  overviewSize: 512,
  // Tick and hover labels: at most one tick label per tickSpacing pixels,
  // tick labels cut to labelMaxLength characters with '…' (hover has them whole).
  tickSpacing: 14,
  labelMaxLength: 24,
  // Milliseconds of quiet after a zoom or pan before the window is recomputed.
  zoomDebounce: 120,
});

export const ORDER_METHODS = Object.freeze(['auto', 'original', 'average', 'complete', 'single', 'spectral', 'groups']);
export const RANGE_MODES = Object.freeze(['robust', 'auto', 'fixed']);
export const REDUCE_METHODS = Object.freeze(['mean', 'max', 'min']);

const TEXT_OPTIONS = ['title', 'colorLabel', 'xaxisTitle', 'yaxisTitle'];
const FORMAT_OPTIONS = ['valueFormat', 'hoverFormat'];

/**
 * Merges `changes` over `base` (defaults when omitted) and checks the result,
 * so a bad option fails with a message naming it before Plotly sees it.
 * Unknown keys are refused: a misspelt option silently ignored is worse.
 * @param {object} [changes]
 * @param {object} [base]
 * @returns {Readonly<object>}
 */
export function resolveHeatmapOptions(changes = {}, base = DEFAULT_HEATMAP_OPTIONS) {
  if (changes === null || typeof changes !== 'object') {
    throw new CosineHeatmapError(`heatmap options: expected an object, got ${changes === null ? 'null' : typeof changes}`);
  }
  const merged = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULT_HEATMAP_OPTIONS)) {
      throw new CosineHeatmapError(
        `heatmap options: unknown option "${key}"; known options are ${Object.keys(DEFAULT_HEATMAP_OPTIONS).join(', ')}`,
      );
    }
    if (value !== undefined) merged[key] = value;
  }
  // A range given as numbers is meant to be used: zmin or zmax without
  // `range` picks the fixed range.
  if ((changes.zmin !== undefined || changes.zmax !== undefined) && changes.range === undefined) merged.range = 'fixed';
  check(merged);
  return Object.freeze(merged);
}

function check(o) {
  for (const key of TEXT_OPTIONS) {
    if (typeof o[key] !== 'string') fail(key, `expected a string, got ${typeof o[key]}`);
  }
  for (const key of FORMAT_OPTIONS) {
    if (typeof o[key] !== 'string' || /[{}]/.test(o[key])) fail(key, `expected a d3-format string such as ".2f", got ${JSON.stringify(o[key])}`);
  }
  for (const key of ['zmin', 'zmax']) {
    if (typeof o[key] !== 'number' || !Number.isFinite(o[key])) fail(key, `expected a finite number, got ${o[key]}`);
  }
  if (!(o.zmin < o.zmax)) fail('zmin', `must be less than zmax (zmin = ${o.zmin}, zmax = ${o.zmax})`);
  if (!Number.isInteger(o.textMaxSize) || o.textMaxSize < 0) fail('textMaxSize', `expected a non-negative integer, got ${o.textMaxSize}`);
  for (const key of ['reverseScale', 'autosize']) {
    if (typeof o[key] !== 'boolean') fail(key, `expected true or false, got ${o[key]}`);
  }
  for (const key of ['height', 'width']) {
    if (o[key] !== undefined && !(Number.isFinite(o[key]) && o[key] > 0)) fail(key, `expected a positive number of pixels, got ${o[key]}`);
  }
  resolveColorScale(o.colorScale);
  oneOf(o, 'order', ORDER_METHODS);
  oneOf(o, 'reduce', REDUCE_METHODS);
  oneOf(o, 'range', RANGE_MODES);
  if (o.zmid !== undefined && o.zmid !== null && !(typeof o.zmid === 'number' && Number.isFinite(o.zmid))) {
    fail('zmid', `expected a finite number or null, got ${o.zmid}`);
  }
  if (typeof o.maskDiagonal !== 'boolean') fail('maskDiagonal', `expected true or false, got ${o.maskDiagonal}`);
  if (o.itemsMax !== 'auto' && !(Number.isInteger(o.itemsMax) && o.itemsMax >= 1)) {
    fail('itemsMax', `expected 'auto' or a positive integer, got ${JSON.stringify(o.itemsMax)}`);
  }
  for (const key of ['overviewSize', 'tickSpacing', 'labelMaxLength']) {
    if (!(Number.isInteger(o[key]) && o[key] >= 1)) fail(key, `expected a positive integer, got ${JSON.stringify(o[key])}`);
  }
  if (!(Number.isFinite(o.zoomDebounce) && o.zoomDebounce >= 0)) fail('zoomDebounce', `expected milliseconds >= 0, got ${o.zoomDebounce}`);
}

function oneOf(o, key, allowed) {
  if (!allowed.includes(o[key])) fail(key, `expected one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(o[key])}`);
}

function fail(key, reason) {
  throw new CosineHeatmapError(`heatmap option ${key}: ${reason}`);
}
