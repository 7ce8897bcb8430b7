// Large-n numbers: the streamed pass over every pair (nothing n×n kept), and
// time to a first mean overview and to a zoom refresh, with the process's
// memory growth measured around each.
import { loadEngine } from '../web/src/index.js';
import { randomRows } from './measure.js';

const MiB = 2 ** 20;

export async function benchStreamedPass({ n = 20000, d = 384, workers = 2 } = {}) {
  const engine = await loadEngine({ workers });
  const data = randomRows(n, d);
  const before = process.memoryUsage().rss;
  const set = await engine.embeddings({ data, dims: [n, d] }, { transfer: true });
  const start = performance.now();
  await set.pairSummary();
  const ms = performance.now() - start;
  const growth = (process.memoryUsage().rss - before) / MiB;
  set.dispose();
  engine.dispose();
  return { n, d, workers, ms, inputMiB: (n * d * 4) / MiB, rssGrowthMiB: growth };
}

export async function benchOverview({ sizes = [5000, 20000, 100000], d = 384, workers = 2 } = {}) {
  const rows = [];
  for (const n of sizes) {
    const engine = await loadEngine({ workers });
    const data = randomRows(n, d);
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const set = await engine.embeddings({ data, dims: [n, d] }, { transfer: true });
    await set.overview({ size: 512 });
    const firstMs = performance.now() - start;
    const zoomStart = performance.now();
    const half = Math.floor(n / 2);
    await set.overview({ size: 512, window: { rows: [half, half + Math.min(n - half, 2000)], cols: [0, Math.min(n, 2000)] } });
    const zoomMs = performance.now() - zoomStart;
    rows.push({ n, d, workers, firstMs, zoomMs, inputMiB: (n * d * 4) / MiB, rssGrowthMiB: (process.memoryUsage().rss - before) / MiB });
    set.dispose();
    engine.dispose();
  }
  return rows;
}
