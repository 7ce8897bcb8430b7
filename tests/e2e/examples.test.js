// The documented examples open from the demo server (issue 14, item 11):
// the page's footer links to /examples/, whose index links every example;
// the two that run in a browser run there as written (their relative
// imports of ../../web/ and ../../node_modules/ resolve), drawing their
// heatmaps with no error, no failed request and nothing off the origin.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

// Records every response of 400 or more, and every request off the origin.
function watch(page, origin) {
  const failed = [];
  const foreign = [];
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
  page.on('requestfailed', (request) => failed.push(`${request.failure()?.errorText} ${request.url()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  return { failed, foreign };
}

describe('examples served by the demo server', () => {
  const e2e = useBrowser({ open: '/' });

  test('the footer links to the examples, and the index links each one to a file that is there', async () => {
    const link = e2e.page.locator('footer a', { hasText: /examples/i });
    assert.equal(await link.count(), 1, 'one link to the examples in the footer');
    await link.click();
    await e2e.page.waitForURL(e2e.url('/examples/'));
    assert.equal(await e2e.page.title(), 'cosine-heatmap: examples');
    const hrefs = await e2e.page.locator('a').evaluateAll((links) => links.map((a) => a.href));
    for (const example of ['plain-html/', 'custom-element/', 'vite/main.js', 'node/similarity.js', 'cli.md']) {
      assert.ok(hrefs.includes(e2e.url(`/examples/${example}`)), `the index links ${example}`);
    }
    assert.ok(hrefs.includes(e2e.url('/')), 'and back to the demo');
    for (const href of hrefs) {
      const response = await e2e.page.request.get(href);
      assert.equal(response.status(), 200, `${href} is served`);
    }
    // Without its slash, a folder is redirected, so the example's relative imports still resolve.
    const bare = await e2e.page.request.get(e2e.url('/examples/plain-html'), { maxRedirects: 0 });
    assert.deepEqual([bare.status(), bare.headers().location], [301, 'plain-html/']);
    assert.deepEqual(e2e.errors, []);
  });

  test('plain HTML: the digits, clustered, with the mean similarity and the flags', async () => {
    const { page, errors } = await e2e.newPage();
    const seen = watch(page, e2e.origin);
    await page.goto(e2e.url('/examples/plain-html/'));
    await page.waitForFunction(() => /^mean similarity/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
    const shown = await page.evaluate(() => {
      const trace = document.getElementById('plot').data[0];
      return { type: trace.type, rows: trace.z.length, status: document.getElementById('status').textContent };
    });
    assert.equal(shown.type, 'heatmap');
    assert.ok(shown.rows > 100, `${shown.rows} rows drawn`);
    assert.match(shown.status, /^mean similarity 0\.\d{3}; flags: [a-z-]+(, [a-z-]+)*$/);
    assert.deepEqual({ errors, ...seen }, { errors: [], failed: [], foreign: [] });
    await page.close();
  });

  test('the <cosine-heatmap> element: both elements ready, the digits from their attributes', async () => {
    const { page, errors } = await e2e.newPage();
    const seen = watch(page, e2e.origin);
    await page.goto(e2e.url('/examples/custom-element/'));
    await page.waitForFunction(() => {
      const log = document.getElementById('log').textContent;
      return /digits: 1797 items ready/.test(log) && /small: 5 items ready/.test(log);
    }, null, { timeout: 60_000 });
    const traces = await page.evaluate(() => [...document.querySelectorAll('cosine-heatmap')]
      .map((element) => element.querySelector('.js-plotly-plot')?.data?.[0]?.type));
    assert.deepEqual(traces, ['heatmap', 'heatmap']);
    assert.deepEqual({ errors, ...seen }, { errors: [], failed: [], foreign: [] });
    await page.close();
  });
});
