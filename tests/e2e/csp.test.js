// The demo page works in full under the Content-Security-Policy in
// web/index.html (docs/security.md explains each source): no violation is
// reported while it loads, draws, takes a dropped file, hovers, restyles and
// exports an image; the policy is really in force (inline script and other
// origins are refused); and the engine's workers, which a <meta> policy does not reach,
// also work under the header policy docs/security.md gives for them, and
// fail without its 'unsafe-eval' (which is why it is there).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { useBrowser, waitForHeatmap } from './fixture.js';
import { dropFiles } from './page-actions.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const INDEX = new URL('../../web/index.html', import.meta.url);
const WORKER_POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'";

async function pagePolicy() {
  const html = await readFile(INDEX, 'utf8');
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
}

// Every securitypolicyviolation the document sees, from the first script on.
function recordViolations(page) {
  return page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

// Serves the two worker scripts with a Content-Security-Policy header.
function workerPolicy(page, policy) {
  return page.route(/\/src\/(engine|parse)-worker\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
}

describe('Content-Security-Policy', () => {
  const e2e = useBrowser({ fixtures: FIXTURES });

  test('index.html carries a strict policy', async () => {
    const policy = await pagePolicy();
    assert.ok(policy, 'a Content-Security-Policy <meta> in web/index.html');
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.deepEqual(directives['object-src'], ["'none'"]);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
    assert.deepEqual(directives['form-action'], ["'none'"]);
    assert.ok(!directives['script-src'].includes("'unsafe-inline'"), 'no inline script');
    for (const [name, sources] of Object.entries(directives)) {
      assert.ok(!sources.some((s) => s === '*' || /^https?:/.test(s)), `${name} allows no other origin: ${sources}`);
    }
  });

  test('the page loads, draws, takes a dropped file, hovers and exports with no violation', async () => {
    const { page, errors, requests } = await e2e.newPage();
    await recordViolations(page);
    await e2e.open('/', { page });

    const [vectors, metadata] = await Promise.all(['vectors.tsv', 'metadata.tsv'].map((f) => readFile(new URL(f, FIXTURES), 'utf8')));
    await page.evaluate(() => { document.getElementById('status').dataset.state = 'test-waiting'; });
    await dropFiles(page, [{ name: 'vectors.tsv', text: vectors }, { name: 'metadata.tsv', text: metadata }]);
    await waitForHeatmap(page);
    assert.match(await page.locator('#status').textContent(), /^vectors\.tsv \+ metadata\.tsv · 6 items/);

    await page.selectOption('#colorScale', 'Cividis');
    const exported = await page.evaluate(async () => {
      const gd = document.getElementById('heatmap');
      window.Plotly.Fx.hover(gd, { xval: 1, yval: 2 });
      const hover = gd.querySelector('.hoverlayer')?.textContent ?? '';
      const png = await window.Plotly.toImage(gd, { format: 'png', width: 320, height: 320 });
      const svg = await window.Plotly.toImage(gd, { format: 'svg' });
      return { hover, png: png.slice(0, 22), svg: svg.slice(0, 22) };
    });
    assert.match(exported.hover, /pear/);
    assert.equal(exported.png, 'data:image/png;base64,');
    assert.equal(exported.svg, 'data:image/svg+xml,%3C');

    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no securitypolicyviolation');
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${e2e.origin}/`) && !/^(data|blob):/.test(url)), [],
      'every request is same-origin');

    // The policy is in force: inline script and off-origin fetches are refused.
    const enforced = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      let fetchRefused = false;
      try { await fetch('https://example.com/', { mode: 'no-cors' }); } catch { fetchRefused = true; }
      return { inlineRan: window.inlineRan === true, fetchRefused };
    });
    assert.deepEqual(enforced, { inlineRan: false, fetchRefused: true });
    await page.close();
  });

  test('the workers run under the header policy of docs/security.md', async () => {
    const page = await e2e.context.newPage();
    await recordViolations(page);
    await workerPolicy(page, WORKER_POLICY);
    await e2e.open('/', { page });
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.close();
  });

  // 'unsafe-eval' also allows WebAssembly compilation, so it alone would do;
  // 'wasm-unsafe-eval' alone is not enough because of Embind.
  for (const [missing, policy] of [
    ["'unsafe-eval' (Embind's new Function)", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"],
    ["'unsafe-eval' and 'wasm-unsafe-eval'", "default-src 'self'; script-src 'self'; connect-src 'self'"],
  ]) {
    test(`without ${missing} the workers cannot start the engine`, async () => {
      const page = await e2e.context.newPage();
      await workerPolicy(page, policy);
      await page.goto(e2e.url('/'));
      await assert.rejects(waitForHeatmap(page, 30_000), /the page reported an error|Timeout/);
      await page.close();
    });
  }
});
