/**
 * The plot area of the heatmap in pixels, {x, y}: Plotly's own once drawn,
 * else estimated from the element (Plotly's default margins) or the width /
 * height options, else 600 (no DOM: tests, Node).
 * @param {HTMLElement | object} element  the element Plotly draws in
 * @param {{width?: number, height?: number}} options
 */
export function plotArea(element, options) {
  const size = element?._fullLayout?._size;
  if (size?.w > 0 && size?.h > 0) return { x: size.w, y: size.h };
  const width = options.width ?? element?.clientWidth;
  const height = options.height ?? (element?.clientHeight || (width ? 450 : undefined));
  return {
    x: width > 0 ? Math.max(50, width - 100) : 600,
    y: height > 0 ? Math.max(50, height - 130) : 600,
  };
}
