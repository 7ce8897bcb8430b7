// <cosine-heatmap> in plain HTML: two instances (one from src + labels
// attributes, one from the embeddings property) share one engine and its
// workers, fire ready / select / error, restyle from attributes, hover in
// light DOM and follow their container's size. A third, with no attributes
// at all, draws as the view does by default: file order first, then the
// order 'auto' finds ('order' events), colours over the robust range.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>element</title>
<script src="/build/plotly.min.js"></script>
<style>body{margin:0;font:14px sans-serif}#frame-a{width:640px;height:420px}#frame-b{width:420px}</style>
</head><body>
<div id="frame-a"><cosine-heatmap id="a" src="/data/digits/digits.npy" labels="/data/digits/labels.tsv"
  title="Digits" color-scale="RdBu" order="average" style="height:100%"></cosine-heatmap></div>
<div id="frame-b"><cosine-heatmap id="b" title="Small" zmin="0" zmax="1" order="original" style="height:380px"></cosine-heatmap></div>
<cosine-heatmap id="c" src="/fixtures/bad.csv" style="height:200px"></cosine-heatmap>
<cosine-heatmap id="d" style="height:300px"></cosine-heatmap>
<script type="module">
  import { defineCosineHeatmapElement } from '/src/cosine-heatmap-element.js';
  window.events = [];
  for (const id of ['a', 'b', 'c', 'd']) {
    for (const type of ['ready', 'select', 'error', 'order']) {
      document.getElementById(id).addEventListener(type, (e) => window.events.push({ id, type, detail: JSON.parse(JSON.stringify(e.detail, (k, v) => (k === 'error' ? undefined : ArrayBuffer.isView(v) ? Array.from(v) : v))) }));
    }
  }
  window.defined = defineCosineHeatmapElement();
  const b = document.getElementById('b');
  b.labels = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  b.embeddings = [[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.8, 0.2], [0.5, 0.5, 0.5]];
  // 40 items in two directions, alternating in the file.
  document.getElementById('d').embeddings = Array.from({ length: 40 }, (_, i) => (i % 2 ? [1, 0.02 * i, 0] : [0, 0.02 * i, 1]));
</script>
</body></html>`;

const e2e = useBrowser({ fixtures: FIXTURES });

const readyIds = (page) => page.evaluate(() => window.events.filter((e) => e.type === 'ready' || e.type === 'error').map((e) => e.id));

describe('<cosine-heatmap>', () => {
  test('two instances share one engine, fire their events and follow their container', async () => {
    const { page, errors } = await e2e.newPage();
    await page.addInitScript(() => {
      // Counts the engine workers the page starts.
      const Native = window.Worker;
      window.engineWorkers = 0;
      window.Worker = class extends Native {
        constructor(url, options) {
          super(url, options);
          if (String(url).includes('engine-worker')) window.engineWorkers++;
        }
      };
    });
    await e2e.openHtml('/element-test.html', PAGE, { page });
    await page.waitForFunction(() => window.events?.filter((e) => e.type === 'ready' || e.type === 'error').length >= 4, null, { timeout: 30_000 });
    assert.deepEqual((await readyIds(page)).sort(), ['a', 'b', 'c', 'd']);

    const state = await page.evaluate(() => {
      const a = document.getElementById('a');
      const b = document.getElementById('b');
      const byId = (id, type) => window.events.find((e) => e.id === id && e.type === type);
      return {
        defined: window.defined,
        sameEngine: a.engine === b.engine && a.engine !== null,
        workers: a.engine.workers,
        engineWorkers: window.engineWorkers,
        readyA: byId('a', 'ready')?.detail,
        readyB: byId('b', 'ready')?.detail,
        errorC: byId('c', 'error')?.detail,
        titleA: a.view.element.layout.title.text,
        scaleA: a.view.options.colorScale,
        orderA: a.view.options.order,
        zB: [b.view.options.zmin, b.view.options.zmax],
        rangeB: b.view.options.range,
        labelsB: b.view.labels,
        shadow: a.shadowRoot,
      };
    });
    assert.equal(state.defined, true);
    assert.ok(state.sameEngine, 'both instances use the one engine loadEngine() caches');
    assert.equal(state.engineWorkers, state.workers, 'one set of engine workers for the page, not one per instance');
    assert.deepEqual([state.readyA.size, state.readyA.dim], [1797, 64]);
    assert.deepEqual([state.readyB.size, state.readyB.dim], [5, 3]);
    assert.match(state.errorC.message, /bad\.csv/);
    assert.equal(state.titleA, 'Digits');
    assert.equal(state.scaleA, 'RdBu');
    assert.equal(state.orderA, 'average');
    assert.deepEqual(state.zB, [0, 1]);
    assert.equal(state.rangeB, 'fixed', 'zmin and zmax attributes pick the fixed range');
    assert.equal(state.readyB.order.shown, 'original');
    assert.deepEqual(state.labelsB, ['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    assert.equal(state.shadow, null, 'light DOM: Plotly\'s stylesheet applies');

    // Hover and click on b: the cell of items 0 and 1.
    const plotB = page.locator('#b .nsewdrag[data-subplot="xy"]').first();
    const box = await plotB.boundingBox();
    const at = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.1 };
    await page.mouse.move(at.x, at.y);
    const hover = await page.locator('#b .hoverlayer .hovertext').first().textContent({ timeout: 5000 });
    assert.match(hover, /row: alpha.*column: beta/s);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => window.events.some((e) => e.type === 'select'));
    const select = await page.evaluate(() => window.events.find((e) => e.type === 'select'));
    assert.equal(select.id, 'b');
    assert.deepEqual([select.detail.row, select.detail.col], [0, 1]);
    assert.ok(Math.abs(select.detail.value - 0.9 / Math.hypot(0.9, 0.1)) < 1e-5, `value ${select.detail.value}`);

    // Attributes restyle in place.
    await page.evaluate(() => document.getElementById('b').setAttribute('color-scale', 'Viridis'));
    await page.waitForFunction(() => document.getElementById('b').view.options.colorScale === 'Viridis');
    await page.evaluate(() => document.getElementById('b').setAttribute('zmin', 'nope'));
    await page.waitForFunction(() => window.events.some((e) => e.id === 'b' && e.type === 'error'));

    // The container shrinks: Plotly lays out again at the new width.
    const width = () => page.evaluate(() => document.querySelector('#a .cosine-heatmap-plot')._fullLayout.width);
    assert.equal(await width(), 640);
    await page.evaluate(() => { document.getElementById('frame-a').style.width = '480px'; });
    await page.waitForFunction(() => document.querySelector('#a .cosine-heatmap-plot')._fullLayout.width === 480, null, { timeout: 5000 });
    await page.evaluate(() => { document.getElementById('frame-a').style.height = '300px'; });
    await page.waitForFunction(() => document.querySelector('#a .cosine-heatmap-plot')._fullLayout.height === 300, null, { timeout: 5000 });

    // d: the defaults. Ready at the first picture; an 'order' event says when
    // the ordered one is drawn.
    await page.waitForFunction(() => window.events.some((e) => e.id === 'd' && e.type === 'order' && !e.detail.pending));
    const d = await page.evaluate(() => {
      const element = document.getElementById('d');
      const trace = element.view.element.data[0];
      const order = Array.from(element.view.order);
      return {
        ready: window.events.find((e) => e.id === 'd' && e.type === 'ready').detail.order,
        last: window.events.filter((e) => e.id === 'd' && e.type === 'order').at(-1).detail,
        options: [element.view.options.order, element.view.options.range],
        switches: order.filter((item, p) => p > 0 && item % 2 !== order[p - 1] % 2).length,
        colorbar: trace.colorbar.title.text,
      };
    });
    assert.deepEqual(d.options, ['auto', 'robust']);
    assert.equal(d.ready.requested, 'auto');
    assert.deepEqual([d.last.method, d.last.shown, d.last.pending], ['average', 'average', false]);
    assert.equal(d.switches, 1, 'ordered: the two directions are two blocks');
    assert.match(d.colorbar, /^Cosine Similarity · 1st–99th percentile of cells: /);

    assert.deepEqual(errors.filter((e) => !/bad\.csv|zmin/.test(e)), []);
    await page.close();
  });
});
