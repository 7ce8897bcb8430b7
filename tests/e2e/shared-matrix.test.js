// The whole matrix in Chromium, both ways the engine assembles it: on a
// cross-origin isolated page (COOP + COEP) the workers write it straight
// into a SharedArrayBuffer; on a page without those headers (most static
// hosts, the demo) they send bands back and the page places them. Same
// bits either way, and `shared: true` is refused with the headers to send.
import assert from 'node:assert/strict';
import test from 'node:test';

import { ISOLATION_HEADERS, createStaticServer, listen } from '../../scripts/serve.js';
import { launchBrowser, openPage } from './browser.js';

// An empty page on the server's origin: the library loads same-origin and
// no demo engine or data set starts beside the one under test.
const BLANK = '/__shared-matrix__.html';

// Runs in the page (serialized: no closure over test code).
async function matricesInPage() {
  const { loadEngine } = await import('/src/index.js');
  const engine = await loadEngine({ workers: 2 });
  // tests/js/helpers.js's randomTensor, inlined: this function runs in the page.
  const random = (n, d, seed) => {
    let state = seed;
    const data = new Float32Array(n * d);
    for (let k = 0; k < data.length; k++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      data[k] = state / 2 ** 32 - 0.5;
    }
    return { data, dims: [n, d] };
  };
  // Without isolation the page has no SharedArrayBuffer global at all.
  const isShared = (a) => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
  const bits = (a) => new Uint32Array(a.buffer, a.byteOffset, a.length);
  const same = (a, b) => a.length === b.length && bits(a).every((v, k) => v === bits(b)[k]);
  const x = random(301, 33, 7);
  const y = random(17, 33, 11);
  const auto = await engine.cosineSimilarity(x);
  const placed = await engine.cosineSimilarity(x, null, { shared: false });
  const cross = await engine.cosineSimilarity(x, y);
  const crossPlaced = await engine.cosineSimilarity(x, y, { shared: false });
  const refusal = await engine.cosineSimilarity(x, null, { shared: true }).then(
    ({ data }) => (isShared(data) ? 'shared' : 'plain'),
    (error) => `${error.code}: ${error.message}`,
  );
  engine.dispose();
  return {
    isolated: globalThis.crossOriginIsolated === true,
    autoShared: isShared(auto.data),
    placedShared: isShared(placed.data),
    crossShared: isShared(cross.data),
    sameBits: same(auto.data, placed.data) && same(cross.data, crossPlaced.data),
    // A cosine the page can check by hand: row 0 against itself.
    diagonal: auto.data[0],
    symmetric: auto.data[1 * 301 + 250] === auto.data[250 * 301 + 1],
    refusal,
  };
}

async function openBlank(headers) {
  const server = createStaticServer(undefined, { headers });
  const port = await listen(server, 0);
  const origin = `http://127.0.0.1:${port}`;
  const browser = await launchBrowser();
  const { page, errors, requests } = await openPage(browser.context);
  await page.route(origin + BLANK, (route) =>
    route.fulfill({ contentType: 'text/html', headers, body: '<!doctype html><title>shared matrix</title>' }));
  await page.goto(origin + BLANK);
  return {
    page,
    errors,
    requests,
    origin,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('a cross-origin isolated page gets the matrix written in place by the workers, the same bits as placed bands', async () => {
  const opened = await openBlank(ISOLATION_HEADERS);
  try {
    const result = await opened.page.evaluate(matricesInPage);
    assert.equal(result.isolated, true, 'COOP + COEP make the page cross-origin isolated');
    assert.equal(result.autoShared, true, "'auto' uses shared memory where there is some");
    assert.equal(result.crossShared, true);
    assert.equal(result.placedShared, false, '{shared: false}: a plain ArrayBuffer');
    assert.equal(result.sameBits, true, 'in place and placed give the same floats');
    assert.ok(Math.abs(result.diagonal - 1) < 1e-6, `S(0, 0) = ${result.diagonal}`);
    assert.equal(result.symmetric, true);
    assert.equal(result.refusal, 'shared');
    assert.deepEqual(opened.errors, []);
    assert.ok(opened.requests.every((url) => url.startsWith(opened.origin)), 'no request off the origin');
  } finally {
    await opened.close();
  }
});

test('a page without isolation gets placed bands, and shared: true says which headers it needs', async () => {
  const opened = await openBlank({});
  try {
    const result = await opened.page.evaluate(matricesInPage);
    assert.equal(result.isolated, false);
    assert.equal(result.autoShared, false, "'auto' falls back to bands placed by the page");
    assert.equal(result.sameBits, true);
    assert.ok(Math.abs(result.diagonal - 1) < 1e-6, `S(0, 0) = ${result.diagonal}`);
    assert.equal(result.symmetric, true);
    assert.match(result.refusal, /^INVALID_ARGUMENT: .*shared: true needs SharedArrayBuffer.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
    assert.deepEqual(opened.errors, []);
  } finally {
    await opened.close();
  }
});
