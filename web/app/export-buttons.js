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

const EXPORTS = {
  png: async (view) => [await exportImage(view, { format: 'png', scale: 2 }), 'cosine-heatmap.png'],
  svg: async (view) => [await exportImage(view, { format: 'svg' }), 'cosine-heatmap.svg'],
  'matrix-csv': async (view) => [
    await matrixCsv(view.embeddings, { labels: view.labels, order: view.order }),
    'cosine-similarity-matrix.csv', 'text/csv;charset=utf-8',
  ],
  'window-csv': async (view) => [visibleMatrixCsv(view), 'cosine-similarity-visible.csv', 'text/csv;charset=utf-8'],
  'figure-json': async (view) => [figureJson(view), 'cosine-heatmap-figure.json', 'application/json'],
  'stats-json': async (view) => [await statisticsJson(view.embeddings), 'cosine-similarity-statistics.json', 'application/json'],
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
 * @param {{onError?: (error: Error) => void, onDone?: () => void, matrixBudgetBytes?: () => number}} [options]
 *   onDone: after an export succeeds; matrixBudgetBytes: the engine's budget (default 1 GiB)
 */
export function attachExportButtons(view, container, {
  onError = (error) => console.error(error),
  onDone = () => {},
  matrixBudgetBytes = () => DEFAULT_MATRIX_BUDGET_BYTES,
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
    try {
      const [content, name, type] = await make(view);
      downloadFile(content, name, type);
      onDone();
    } catch (error) {
      onError(error);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      reveal();
    }
  });
  return { refresh: reveal };
}
