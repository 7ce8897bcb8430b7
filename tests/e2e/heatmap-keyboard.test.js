// The heatmap from the keyboard, on the demo page: Tab reaches the plot,
// the arrow keys move a focused cell (a box marks it; a live region says both
// labels and the value), Enter shows that cell's neighbours as a click does,
// + and − zoom around it, an arrow past a zoomed window's edge moves the
// window on, 0 shows everything again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

describe('keyboard', () => {
  const e2e = useBrowser({ open: '/' });
  const live = () => e2e.page.locator('#heatmap .cosine-heatmap-live').textContent();

  test('arrow keys move a focused cell, announced with both labels and the value', async () => {
    const { page } = e2e;
    await page.waitForFunction(() => document.getElementById('status').dataset.order === 'done', null, { timeout: 60_000 });
    const plot = page.locator('#heatmap');
    assert.equal(await plot.getAttribute('tabindex'), '0', 'one Tab stop');
    assert.match(await plot.getAttribute('aria-label'), /Arrow keys move between cells/);
    await plot.focus();
    const first = await live();
    assert.match(first, /^rows: items 0–\d+ \(\d+\): .+; columns: items 0–\d+ \(\d+\): .+; mean Cosine Similarity \d\.\d{4}$/, first);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await live();
    const truth = await page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const trace = gd.data[0];
      return { row: trace.text[1][0], col: trace.customdata[0][2][0] ?? trace.customdata[0][2], z: trace.z[1][2] };
    });
    const plain = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.ok(moved.includes(`rows: ${plain(truth.row)}`), `${moved} / ${truth.row}`);
    assert.ok(moved.includes(`columns: ${plain(truth.col)}`), `${moved} / ${truth.col}`);
    assert.ok(moved.endsWith(truth.z.toFixed(4)), `${moved} / ${truth.z}`);
    const box = await page.evaluate(() => {
      const el = document.querySelector('#heatmap .cosine-heatmap-focus');
      const r = el.getBoundingClientRect();
      const area = document.querySelector('#heatmap .nsewdrag[data-subplot="xy"]').getBoundingClientRect();
      const gd = document.getElementById('heatmap');
      const trace = gd.data[0];
      // The centre of cell (1, 2) in page pixels.
      const x = area.left + gd._fullLayout.xaxis.d2p(trace.x0 + 2 * trace.dx);
      const y = area.top + gd._fullLayout.yaxis.d2p(trace.y0 + 1 * trace.dy);
      return { shown: getComputedStyle(el).display !== 'none', x, y, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    assert.ok(box.shown, 'the focused cell is marked');
    assert.ok(box.left <= box.x && box.x <= box.right && box.top <= box.y && box.y <= box.bottom, JSON.stringify(box));
  });

  test('Enter shows the focused cell\'s neighbours, as a click does', async () => {
    const { page } = e2e;
    await page.evaluate(() => {
      window.clicked = null;
      document.getElementById('heatmap').on('plotly_click', (event) => { window.clicked = event.points[0].pointNumber; });
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.clicked !== null, null, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.clicked), [1, 2], 'the same path as a click on cell (1, 2)');
    // The page lists the neighbours of the row's item in place of its "Click a row…" hint.
    await page.waitForFunction(() => {
      const text = document.getElementById('neighbours')?.textContent.trim() ?? '';
      return text.length > 0 && !/^Click a row/.test(text);
    }, null, { timeout: 20_000 });
  });

  test('+ zooms around the focused cell down to single items, − and 0 zoom out', async () => {
    const { page } = e2e;
    const whole = await page.evaluate(() => {
      const range = document.getElementById('heatmap')._fullLayout.xaxis.range;
      return range[1] - range[0];
    });
    const level = () => page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const t = gd.data[0];
      return { cols: t.z[0].length, x0: t.x0, dx: t.dx, range: gd._fullLayout.xaxis.range.map((v) => Math.round(v * 2) / 2) };
    });
    let items = false;
    for (let k = 0; k < 6 && !items; k++) {
      const before = await level();
      await page.keyboard.press('+');
      await page.waitForFunction((old) => {
        const t = document.getElementById('heatmap').data[0];
        return t.x0 !== old.x0 || t.dx !== old.dx;
      }, before, { timeout: 20_000 });
      const now = await level();
      assert.ok(now.range[1] - now.range[0] < before.range[1] - before.range[0], `zoomed in: ${JSON.stringify(now.range)}`);
      items = now.dx === 1;
    }
    assert.ok(items, 'single items after a few presses');
    await page.waitForFunction(() => /^row: .+, column: .+, Cosine Similarity (-?\d\.\d{4}|blank)/.test(document.querySelector('#heatmap .cosine-heatmap-live').textContent));
    // Past the window's right edge: the window moves on by half its width.
    const before = await level();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((old) => document.getElementById('heatmap')._fullLayout.xaxis.range[0] > old.range[0] + 1, before, { timeout: 20_000 });
    const panned = await level();
    assert.equal(panned.range[1] - panned.range[0], before.range[1] - before.range[0], 'same width');
    assert.equal(panned.range[0] - before.range[0], Math.ceil((before.range[1] - before.range[0]) / 2), 'half a window on');
    const zoomedIn = await level();
    await page.keyboard.press('-');
    await page.waitForFunction((old) => document.getElementById('heatmap').data[0].dx !== old.dx, zoomedIn, { timeout: 20_000 });
    assert.ok((await level()).range[1] - (await level()).range[0] > zoomedIn.range[1] - zoomedIn.range[0], 'zoomed out');
    await page.keyboard.press('0');
    await page.waitForFunction((size) => {
      const range = document.getElementById('heatmap')._fullLayout.xaxis.range;
      return Math.abs(range[1] - range[0] - size) < 0.01;
    }, whole, { timeout: 20_000 });
    assert.deepEqual(e2e.errors, []);
  });
});
