import { CosineSimilarityHeatmap, ParseError } from '../src/index.js';
import { attachAnalysis } from './analysis.js';
import { classifyFiles } from './classify-files.js';
import { readControls, watchControls, writeControls } from './controls.js';
import { DEFAULT_DATA } from './default-data.js';
import { attachExportButtons } from './export-buttons.js';
import { attachExplore } from './explore.js';
import { watchDrops } from './drop-zone.js';
import { parseDataSet, withMetadata } from './load-data-set.js';
import {
  choiceValues, defaultGroupChoice, defaultLabelChoice, distinctLabels, fillSelect, groupChoices, labelChoices,
} from './metadata-columns.js';
import { watchLevel } from './level.js';
import { ProgressBox } from './progress.js';
import { describePicture, describeResult, StatusLine } from './status.js';
import { watchTabs } from './tabs.js';
import { attachTextsTab } from './texts-tab.js';
import { fetchFile, readUrlParams } from './url-params.js';

const form = document.getElementById('controls');
const plot = document.getElementById('heatmap');
const statusLine = document.getElementById('status');
const status = new StatusLine(statusLine, document.getElementById('error'));
const progress = new ProgressBox(document.getElementById('progress'));
const embeddingsInput = document.getElementById('embeddings-file');
const metadataInput = document.getElementById('metadata-file');
const labelSelect = document.getElementById('labelColumn');
const groupSelect = document.getElementById('groupColumn');
const count = new Intl.NumberFormat('en-US');

const view = new CosineSimilarityHeatmap(plot);
const defaults = view.options;
const showLevel = watchLevel(view, document.getElementById('level'));
// Statistics, neighbours, Compare and queries against documents follow the view.
const analysis = attachAnalysis(view);
// Find, colour strips, the dendrogram's cut and the selection; a cut or a
// selection made a group are groups the statistics follow.
attachExplore(view, document.getElementById('explore-panel'), {
  dataSet: () => current,
  onGroups: async (groups, { regroup }) => {
    if (regroup) await view.update({ groups });
    analysis.shown(groups);
  },
  onError: (error) => status.error(error, 'Could not do that'),
});
attachExportButtons(view, document.getElementById('export-buttons'), {
  onError: (error) => status.error(error, 'Could not export'),
});
// A zoom recompute or a background order has no caller to reject: its
// failure is reported here.
view.addEventListener?.('error', (event) => status.error(event.detail, 'Could not show that part of the matrix'));
// The file-order picture comes first; the status line says when the ordered
// one replaces it (and which order it is).
view.addEventListener?.('order', (event) => {
  statusLine.dataset.order = event.detail.pending ? 'pending' : 'done';
  if (current && view.embeddings && statusLine.dataset.state === 'done') status.done(describeResult(view, current));
  // Compare draws in the heatmap's order: it follows the ordered picture.
  if (!event.detail.pending) analysis.optionsChanged();
});
// Controls for options this view does not have stay hidden.
for (const wrapper of form.querySelectorAll('[data-option]')) wrapper.hidden = !(wrapper.dataset.option in defaults);
writeControls(form, defaults);
enableRangeInputs();
watchControls(form, applyControls);
form.addEventListener('reset', (event) => {
  // Back to the view's defaults (the reference's), not the HTML's values.
  event.preventDefault();
  writeControls(form, defaults);
  applyControls(readControls(form));
});

// The data set shown: {name, metadataName?, embeddings, metadata?, parseMs,
// labelChoice, groupChoice}. Replaced only once its heatmap is drawn, so a
// failed load leaves the page exactly as it was.
let current = null;
let loading = null; // the AbortController of the load in progress
let generation = 0; // the newest load or relabel wins

watchDrops(document.getElementById('drop-zone'), async (files) => {
  try {
    await open(await classifyFiles(files));
  } catch (error) {
    fail(error);
  }
});
embeddingsInput.addEventListener('change', () => pick(embeddingsInput, (file) => open({ embeddings: file })));
metadataInput.addEventListener('change', () => pick(metadataInput, (file) => open({ metadata: file })));
labelSelect.addEventListener('change', () => relabel());
groupSelect.addEventListener('change', () => relabel());
watchTabs(document.querySelector('.source-tabs'));
// Texts embedded in the Texts tab come in as a data set too; a file opened
// meanwhile stops the embedding (the newest load wins), and the other way round.
const texts = attachTextsTab(document.getElementById('texts-panel'), {
  status,
  begin: () => loading?.abort(),
  show: showTexts,
  fail,
  cancelled,
});

start();

async function start() {
  const token = generation;
  let sources;
  try {
    const params = readUrlParams(location.href);
    const spec = params ?? { data: DEFAULT_DATA.vectors, labels: DEFAULT_DATA.metadata, format: 'auto' };
    status.busy(`Loading ${params ? spec.data.pathname : DEFAULT_DATA.name}…`);
    const [embeddings, metadata] = await Promise.all([fetchFile(spec.data), spec.labels && fetchFile(spec.labels)]);
    sources = { embeddings, metadata, format: spec.format, prefer: params ? {} : DEFAULT_DATA };
  } catch (error) {
    if (token === generation) fail(error);
    return;
  }
  // A file dropped while these downloaded wins.
  if (token === generation) await open(sources);
}

function pick(input, openFile) {
  const [file] = input.files;
  input.value = ''; // choosing the same file again is a change too
  if (file) openFile(file);
}

/**
 * Parses the files off the page's thread and shows them. Without an
 * embeddings file, the metadata relabels the data set shown.
 * @param {{embeddings?: File|null, metadata?: File|null, format?: string,
 *          prefer?: {labelColumn?: string, groupColumn?: string}}} sources
 */
async function open({ embeddings, metadata, format = 'auto', prefer = {} }) {
  loading?.abort();
  texts.cancel();
  const controller = new AbortController();
  loading = controller;
  const token = ++generation;
  const files = [embeddings, metadata].filter(Boolean);
  const names = files.map((file) => file.name).join(' and ');
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const onProgress = progress.start(`Parsing ${names}…`, bytes, () => controller.abort());
  status.busy(`Parsing ${names}…`);
  plot.setAttribute('aria-busy', 'true');
  try {
    const { signal } = controller;
    const next = embeddings
      ? await parseDataSet({ embeddings, metadata, format }, { signal, onProgress })
      : await withMetadata(current, metadata, { signal });
    if (token !== generation) return;
    // A cancel that lands while the worker starts up may not stop it; it still cancels.
    if (signal.aborted) throw signal.reason;
    progress.stop();
    next.labelChoice = defaultLabelChoice(next, prefer.labelColumn);
    next.groupChoice = defaultGroupChoice(next, prefer.groupColumn);
    // A metadata file alone relabels the embeddings shown: same set, same statistics.
    if (embeddings) await show(next, token);
    else await regroup(next, token);
  } catch (error) {
    if (token !== generation) return;
    if (controller.signal.aborted) cancelled(names);
    else fail(error);
  } finally {
    if (token === generation) {
      loading = null;
      progress.stop();
      plot.removeAttribute('aria-busy');
    }
  }
}

// A new label or group column for the data set shown.
async function relabel() {
  if (!current) return;
  const token = ++generation;
  loading?.abort();
  try {
    await regroup({ ...current, labelChoice: labelSelect.value, groupChoice: groupSelect.value }, token);
  } catch (error) {
    if (token === generation) fail(error);
  }
}

// New labels or groups for the data set shown (a column chosen, a metadata
// file opened): the view relabels and regroups in place, without loading the
// embeddings again or recomputing the similarities, so the statistics kept
// for the set stay (a group change computes only the group numbers).
async function regroup(next, token) {
  const groups = choiceValues(next, next.groupChoice) ?? null;
  await view.update({
    labels: distinctLabels(choiceValues(next, next.labelChoice)) ?? null,
    groups,
    ...(groups ? {} : withoutGroupOrder()),
  });
  if (token !== generation) return;
  current = next;
  showChoices();
  status.clearError();
  status.done(describeResult(view, current));
  analysis.shown(groups);
}

// Ordering by group needs groups: without them, back to the default order.
function withoutGroupOrder() {
  const order = form.elements.namedItem('order');
  if (order?.value !== 'groups') return {};
  order.value = defaults.order;
  return { order: defaults.order };
}

async function show(next, token) {
  const [n, d] = next.embeddings.dims;
  status.busy(`Normalizing ${count.format(n)} × ${count.format(d)} embeddings and drawing their similarities…`);
  const labels = distinctLabels(choiceValues(next, next.labelChoice));
  const groups = choiceValues(next, next.groupChoice);
  if (!groups) {
    const change = withoutGroupOrder();
    if (change.order) await view.update(change);
  }
  await view.setEmbeddings(next.embeddings, { labels, groups });
  if (token !== generation) return;
  next.picture = describePicture(view);
  current = next;
  showChoices();
  showLevel();
  status.clearError();
  status.done(describeResult(view, current));
  analysis.shown(groups);
}

function showChoices() {
  fillSelect(labelSelect, labelChoices(current), current.labelChoice);
  fillSelect(groupSelect, groupChoices(current), current.groupChoice);
  labelSelect.disabled = labelSelect.options.length < 2;
  groupSelect.disabled = groupSelect.options.length < 2;
  const byGroup = form.querySelector('#order option[value="groups"]');
  if (byGroup) byGroup.disabled = current.groupChoice === '';
}

// The message as the parser wrote it (file, line and column); everything
// shown before stays, selects included.
function fail(error, context = 'Could not open the data') {
  status.error(error, error instanceof ParseError ? '' : context);
  if (current) {
    showChoices();
    status.done(`Still showing ${describeResult(view, current)}`);
  } else {
    status.done('Nothing to show yet: drop an embeddings file on the page, or choose one.');
  }
}

// Embedded texts: {name, embeddings, metadata: one "text" column}.
async function showTexts(next) {
  const token = ++generation;
  next.labelChoice = defaultLabelChoice(next, 'text');
  next.groupChoice = '';
  await show(next, token);
}

function cancelled(names) {
  status.done(`Cancelled ${names}.${current ? ` Still showing ${describeResult(view, current)}` : ''}`);
}

// Restyles the plot in place; the similarities are not recomputed.
async function applyControls(options) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  enableRangeInputs();
  try {
    await view.update(supported(options));
    showLevel();
    analysis.optionsChanged();
    status.clearError();
  } catch (error) {
    const option = /option (\w+)/.exec(error.message)?.[1];
    form.elements.namedItem(option)?.setAttribute?.('aria-invalid', 'true');
    status.error(error, 'Could not apply the settings');
  }
}

// Minimum and maximum apply to the fixed range only.
function enableRangeInputs() {
  const range = form.elements.namedItem('range');
  for (const name of ['zmin', 'zmax']) form.elements.namedItem(name).disabled = range ? range.value !== 'fixed' : false;
}

// Only the options this view knows: update() refuses unknown ones.
function supported(options) {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => key in defaults && value !== undefined));
}
