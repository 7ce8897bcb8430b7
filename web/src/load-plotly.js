import { CosineHeatmapError } from './errors.js';

/**
 * Finds Plotly.js only when a view first draws, so the library imports in
 * Node and workers without a DOM: the `Plotly` option, else a global set by
 * a <script> tag, else the npm package (bundlers and test DOMs).
 * @param {object} [given]  the view's `Plotly` option
 */
export async function loadPlotly(given) {
  if (given) return given;
  if (globalThis.Plotly) return globalThis.Plotly;
  try {
    const module = await import('plotly.js-dist-min');
    return module.default ?? module;
  } catch (error) {
    throw new CosineHeatmapError(
      'Plotly.js is not available: load plotly.min.js with a <script> tag, install plotly.js-dist-min, or pass {Plotly} to the view',
      { cause: error },
    );
  }
}
