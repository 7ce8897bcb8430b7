// embedWithTransformers in headless Chromium, offline: the browser build of
// Transformers.js through an import map, the committed tiny model and the
// ONNX Runtime .wasm/.mjs, all served by the test server from its own origin
// (no CDN, no hub), checked against the model's embedding table. Then the
// ways loading fails: a missing folder, an HTML fallback page, the hub offline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { expectedVectors, maxAbsDifference, TEXTS } from '../fixtures/tiny-bert/reference.js';

const ROOT = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
const expected = expectedVectors(
  readJson('tests/fixtures/tiny-bert/tokenizer.json'),
  readJson('tests/fixtures/tiny-bert/table.json'),
);

// The files a page needs, as the build would copy them into web/build/transformers/.
const TRANSFORMERS_DIST = new URL('node_modules/@huggingface/transformers/dist/', ROOT);
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>Transformers.js offline (test page)</title>
  <script type="importmap">{"imports": {"@huggingface/transformers": "/tjs/transformers.min.js"}}</script>
</head>
<body>
  <script type="module">
    import { embedWithTransformers } from '/src/transformers.js';
    import { loadEngine } from '/src/index.js';
    window.stage = { embedWithTransformers, loadEngine };
    window.stageReady = true;
  </script>
</body>
</html>`;

// Runs embedWithTransformers in the page; returns {data, dims, progress} or {error}.
function embedInPage(page, texts, options) {
  return page.evaluate(async ([texts, options]) => {
    const progress = [];
    try {
      const result = await window.stage.embedWithTransformers(texts, { ...options, onProgress: (p) => progress.push(p) });
      return { data: [...result.data], dims: result.dims, isFloat32: result.data instanceof Float32Array, progress };
    } catch (error) {
      return { error: { name: error.name, message: error.message, code: error.code } };
    }
  }, [texts, options]);
}

// Relative paths, as a page would write them (wasmPaths is resolved against the page).
const OFFLINE = { model: 'tiny-bert', localModelPath: '/models/', allowRemoteModels: false, wasmPaths: 'tjs', dtype: 'fp32' };

describe('Transformers.js in the browser', () => {
  const e2e = useBrowser({ extra: { '/models/': new URL('tests/fixtures/', ROOT), '/tjs/': TRANSFORMERS_DIST } });

  // A fresh page: ONNX Runtime initializes its wasm once per page.
  async function stagePage() {
    const page = await e2e.context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.openHtml('/transformers-test.html', PAGE, { page });
    await page.waitForFunction(() => window.stageReady, null, { timeout: 20_000 });
    return { page, requests, errors };
  }

  test('the tiny model gives the vectors of its table, with no request off the origin', async (t) => {
    const { page, requests, errors } = await stagePage();
    const result = await embedInPage(page, TEXTS, { ...OFFLINE, batchSize: 3 });
    assert.equal(result.error, undefined, result.error?.message);
    assert.ok(result.isFloat32);
    assert.deepEqual(result.dims, expected.dims);
    const worst = maxAbsDifference(result.data, expected.data);
    t.diagnostic(`max |transformers.js (browser, wasm) - table| = ${worst.toExponential(2)} over ${expected.data.length} values`);
    assert.ok(worst < 1e-6, `max abs difference ${worst}`);
    assert.ok(result.progress.some((p) => p.phase === 'load' && p.file === 'onnx/model.onnx'));
    assert.deepEqual(result.progress.filter((p) => p.phase === 'embed').map((p) => p.done), [0, 3, 6, 7]);

    // …and the result goes straight into the engine, in the page.
    const diagonal = await page.evaluate(async (options) => {
      const engine = await window.stage.loadEngine();
      const x = await window.stage.embedWithTransformers(['the cat sat', 'dogs run', 'the cat sat'], options);
      const s = await engine.cosineSimilarity(x);
      return { dims: s.dims, same: s.data[2], other: s.data[1] };
    }, OFFLINE);
    assert.deepEqual(diagonal.dims, [3, 3]);
    assert.ok(Math.abs(diagonal.same - 1) < 1e-6 && diagonal.other < 0.99, JSON.stringify(diagonal));

    const origin = e2e.origin;
    const away = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    assert.deepEqual(away, [], 'no request leaves the page origin');
    assert.ok(requests.some((url) => url.endsWith('/tjs/ort-wasm-simd-threaded.jsep.wasm')), 'wasm from our server');
    assert.ok(requests.some((url) => url.endsWith('/models/tiny-bert/onnx/model.onnx')), 'model from our server');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a missing model folder is a clear error naming the model and the file', async (t) => {
    const { page } = await stagePage();
    const { error } = await embedInPage(page, ['a text'], { ...OFFLINE, model: 'no-such-model' });
    t.diagnostic(error?.message);
    assert.equal(error?.name, 'CosineHeatmapError');
    assert.equal(error.code, 'MODEL_LOAD');
    assert.match(error.message, /"no-such-model"/);
    assert.match(error.message, /\/models\/no-such-model\/(tokenizer|tokenizer_config|config)\.json/);
    // The page goes on working: the same page then loads the real model.
    const ok = await embedInPage(page, ['a text'], OFFLINE);
    assert.deepEqual(ok.dims, [1, expected.dims[1]]);
    await page.close();
  });

  test("a server answering HTML for a missing file (\"Unexpected token '<'\") is explained", async (t) => {
    const { page } = await stagePage();
    // An app's fallback route answers 200 with its index.html for a path it
    // does not know: here tokenizer_config.json, while the other files exist.
    // (A new prefix, since Transformers.js caches files it loaded by URL.)
    await page.route(e2e.url('/spa/**'), (route) => {
      const url = route.request().url();
      if (url.endsWith('/tokenizer_config.json')) {
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title>' });
      }
      return route.continue({ url: url.replace('/spa/', '/models/') });
    });
    const { error } = await embedInPage(page, ['a text'], { ...OFFLINE, localModelPath: '/spa/' });
    t.diagnostic(error?.message);
    assert.equal(error?.name, 'CosineHeatmapError');
    assert.match(error.message, /"tiny-bert"/);
    assert.match(error.message, /\/spa\/tiny-bert\/tokenizer_config\.json: not valid JSON/);
    assert.match(error.message, /HTML page/);
    await page.close();
  });

  test('a hub model id while offline is a network error naming the model', async (t) => {
    const { page } = await stagePage();
    // Offline: anything off the origin fails (and nothing actually leaves).
    await page.route((url) => !url.href.startsWith(e2e.url('/')), (route) => route.abort('internetdisconnected'));
    const { error } = await embedInPage(page, ['a text'], { model: 'Xenova/all-MiniLM-L6-v2', wasmPaths: '/tjs/' });
    t.diagnostic(error?.message);
    assert.equal(error?.name, 'CosineHeatmapError');
    assert.match(error.message, /"Xenova\/all-MiniLM-L6-v2"/);
    assert.match(error.message, /network error/);
    await page.close();
  });

  test('without wasmPaths (the CDN default) offline, the message points at wasmPaths', async (t) => {
    const { page } = await stagePage();
    await page.route((url) => !url.href.startsWith(e2e.url('/')), (route) => route.abort('internetdisconnected'));
    const { wasmPaths, ...noWasmPaths } = OFFLINE;
    const { error } = await embedInPage(page, ['a text'], noWasmPaths);
    t.diagnostic(error?.message);
    assert.equal(error?.name, 'CosineHeatmapError');
    assert.match(error.message, /"tiny-bert"/);
    assert.match(error.message, /wasmPaths/);
    await page.close();
  });

  test('no texts or only blank ones fail before anything loads', async () => {
    const { page, requests } = await stagePage();
    const before = requests.length;
    assert.match((await embedInPage(page, [], OFFLINE)).error.message, /no texts/);
    assert.match((await embedInPage(page, ['', ' \n'], OFFLINE)).error.message, /all 2 texts are blank/);
    assert.equal(requests.length, before);
    await page.close();
  });
});
