import { CosineSimilarityHeatmap, loadEngine, ParseError } from '../src/index.js';
import { DEFAULT_MATRIX_BUDGET_BYTES } from '../src/engine.js';
import { orderWords } from '../src/heatmap-order.js';
import { attachAnalysis } from './analysis.js';
import { classifyFiles } from './classify-files.js';
import { readControls, watchControls, writeControls } from './controls.js';
import { DEFAULT_DATA } from './default-data.js';
import { attachDrawer } from './drawer.js';
import { attachExportButtons } from './export-buttons.js';
import { attachExplore } from './explore.js';
import { watchDrops } from './drop-zone.js';
import { parseDataSet, withMetadata } from './load-data-set.js';
import {
  choiceValues, defaultGroupChoice, defaultLabelChoice, distinctLabels, fillSelect, groupChoices, labelChoices,
} from './metadata-columns.js';
import { watchLevel } from './level.js';
import { OrderMenu, settledOption } from './order-menu.js';
import { ActivityBox, activityCard, afterPaint } from './progress.js';
import { attachZoomActivity } from './zoom-activity.js';
import { describePicture, describeResult, StatusLine } from './status.js';
import { watchTabs } from './tabs.js';
import { attachTextsTab } from './texts-tab.js';
import { fetchFile, readUrlParams } from './url-params.js';

const form = document.getElementById('controls');
const plot = document.getElementById('heatmap');
const statusLine = document.getElementById('status');
const status = new StatusLine(statusLine, document.getElementById('error'));
const activity = new ActivityBox(document.getElementById('progress'));
const drawer = attachDrawer(document.getElementById('drawer-toggle'), document.getElementById('sidebar'));
const embeddingsInput = document.getElementById('embeddings-file');
const metadataInput = document.getElementById('metadata-file');
const labelSelect = document.getElementById('labelColumn');
const groupSelect = document.getElementById('groupColumn');
const count = new Intl.NumberFormat('en-US');

const view = new CosineSimilarityHeatmap(plot);
const defaults = view.options;
const showLevel = watchLevel(view, document.getElementById('level'));
// The view's engine (the shared default one): its limits decide which
// orders and exports can apply, before anything is asked of it.
let engineLimits = { maxHierarchicalItems: Infinity, matrixBudgetBytes: DEFAULT_MATRIX_BUDGET_BYTES };
loadEngine().then((engine) => {
  engineLimits = { maxHierarchicalItems: engine.limits.maxHierarchicalItems, matrixBudgetBytes: engine.matrixBudgetBytes };
  if (current) showChoices();
}, () => {}); // a failed start is reported by the load that needs it
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
// An export that takes long (the whole matrix, a large set's statistics)
// shows its progress and Cancel under the buttons.
const exportCard = activityCard('export');
document.getElementById('export-buttons').after(exportCard);
const exportButtons = attachExportButtons(view, document.getElementById('export-buttons'), {
  onError: (error) => status.error(error, 'Could not export'),
  onDone: () => status.clearError(),
  onCancelled: (what) => cancelled(`the export of ${what}`),
  matrixBudgetBytes: () => engineLimits.matrixBudgetBytes,
  activity: new ActivityBox(exportCard),
});
// A zoom recompute or a background order has no caller to reject: its
// failure is reported here. The banner goes with the next action that
// succeeds (a zoom drawn, settings applied, an export, a load), not with a
// redraw nobody asked for (a resize).
view.addEventListener?.('error', (event) => status.error(event.detail, 'Could not show that part of the matrix'));

// The order menu shows the order drawn, or the one being computed; Cancel
// goes back to the one drawn. A new data set is drawn in file order first.
const orderMenu = new OrderMenu(form.elements.namedItem('order'), document.getElementById('order-reason'));
let drawnOrder = 'original'; // the order option whose picture is on screen
let orderedSet = null;
let ordering = null; // the activity of the order being computed
view.addEventListener?.('order', (event) => {
  const state = event.detail;
  if (view.embeddings !== orderedSet) {
    orderedSet = view.embeddings;
    drawnOrder = 'original';
  }
  if (!state.pending) drawnOrder = settledOption(state);
  orderMenu.show(state, drawnOrder);
  statusLine.dataset.order = state.pending ? 'pending' : 'done';
  if (current && view.embeddings && statusLine.dataset.state === 'done') status.done(describeResult(view, current));
  if (state.pending) {
    ordering = activity.start(`Ordering by ${orderWords(state.method, state.requested)}…`, { onCancel: cancelOrder });
  } else {
    ordering?.end();
    ordering = null;
    // Compare draws in the heatmap's order: it follows the ordered picture.
    analysis.optionsChanged();
  }
});
// The view counts the cells of a picture it computes: the bar of the
// activity shown follows them (the parse counts its own bytes).
view.addEventListener?.('progress', (event) => viewProgress?.(event.detail));
let viewProgress = null;
const zoomActivity = attachZoomActivity(plot, view, activity, (onProgress) => { viewProgress = onProgress; },
  () => status.clearError());
// The status names the cells of the whole matrix drawn: a later picture of
// it with other cells (the ordered labels took another margin, a resize)
// is said, so the status never names cells that are not on screen.
view.addEventListener?.('level', (event) => {
  const level = event.detail;
  // During a load the level is the new set's, not the one `current` describes.
  if (loading || !current?.firstDims || !level?.full || !view.embeddings) return;
  current.picture = describePicture(view, current.firstDims);
  if (statusLine.dataset.state === 'done') status.done(describeResult(view, current));
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
  drawer.close(); // the plot and the progress are what to look at now
  const work = activity.start(`Parsing ${names}…`, { onCancel: () => controller.abort() });
  status.busy(`Parsing ${names}…`);
  plot.setAttribute('aria-busy', 'true');
  try {
    const { signal } = controller;
    const next = embeddings
      ? await parseDataSet({ embeddings, metadata, format }, { signal, onProgress: work.progress })
      : await withMetadata(current, metadata, { signal });
    if (token !== generation) return;
    // A cancel that lands while the worker starts up may not stop it; it still cancels.
    if (signal.aborted) throw signal.reason;
    next.labelChoice = defaultLabelChoice(next, prefer.labelColumn ?? next.labelColumn);
    next.groupChoice = defaultGroupChoice(next, prefer.groupColumn);
    // A metadata file alone relabels the embeddings shown: same set, same statistics.
    if (embeddings) await show(next, token, { signal, work });
    else await regroup(next, token);
  } catch (error) {
    if (token !== generation) return;
    if (controller.signal.aborted) cancelled(names);
    else fail(error);
  } finally {
    work.end();
    if (token === generation) {
      loading = null;
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

// Draws a parsed (or embedded) data set. `work` is the activity shown, with
// `signal` its Cancel: cancelled before the first picture, the view keeps
// what it showed (setEmbeddings rejects with the signal's reason).
async function show(next, token, { signal, work }) {
  const [n, d] = next.embeddings.dims;
  const doing = `Normalizing ${count.format(n)} × ${count.format(d)} embeddings and drawing their similarities…`;
  status.busy(doing);
  work.say(doing);
  work.progress({ done: 0, total: 0 });
  const labels = distinctLabels(choiceValues(next, next.labelChoice));
  const groups = choiceValues(next, next.groupChoice);
  if (!groups) {
    const change = withoutGroupOrder();
    if (change.order) await view.update(change);
  }
  viewProgress = work.progress;
  try {
    await view.setEmbeddings(next.embeddings, { labels, groups, signal });
  } finally {
    if (viewProgress === work.progress) viewProgress = null;
  }
  if (token !== generation) return;
  next.picture = describePicture(view);
  next.firstDims = [...view.level.dims];
  current = next;
  showChoices();
  showLevel();
  exportButtons?.refresh();
  zoomActivity.watch();
  status.clearError();
  status.done(describeResult(view, current));
  analysis.shown(groups);
}

function showChoices() {
  fillSelect(labelSelect, labelChoices(current), current.labelChoice);
  fillSelect(groupSelect, groupChoices(current), current.groupChoice);
  labelSelect.disabled = labelSelect.options.length < 2;
  groupSelect.disabled = groupSelect.options.length < 2;
  orderMenu.limit({
    size: current.embeddings.dims[0],
    hasGroups: current.groupChoice !== '',
    maxHierarchicalItems: engineLimits.maxHierarchicalItems,
  });
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

// Embedded texts: {name, embeddings, metadata: one "text" column}. Their
// similarities are the next step, with its own Cancel.
async function showTexts(next) {
  loading?.abort();
  const token = ++generation;
  const controller = new AbortController();
  loading = controller;
  next.labelChoice = defaultLabelChoice(next, 'text');
  next.groupChoice = '';
  drawer.close(); // the texts are embedded: the plot is what to look at now
  const work = activity.start('Computing the similarities of the texts…', { onCancel: () => controller.abort() });
  try {
    await show(next, token, { signal: controller.signal, work });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    if (token === generation) cancelled(`the similarities of ${count.format(next.embeddings.dims[0])} texts`);
  } finally {
    work.end();
    if (loading === controller) loading = null;
  }
}

function cancelled(names) {
  status.done(`Cancelled ${names}.${current ? ` Still showing ${describeResult(view, current)}` : ''}`);
}

// Restyles the plot in place; the similarities are not recomputed. A new
// order shows its own activity (the 'order' events); anything else that
// takes long shows "Redrawing…" with a Cancel that puts back what is drawn.
let drawnOptions = defaults;
let controlsSeq = 0;
const REDRAWN_BY = ['range', 'maskDiagonal', 'colorScale', 'reverseScale', 'zmin', 'zmax'];
async function applyControls(options) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  enableRangeInputs();
  const changes = supported(options);
  const seq = ++controlsSeq;
  const reorder = changes.order !== undefined && changes.order !== view.options.order;
  // An order being computed keeps its own activity (and Cancel) on show.
  const quiet = reorder || !view.embeddings || ordering?.active;
  // A new picture of the same cells is drawn by Plotly on this thread: say
  // so first (no timer fires meanwhile, and there is nothing to cancel).
  const redraws = REDRAWN_BY.some((key) => key in changes && changes[key] !== view.options[key]);
  const work = quiet ? null
    : activity.start('Redrawing with the new settings…', redraws ? { now: true } : { onCancel: revertControls });
  try {
    if (work && redraws) await afterPaint();
    if (seq !== controlsSeq) return; // a newer change came while painting
    await view.update(changes);
    if (seq === controlsSeq) drawnOptions = view.options;
    showLevel();
    analysis.optionsChanged();
    status.clearError();
  } catch (error) {
    const option = /option (\w+)/.exec(error.message)?.[1];
    form.elements.namedItem(option)?.setAttribute?.('aria-invalid', 'true');
    status.error(error, 'Could not apply the settings');
    // The order menu goes back to the order drawn (a refused order changes nothing).
    orderMenu.show(view.orderStatus, drawnOrder);
  } finally {
    work?.end();
  }
}

// Cancel of a redraw: the controls and the view go back to what is drawn.
function revertControls() {
  writeControls(form, { ...drawnOptions, order: drawnOrder });
  applyControls(readControls(form));
}

// Cancel of an order being computed: back to the order drawn (the engine's
// answer, when it comes, is dropped; orders drawn before are kept, so going
// back is quick).
function cancelOrder() {
  const field = form.elements.namedItem('order');
  if (!field) return;
  field.value = drawnOrder;
  applyControls(readControls(form));
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
