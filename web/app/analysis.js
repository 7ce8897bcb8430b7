import { CompareMode } from './compare-mode.js';
import { CrossMode } from './cross-mode.js';
import { NeighbourList } from './neighbours.js';
import { StatsPanel } from './stats-panel.js';

/**
 * The panels that quantify what the heatmap shows: statistics and flags,
 * neighbours of a clicked row, Compare and queries against documents. They
 * follow the view: a new data set resets them and reruns the statistics; a
 * new group column reruns them; a new label column relabels them.
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
     * @param {ArrayLike<string>|undefined|null} groups  the view's groups
     * @param {string} groupChoice  which column they come from ('' for none)
     */
    shown(groups, groupChoice) {
      const set = view.embeddings;
      if (!set) return;
      if (set !== shownSet) {
        shownSet = set;
        neighbours.reset();
        compare.reset();
        cross.reset();
      } else if (groupChoice === shownGroups) {
        stats.relabel(view.labels);
        neighbours.refresh();
        compare.refresh({ force: true });
        return;
      } else {
        neighbours.refresh();
        compare.refresh({ force: true });
      }
      shownGroups = groupChoice;
      stats.analyze(set, { groups: groups ?? undefined, labels: view.labels });
    },
    /** After a change of the view's options: Compare follows a new order. */
    optionsChanged() {
      compare.refresh();
    },
  };
}
