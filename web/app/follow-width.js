// A Plotly plot in a panel that moves between layouts (under the heatmap,
// beside it from 1,700 px) changes width without always hearing a window
// resize at the right moment: Plotly's own responsive handler read the old
// width once and left the histogram 100 px past the page's edge. Watching
// the plot's element itself catches every change of its width.

/**
 * Resizes the Plotly plot in `element` whenever the element's width changes.
 * @param {HTMLElement} element  a Plotly graph div (drawn or not yet)
 */
export function followWidth(element) {
  if (typeof ResizeObserver !== 'function') return;
  let width = element.clientWidth;
  new ResizeObserver(() => {
    if (element.clientWidth === width) return;
    width = element.clientWidth;
    // Only a drawn, shown plot can be resized.
    if (element._fullLayout && width > 0) globalThis.Plotly?.Plots.resize(element).catch(() => {});
  }).observe(element);
}
