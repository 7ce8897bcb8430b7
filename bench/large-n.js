// Large n as a person meets it (issue 13): for planted clusters in file
// order, how long until the first picture, the ordered picture, the numbers
// (estimate and exact), how long an overview waits while a pass runs, and
// what loading costs in memory with 2 and 16 workers.
import { loadEngine } from '../web/src/index.js';
import { plantedClusters } from './planted.js';

const MiB = 2 ** 20;

async function timed(run) {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

// exactPairsLimit: above this many pairs the exact pass is not run (it
// would take many minutes); the row says so instead of a number.
export async function benchLargeN(sizes, { workers = 2, exactPairsLimit = 5.1e9 } = {}) {
  const rows = [];
  for (const { n, d } of sizes) {
    const engine = await loadEngine({ workers });
    const x = plantedClusters(n, d);
    const row = { n, d, workers };
    const loaded = await timed(() => engine.embeddings(x));
    const set = loaded.value;
    row.loadMs = loaded.ms;
    row.firstPictureMs = loaded.ms + (await timed(() => set.overview({ size: 512 }))).ms;
    const ordered = await timed(async () => {
      const order = await set.order({ method: 'auto' });
      await set.overview({ size: 512, order });
      return order.method;
    });
    row.orderMethod = ordered.value;
    row.orderedPictureMs = row.firstPictureMs + ordered.ms;
    const estimate = await timed(() => set.analyze({ estimate: true }).catch(() => null));
    row.estimateMs = estimate.value?.exact === false || estimate.value?.exact === true ? estimate.ms : null;
    const pairs = (n * (n - 1)) / 2;
    if (pairs <= exactPairsLimit) {
      const pass = timed(() => set.analyze());
      await new Promise((resolve) => setTimeout(resolve, 500));
      row.overviewDuringPassMs = (await timed(() => set.overview({ size: 512, window: { rows: [0, n >> 1], cols: [0, n >> 1] } }))).ms;
      row.overviewAloneMs = null;
      row.exactMs = (await pass).ms;
      row.overviewAloneMs = (await timed(() => set.overview({ size: 512, window: { rows: [0, n >> 1], cols: [0, n >> 1] } }))).ms;
    }
    set.dispose();
    engine.dispose();
    rows.push(row);
  }
  return rows;
}

// Process growth when one set is loaded into an engine of `workers`
// workers (started and idle before), including the caller's input array.
export async function benchLoadMemory({ n, d }, workerCounts) {
  const rows = [];
  for (const workers of workerCounts) {
    const engine = await loadEngine({ workers });
    await engine.stats();
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const set = await engine.embeddings(plantedClusters(n, d));
    await set.overview({ size: 8 });
    const grown = process.memoryUsage().rss - before;
    const holders = (await engine.stats()).filter((worker) => worker.sets > 0).length;
    rows.push({ n, d, workers, inputMiB: (n * d * 4) / MiB, grownMiB: grown / MiB, holders });
    set.dispose();
    engine.dispose();
  }
  return rows;
}
