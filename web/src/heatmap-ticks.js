import { escapePlotlyText } from './escape-plotly-text.js';

// Tick labels that fit: at most one per `spacing` pixels along the axis, each
// cut to `maxLength` characters. The hover keeps the whole label.

/**
 * A label cut to `maxLength` characters (code points, so no emoji is split),
 * ending in '…' when something was cut.
 */
export function truncateLabel(label, maxLength) {
  const chars = Array.from(String(label));
  if (chars.length <= maxLength) return chars.join('');
  return `${chars.slice(0, Math.max(0, maxLength - 1)).join('')}…`;
}

/**
 * Ticks for single items shown at positions [begin, end) of the order: every
 * step-th position, the step a multiple of the room a label needs, aligned to
 * multiples of itself so panning keeps the same items labelled.
 * @param {string[]} labels  one per item, in original item order
 * @param {ArrayLike<number> | undefined} order  position → item (undefined: identity)
 * @param {[number, number]} range  positions shown, half-open
 * @param {{pixels: number, spacing: number, maxLength: number}} room
 * @returns {{tickmode: 'array', tickvals: number[], ticktext: string[]}}
 */
export function itemTicks(labels, order, [begin, end], { pixels, spacing, maxLength }) {
  const fit = Math.max(1, Math.floor(pixels / spacing));
  const step = Math.max(1, Math.ceil((end - begin) / fit));
  const tickvals = [];
  const ticktext = [];
  for (let p = Math.ceil(begin / step) * step; p < end; p += step) {
    tickvals.push(p);
    ticktext.push(escapePlotlyText(truncateLabel(labels[order ? order[p] : p], maxLength)));
  }
  return { tickmode: 'array', tickvals, ticktext };
}

/**
 * Keeps the ticks (sorted by value) that are at least `spacing` pixels from
 * the last one kept, when `pixelsPerUnit` pixels show one unit of the axis.
 */
export function thinTicks(tickvals, ticktext, pixelsPerUnit, spacing) {
  const vals = [];
  const text = [];
  let last = -Infinity;
  tickvals.forEach((value, k) => {
    if ((value - last) * pixelsPerUnit < spacing) return;
    vals.push(value);
    text.push(ticktext[k]);
    last = value;
  });
  return { tickmode: 'array', tickvals: vals, ticktext: text };
}
