// Shared by the browser tests and scripts/screenshot.js: the project's own
// static server on a random port, and headless Debian Chromium through
// playwright-core with a throwaway profile and nothing that phones home.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { EXAMPLE_MOUNTS, createMountServer, createStaticServer, listen } from '../../scripts/serve.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves what `npm start` serves (web/ at /, the examples at /examples/) on
 * 127.0.0.1 at a free port; `root` serves that directory alone at / instead.
 * With `fixtures` (a directory), also serves that directory at /fixtures/,
 * so test files never live in web/. `extra` mounts more directories for the
 * test server only, e.g. {'/models/': 'tests/fixtures', '/ort/': 'node_modules/…/dist'}.
 * @param {{root?: string|URL, fixtures?: string|URL, extra?: Record<string, string|URL>}} [options]
 */
export async function startServer({ root, fixtures, extra = {} } = {}) {
  const mounts = { ...(root === undefined ? EXAMPLE_MOUNTS : {}), ...extra };
  if (fixtures) mounts['/fixtures/'] = fixtures;
  const top = root === undefined ? createStaticServer() : createStaticServer(directory(root));
  const server = createMountServer(top, Object.fromEntries(Object.entries(mounts).map(([prefix, dir]) => [prefix, directory(dir)])));
  const port = await listen(server, 0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path = '/') => new URL(path, origin).href,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

const directory = (dir) => resolvePath(dir instanceof URL ? fileURLToPath(dir) : dir);

/**
 * A Chromium context with a fresh user-data dir, removed on close.
 * @param {object} [options]  extra launchPersistentContext options (viewport, …)
 */
export async function launchBrowser(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'cosine-heatmap-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      ...options,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that records console errors, uncaught exceptions and every
 * request, so tests can assert there were none / none off the origin.
 */
export async function openPage(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  return { page, errors, requests };
}

/** Waits until the demo page has drawn its heatmap (or reported an error). */
export async function waitForHeatmap(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const plot = document.getElementById('heatmap');
    const alert = document.getElementById('error');
    return (plot?.data?.[0]?.z?.length > 0 && document.getElementById('status')?.dataset.state === 'done')
      || (alert && !alert.hidden);
  }, null, { timeout });
  const alert = await page.locator('#error').evaluate((el) => (el.hidden ? '' : el.textContent));
  if (alert) throw new Error(`the page reported an error: ${alert}`);
}
