// The exact statistics of a large set in headless Chromium, the library
// alone in a blank page of our origin (no demo page drawing, ordering or
// estimating meanwhile): issue 15's "exact analyze() of 100,000 × 384 in
// headless Chromium with 2 workers". The set is bench/planted.js's, made in
// the page from the same seed, so no 150 MB crosses the DevTools protocol.
//   node bench/chromium-analyze.js [n] [d]
import { withBlankPage } from './chromium.js';
import { plantedClusters } from './planted.js';

async function analyzeInPage({ planted, n, d, workers }) {
  const { loadEngine } = await import('/src/index.js');
  const make = (0, eval)(`(${planted})`);
  const engine = await loadEngine({ workers });
  const { data, dims } = make(n, d);
  const set = await engine.embeddings({ data, dims }, { transfer: true });
  const start = performance.now();
  const result = await set.analyze();
  const ms = performance.now() - start;
  const pairs = result.pairCount;
  engine.dispose();
  return { ms, pairs, exact: result.exact === true };
}

export async function benchChromiumAnalyze({ n = 100000, d = 384, workers = 2 } = {}) {
  return withBlankPage(async (page, version) => ({
    version,
    ...(await page.evaluate(analyzeInPage, { planted: plantedClusters.toString(), n, d, workers })),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, d] = [Number(process.argv[2] ?? 100000), Number(process.argv[3] ?? 384)];
  const { version, ms, pairs, exact } = await benchChromiumAnalyze({ n, d });
  console.log(`headless Chromium ${version}, 2 workers, blank page: exact analyze() of ${n} × ${d} ` +
    `(${pairs.toLocaleString('en-US')} pairs${exact ? '' : ', NOT exact'}) in ${(ms / 1000).toFixed(1)} s`);
}
