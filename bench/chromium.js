// Our library's engine.cosineSimilarity inside headless Chromium (Debian's
// /usr/bin/chromium, never a downloaded one), served by scripts/serve.js.
// Data is made and timed in the page, so the time covers what a page pays:
// validation, the copy to the engine's Web Worker, the product and the
// transfer back. {isolated: true} serves the page cross-origin isolated
// (COOP and COEP headers): it then has SharedArrayBuffer, and the workers
// write the matrix in place instead of the page placing every band.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { ISOLATION_HEADERS, createStaticServer, listen } from '../scripts/serve.js';
import { resultRow } from './measure.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// An empty page on the server's origin, so the library loads same-origin
// without the demo page starting its own engine and data set.
const BLANK = '/__bench__.html';

// Runs in the page: same LCG as bench/measure.js, inlined since the function
// is serialized into the page.
async function measureInPage({ n, d, repeats, workers }) {
  const { loadEngine } = await import('/src/index.js');
  const engine = await loadEngine(workers === undefined ? {} : { workers });
  let state = 1;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5;
  }
  const x = { data, dims: [n, d] };
  await engine.cosineSimilarity(x); // warm-up: compile, grow the heap
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await engine.cosineSimilarity(x);
    best = Math.min(best, performance.now() - start);
  }
  engine.dispose();
  return {
    ms: best,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

export async function benchChromium(sizes = [{ n: 2000, d: 384 }], { repeats = 5, workers, isolated = false } = {}) {
  const headers = isolated ? ISOLATION_HEADERS : {};
  return withBlankPage(async (page, version, pageErrors) => {
    const rows = [];
    for (const { n, d } of sizes) {
      const result = await page.evaluate(measureInPage, { n, d, repeats, workers }).catch((error) => {
        throw new Error(`Chromium bench failed at n=${n} d=${d}: ${error.message}` +
          (pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''), { cause: error });
      });
      if (result.crossOriginIsolated !== isolated) {
        throw new Error(`Chromium bench: the page is${result.crossOriginIsolated ? '' : ' not'} cross-origin isolated, ` +
          `though it was served ${isolated ? 'with' : 'without'} COOP/COEP`);
      }
      const label = (workers === undefined ? 'default workers' : `${workers} worker${workers === 1 ? '' : 's'}`) +
        (isolated ? ', cross-origin isolated' : '');
      rows.push(resultRow(`this library in headless Chromium ${version} (${label})`, n, d, result.ms, repeats, {
        browser: version, hardwareConcurrency: result.hardwareConcurrency,
      }));
    }
    return rows;
  }, { headers });
}

// Opens an empty page on our static server's origin (served with `headers`)
// in a fresh headless Chromium profile, returns use(page, version,
// pageErrors), and closes everything.
export async function withBlankPage(use, { headers = {} } = {}) {
  const server = createStaticServer(undefined, { headers });
  const port = await listen(server, 0);
  const profile = await mkdtemp(join(tmpdir(), 'cosine-heatmap-bench-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const origin = `http://127.0.0.1:${port}`;
    await page.route(origin + BLANK, (route) =>
      route.fulfill({ contentType: 'text/html', headers, body: '<!doctype html><title>bench</title>' }));
    await page.goto(origin + BLANK);
    return await use(page, context.browser()?.version() ?? 'unknown', pageErrors);
  } finally {
    await context?.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(profile, { recursive: true, force: true });
  }
}
