import { downloadFile, exportImage, figureJson, matrixCsv, statisticsJson, visibleMatrixCsv } from '../src/exports.js';
import { DEFAULT_MATRIX_BUDGET_BYTES } from '../src/engine.js';
import { formatBytes } from '../src/format-bytes.js';

// The page's export buttons (a <div> holding <button data-export="…">):
// PNG and SVG of the view, the matrix (whole, or the visible window) as CSV,
// the figure as JSON for Python's plotly.io.from_json, the statistics as
// JSON. The buttons stay hidden until the view has drawn something. The
// whole matrix is disabled, with the reason as its tooltip, when it would
// not fit the engine's matrix budget.
//
//   attachExportButtons(view, document.getElementById('export-buttons'));

// Each export gets {signal, onProgress}: the work counted and cancelled by
// the activity card under the buttons (the whole matrix and the statistics
// can take many seconds on a large set).
const EXPORTS = {
  png: async (view) => [await exportImage(view, { format: 'png', scale: 2 }), 'cosine-heatmap.png'],
  svg: async (view) => [await exportImage(view, { format: 'svg' }), 'cosine-heatmap.svg'],
  'matrix-csv': async (view, work) => [
    await matrixCsv(view.embeddings, { labels: view.labels, order: view.order, ...work }),
    'cosine-similarity-matrix.csv', 'text/csv;charset=utf-8',
  ],
  'window-csv': async (view) => [visibleMatrixCsv(view), 'cosine-similarity-visible.csv', 'text/csv;charset=utf-8'],
  'figure-json': async (view) => [figureJson(view), 'cosine-heatmap-figure.json', 'application/json'],
  'stats-json': async (view, work) => [
    await statisticsJson(view.embeddings, work), 'cosine-similarity-statistics.json', 'application/json',
  ],
};

// What the card says while an export is made.
const DOING = {
  png: 'Drawing the PNG…',
  svg: 'Drawing the SVG…',
  'matrix-csv': 'Computing every pair for the whole matrix (CSV)…',
  'window-csv': 'Writing the visible cells (CSV)…',
  'figure-json': 'Writing the figure (JSON)…',
  'stats-json': 'Computing the statistics for Statistics (JSON)…',
};

const count = new Intl.NumberFormat('en-US');

/**
 * Why the whole matrix of `size` items cannot be exported, in plain words,
 * or null when it can: "20,000 items: 1.5 GiB, over the 1.0 GiB limit;
 * export the visible cells instead".
 */
export function wholeMatrixRefusal(size, budgetBytes = DEFAULT_MATRIX_BUDGET_BYTES) {
  const bytes = size * size * 4;
  if (bytes <= budgetBytes) return null;
  return `${count.format(size)} items: ${formatBytes(bytes, budgetBytes)}, over the ${formatBytes(budgetBytes, bytes)} limit; ` +
    'export the visible cells instead';
}

/**
 * @param {import('../src/heatmap.js').CosineSimilarityHeatmap} view
 * @param {HTMLElement | null} container
 * @param {{onError?: (error: Error) => void, onDone?: () => void, onCancelled?: (what: string) => void,
 *   matrixBudgetBytes?: () => number, activity?: import('./progress.js').ActivityBox | null}} [options]
 *   onDone: after an export succeeds; matrixBudgetBytes: the engine's budget (default 1 GiB);
 *   activity: the card that shows an export taking long, with its progress and a Cancel
 */
export function attachExportButtons(view, container, {
  onError = (error) => console.error(error),
  onDone = () => {},
  onCancelled = () => {},
  matrixBudgetBytes = () => DEFAULT_MATRIX_BUDGET_BYTES,
  activity = null,
} = {}) {
  if (!container) return;
  const whole = container.querySelector('button[data-export="matrix-csv"]');
  const wholeTitle = whole?.title ?? '';
  const reveal = () => {
    container.hidden = !view.matrix;
    const refusal = view.embeddings ? wholeMatrixRefusal(view.embeddings.size, matrixBudgetBytes()) : null;
    if (!whole || whole.getAttribute('aria-busy')) return;
    whole.disabled = refusal !== null;
    whole.title = refusal ?? wholeTitle;
  };
  view.addEventListener('level', reveal);
  reveal();
  container.addEventListener('click', async (event) => {
    const button = event.target.closest?.('button[data-export]');
    const make = button && EXPORTS[button.dataset.export];
    if (!make || !view.matrix || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const controller = new AbortController();
    const work = activity?.start(DOING[button.dataset.export], { onCancel: () => controller.abort() });
    try {
      const [content, name, type] = await make(view, { signal: controller.signal, onProgress: work?.progress });
      if (controller.signal.aborted) throw controller.signal.reason;
      downloadFile(content, name, type);
      onDone();
    } catch (error) {
      if (controller.signal.aborted) onCancelled(button.textContent);
      else onError(error);
    } finally {
      work?.end();
      button.disabled = false;
      button.removeAttribute('aria-busy');
      reveal();
    }
  });
  return { refresh: reveal };
}
