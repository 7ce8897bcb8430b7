// Large n in the demo page, as a person meets it (issue 13, item 7 and the
// Chromium half of "Measure"): planted clusters in shuffled file order
// (bench/planted.js, the data of bench/large-n.js) written as a float32 .npy
// into a temporary folder, served beside the page from the same origin and
// opened with ?data=…, in headless Debian Chromium with a fresh profile.
// Measured: when the first picture and the ordered one are drawn (the
// status line's data-state / data-order, as tests/e2e/page-order.test.js
// reads them), what the statistics panel says and when, the zoom to a 1 %
// window and to single items (Plotly.relayout, as the e2e tests zoom), and
// what the Chromium process tree costs (PSS from /proc, sampled).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { createStaticServer, listen } from '../scripts/serve.js';
import { writeNpy } from './npy.js';
import { plantedClusters } from './planted.js';
import { sampleTreeMemory, treeMemory } from './process-memory.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DATA_PREFIX = '/bench-data/';
const MINUTE = 60_000;

// Runs in the page before its scripts: logs, in milliseconds since
// navigation, each change of the status line (state, order, text) and of
// the statistics panel's status (state and text, its running percentage
// left out), and when the first and the ordered picture are said to be
// drawn.
function recordPage() {
  window.benchLog = { status: [], stats: [], first: null, ordered: null };
  document.addEventListener('DOMContentLoaded', () => {
    const log = window.benchLog;
    const watch = (id, record) => {
      const element = document.getElementById(id);
      new MutationObserver(() => record(element)).observe(element, { attributes: true, childList: true, characterData: true, subtree: true });
    };
    let lastStatus = '';
    watch('status', (status) => {
      const t = performance.now();
      if (status.dataset.state === 'done') log.first ??= t;
      if (status.dataset.order === 'done' && log.first !== null) log.ordered ??= t;
      const key = `${status.dataset.state}|${status.dataset.order}|${status.textContent}`;
      if (key !== lastStatus) log.status.push({ t, state: status.dataset.state, order: status.dataset.order, text: status.textContent });
      lastStatus = key;
    });
    let lastStats = '';
    watch('stats-status', (stats) => {
      const text = stats.textContent.replace(/\s*\d+\s*%…?$/, '');
      const key = `${stats.dataset.state}|${text}`;
      if (key !== lastStats) log.stats.push({ t: performance.now(), state: stats.dataset.state, text });
      lastStats = key;
    });
  });
}

// Runs in the page: zooms the plot to the `span` × `span` positions from
// `first` (Plotly.relayout, as a drag-zoom does) and waits until the view
// has drawn them: single items when `items`, else a finer level. The
// time includes the view's zoom debounce (120 ms by default); relayoutMs is
// Plotly's own redraw of the old cells at the new range (what is seen at
// once), cellsMs when the view had the new cells (its level line changed).
async function zoomInPage({ first, span, items, timeoutMs }) {
  const gd = document.getElementById('heatmap');
  const level = document.getElementById('level');
  const before = gd.data[0];
  const levelBefore = level.textContent;
  // The page writes the level line as soon as the view has the new cells,
  // before Plotly draws them: a setter on this element notes when.
  let computed = null;
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
  Object.defineProperty(level, 'textContent', {
    configurable: true,
    get() { return text.get.call(this); },
    set(value) { computed ??= performance.now(); text.set.call(this, value); },
  });
  const started = performance.now();
  await window.Plotly.relayout(gd, {
    'xaxis.range': [first - 0.5, first + span - 0.5],
    'yaxis.range': [first + span - 0.5, first - 0.5],
  });
  const relayoutMs = performance.now() - started;
  const drawn = () => {
    const trace = gd.data[0];
    if (trace === before) return false;
    if (items) return /single items/.test(level.textContent) && trace.z.length <= span + 1;
    return level.textContent !== levelBefore;
  };
  while (!drawn()) {
    if (performance.now() - started > timeoutMs) {
      delete level.textContent;
      throw new Error(`no zoom after ${timeoutMs} ms: ${level.textContent}`);
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const ms = performance.now() - started;
  delete level.textContent;
  const trace = gd.data[0];
  return {
    ms,
    relayoutMs,
    // when the view had the new cells (its level line changed), before Plotly drew them
    cellsMs: computed === null ? null : computed - started,
    level: level.textContent,
    cells: [trace.z.length, trace.z[0].length],
    hover: trace.text?.[0]?.[0] ?? null,
    // 'busy' (estimate or exact pass computing) or 'estimate' (shown while the exact pass runs)
    statsRunning: ['busy', 'estimate'].includes(document.getElementById('stats-status').dataset.state),
  };
}

// Runs in the page: back to the whole matrix, as a double-click does.
async function unzoomInPage({ timeoutMs }) {
  const gd = document.getElementById('heatmap');
  const level = document.getElementById('level');
  const started = performance.now();
  await window.Plotly.relayout(gd, { 'xaxis.autorange': true, 'yaxis.autorange': true });
  while (!/overview/.test(level.textContent) || gd.data[0].z.length < 2) {
    if (performance.now() - started > timeoutMs) throw new Error(`no unzoom after ${timeoutMs} ms`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return { ms: performance.now() - started };
}

function serve(dataDir) {
  const web = createStaticServer();
  const data = createStaticServer(dataDir);
  return createServer((request, response) => {
    if (!request.url.startsWith(DATA_PREFIX)) return web.emit('request', request, response);
    request.url = request.url.slice(DATA_PREFIX.length - 1);
    data.emit('request', request, response);
  });
}

const pageState = (page) => page.evaluate(() => ({
  now: performance.now(),
  log: window.benchLog,
  status: document.getElementById('status').textContent,
  stats: document.getElementById('stats-status').textContent,
  statsState: document.getElementById('stats-status').dataset.state,
  statsFraction: document.getElementById('stats-progress')?.hidden === false ? document.getElementById('stats-progress').value : null,
  error: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
  colorbar: document.getElementById('heatmap').data?.[0]?.colorbar?.title?.text ?? null,
  level: document.getElementById('level').textContent,
}));

/**
 * One size, one run: {n, d, bytes, first, ordered, orderMs, orderMethod,
 * zoomWindow, zoomItems, unzoom, estimate, exact, memory, status, …} or
 * {…, failure} when the page could not get there.
 * @param {{n: number, d: number}} size
 * @param {object} options
 * @param {string} [options.screenshot]   a .png path: the page after ordering, 1400 px wide
 * @param {boolean} [options.waitExact]   wait for the exact statistics (else only for an estimate)
 * @param {number} [options.orderTimeoutMs]
 * @param {number} [options.statsTimeoutMs]
 * @param {string[]} [options.jsFlags]    --js-flags for Chromium, e.g. ['--max-old-space-size=8192']
 * @param {(line: string) => void} [options.log]
 */
export async function benchPage({ n, d }, {
  screenshot, waitExact = true, orderTimeoutMs = 40 * MINUTE, statsTimeoutMs = waitExact ? 20 * MINUTE : 3 * MINUTE,
  jsFlags = [], log = () => {},
} = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'cosine-heatmap-bench-large-'));
  const profile = await mkdtemp(join(tmpdir(), 'cosine-heatmap-bench-profile-'));
  // Ctrl-C leaves no 512 MB file behind (Playwright ends the browser itself).
  const interrupted = (signal) => {
    for (const path of [dir, profile]) rmSync(path, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const file = `planted-${n}x${d}.npy`;
  const row = { n, d, clusters: 16 };
  let server;
  let context;
  let memory;
  try {
    log(`writing ${file}`);
    row.bytes = await writeNpy(join(dir, file), plantedClusters(n, d));
    server = serve(dir);
    const port = await listen(server, 0);
    const args = [...ARGS, ...(jsFlags.length ? [`--js-flags=${jsFlags.join(' ')}`] : [])];
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args, viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1,
    });
    row.browser = context.browser()?.version() ?? null;
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
    page.on('crash', () => errors.push('the page crashed'));
    await page.addInitScript(recordPage);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const jsHeapMiB = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
    };
    memory = sampleTreeMemory(profile);
    row.memoryIdle = await treeMemory(profile);
    log(`opening ?data=${DATA_PREFIX}${file}`);
    await page.goto(`http://127.0.0.1:${port}/?data=${DATA_PREFIX}${file}`);

    const failed = async (what) => {
      const state = await pageState(page).catch(() => null);
      row.failure = `${what}${state?.error ? `; the page said: ${state.error}` : ''}${errors.length ? `; ${errors.join('; ')}` : ''}`;
      row.status = state?.status ?? null;
      row.log = state?.log ?? null;
      return row;
    };
    try {
      await page.waitForFunction(() => window.benchLog?.first !== null || !document.getElementById('error').hidden, null, { timeout: orderTimeoutMs });
    } catch (error) {
      return await failed(`no first picture within ${orderTimeoutMs / 1000} s (${error.message.split('\n')[0]})`);
    }
    let state = await pageState(page);
    if (state.error) return await failed('the page reported an error before its first picture');
    row.first = state.log.first;
    row.firstStatus = state.status;
    row.firstColorbar = state.colorbar;
    row.memoryFirst = { ...(await treeMemory(profile)), jsHeapMiB: await jsHeapMiB() };
    log(`first picture at ${(row.first / 1000).toFixed(1)} s: ${state.status}`);
    try {
      await page.waitForFunction(() => window.benchLog.ordered !== null || !document.getElementById('error').hidden, null, { timeout: orderTimeoutMs, polling: 500 });
    } catch (error) {
      return await failed(`no ordered picture within ${orderTimeoutMs / 1000} s (${error.message.split('\n')[0]})`);
    }
    state = await pageState(page);
    if (state.error) return await failed('the page reported an error while ordering');
    row.ordered = state.log.ordered;
    row.orderedStatus = state.status;
    row.orderedColorbar = state.colorbar;
    const order = / · ordered by (.+?) in ([\d,]+) ms$/.exec(state.status);
    row.orderMethod = order?.[1] ?? null;
    row.orderMs = order ? Number(order[2].replace(/,/g, '')) : null;
    row.memoryOrdered = { ...(await treeMemory(profile)), jsHeapMiB: await jsHeapMiB() };
    row.statsAtOrdered = state.stats;
    log(`ordered picture at ${(row.ordered / 1000).toFixed(1)} s: ${state.status}`);
    if (screenshot) {
      await page.mouse.move(0, 0);
      await page.screenshot({ path: screenshot });
      row.screenshot = screenshot;
    }

    // Zoom as a person does: a window of 1 % of the items around the middle
    // (a finer overview), then 40 × 40 single items there, then back out.
    const middle = Math.floor(n / 2);
    const windowSpan = Math.max(50, Math.floor(n / 100));
    try {
      row.zoomWindow = await page.evaluate(zoomInPage, { first: middle, span: windowSpan, items: false, timeoutMs: 5 * MINUTE });
      row.zoomWindow.span = windowSpan;
      row.zoomItems = await page.evaluate(zoomInPage, { first: middle + 5, span: 40, items: true, timeoutMs: 5 * MINUTE });
      row.zoomItems.span = 40;
      row.unzoom = await page.evaluate(unzoomInPage, { timeoutMs: 5 * MINUTE });
      log(`zoom: ${windowSpan}-item window ${Math.round(row.zoomWindow.ms)} ms (${row.zoomWindow.level}), `
        + `40 single items ${Math.round(row.zoomItems.ms)} ms (${row.zoomItems.hover}), back out ${Math.round(row.unzoom.ms)} ms`);
    } catch (error) {
      row.zoomFailure = error.message.split('\n')[0];
      log(`zoom failed: ${row.zoomFailure}`);
    }

    // The statistics panel: an estimate when the page shows one, then the
    // exact statistics (waited for when asked).
    const statsDone = waitExact
      ? () => /^Exact statistics/.test(document.getElementById('stats-status').textContent) || document.getElementById('stats-status').dataset.state === 'error'
      : () => document.getElementById('stats-status').dataset.state !== 'busy';
    const statsWaitStarted = Date.now();
    await page.waitForFunction(statsDone, null, { timeout: statsTimeoutMs, polling: 1000 }).catch(() => {});
    // Without waiting for the exact pass: a minute of it, to see its rate.
    if (!waitExact) await new Promise((resolve) => setTimeout(resolve, MINUTE));
    row.statsWaitedMs = Date.now() - statsWaitStarted;
    state = await pageState(page);
    row.statsLog = state.log.stats;
    row.statsFinal = state.stats;
    row.statsEnd = state.now;
    row.statusLog = state.log.status;
    // The panel's first words: "Estimate from …" (state 'estimate'), then "Exact statistics of …".
    const estimate = state.log.stats.find((s) => s.state === 'estimate' || /^Estimate from/.test(s.text));
    row.estimate = estimate ? { t: estimate.t, text: estimate.text } : null;
    row.statsStarted = state.log.stats.find((s) => s.state === 'busy')?.t ?? null;
    const exact = state.log.stats.find((s) => /^Exact statistics/.test(s.text));
    row.exact = exact ? { t: exact.t, text: exact.text, ms: row.statsStarted === null ? null : exact.t - row.statsStarted } : null;
    // The exact pass still running behind the estimate: its share done (the
    // panel's progress bar), and the whole pass at that rate, counted from
    // when the panel started (the first picture).
    const share = state.statsState === 'estimate' ? state.statsFraction : null;
    if (!row.exact && share > 0 && row.statsStarted !== null) {
      row.statsProgress = { share, at: state.now, projectedMs: (state.now - row.statsStarted) / share };
    }
    log(`statistics: ${state.stats}`);
    row.memoryEnd = { ...(await treeMemory(profile)), jsHeapMiB: await jsHeapMiB() };
    row.errors = errors;
    return row;
  } finally {
    const sampled = await memory?.stop();
    if (sampled) row.memoryPeak = sampled.peak;
    await context?.close().catch(() => {});
    if (server) {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    }
    await rm(profile, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}
