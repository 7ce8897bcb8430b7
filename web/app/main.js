import { readControls, watchControls, writeControls } from './controls.js';
import { DEFAULT_DATA, loadDefaultData } from './default-data.js';
import { CosineSimilarityHeatmap } from '../src/index.js';
import { describeResult, StatusLine } from './status.js';

const form = document.getElementById('controls');
const plot = document.getElementById('heatmap');
const status = new StatusLine(document.getElementById('status'), document.getElementById('error'));
const count = new Intl.NumberFormat('en-US');

const view = new CosineSimilarityHeatmap(plot);
const defaults = view.options;
writeControls(form, defaults);
watchControls(form, applyControls);
form.addEventListener('reset', (event) => {
  // Back to the view's defaults (the reference's), not the HTML's values.
  event.preventDefault();
  writeControls(form, defaults);
  applyControls(readControls(form));
});

showDefaultData();

async function showDefaultData() {
  try {
    plot.setAttribute('aria-busy', 'true');
    status.busy(`Loading ${DEFAULT_DATA.name}…`);
    const { embeddings, labels } = await loadDefaultData();
    const [n, d] = embeddings.dims;
    status.busy(`Computing ${count.format(n * n)} cosine similarities of ${count.format(n)} × ${count.format(d)} embeddings…`);
    await view.setEmbeddings(embeddings, { labels });
    status.done(describeResult(view));
  } catch (error) {
    status.done('Nothing to show.');
    status.error(error, 'Could not show the default data set');
  } finally {
    plot.removeAttribute('aria-busy');
  }
}

// Restyles the plot in place; the similarities are not recomputed.
async function applyControls(options) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  try {
    await view.update(options);
    status.clearError();
  } catch (error) {
    const option = /option (\w+)/.exec(error.message)?.[1];
    form.elements.namedItem(option)?.setAttribute?.('aria-invalid', 'true');
    status.error(error, 'Could not apply the settings');
  }
}
