#!/usr/bin/env node
// Builds the live report template that Python's cosine_heatmap package
// fills with embeddings (python/cosine_heatmap/_static/report-template.html,
// build output, not in git): one HTML document holding Plotly, the report
// renderer and the engine bundled with rolldown (the page half as a classic
// script, the worker half with the WASM bytes as a string that the page
// starts from a blob), so the report fetches nothing. Run by scripts/build.sh
// after the WASM build.
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { COLOR_SCALE_NAMES } from '../web/src/heatmap-color-scales.js';
import { ORDER_METHODS, RANGE_MODES } from '../web/src/heatmap-options.js';
import { liveReportTemplate } from '../web/src/report-html.js';

const root = new URL('../', import.meta.url);
const path = (relative) => fileURLToPath(new URL(relative, root));
const OUTPUT = path('python/cosine_heatmap/_static/report-template.html');
// The option values the library takes, so Python refuses a bad one before the browser would.
const OPTIONS = path('python/cosine_heatmap/_static/options.json');

// Node-only branches (dynamic node:* imports) and the optional text
// embedder stay out of the bundle; the report never reaches them.
const external = (id) => id.startsWith('node:') || id.startsWith('@huggingface/');

// worker-pool.js starts workers from a URL next to itself, which a bundle
// inlined in a document does not have: the live report sets this global to
// the blob URL of the worker bundle before it starts the engine.
// It is a classic worker: a module worker from a blob does not start in a
// page opened from a file (an opaque origin), as nbconvert's HTML is.
const WORKER_EXPRESSION = "new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' })";
const workerFromBlob = {
  name: 'engine-worker-from-blob',
  transform(code, id) {
    if (!id.endsWith('/web/src/worker-pool.js')) return null;
    if (!code.includes(WORKER_EXPRESSION)) {
      throw new Error(`build-report-template: ${id} no longer starts workers with ${WORKER_EXPRESSION}; update this build`);
    }
    return code
      .replaceAll(WORKER_EXPRESSION, 'new Worker(globalThis.__cosineHeatmapEngineWorker)')
      // The script's URL, read only in Node.
      .replaceAll("new URL('./engine-worker.js', import.meta.url)", 'globalThis.__cosineHeatmapEngineWorker');
  },
};

async function bundle(input, format, define, plugins = []) {
  const build = await rolldown({
    input: path(input),
    external,
    plugins,
    transform: { define },
    logLevel: 'warn',
    onLog(level, log) {
      // The Emscripten glue's import.meta.url is only read where no wasmBinary is given.
      if (log.code === 'EMPTY_IMPORT_META') return;
      console.warn(`build-report-template: ${log.message}`);
    },
  });
  const { output } = await build.generate({ format, minify: true, codeSplitting: false });
  await build.close();
  return output[0].code;
}

const wasm = await readFile(path('web/build/cosine-core.wasm'));
const workerSource = await bundle('web/src/report-live-worker.js', 'iife', {
  __COSINE_CORE_WASM_BASE64__: JSON.stringify(wasm.toString('base64')),
});
const liveSource = await bundle('web/src/report-live.js', 'iife', {
  __COSINE_REPORT_WORKER_SOURCE__: JSON.stringify(workerSource),
}, [workerFromBlob]);

const require = createRequire(import.meta.url);
const html = await liveReportTemplate({
  plotlySource: await readFile(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8'),
  rendererSource: await readFile(path('web/src/report-renderer.js'), 'utf8'),
  liveSource,
});
await mkdir(path('python/cosine_heatmap/_static'), { recursive: true });
await writeFile(OUTPUT, html);
await writeFile(OPTIONS, `${JSON.stringify({ orders: ORDER_METHODS, colorRanges: RANGE_MODES, colorScales: COLOR_SCALE_NAMES }, null, 2)}\n`);
console.log(`build-report-template: ${OUTPUT} (${(html.length / 2 ** 20).toFixed(1)} MiB; engine ${(liveSource.length / 1024).toFixed(0)} KiB)`);
