// The <cosine-heatmap> element's error box: the message the demo page would
// show, inside the element over its plot (role="alert", so it is announced),
// with a button that dismisses it. What was drawn before stays underneath.

/**
 * The words the demo page uses for a failure of `action`: "Could not open
 * the data: …" ('load'), "Could not apply the settings: …" ('settings'),
 * "Could not show that part of the matrix: …" ('view'). A parser's message
 * (file, line and column) stands alone, as on the page.
 */
export function describeFailure(error, action) {
  const message = error?.message ?? String(error);
  if (error?.name === 'ParseError') return message;
  const context = {
    load: 'Could not open the data',
    settings: 'Could not apply the settings',
    view: 'Could not show that part of the matrix',
  }[action];
  return context ? `${context}: ${message}` : message;
}

/** Shows `text` in `host`'s error box (made on first use); returns the box. */
export function showErrorBox(host, text) {
  let box = host.querySelector(':scope > .cosine-heatmap-error');
  if (!box) {
    box = document.createElement('div');
    box.className = 'cosine-heatmap-error';
    box.setAttribute('role', 'alert');
    const message = document.createElement('span');
    message.className = 'cosine-heatmap-error-message';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'cosine-heatmap-error-close';
    close.setAttribute('aria-label', 'Dismiss this message');
    close.textContent = '×';
    close.addEventListener('click', () => { box.hidden = true; });
    box.append(message, close);
    host.append(box);
  }
  box.querySelector('.cosine-heatmap-error-message').textContent = text;
  box.hidden = false;
  return box;
}

/** Hides `host`'s error box, if it has one. */
export function clearErrorBox(host) {
  const box = host.querySelector(':scope > .cosine-heatmap-error');
  if (box) box.hidden = true;
}

// The box's look, the page's error colours. :where() keeps the specificity
// at zero, so any rule of the page's wins.
export const ERROR_BOX_STYLE = [
  ':where(.cosine-heatmap-error){position:absolute;top:8px;left:8px;right:8px;z-index:1002;',
  'display:flex;gap:.6rem;align-items:flex-start;padding:.6rem .8rem;border:1px solid #e3a5aa;border-left:4px solid #a3212b;',
  'border-radius:5px;background:#fdf2f3;color:#a3212b;font:14px/1.4 system-ui,sans-serif;overflow-wrap:anywhere}',
  ':where(.cosine-heatmap-error[hidden]){display:none}',
  ':where(.cosine-heatmap-error-message){flex:1}',
  ':where(.cosine-heatmap-error-close){border:0;background:none;color:inherit;font-size:1.2rem;',
  'line-height:1;cursor:pointer;padding:0 .2rem}',
].join('');
