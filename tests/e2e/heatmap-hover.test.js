// Hover and zoom as a person uses them: an overview cell of a large window
// says its block's mean, min and max (min and max fetched for the hovered
// cell, "…" meanwhile, nothing blocked); a zoom inside one item keeps that
// item's label and value in view; the A − B hover names items, not positions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { hoverCell } from './page-actions.js';
import { plantedNpy } from './planted.js';

const N = 20_000;

describe('hover and zoom on the view', () => {
  const e2e = useBrowser({ fixtures: new URL('./pages/', import.meta.url), page: true });

  test('an overview cell of a large window shows its block\'s mean, min and max', async (t) => {
    const { page } = e2e;
    await page.goto(e2e.url('/fixtures/heatmap-scale.html'));
    await page.waitForFunction(() => window.stageReady);
    await page.evaluate(async (n) => {
      const { library, planted, plot } = window.stage;
      window.data = planted(n, 32, 8);
      window.view = new library.CosineSimilarityHeatmap(plot, { order: 'original' });
      await window.view.setEmbeddings(window.data.embeddings, { labels: window.data.labels });
      window.hovered = [];
      plot.on('plotly_hover', (event) => window.hovered.push(event.points[0].pointNumber));
    }, N);
    const level = await page.evaluate(() => window.view.level);
    assert.equal(level.kind, 'overview');
    assert.ok(level.cellSize > 30, 'blocks of many items: the picture knows their means only');

    const started = Date.now();
    await hoverCell(page, 5000, 7000);
    await page.waitForFunction(() => /min: -?\d\.\d{4}/.test(document.querySelector('#plot .hovertext')?.textContent ?? ''), null, { timeout: 10_000 });
    const waited = Date.now() - started;
    const text = await page.locator('#plot .hovertext').first().textContent();
    const truth = await page.evaluate(async () => {
      const [row, col] = window.hovered.at(-1);
      const cells = window.view.matrix;
      const window_ = { rows: [cells.rowStarts[row], cells.rowEnds[row]], cols: [cells.colStarts[col], cells.colEnds[col]] };
      const entries = await window.view.embeddings.overview({ size: 1000, window: window_ });
      let min = Infinity;
      let max = -Infinity;
      for (const v of entries.data) { min = Math.min(min, v); max = Math.max(max, v); }
      return { min, max, mean: cells.data[row * cells.dims[1] + col], window: window_ };
    });
    assert.ok(text.includes(`items ${truth.window.rows[0].toLocaleString('en-US')}–`), text);
    assert.ok(text.includes(`mean Cosine Similarity: ${truth.mean.toFixed(4)}`), text);
    assert.ok(text.includes(`min: ${truth.min.toFixed(4)}`), `${text} min ${truth.min}`);
    assert.ok(text.includes(`max: ${truth.max.toFixed(4)}`), `${text} max ${truth.max}`);
    t.diagnostic(`${level.cellSize}-item blocks: min and max shown ${waited} ms after the pointer arrived (60 ms of it waiting to see the pointer rest)`);
    assert.ok(waited < 5000, `min and max shown ${waited} ms after the hover`);
    await page.mouse.move(2, 2);
  });

  test('a zoom inside one item shows that item whole: its labels and its value stay', async () => {
    const { page } = e2e;
    const levelled = page.evaluate(() => new Promise((resolve) => {
      window.view.addEventListener('level', (e) => { if (e.detail.kind === 'items') resolve(e.detail); });
    }));
    await page.evaluate(() => window.Plotly.relayout(window.stage.plot, { 'xaxis.range': [100.2, 100.7], 'yaxis.range': [50.7, 50.2] }));
    const level = await levelled;
    assert.deepEqual(level.window, { rows: [50, 51], cols: [100, 101] });
    await page.waitForFunction(() => document.querySelectorAll('#plot .xtick text').length > 0);
    const shown = await page.evaluate(() => {
      const gd = window.stage.plot;
      return {
        x: gd._fullLayout.xaxis.range,
        y: gd._fullLayout.yaxis.range,
        xtick: [...gd.querySelectorAll('.xtick text')].map((t) => t.textContent),
        ytick: [...gd.querySelectorAll('.ytick text')].map((t) => t.textContent),
        value: [...gd.querySelectorAll('.heatmaplayer text, .textpoint text, text.textpoint')].map((t) => t.textContent),
        z: gd.data[0].z[0][0],
        texttemplate: gd.data[0].texttemplate,
      };
    });
    assert.deepEqual(shown.x, [99.5, 100.5], 'the x axis shows item 100 whole');
    assert.deepEqual(shown.y, [50.5, 49.5], 'the y axis shows item 50 whole');
    assert.deepEqual(shown.xtick.map((t) => t.slice(0, 9)), ['item 100 '], 'the x label stays');
    assert.deepEqual(shown.ytick.map((t) => t.slice(0, 8)), ['item 50 '], 'the y label stays');
    assert.ok(shown.texttemplate, 'the value is written in the cell');
    assert.equal(shown.value.length, 1, `one value drawn: ${shown.value}`);
    assert.ok(Math.abs(Number(shown.value[0].replace('−', '-')) - shown.z) <= 0.005, `the value ${shown.z} is drawn: ${shown.value}`);
    assert.deepEqual(e2e.errors, []);
  });
});

describe('A − B hover', () => {
  const e2e = useBrowser({ open: '/' });

  test('names the items of each block, not their positions', async () => {
    const { page } = e2e;
    const n = await page.evaluate(() => document.getElementById('heatmap').data[0] && 1797);
    const { bytes } = plantedNpy({ n, d: 16, clusters: 4 });
    await page.setInputFiles('#compare-file', { name: 'model-b.npy', mimeType: 'application/octet-stream', buffer: bytes });
    await page.waitForFunction(() => document.getElementById('compare-diff')?.data?.[0]?.text?.length > 0, null, { timeout: 60_000 });
    const hover = await page.evaluate(() => document.getElementById('compare-diff').data[0].text[3][5]);
    assert.doesNotMatch(hover, /positions/);
    assert.match(hover, /^rows: items [\d,]+–[\d,]+ \(\d+\)<br>.+ … .+<br>columns: items [\d,]+–[\d,]+ \(\d+\)<br>.+ … .+<br>mean$/, hover);
    assert.deepEqual(e2e.errors, []);
  });
});
