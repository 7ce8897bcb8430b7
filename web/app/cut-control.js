import { clusterLabelsCsv } from '../src/dendrogram-tree.js';
import { downloadFile } from '../src/exports.js';
import { element } from './dom.js';
import { formatCount, formatNumber } from './plot-text.js';

// Cutting the dendrogram: into k clusters, or at a height dragged across the
// tree. The clusters colour the tree and become the groups (lines on the
// heatmap, group statistics); their labels export as CSV. Available while a
// tree is drawn (hierarchical orders).
export class CutControl {
  #view;
  #box;
  #k;
  #summary;
  #onGroups;
  #onError;

  constructor(container, view, { onGroups, onError }) {
    this.#view = view;
    this.#onGroups = onGroups;
    this.#onError = onError;
    this.#k = element('input', { id: 'cut-k', type: 'number', min: 2, max: 100, step: 1, value: 4, inputMode: 'numeric' });
    this.#summary = element('p', { id: 'cut-summary', className: 'hint' });
    this.#summary.setAttribute('aria-live', 'polite');
    const cut = element('button', { type: 'button', id: 'cut-apply' }, 'Cut');
    const undo = element('button', { type: 'button', id: 'cut-undo' }, 'Undo the cut');
    const csv = element('button', { type: 'button', id: 'cut-csv' }, 'Cluster labels (CSV)');
    cut.addEventListener('click', () => this.#cut());
    this.#k.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.#cut();
    });
    undo.addEventListener('click', () => this.#run(() => view.cut(null)));
    csv.addEventListener('click', () => {
      const clusters = view.clusters;
      if (clusters) downloadFile(clusterLabelsCsv(clusters.labels, view.labels), 'clusters.csv', 'text/csv;charset=utf-8');
    });
    this.#box = element('fieldset', { className: 'cut-control', hidden: true },
      element('legend', {}, 'Cut the tree'),
      element('div', { className: 'cut-row' }, element('label', { htmlFor: 'cut-k' }, 'Clusters (k)'), this.#k, cut),
      element('p', { className: 'hint' }, 'Or drag across the dendrogram to cut it at a height (cosine distance); a click on a branch selects its subtree.'),
      this.#summary,
      element('div', { className: 'cut-row' }, undo, csv));
    container.append(this.#box);
    view.addEventListener('dendrogram', () => this.refresh());
    view.addEventListener('cut', async () => {
      this.refresh();
      await this.#onGroups(view.groups);
    });
  }

  /** Shown while a tree is drawn; says what the last cut made. */
  refresh() {
    const view = this.#view;
    this.#box.hidden = !view.dendrogram;
    const clusters = view.clusters;
    this.#box.querySelector('#cut-undo').disabled = !clusters;
    this.#box.querySelector('#cut-csv').disabled = !clusters;
    this.#summary.textContent = clusters
      ? `${formatCount(clusters.k)} clusters (merges up to cosine distance ${formatNumber(clusters.threshold)}), now the groups.`
      : '';
  }

  #cut() {
    const k = Number(this.#k.value);
    if (!Number.isInteger(k) || k < 1) {
      this.#k.setAttribute('aria-invalid', 'true');
      return;
    }
    this.#k.removeAttribute('aria-invalid');
    this.#run(() => this.#view.cut({ k }));
  }

  async #run(action) {
    try {
      await action();
    } catch (error) {
      this.#onError(error);
    }
  }
}
