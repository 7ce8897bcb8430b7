// Reads the control panel into view options and reports every change. Text
// fields report as you type (debounced), selects and checkboxes at once.
const TEXT_DELAY_MS = 200;

/**
 * @param {HTMLFormElement} form
 * @returns {object}  options for CosineSimilarityHeatmap / view.update
 */
export function readControls(form) {
  const field = (name) => form.elements.namedItem(name);
  return {
    title: field('title').value,
    colorLabel: field('colorLabel').value,
    xaxisTitle: field('xaxisTitle').value,
    yaxisTitle: field('yaxisTitle').value,
    colorScale: field('colorScale').value,
    reverseScale: field('reverseScale').checked,
    zmin: numberValue(field('zmin')),
    zmax: numberValue(field('zmax')),
    order: field('order')?.value,
    range: field('range')?.value,
    maskDiagonal: field('maskDiagonal')?.checked,
  };
}

/** Fills the controls from options (the view's defaults on load and reset). */
export function writeControls(form, options) {
  for (const [name, value] of Object.entries(options)) {
    const input = form.elements.namedItem(name);
    if (!input || value === undefined || value === null) continue;
    if (input.type === 'checkbox') input.checked = Boolean(value);
    else input.value = String(value);
  }
}

/**
 * Calls onChange(options) after each edit; returns a function that detaches.
 * @param {HTMLFormElement} form
 * @param {(options: object) => void} onChange
 */
export function watchControls(form, onChange) {
  let timer;
  const fire = () => {
    clearTimeout(timer);
    onChange(readControls(form));
  };
  const onInput = (event) => {
    if (event.target.type !== 'text') return; // others also fire 'change'
    clearTimeout(timer);
    timer = setTimeout(fire, TEXT_DELAY_MS);
  };
  const onSubmit = (event) => {
    event.preventDefault();
    fire();
  };
  form.addEventListener('input', onInput);
  form.addEventListener('change', fire);
  form.addEventListener('submit', onSubmit);
  return () => {
    clearTimeout(timer);
    form.removeEventListener('input', onInput);
    form.removeEventListener('change', fire);
    form.removeEventListener('submit', onSubmit);
  };
}

// An empty or partial number field is "not a number yet"; the view's option
// check then names the field instead of silently using 0.
function numberValue(input) {
  return input.value.trim() === '' ? Number.NaN : input.valueAsNumber;
}
