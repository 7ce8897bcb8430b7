import { CompareMode } from './compare-mode.js';
import { CrossMode } from './cross-mode.js';
import { NeighbourList } from './neighbours.js';
import { StatsPanel } from './stats-panel.js';

/**
 * The panels that quantify what the heatmap shows: statistics and flags,
 * neighbours of a clicked row, Compare and queries against documents. They
 * follow the view: a new data set resets them and reruns the statistics; new
 * groups rerun them (the pass over the pairs is kept per set: only the group
 * numbers are computed); new labels relabel them.
 * @param {import('../src/index.js').CosineSimilarityHeatmap} view
 */
export function attachAnalysis(view, root = document) {
  const stats = new StatsPanel(root.getElementById('stats-panel'));
  const neighbours = new NeighbourList(root.getElementById('neighbours-panel'), view);
  const compare = new CompareMode(root.getElementById('compare-panel'), view);
  const cross = new CrossMode(root.getElementById('cross-panel'), view);
  neighbours.reset();
  let shownSet = null;
  let shownGroups = null;

  return {
    /**
     * After the view shows a data set, or relabels / regroups it.
     * @param {ArrayLike<string>|undefined|null} groups  the view's groups (compared by value: a
     *   metadata file may bring other groups under the same column)
     */
    shown(groups) {
      const set = view.embeddings;
      if (!set) return;
      if (set !== shownSet) {
        shownSet = set;
        neighbours.reset();
        compare.reset();
        cross.reset();
      } else if (sameValues(groups, shownGroups)) {
        stats.relabel(view.labels);
        neighbours.refresh();
        compare.refresh({ force: true });
        cross.refresh();
        return;
      } else {
        neighbours.refresh();
        compare.refresh({ force: true });
        cross.refresh();
      }
      shownGroups = groups ?? null;
      stats.analyze(set, { groups: groups ?? undefined, labels: view.labels });
    },
    /** After a change of the view's options: Compare and the queries × documents plot follow a new order. */
    optionsChanged() {
      compare.refresh();
      cross.refresh();
    },
  };
}

function sameValues(a, b) {
  if (!a || !b) return !a && !b;
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
