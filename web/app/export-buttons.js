import { downloadFile, exportImage, figureJson, matrixCsv, statisticsJson, visibleMatrixCsv } from '../src/exports.js';

// The page's export buttons (a <div> holding <button data-export="…">):
// PNG and SVG of the view, the matrix (whole, or the visible window) as CSV,
// the figure as JSON for Python's plotly.io.from_json, the statistics as
// JSON. The buttons stay hidden until the view has drawn something.
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

/**
 * @param {import('../src/heatmap.js').CosineSimilarityHeatmap} view
 * @param {HTMLElement | null} container
 * @param {{onError?: (error: Error) => void}} [options]
 */
export function attachExportButtons(view, container, { onError = (error) => console.error(error) } = {}) {
  if (!container) return;
  const reveal = () => {
    container.hidden = !view.matrix;
  };
  view.addEventListener('level', reveal);
  reveal();
  container.addEventListener('click', async (event) => {
    const button = event.target.closest?.('button[data-export]');
    const make = button && EXPORTS[button.dataset.export];
    if (!make || !view.matrix) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const [content, name, type] = await make(view);
      downloadFile(content, name, type);
    } catch (error) {
      onError(error);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}
