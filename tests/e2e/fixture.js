// The setup every browser test file shares: one call registers node:test
// before/after hooks that start the project's static server and headless
// Chromium (and a recorded page, a temp directory) and tear them all down.
//
//   import { useBrowser } from './fixture.js';
//
//   // the demo page at /, heatmap drawn, before the first test:
//   const e2e = useBrowser({ open: '/' });
//   test('…', async () => {
//     await e2e.page.click('#order');
//     assert.deepEqual(e2e.errors, []);          // console errors, uncaught exceptions
//     assert.ok(e2e.requests.every((u) => u.startsWith(e2e.origin)));
//   });
//
//   // a page of one's own per test, closed by the test:
//   const e2e = useBrowser({ fixtures: new URL('./fixtures/', import.meta.url) });
//   test('…', async () => { const { page, errors } = await e2e.newPage(); … await page.close(); });
//
// Call it at the top of the file or inside a describe(): the hooks belong to
// that suite. The returned object is filled in by the before hook, so read its
// fields inside hooks and tests, never at import time. Work the fixture cannot
// know (addInitScript before the first load, writing data files into e2e.dir)
// goes in `e2e.before(async () => { …; await e2e.open('/…'); })`, which runs
// once the fixture is up. Not a plain before(): Node 20 starts a file's
// top-level before hooks together, without waiting for the one before.
// What a person does on the demo page (drop files, wait for "done") is in
// page-actions.js.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { launchBrowser, openPage, startServer, waitForHeatmap } from './browser.js';

export { waitForHeatmap };

/**
 * @param {object} [options]
 * @param {boolean} [options.server=true]  start the server `npm start` runs (web/ at /, examples/ at /examples/)
 * @param {string|URL|((dir: string) => string)} [options.root]  serve this instead of web/ at /
 *   (a function gets e2e.dir, for a site built into the temp directory)
 * @param {string|URL} [options.fixtures]  served at /fixtures/ (default: e2e.dir, when tempDir is set and root is not)
 * @param {Record<string, string|URL>} [options.extra]  more mounts, {'/models/': dir}
 * @param {string} [options.tempDir]  make a fresh e2e.dir (this name prefix) first, remove it last
 * @param {{width: number, height: number}} [options.viewport]
 * @param {boolean} [options.page]  open e2e.page (with e2e.errors, e2e.requests) once for the file
 * @param {string} [options.open]  also load this path in e2e.page and wait for the heatmap
 */
export function useBrowser(options = {}) {
  const { server: serve = true, root, extra, tempDir, viewport, open } = options;
  const wantPage = options.page || open !== undefined;
  let server;
  let browser;
  let started;
  const ready = new Promise((resolve, reject) => { started = { resolve, reject }; });
  ready.catch(() => {}); // the fixture's own hook reports the failure

  const e2e = {
    /** Registers a before hook that runs after the fixture's setup (see above). */
    before: (fn) => before(async (t) => {
      await ready;
      return fn(t);
    }),

    /** @type {string|undefined} */ dir: undefined,
    /** @type {string|undefined} */ origin: undefined,
    /** @type {import('playwright-core').BrowserContext|undefined} */ context: undefined,
    /** @type {import('playwright-core').Page|undefined} */ page: undefined,
    /** @type {string[]} */ errors: [],
    /** @type {string[]} */ requests: [],

    /** An absolute URL on the test server. */
    url: (path = '/') => server.url(path),

    /** A page recording its errors and requests: {page, errors, requests}. The caller closes it. */
    newPage: () => openPage(browser.context),

    /** Loads `path` in `page` (default e2e.page) and waits until the demo page has drawn its heatmap. */
    async open(path = '/', { page = e2e.page, timeout } = {}) {
      await page.goto(server.url(path));
      await waitForHeatmap(page, timeout);
      return page;
    },

    /**
     * Shows `html` as if the server had it at `path` (same origin as web/, so
     * its /src/ and /build/ imports resolve), without writing it into web/.
     */
    async openHtml(path, html, { page = e2e.page } = {}) {
      await page.route(server.url(path), (route) => route.fulfill({ contentType: 'text/html', body: html }));
      await page.goto(server.url(path));
      return page;
    },
  };

  before(async () => {
    try {
      await setUp();
      started.resolve();
    } catch (error) {
      started.reject(error);
      throw error;
    }
  });

  async function setUp() {
    if (tempDir) e2e.dir = await mkdtemp(join(tmpdir(), tempDir));
    if (serve) {
      server = await startServer({
        root: typeof root === 'function' ? root(e2e.dir) : root,
        fixtures: options.fixtures ?? (root === undefined ? e2e.dir : undefined),
        extra,
      });
      e2e.origin = server.origin;
    }
    browser = await launchBrowser(viewport ? { viewport } : {});
    e2e.context = browser.context;
    if (wantPage) Object.assign(e2e, await openPage(browser.context));
    if (open !== undefined) await e2e.open(open);
  }

  after(async () => {
    await browser?.close();
    await server?.close();
    if (e2e.dir) await rm(e2e.dir, { recursive: true, force: true });
  });

  return e2e;
}
