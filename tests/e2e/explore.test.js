// The Find and select panel in the demo page (digits, 1,797 items): find an
// item by label and zoom to it, colour strips from a metadata column at
// overview resolution, select rows by dragging along the row labels (its
// mean within-similarity checked against brute force in Node), shift-drag to
// extend, make it a group; and <cosine-heatmap>'s select event with
// detail.indices, from view.select() and from a click.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadEngine } from '../../web/src/index.js';
import { readDigits } from '../js/helpers.js';
import { useBrowser } from './fixture.js';

const plotState = (page) => page.evaluate(() => {
  const plot = document.getElementById('heatmap');
  return {
    level: document.getElementById('level').textContent,
    shapes: (plot.layout.shapes ?? []).map((s) => s.name ?? null),
    x0: plot.data[0].x0,
    dx: plot.data[0].dx,
    columns: plot.data[0].z[0].length,
    strips: plot.data.filter((t) => t.meta?.axis).map((t) => ({ axis: t.meta.axis, strip: t.meta.strip, cells: t.meta.axis === 'rows' ? t.y.length : t.x.length, text: t.text.flat()[0] })),
    legend: plot.data.filter((t) => t.showlegend).map((t) => t.name),
  };
});

// Drags along the row labels (left of the heatmap) from fraction a to b of its height.
async function dragRows(page, a, b, { shift = false } = {}) {
  const at = await page.evaluate(() => {
    const plot = document.getElementById('heatmap');
    plot.scrollIntoView({ block: 'start' }); // a click on a panel's button may have scrolled it away
    const box = plot.getBoundingClientRect();
    const { xaxis, yaxis } = plot._fullLayout;
    return { x: box.left + xaxis._offset - 8, top: box.top + yaxis._offset, height: yaxis._length };
  });
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.move(at.x, at.top + a * at.height);
  await page.mouse.down();
  await page.mouse.move(at.x, at.top + ((a + b) / 2) * at.height, { steps: 4 });
  await page.mouse.move(at.x, at.top + b * at.height, { steps: 4 });
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
}

describe('Find and select in the demo page', () => {
  const e2e = useBrowser({ open: '/' });

  test('find an item by label: the match listed, Enter zooms to single items around it with its row outlined', async () => {
    const { page } = e2e;
    await page.fill('#find-input', '(#42)');
    await page.waitForFunction(() => document.querySelectorAll('#find-matches button').length > 0);
    const matches = await page.locator('#find-matches button').allTextContents();
    assert.equal(matches.length, 1);
    assert.match(matches[0], /^\d \(#42\)$/);
    assert.match(await page.locator('#find-summary').textContent(), /^1 match:/);
    await page.press('#find-input', 'Enter');
    await page.waitForFunction(() => (document.getElementById('heatmap').layout.shapes ?? []).some((s) => s.name === 'found-row')
      && document.getElementById('heatmap').data[0].dx === 1);
    const state = await plotState(page);
    assert.equal(state.columns, 40, 'a window of 40 single items');
    assert.ok(state.shapes.includes('found-column'));
    await page.fill('#find-input', 'CAT');
    await page.waitForFunction(() => /No label contains that/.test(document.getElementById('find-summary').textContent));
    await page.dblclick('#heatmap .nsewdrag[data-subplot="xy"]'); // back to the whole matrix
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].dx > 1);
    assert.deepEqual(e2e.errors, []);
  });

  test('colour strips: the digit column along both axes with a legend, majority and purity per overview cell', async () => {
    const { page } = e2e;
    await page.focus('#strip-1');
    await page.selectOption('#strip-1', { label: 'digit' });
    await page.waitForFunction(() => document.getElementById('heatmap').data.some((t) => t.meta?.axis === 'rows'));
    const state = await plotState(page);
    assert.deepEqual(state.strips.map((s) => s.axis), ['rows', 'columns']);
    assert.equal(state.strips[0].cells, await page.evaluate(() => document.getElementById('heatmap').data[0].z.length), 'one strip cell per row of cells');
    assert.ok(state.strips[0].cells > 400, 'an overview');
    assert.match(state.strips[0].text, /^digit: \d<br>\d+% of \d items \(majority\)$/);
    assert.deepEqual(state.legend, ['<b>digit</b>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // The hover over a strip cell says so.
    const at = await page.evaluate(() => {
      const plot = document.getElementById('heatmap');
      plot.scrollIntoView({ block: 'start' });
      const box = plot.getBoundingClientRect();
      const axis = plot._fullLayout[`xaxis${plot.data.find((t) => t.meta?.axis === 'rows').xaxis.slice(1)}`];
      const { yaxis } = plot._fullLayout;
      return { x: box.left + axis._offset + axis._length / 2, y: box.top + yaxis._offset + yaxis._length * 0.3 };
    });
    await page.mouse.move(at.x, at.y);
    const hover = await page.locator('#heatmap .hoverlayer .hovertext').first().textContent({ timeout: 5000 });
    assert.match(hover, /digit: \d\d+% of \d items \(majority\)/);
    assert.deepEqual(e2e.errors, []);
  });

  test('a drag along the row labels selects those rows: items, exact mean within, nearest outside, CSV; shift extends; made a group', async () => {
    const { page } = e2e;
    await dragRows(page, 0.1, 0.2);
    await page.waitForFunction(() => /^\d/.test(document.getElementById('selection-within')?.textContent ?? '')
      && document.querySelectorAll('#selection-nearest li').length === 10, null, { timeout: 30_000 });
    const count = Number((await page.locator('#selection-count').textContent()).match(/^([\d,]+) items selected/)[1].replace(',', ''));
    assert.ok(count > 150 && count < 210, `${count} items: a tenth of 1,797`);
    const shown = Number(await page.locator('#selection-within').textContent());

    // The CSV lists the selected items: their mean within-similarity by brute force in Node.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#selection-csv')]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'index,label,group');
    const indices = lines.slice(1).map((line) => Number(line.split(',')[0]));
    assert.equal(indices.length, count);
    const engine = await loadEngine({ workers: 1 });
    const set = await engine.embeddings(readDigits());
    const { data: s } = await set.similarity();
    let sum = 0;
    for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) sum += s[indices[a] * 1797 + indices[b]];
    assert.ok(Math.abs(shown - sum / ((count * (count - 1)) / 2)) < 6e-5, `shown ${shown}, brute force ${sum / ((count * (count - 1)) / 2)}`);
    set.dispose();
    engine.dispose();

    await dragRows(page, 0.3, 0.35, { shift: true });
    await page.waitForFunction((before) => {
      const m = /^([\d,]+) items/.exec(document.getElementById('selection-count')?.textContent ?? '');
      return m && Number(m[1].replace(',', '')) > before;
    }, count);
    const extended = Number((await page.locator('#selection-count').textContent()).match(/^([\d,]+)/)[1].replace(',', ''));
    assert.ok(extended > count * 2, `shift-drag from the first drag's rows through these: ${extended}`);

    await page.click('#selection-group');
    // Ordered by group ('auto'): the selection is one run of rows, a group of its own.
    await page.waitForFunction((m) => {
      const plot = document.getElementById('heatmap');
      const at = (plot.layout.yaxis.tickvals ?? []).findIndex((v, k) => plot.layout.yaxis.ticktext[k] === 'selection');
      return at >= 0;
    }, extended, { timeout: 30_000 });
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('#selection-csv')]);
    const groups = Buffer.concat(await (await again.createReadStream()).toArray()).toString('utf8').trim().split('\n').slice(1).map((line) => line.split(',').at(-1));
    assert.equal(groups.length, extended);
    assert.ok(groups.every((g) => g === 'selection'));
    assert.deepEqual(e2e.errors, []);
  });
});

const ELEMENT_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>element select</title>
<script src="/build/plotly.min.js"></script>
</head><body>
<cosine-heatmap id="h" order="original" style="width:600px;height:480px"></cosine-heatmap>
<script type="module">
  import '/src/cosine-heatmap-element.js';
  window.selects = [];
  const h = document.getElementById('h');
  h.addEventListener('select', (e) => window.selects.push({ indices: e.detail.indices && Array.from(e.detail.indices), source: e.detail.source ?? 'click' }));
  h.addEventListener('ready', () => { window.ready = true; });
  h.labels = ['a', 'b', 'c', 'd', 'e', 'f'];
  h.embeddings = [[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.9, 0.1], [0, 0, 1], [0.5, 0.5, 0.5]];
</script>
</body></html>`;

describe('<cosine-heatmap> select event', () => {
  const e2e = useBrowser({ page: true });

  test('view.select and a click fire select on the element with event.detail.indices', async () => {
    const { page } = e2e;
    await e2e.openHtml('/element-select.html', ELEMENT_PAGE);
    await page.waitForFunction(() => window.ready);
    await page.evaluate(() => document.getElementById('h').view.select([4, 1, 1]));
    await page.waitForFunction(() => window.selects.length === 1);
    assert.deepEqual(await page.evaluate(() => window.selects[0]), { indices: [1, 4], source: 'api' });
    assert.deepEqual(await page.evaluate(() => Array.from(document.getElementById('h').view.selection)), [1, 4]);

    // A click on the cell (row c, column a): the row's item.
    const box = await page.locator('#h .nsewdrag[data-subplot="xy"]').first().boundingBox();
    await page.mouse.click(box.x + box.width * (0.5 / 6), box.y + box.height * (2.5 / 6));
    await page.waitForFunction(() => window.selects.length === 2);
    assert.deepEqual((await page.evaluate(() => window.selects[1])).indices, [2]);
    assert.deepEqual(e2e.errors, []);
  });
});
