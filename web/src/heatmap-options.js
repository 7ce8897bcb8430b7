import { CosineHeatmapError } from './errors.js';
import { resolveColorScale } from './heatmap-color-scales.js';

/**
 * The view's options and their defaults: the reference test's parameters in
 * camelCase, with its defaults, plus the colour range fixed to −1..1 so a
 * colour means the same similarity in every data set.
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
});

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
}

function fail(key, reason) {
  throw new CosineHeatmapError(`heatmap option ${key}: ${reason}`);
}
