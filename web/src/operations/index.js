// Every engine operation's worker actions, by name: the table the worker
// dispatches on. Each operation module holds its actions beside the code
// that splits it into jobs and merges the parts; adding an operation is its
// C++ function, its binding, its module here.
import { actions as analyze } from './analyze.js';
import { actions as clusters } from './clusters.js';
import { actions as compare } from './compare.js';
import { actions as embedTexts } from './embed-texts.js';
import { actions as linkage } from './linkage.js';
import { actions as load } from './load.js';
import { actions as order } from './order.js';
import { actions as overview } from './overview.js';
import { actions as pairSummary } from './pair-summary.js';
import { actions as similarity } from './similarity.js';
import { actions as tiles } from './tiles.js';
import { actions as topK } from './top-k.js';

const modules = { analyze, clusters, compare, embedTexts, linkage, load, order, overview, pairSummary, similarity, tiles, topK };

export const workerActions = Object.create(null);
for (const [module, actions] of Object.entries(modules)) {
  for (const [name, run] of Object.entries(actions)) {
    if (name in workerActions) throw new Error(`operations: action "${name}" of ${module} is defined twice`);
    workerActions[name] = run;
  }
}
