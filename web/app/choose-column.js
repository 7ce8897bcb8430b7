// When a Parquet or Arrow file has several columns that could be the
// embeddings (or a safetensors file several 2-D float tensors), the parser
// refuses with the candidates; this asks the person which one, in a modal
// dialog, and resolves to the name, or null on Cancel / Escape.

/**
 * @param {{file: string, candidates: string[], code?: string}} error  the parser's ParseError
 * @param {{signal?: AbortSignal, doc?: Document}} [options]  a cancel closes the dialog
 * @returns {Promise<string|null>}
 */
export function chooseColumn(error, { signal, doc = document } = {}) {
  const what = error.code === 'AMBIGUOUS_TENSOR' ? 'tensor' : 'column';
  const dialog = doc.createElement('dialog');
  dialog.className = 'choose-column';
  // Styled here rather than in style.css: the dialog is this module's alone.
  dialog.style.cssText = 'max-width: 28rem; border: 1px solid #c6ceda; border-radius: 6px; padding: 1rem 1.25rem;';
  dialog.setAttribute('aria-labelledby', 'choose-column-title');
  const form = doc.createElement('form');
  form.method = 'dialog';
  const title = doc.createElement('h2');
  title.id = 'choose-column-title';
  title.textContent = `Which ${what} holds the embeddings?`;
  title.style.cssText = 'margin: 0 0 0.5rem; font-size: 1.1rem;';
  const note = doc.createElement('p');
  note.textContent = `${error.file} has ${error.candidates.length} ${what}s that could be the embeddings.`;
  const label = doc.createElement('label');
  label.textContent = `Embeddings ${what}`;
  label.htmlFor = 'choose-column-select';
  label.style.cssText = 'display: block; margin: 0.5rem 0 0.25rem;';
  const select = doc.createElement('select');
  select.id = 'choose-column-select';
  select.style.width = '100%';
  for (const name of error.candidates) select.add(new Option(name, name));
  const buttons = doc.createElement('div');
  buttons.className = 'choose-column-buttons';
  buttons.style.cssText = 'display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 1rem;';
  const ok = doc.createElement('button');
  ok.value = 'ok';
  ok.textContent = `Use this ${what}`;
  const cancel = doc.createElement('button');
  cancel.value = 'cancel';
  cancel.textContent = 'Cancel';
  buttons.append(ok, cancel);
  form.append(title, note, label, select, buttons);
  dialog.append(form);
  doc.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok' ? select.value : null);
    }, { once: true });
    signal?.addEventListener('abort', () => dialog.close(), { once: true });
    dialog.showModal();
    select.focus();
  });
}
