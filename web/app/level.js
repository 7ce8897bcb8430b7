// What one cell of the plot stands for, in the status area: "overview: 1 cell
// = 128×128 items" or "single items". The view reports its level as
// view.level and tells when it changes (zoom, pan, resize).
const count = new Intl.NumberFormat('en-US');

/** @param {{kind?: string, cellRows?: number, cellCols?: number, warning?: string} | null | undefined} level */
export function describeLevel(level) {
  if (!level) return '';
  const rows = level.cellRows ?? level.cellSize ?? 1;
  const cols = level.cellCols ?? rows;
  const text = rows <= 1 && cols <= 1
    ? 'single items'
    : `overview: 1 cell = ${count.format(rows)}×${count.format(cols)} items${level.reduce && level.reduce !== 'mean' ? ` (${level.reduce})` : ''}`;
  return level.warning ? `${text} · ${level.warning}` : text;
}

/**
 * Shows the view's level in `element` now and whenever it changes.
 * @returns {() => void}  shows the current level again (after setEmbeddings)
 */
export function watchLevel(view, element) {
  const show = (level = view.level) => {
    const text = describeLevel(level);
    element.textContent = text;
    element.hidden = text === '';
  };
  view.addEventListener?.('level', (event) => show(event.detail ?? view.level));
  return () => show();
}
