import { CutControl } from './cut-control.js';
import { FindBox } from './find.js';
import { SelectionPanel } from './selection-panel.js';
import { StripsControl } from './strips-control.js';

/**
 * The panel for working with items: find one by label, colour strips from
 * metadata columns, cut the dendrogram into clusters, and the selection.
 * @param {import('../src/index.js').CosineSimilarityHeatmap} view
 * @param {HTMLElement} section  the panel (its heading already in it)
 * @param {{dataSet: () => object | null, onGroups: (groups: string[] | null) => Promise<void>,
 *   onError: (error: unknown) => void}} hooks
 *   onGroups: new groups (a cut, a selection made a group) for the statistics to follow
 */
export function attachExplore(view, section, hooks) {
  const find = new FindBox(section, view, hooks);
  const strips = new StripsControl(section, view, hooks);
  new CutControl(section, view, {
    onGroups: async (groups) => hooks.onGroups(groups, { regroup: false }),
    onError: hooks.onError,
  });
  const selection = new SelectionPanel(section, view, {
    onGroups: async (groups) => hooks.onGroups(groups, { regroup: true }),
    onError: hooks.onError,
  });
  let shownSet = null;
  view.addEventListener('order', () => {
    if (view.embeddings === shownSet) return;
    shownSet = view.embeddings;
    strips.reset();
    find.refresh();
    selection.show(); // the selection belonged to the embeddings before
  });
}
