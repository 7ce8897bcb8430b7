import { clampCosines, clampStatistics } from './clamp-cosine.js';
import { CosineHeatmapError } from './errors.js';
import { checkGroups, groupRuns } from './heatmap-groups.js';
import { itemLabels } from './heatmap-labels.js';
import { heatmapLayout } from './heatmap-layout.js';
import { orderFor, orderWords, resolveOrderMethod } from './heatmap-order.js';
import { resolveHeatmapOptions } from './heatmap-options.js';
import { cellsFromOverview, describeLevel } from './heatmap-overview.js';
import { heatmapTrace } from './heatmap-trace.js';

// What a self-contained report holds, computed once by the engine (in Node
// for the command line): the heatmap as the page draws it at its overview
// level, the statistics of analyze() and the labels. The cells go in as
// base64 Float32 and the per-cell hover strings are rebuilt in the report,
// so a report stays a few MB whatever n is: at most size × size cells.

export const REPORT_FORMAT = 1;

/**
 * @param {import('./embedding-set.js').EmbeddingSet} set
 * @param {{labels?: ArrayLike<unknown>, groups?: ArrayLike<unknown>, title?: string,
 *   order?: string, range?: string, size?: number, colorScale?: string, source?: string,
 *   heatmapOptions?: object, analyzeOptions?: object}} [options]
 *   order: as the view's, default 'auto'; range: as the view's, default 'robust';
 *   heatmapOptions: more of the view's options (colorLabel, xaxisTitle, zmin…)
 * @returns {Promise<{payload: object, stats: object}>}
 */
export async function reportData(set, options = {}) {
  const { labels, groups, title, order = 'auto', range, size = 512, colorScale, source, heatmapOptions = {}, analyzeOptions = {} } = options;
  if (!Number.isInteger(size) || size < 2 || size > 2048) {
    throw new CosineHeatmapError(`report: size must be an integer from 2 to 2048 cells per axis, got ${size}`);
  }
  const n = set.size;
  const names = itemLabels(labels, n);
  const groupList = checkGroups(groups, n);
  const viewOptions = resolveHeatmapOptions({
    ...heatmapOptions,
    order,
    ...(range === undefined ? {} : { range }),
    ...(title === undefined ? {} : { title }),
    ...(colorScale === undefined ? {} : { colorScale }),
  });
  if (order === 'groups' && !groupList) {
    throw new CosineHeatmapError("report: order 'groups' needs a group per item (--group-column)");
  }
  const orderMethod = resolveOrderMethod(order, n, groupList);
  const permutation = await orderFor(set, order, groupList);
  const window = { rows: [0, n], cols: [0, n] };
  const mean = await set.overview({ size, reduce: 'mean', order: permutation, window });
  const cells = cellsFromOverview(mean, window);
  const stats = clampStatistics(await set.analyze({ ...analyzeOptions, ...(groupList ? { groups: groupList } : {}) }));
  const { z, text, customdata, ...trace } = heatmapTrace(cells, names, viewOptions, {
    zeroRows: set.zeroRows,
    order: permutation,
  });
  const pixels = { x: 760, y: 760 };
  const layout = heatmapLayout(viewOptions, {
    labels: names,
    n,
    order: permutation,
    kind: cells.kind,
    window,
    runs: groupRuns(groupList, permutation),
    pixels,
  });
  const payload = {
    format: REPORT_FORMAT,
    title: viewOptions.title,
    source: source ?? null,
    generated: new Date().toISOString(),
    n,
    dim: set.dim,
    order,
    // What 'auto' chose ('groups', 'average', 'spectral'), or the order given.
    orderMethod,
    orderText: orderWords(orderMethod, order),
    level: describeLevel(cells, n),
    heatmap: {
      dims: cells.dims,
      z: base64Float32(clampCosines(cells.mean)),
      rowText: text.map((row) => row[0] ?? ''),
      colText: customdata[0] ?? [],
      trace,
      layout,
    },
    labels: names,
    stats,
  };
  return { payload, stats };
}


// Little-endian Float32 bytes (every platform Node and browsers run on).
function base64Float32(values) {
  const copy = Float32Array.from(values);
  const bytes = new Uint8Array(copy.buffer);
  if (typeof Buffer === 'function') return Buffer.from(bytes).toString('base64');
  let binary = '';
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary);
}
