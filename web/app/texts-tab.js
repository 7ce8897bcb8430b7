import { checkTextLines, columnLines, defaultTextColumn, isTable, readTable, textLines } from './texts-source.js';
import { describeEmbedder, embedTexts } from './texts-embedders.js';
import { fillSelect } from './metadata-columns.js';

// The Texts tab: texts typed, pasted or read from a .txt/.csv become
// embeddings (built-in embedder or a Transformers.js model), then a data set
// whose labels are the texts. The page (main.js) shows it; until then the
// heatmap shown stays.

const count = new Intl.NumberFormat('en-US');
const rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const SUPERSEDED = Symbol('superseded'); // a file load started: no "Cancelled" message
// Chromium lays out a textarea of some megabytes for seconds on every
// change; a longer file is held aside and summarized instead of shown.
const SHOW_AT_MOST_CHARS = 1_000_000;

/**
 * @param {HTMLElement} panel  the #texts-panel section
 * @param {{status: import('./status.js').StatusLine,
 *          begin: () => void,
 *          show: (dataSet: object) => Promise<void>,
 *          fail: (error: unknown, context: string) => void,
 *          cancelled: (what: string) => void}} page
 * @returns {{cancel: () => void}}  cancel(): stop embedding, quietly (another load won)
 */
export function attachTextsTab(panel, page) {
  const $ = (selector) => panel.querySelector(selector);
  const form = $('#texts-form');
  const textarea = $('#texts-input');
  const fileInput = $('#texts-file');
  const columnRow = $('#texts-column-row');
  const columnSelect = $('#texts-column');
  const summary = $('#texts-summary');
  const embedButton = $('#texts-embed');
  const progress = new TextsProgress($('#texts-progress'));
  // The file the texts came from: {name, table?, edited, held?}; held is
  // its text when too long for the textarea, which then stays empty.
  let source = null;
  const placeholder = textarea.placeholder;
  const currentText = () => source?.held ?? textarea.value;
  const setText = (text) => {
    const hold = text.length > SHOW_AT_MOST_CHARS;
    source.held = hold ? text : undefined;
    source.edited = false;
    textarea.value = hold ? '' : text;
    textarea.placeholder = hold ? `The texts of ${source.name} are too long to show here; typing here replaces them.` : placeholder;
    summarize();
  };
  let running = null; // the AbortController of the embedding in progress

  const summarize = () => {
    const { texts, blank } = textLines(currentText());
    summary.textContent = texts.length === 0 ? ''
      : `${count.format(texts.length)} text${texts.length === 1 ? '' : 's'}` +
        (blank > 0 ? `; ${count.format(blank)} blank line${blank === 1 ? '' : 's'} will be skipped` : '');
  };
  const showEmbedder = () => {
    const kind = form.elements.namedItem('embedder').value;
    for (const box of panel.querySelectorAll('[data-embedder]')) box.hidden = box.dataset.embedder !== kind;
  };

  textarea.addEventListener('input', () => {
    if (source?.held !== undefined) {
      source = null; // typed texts replace a file held aside
      textarea.placeholder = placeholder;
      columnRow.hidden = true;
    }
    if (source) source.edited = true;
    summarize();
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'embedder') showEmbedder();
  });
  fileInput.addEventListener('change', async () => {
    const [file] = fileInput.files;
    fileInput.value = ''; // choosing the same file again is a change too
    if (!file) return;
    try {
      await readFile(file);
      page.status.clearError();
    } catch (error) {
      page.fail(error, `Could not read ${file.name}`);
    }
  });
  columnSelect.addEventListener('change', () => {
    if (!source?.table) return;
    setText(columnLines(source.table, Number(columnSelect.value)));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    embed();
  });
  $('#texts-cancel').addEventListener('click', () => running?.abort());

  showEmbedder();
  summarize();

  async function readFile(file) {
    if (isTable(file)) {
      const table = await readTable(file);
      const column = defaultTextColumn(table.columns);
      fillSelect(columnSelect, table.columns.map((name, i) => ({ value: String(i), text: name.trim() || `column ${i + 1}` })), String(column));
      columnRow.hidden = false;
      source = { name: file.name, table };
      setText(columnLines(table, column));
    } else {
      const text = await file.text();
      columnRow.hidden = true;
      source = { name: file.name };
      setText(text);
    }
  }

  async function embed() {
    let lines;
    try {
      lines = textLines(currentText());
      checkTextLines(lines);
    } catch (error) {
      page.fail(error, 'Nothing to embed');
      textarea.focus();
      return;
    }
    const settings = readSettings(form);
    const { texts } = lines;
    const what = `${count.format(texts.length)} text${texts.length === 1 ? '' : 's'}`;
    const name = source ? `${source.name}${source.table ? ` (${columnSelect.selectedOptions[0]?.text})` : ''}${source.edited ? ' (edited)' : ''}` : 'pasted texts';
    page.begin();
    running?.abort(SUPERSEDED);
    const controller = new AbortController();
    running = controller;
    embedButton.disabled = true;
    page.status.busy(`Embedding ${what} with ${describeEmbedder(settings)}…`);
    const started = performance.now();
    const onProgress = progress.start(texts.length);
    try {
      const embeddings = await embedTexts(texts, settings, { signal: controller.signal, onProgress });
      if (controller.signal.aborted) throw controller.signal.reason;
      const ms = performance.now() - started;
      progress.stop();
      await page.show({
        name: `${what} from ${name}, embedded by ${describeEmbedder(settings)} in ${formatTime(ms)} ` +
          `(${rate.format(texts.length / (ms / 1000))} texts/s)`,
        embeddings,
        metadata: { columns: ['text'], rows: texts.map((text) => [text]) },
      });
    } catch (error) {
      const reason = controller.signal.reason;
      if (reason === SUPERSEDED) return;
      if (controller.signal.aborted) page.cancelled(`embedding ${what}`);
      else page.fail(error, 'Could not embed the texts');
    } finally {
      if (running === controller) {
        running = null;
        progress.stop();
        embedButton.disabled = false;
      }
    }
  }

  return { cancel: () => running?.abort(SUPERSEDED) };
}

function readSettings(form) {
  const field = (name) => form.elements.namedItem(name);
  if (field('embedder').value === 'transformers') return { kind: 'transformers', model: field('model').value };
  return {
    kind: 'builtin',
    dim: integer(field('dim'), 4096),
    svdComponents: integer(field('svdComponents'), 0),
  };
}

// An empty field is its default; anything else goes to the engine as typed,
// so that a bad value gets the engine's message naming the limits.
function integer(input, fallback) {
  return input.value.trim() === '' ? fallback : Number(input.value);
}

function formatTime(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${rate.format(ms / 1000)} s`;
}

// The tab's progress box: model files while they load (bytes), then texts
// embedded, with the rate in texts per second.
class TextsProgress {
  #box;
  #label;
  #bar;
  #text;
  #embedStart = 0;

  constructor(box) {
    this.#box = box;
    this.#label = box.querySelector('.progress-label');
    this.#bar = box.querySelector('progress');
    this.#text = box.querySelector('.progress-count');
  }

  /** @returns {(p: {phase: string, done: number, total: number, file?: string}) => void} */
  start(total) {
    this.#embedStart = 0;
    this.#box.hidden = false;
    this.#embedded(0, total);
    this.#embedStart = 0; // the rate counts from the first text, not from loading the model
    return ({ phase, done, total: all, file }) => {
      if (phase === 'load') this.#loading(file, done, all);
      else this.#embedded(done, all);
    };
  }

  stop() {
    this.#box.hidden = true;
  }

  #loading(file, done, total) {
    this.#label.textContent = `Loading the model: ${file}…`;
    this.#bar.value = total > 0 ? Math.min(1, done / total) : 0;
    this.#text.textContent = total > 0 ? percent.format(Math.min(1, done / total)) : '';
  }

  #embedded(done, total) {
    const now = performance.now();
    if (this.#embedStart === 0) this.#embedStart = now;
    const seconds = (now - this.#embedStart) / 1000;
    const whole = Math.floor(done);
    this.#label.textContent = 'Embedding…';
    this.#bar.value = total > 0 ? Math.min(1, done / total) : 0;
    this.#text.textContent = `${count.format(whole)} / ${count.format(total)}` +
      (whole > 0 && seconds > 0 ? ` · ${rate.format(whole / seconds)} texts/s` : '');
  }
}
