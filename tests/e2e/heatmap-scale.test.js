// The heatmap view at scale in headless Chromium: 20,000 items with planted
// groups open as a mean overview of at most 512 × 512 cells (never more
// cells than the plot has pixels), zooming into a corner ends at single
// items with their labels, the order option reorders (groups contiguous),
// and the page's JS heap stays under 150 MB.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { hoverCell } from './page-actions.js';

const N = 20_000;
const D = 32;
const GROUPS = 8;
const HEAP_LIMIT = 150 * 2 ** 20;

// What the plot shows now: trace size, level, ticks.
const shown = (page) => page.evaluate(() => {
  const gd = window.stage.plot;
  const trace = gd.data[0];
  return {
    rows: trace.z.length,
    cols: trace.z[0].length,
    width: gd._fullLayout._size.w,
    height: gd._fullLayout._size.h,
    level: window.view.level,
    xticks: gd.layout.xaxis.ticktext ?? null,
    xtickvals: gd.layout.xaxis.tickvals ?? null,
    shapes: gd.layout.shapes?.length ?? 0,
    corner: trace.z[0][0],
  };
});

// Zooms with Plotly.relayout, as a drag would, and waits for the view's level.
async function zoom(page, update, kind) {
  return page.evaluate(async ([relayout, wanted]) => {
    const levelled = new Promise((resolve) => window.view.addEventListener('level', (e) => resolve(e.detail), { once: true }));
    const started = performance.now();
    await window.Plotly.relayout(window.stage.plot, relayout);
    const level = await levelled;
    if (level.kind !== wanted) throw new Error(`expected ${wanted}, got ${JSON.stringify(level)}`);
    // The react that follows the level change has drawn by the next frame.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  }, [update, kind]);
}

async function hoverAt(page, row, col) {
  const label = await hoverCell(page, row, col);
  await page.waitForTimeout(200);
  const text = await label.textContent();
  await page.mouse.move(2, 2);
  return text;
}

describe('heatmap at scale', () => {
  const e2e = useBrowser({ fixtures: new URL('./pages/', import.meta.url), page: true });
  let client;

  e2e.before(async () => {
    client = await e2e.context.newCDPSession(e2e.page);
    await client.send('Performance.enable');
    await e2e.page.goto(e2e.url('/fixtures/heatmap-scale.html'));
    await e2e.page.waitForFunction(() => window.stageReady);
  });

  test(`${N.toLocaleString('en-US')} items open as a mean overview of at most 512 × 512 cells`, async (t) => {
    const ms = await e2e.page.evaluate(async ([n, d, groups]) => {
      const { library, planted, plot } = window.stage;
      window.data = planted(n, d, groups);
      window.view = new library.CosineSimilarityHeatmap(plot, { order: 'original' });
      const started = performance.now();
      await window.view.setEmbeddings(window.data.embeddings, { labels: window.data.labels, groups: window.data.groups });
      return performance.now() - started;
    }, [N, D, GROUPS]);
    const now = await shown(e2e.page);
    t.diagnostic(`first overview in ${Math.round(ms)} ms (engine load included): ${now.rows} × ${now.cols} cells `
      + `in a ${Math.round(now.width)} × ${Math.round(now.height)} px plot; 1 cell = ${now.level.cellSize} items`);
    assert.equal(now.level.kind, 'overview');
    assert.ok(now.rows <= 512 && now.cols <= 512, `${now.rows} × ${now.cols} cells`);
    assert.ok(now.rows <= now.height && now.cols <= now.width, 'no more cells than pixels');
    assert.ok(now.level.cellSize >= Math.ceil(N / 512));
    assert.deepEqual(now.level.window, { rows: [0, N], cols: [0, N] });
    assert.equal(now.shapes, 0, 'the original order mixes the groups: no boundary lines');
  });

  test('zooming into a corner ends at single items with their labels in the ticks and the hover', async (t) => {
    const ms = await zoom(e2e.page, { 'xaxis.range': [-0.5, 59.5], 'yaxis.range': [39.5, -0.5] }, 'items');
    const now = await shown(e2e.page);
    t.diagnostic(`zoom to 40 × 60 items drawn in ${Math.round(ms)} ms (debounce included)`);
    assert.deepEqual([now.rows, now.cols], [40, 60]);
    assert.deepEqual(now.level.window, { rows: [0, 40], cols: [0, 60] });
    assert.equal(now.level.cellSize, 1);
    const labels = await e2e.page.evaluate(() => window.data.labels.slice(0, 60));
    assert.ok(now.xticks.length >= 20, `${now.xticks.length} tick labels`);
    now.xtickvals.forEach((p, k) => {
      const full = labels[p].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      assert.ok(full.startsWith(now.xticks[k].replace(/…$/, '')), `tick ${k}: ${now.xticks[k]}`);
      assert.ok(now.xticks[k].endsWith('…'), 'long labels are cut');
    });
    const shownTick = await e2e.page.locator('#plot .xtick text').first().textContent();
    assert.match(shownTick, /^item 0 <[A-H]> with a rat/, 'escaped text shows as typed');
    const text = await hoverAt(e2e.page, 7, 31);
    const value = await e2e.page.evaluate(() => window.stage.plot.data[0].z[7][31]);
    assert.ok(text.includes(`row: ${labels[7]}`), text);
    assert.ok(text.includes(`column: ${labels[31]}`), text);
    assert.ok(text.includes(value.toFixed(4)), `${text} shows ${value.toFixed(4)}`);
  });

  test('between the two, a block hover names its item ranges; autoscale returns to the overview', async (t) => {
    await zoom(e2e.page, { 'xaxis.range': [-0.5, 799.5], 'yaxis.range': [799.5, -0.5] }, 'overview');
    const mid = await shown(e2e.page);
    t.diagnostic(`800 × 800 window: ${mid.rows} × ${mid.cols} cells, 1 cell = ${mid.level.cellSize} items`);
    const text = await hoverAt(e2e.page, 401, 118);
    // 800 positions in 466 cells: blocks of 1 or 2 items; this one has a 2-item side.
    assert.match(text, /items 1\d\d–1\d\d \(2\): item \d+ <[A-H]> with a rather long label to truncate … item \d+ <[A-H]>/, text);
    assert.match(text, /mean Cosine Similarity: -?\d\.\d{4}min: -?\d\.\d{4}max: -?\d\.\d{4}/, text);
    await zoom(e2e.page, { 'xaxis.autorange': true, 'yaxis.autorange': true }, 'overview');
    const back = await shown(e2e.page);
    assert.deepEqual(back.level.window, { rows: [0, N], cols: [0, N] });
    assert.ok(back.rows <= 512);
  });

  test('the order option reorders: groups come out contiguous, with boundaries and names', async (t) => {
    const before = await shown(e2e.page);
    const result = await e2e.page.evaluate(async (groups) => {
      const started = performance.now();
      await window.view.update({ order: 'groups' });
      const ms = performance.now() - started;
      const order = window.view.order;
      const seen = new Set(order);
      let runs = 1;
      for (let p = 1; p < order.length; p++) if (window.data.groups[order[p]] !== window.data.groups[order[p - 1]]) runs++;
      const engineOrders = typeof window.view.embeddings.order === 'function';
      // The groups of the items in the first overview cell (the top-left block).
      const firstCell = window.view.level.cellSize;
      const cornerGroups = new Set(Array.from(order.subarray(0, firstCell), (item) => window.data.groups[item]));
      return { ms, permutation: seen.size === order.length && order.length === window.data.groups.length, runs, engineOrders, groups, cornerGroups: cornerGroups.size };
    }, GROUPS);
    const now = await shown(e2e.page);
    t.diagnostic(`order 'groups' in ${Math.round(result.ms)} ms (${result.engineOrders ? 'engine' : 'JavaScript fallback'})`);
    assert.ok(result.permutation);
    assert.equal(result.runs, GROUPS, 'each group is one run');
    assert.equal(now.shapes, 2 * (GROUPS - 1), 'a line between groups on each axis');
    assert.equal(now.xticks.length, GROUPS);
    assert.ok(now.xticks.every((name) => /^group [A-H]$/.test(name)));
    assert.notEqual(now.corner, before.corner, 'the trace changed');
    // Within a group the expected cosine is about 0.6, between groups about 0
    // (random centres). The optimal leaf order puts a group's loosest items at
    // its ends, so the corner block's mean is below the group's, but it is
    // still one group's items.
    assert.equal(result.cornerGroups, 1, 'the first block lies inside one group');
    assert.ok(now.corner > 0.3, `the first block's mean is a within-group value (${now.corner})`);
  });

  test(`the page's JS heap stays under ${HEAP_LIMIT / 2 ** 20} MB`, async (t) => {
    await client.send('HeapProfiler.collectGarbage');
    const { metrics } = await client.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    t.diagnostic(`JSHeapUsedSize = ${(used / 2 ** 20).toFixed(1)} MB (the workers' WASM memory is not in it)`);
    assert.ok(used < HEAP_LIMIT, `${(used / 2 ** 20).toFixed(1)} MB`);
  });

  test('no console error', () => {
    assert.deepEqual(e2e.errors, []);
  });
});
