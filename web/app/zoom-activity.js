// A zoom or pan makes the view compute the cells of the new window (seconds
// at 100,000 items): the activity box says so, its bar follows the cells
// computed, and Cancel goes back to the whole matrix (kept, so at once). It
// ends with the next picture drawn, or with the view's error. A zoom drawn
// is a user's action that succeeded: onDrawn hears of it (the page clears
// its error banner then, and not on redraws nobody asked for: a resize).
const RANGE_KEYS = /^(x|y)axis\.(range|autorange)/;

/**
 * @param {HTMLElement} plot  the Plotly graph div (listeners are set again by watch() after a new plot)
 * @param {import('../src/index.js').CosineSimilarityHeatmap} view
 * @param {import('./progress.js').ActivityBox} activity
 * @param {(onProgress: ((p: {done: number, total: number}) => void) | null) => void} countWith
 *   routes the view's 'progress' events to the activity shown
 * @param {() => void} [onDrawn]  after the picture of a zoom or pan is drawn
 * @returns {{watch: () => void}}  watch(): after each new plot
 */
export function attachZoomActivity(plot, view, activity, countWith, onDrawn = () => {}) {
  let work = null;
  let zoomed = false; // a zoom or pan asked for, its picture not drawn yet
  const end = () => {
    work?.end();
    work = null;
    countWith(null);
  };
  const onRelayout = (event) => {
    if (!Object.keys(event ?? {}).some((key) => RANGE_KEYS.test(key))) return;
    zoomed = true;
    // Another activity (an order, a load) keeps the box; quick zooms never show it.
    if (activity.busy && !work?.active) return;
    work = activity.start('Computing the cells of this window…', {
      onCancel: () => globalThis.Plotly?.relayout(plot, { 'xaxis.autorange': true, 'yaxis.autorange': true }),
    });
    countWith(work.progress);
  };
  view.addEventListener('error', () => {
    zoomed = false;
    end();
  });
  return {
    watch() {
      if (typeof plot.on !== 'function' || plot._ev?.listeners?.('plotly_relayout').includes(onRelayout)) return;
      plot.on('plotly_relayout', onRelayout);
      // Plotly draws the new axes before it says 'plotly_relayout'; the next
      // picture drawn is the view's, with the window's cells.
      plot.on('plotly_afterplot', () => {
        if (work?.active) end();
        if (zoomed) {
          zoomed = false;
          onDrawn();
        }
      });
    },
  };
}
