// What the page shows by default, measured on the rendered picture in
// headless Chromium: the digits open ordered by digit with their 10 blocks
// clearly darker than the rest; a 20,000 × 384 set with 16 planted clusters
// in shuffled file order opens in file order (flat, and drawn flat), then the
// ordered picture replaces it with one block per cluster; the status line
// says which order is shown; and an order the user chooses is not undone by
// the automatic one arriving later.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { blocksFromGroupLines, renderedBlockContrast } from './block-contrast.js';
import { useBrowser } from './fixture.js';
import { plantedNpy } from './planted.js';

const LABELS_TSV = new URL('../../web/data/digits/labels.tsv', import.meta.url);
const PLANTED = { n: 20_000, d: 384, clusters: 16 };
// The contrast ratio of the mean luminance inside the diagonal blocks and
// outside them that counts as "clearly": WCAG asks 3 of large text; the
// seed's picture (file order, fixed −1..1) measures about 1.01.
const CLEAR = 2;

const statusText = (page) => page.locator('#status').textContent();

// Records, in the page, when the status line first says a picture is drawn
// and when it says the ordered one is: milliseconds since navigation.
function recordPictureTimes() {
  window.pictureTimes = {};
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('status');
    new MutationObserver(() => {
      if (status.dataset.state === 'done') window.pictureTimes.first ??= performance.now();
      if (status.dataset.order === 'done') window.pictureTimes.ordered ??= performance.now();
    }).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
  });
}

describe('the default picture shows structure', () => {
  const e2e = useBrowser({ tempDir: 'cosine-heatmap-order-', viewport: { width: 1400, height: 1000 }, page: true });
  let planted;

  e2e.before(async () => {
    planted = plantedNpy(PLANTED);
    await writeFile(join(e2e.dir, 'planted.npy'), planted.bytes);
    await e2e.page.addInitScript(recordPictureTimes);
  });

  test('the digits open ordered by digit, and the 10 digit blocks stand out in the rendered colours', async (t) => {
    await e2e.open('/');
    await e2e.page.waitForFunction(() => document.getElementById('status').dataset.order === 'done');
    const times = await e2e.page.evaluate(() => window.pictureTimes);
    t.diagnostic(`first picture ${Math.round(times.first)} ms, ordered ${Math.round(times.ordered)} ms after navigation`);
    assert.match(await statusText(e2e.page), / · ordered by group \(auto\) in [\d,.]+ m?s$/);
    const axis = await e2e.page.evaluate(() => document.getElementById('heatmap').layout.xaxis.ticktext);
    assert.deepEqual(axis, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], 'one named block per digit');
    const { blocks, count } = await blocksFromGroupLines(e2e.page, '#heatmap', 1797);
    assert.equal(count, 10);

    const shown = await renderedBlockContrast(e2e.page, '#heatmap', blocks);
    t.diagnostic(`default: luminance inside ${shown.inside.luminance.toFixed(3)} vs outside ${shown.outside.luminance.toFixed(3)} `
      + `(contrast ratio ${shown.ratio.toFixed(2)}); mean cell inside ${shown.inside.value.toFixed(3)} vs outside ${shown.outside.value.toFixed(3)}`);
    assert.ok(shown.inside.luminance < shown.outside.luminance, 'blocks are darker (more similar) than the rest');
    assert.ok(shown.ratio >= CLEAR, `contrast ratio ${shown.ratio.toFixed(2)}`);
    assert.ok(shown.inside.value - shown.outside.value > 0.1, 'the cell values differ as the colours do');

    // The seed's picture for comparison: file order, fixed −1..1.
    const digits = (await readFile(LABELS_TSV, 'utf8')).trim().split('\n').slice(1).map((row) => Number(row.split('\t')[0]));
    await e2e.page.selectOption('#range', 'fixed');
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /· in file order$/.test(document.getElementById('status').textContent)
      && document.getElementById('heatmap').data[0].zmin === -1);
    const seed = await renderedBlockContrast(e2e.page, '#heatmap', digits, { edges: false });
    t.diagnostic(`seed's picture: luminance inside ${seed.inside.luminance.toFixed(3)} vs outside ${seed.outside.luminance.toFixed(3)} (ratio ${seed.ratio.toFixed(2)})`);
    assert.ok(seed.ratio < 1.1, `the seed's picture is flat (ratio ${seed.ratio.toFixed(2)})`);
    assert.deepEqual(e2e.errors, []);
  });

  test(`${PLANTED.n.toLocaleString('en-US')} × ${PLANTED.d} with ${PLANTED.clusters} shuffled clusters: flat in file order first, then one block per cluster`, async (t) => {
    await e2e.open('/?data=/fixtures/planted.npy');
    const firstStatus = await statusText(e2e.page);
    const firstBar = await e2e.page.evaluate(() => document.getElementById('heatmap').data[0].colorbar.title.text);
    await e2e.page.waitForFunction(() => document.getElementById('status').dataset.order === 'done', null, { timeout: 120_000 });
    const status = await statusText(e2e.page);
    const times = await e2e.page.evaluate(() => window.pictureTimes);
    t.diagnostic(`first picture ${Math.round(times.first)} ms after navigation: "${firstStatus}" / colour bar "${firstBar}"`);
    t.diagnostic(`ordered picture ${Math.round(times.ordered)} ms after navigation: "${status}"`);
    assert.ok(times.first < times.ordered);
    assert.match(firstStatus, / · in file order — ordering by spectral bisection \(auto\)…$/);
    assert.match(firstStatus, /20,000 items × 384 dimensions · parsed in [\d,.]+ m?s · \d+×\d+ block means of 20,000 normalized rows in [\d,.]+ m?s/);
    assert.match(firstBar, /: cells' 1st–99th percentile only /, 'the file-order picture is flat and the colour bar says so');
    assert.match(status, / · ordered by spectral bisection \(auto\) in [\d,.]+ m?s$/);

    // The same permutation, computed again here from the same file by the
    // same engine (orders are deterministic), checked against the first and
    // last items the view names in each block's hover text, then used to
    // put every rendered pixel inside or outside a cluster block.
    const order = await e2e.page.evaluate(async () => {
      const { loadEngine, parseEmbeddings } = await import('/src/index.js');
      const x = await parseEmbeddings(await (await fetch('/fixtures/planted.npy')).arrayBuffer(), { name: 'planted.npy' });
      const set = await (await loadEngine()).embeddings(x);
      const permutation = await set.order({ method: 'spectral' });
      set.dispose();
      const named = document.getElementById('heatmap').data[0].text.map((row) => /^items ([\d,]+)–([\d,]+) \(\d+\): (\d+) … (\d+)$/.exec(row[0]));
      const agree = named.every((m) => m && permutation[Number(m[1].replace(/,/g, ''))] === Number(m[3])
        && permutation[Number(m[2].replace(/,/g, ''))] === Number(m[4]));
      return { permutation: Array.from(permutation), agree };
    });
    assert.ok(order.agree, 'the view shows this permutation');
    const clusterAt = order.permutation.map((item) => planted.cluster[item]);
    let same = 0;
    for (let p = 1; p < clusterAt.length; p++) if (clusterAt[p] === clusterAt[p - 1]) same++;
    assert.ok(same / (clusterAt.length - 1) >= 0.9, `clusters adjacent: ${same / (clusterAt.length - 1)}`);
    const shown = await renderedBlockContrast(e2e.page, '#heatmap', clusterAt, { edges: false });
    t.diagnostic(`ordered: luminance inside ${shown.inside.luminance.toFixed(3)} vs outside ${shown.outside.luminance.toFixed(3)} `
      + `(contrast ratio ${shown.ratio.toFixed(2)}); mean cell inside ${shown.inside.value.toFixed(3)} vs outside ${shown.outside.value.toFixed(3)}`);
    assert.ok(shown.inside.luminance < shown.outside.luminance);
    assert.ok(shown.ratio >= CLEAR, `contrast ratio ${shown.ratio.toFixed(2)}`);
    assert.deepEqual(e2e.errors, []);
  });

  test('an order the user picks while the automatic one is computing sticks when the automatic one arrives', async () => {
    await e2e.open('/?data=/fixtures/planted.npy');
    assert.match(await statusText(e2e.page), /— ordering by spectral bisection \(auto\)…$/, 'the automatic order is still computing');
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /· in file order$/.test(document.getElementById('status').textContent)
      && document.getElementById('status').dataset.order === 'done');
    const before = await e2e.page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      window.drawsAfterChoice = 0;
      gd.on('plotly_afterplot', () => { window.drawsAfterChoice++; });
      return gd.data[0].text.map((row) => row[0]);
    });
    assert.match(before[0], /^items 0–\d+ \(\d+\): 0 … \d+$/, 'file order: block 0 starts with item 0');
    // The engine computes the same spectral order for a second copy of the
    // set; queued after the page's, it ends after it: by then the page's
    // automatic order has arrived.
    const ms = await e2e.page.evaluate(async () => {
      const started = performance.now();
      const { loadEngine, parseEmbeddings } = await import('/src/index.js');
      const x = await parseEmbeddings(await (await fetch('/fixtures/planted.npy')).arrayBuffer(), { name: 'planted.npy' });
      const set = await (await loadEngine()).embeddings(x);
      await set.order({ method: 'spectral' });
      set.dispose();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return performance.now() - started;
    });
    const after = await e2e.page.evaluate(() => ({
      rows: document.getElementById('heatmap').data[0].text.map((row) => row[0]),
      draws: window.drawsAfterChoice,
      order: document.getElementById('order').value,
    }));
    assert.ok(ms > 1000);
    assert.deepEqual(after.rows, before, 'still the file order');
    assert.equal(after.draws, 0, 'nothing was drawn for the late automatic order');
    assert.equal(after.order, 'original');
    assert.match(await statusText(e2e.page), /· in file order$/);
    assert.deepEqual(e2e.errors, []);
  });
});
