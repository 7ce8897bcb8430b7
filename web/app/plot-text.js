// Plotly reads titles, tick and hover text as its own pseudo-HTML: user text
// (item labels, file names) is turned into entities so it shows as typed and
// never becomes markup or a %{…} placeholder.
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function plotText(value) {
  return String(value).replace(/[&<>]/g, (c) => ENTITIES[c]).replace(/%\{/g, '%&#123;');
}

/** Numbers in the panels: fixed digits, '—' for a missing one (null, NaN). */
export function formatNumber(value, digits = 4) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

const count = new Intl.NumberFormat('en-US');
export const formatCount = (value) => count.format(value);

/** A labelled number: <dt>term</dt><dd><span data-stat=key>value</span>…</dd>. */
export function definition(list, term, parts) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  for (const part of parts) {
    if (typeof part === 'string') dd.append(part);
    else {
      const span = document.createElement('span');
      span.dataset.stat = part.key;
      span.textContent = part.text;
      dd.append(span);
    }
  }
  list.append(dt, dd);
}

/** A fraction of work done, for a progress element and the words beside it. */
export function fractionDone({ done, total }) {
  return total > 0 ? Math.min(1, done / total) : 0;
}
