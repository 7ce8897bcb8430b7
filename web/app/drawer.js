// Below 1200 px the sidebar (data and settings) is a drawer over the page,
// opened and closed by a button in the header (style.css does the sliding;
// closed, the drawer is hidden from the tab order too). Escape and a click
// outside it close it; wider windows show the sidebar as a column and the
// button not at all.
export const DRAWER_QUERY = '(max-width: 1199.98px)';

/**
 * @param {HTMLButtonElement} toggle  aria-controls the drawer
 * @param {HTMLElement} drawer
 * @returns {{close: () => void}}  close(): e.g. when a file starts loading, so the plot shows
 */
export function attachDrawer(toggle, drawer) {
  const narrow = matchMedia(DRAWER_QUERY);
  const isOpen = () => drawer.classList.contains('open');
  const set = (open) => {
    drawer.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => {
    set(!isOpen());
    if (isOpen()) drawer.querySelector('[aria-selected="true"], input, select, button')?.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !isOpen() || !narrow.matches) return;
    set(false);
    toggle.focus();
  });
  document.addEventListener('pointerdown', (event) => {
    if (isOpen() && !drawer.contains(event.target) && !toggle.contains(event.target)) set(false);
  });
  narrow.addEventListener('change', () => set(false));
  return { close: () => set(false) };
}
