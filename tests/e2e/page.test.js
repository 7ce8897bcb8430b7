// The demo page end to end in headless Chromium: it opens on the digits data
// set, plots exactly the engine's similarities, shows both items' labels on
// hover, restyles from its controls without recomputing, logs no error and
// never leaves its own origin.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const LABELS_TSV = new URL('../../web/data/digits/labels.tsv', import.meta.url);

// The page's labels, rebuilt here from the file: "digit (#index)".
async function expectedLabels() {
  const [header, ...rows] = (await readFile(LABELS_TSV, 'utf8')).trim().split('\n');
  assert.deepEqual(header.split('\t'), ['digit', 'index']);
  return rows.map((row) => {
    const [digit, index] = row.split('\t');
    return `${digit} (#${index})`;
  });
}

// Moves the mouse onto ordered position (row, col) of a heatmap graph div and
// returns Plotly's hover text with the cell (trace row and column) Plotly
// says is under the mouse; the caller checks the labels of the cell hit.
async function hover(page, selector, row, col) {
  const target = await page.evaluate(([sel, r, c]) => {
    const gd = document.querySelector(sel);
    window.lastHover = null;
    if (!gd.hoverProbe) {
      gd.on('plotly_hover', (event) => { window.lastHover = event.points[0].pointNumber; });
      gd.hoverProbe = true;
    }
    const { xaxis, yaxis } = gd._fullLayout;
    const area = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
    return { x: area.left + xaxis.d2p(c), y: area.top + yaxis.d2p(r) };
  }, [selector, row, col]);
  await page.mouse.move(target.x - 20, target.y - 20);
  await page.mouse.move(target.x, target.y, { steps: 2 });
  const label = page.locator(`${selector} .hovertext`).first();
  await label.waitFor({ state: 'visible', timeout: 10_000 });
  // Plotly throttles hover to one update per 50 ms; let the last one land.
  await page.waitForTimeout(250);
  const [hitRow, hitCol] = await page.evaluate(() => window.lastHover);
  return { text: await label.textContent(), row: hitRow, col: hitCol };
}

async function hoverText(page, selector, row, col) {
  const hit = await hover(page, selector, row, col);
  assert.deepEqual([hit.row, hit.col], [row, col], 'the mouse is over the cell aimed at');
  return hit.text;
}

describe('demo page', () => {
  const e2e = useBrowser({ open: '/' });

  test('opens on the digits data set as an overview, ordered by digit, coloured over the cells there are', async () => {
    const shown = await e2e.page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const trace = gd.data[0];
      const area = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
      return {
        type: trace.type,
        rows: trace.z.length,
        cols: trace.z[0].length,
        plotPixels: [area.height, area.width],
        zmin: trace.zmin,
        zmax: trace.zmax,
        firstStop: trace.colorscale[0],
        lastStop: trace.colorscale.at(-1),
        title: gd.layout.title.text,
        xTitle: gd.layout.xaxis.title.text,
        yTitle: gd.layout.yaxis.title.text,
        yRange: gd._fullLayout.yaxis.range,
        colorbar: trace.colorbar.title.text,
        texttemplate: trace.texttemplate,
        status: document.getElementById('status').textContent,
        level: document.getElementById('level').textContent,
      };
    });
    assert.equal(shown.type, 'heatmap');
    // 1,797 items do not fit in the plot's pixels: a mean overview, at most one cell per pixel.
    assert.ok(shown.rows < 1797 && shown.rows <= Math.ceil(shown.plotPixels[0]), `${shown.rows} rows for ${shown.plotPixels[0]} px`);
    assert.ok(shown.cols < 1797 && shown.cols <= Math.ceil(shown.plotPixels[1]), `${shown.cols} cols for ${shown.plotPixels[1]} px`);
    assert.match(shown.level, /overview: 1 cell = \d+×\d+ items/);
    // The range: the 1st to 99th percentile of the cells shown, as the colour bar says.
    assert.ok(shown.zmin > 0.4 && shown.zmin < 0.55 && shown.zmax > 0.85 && shown.zmax < 0.95, `${shown.zmin} to ${shown.zmax}`);
    assert.deepEqual(shown.firstStop, [0, 'rgb(247,251,255)']); // plotly express "Blues": light ...
    assert.deepEqual(shown.lastStop, [1, 'rgb(8,48,107)']); // ... to dark
    assert.equal(shown.title, 'Cosine Similarity Matrix');
    assert.equal(shown.xTitle, 'Index');
    assert.equal(shown.yTitle, 'Index');
    assert.ok(shown.yRange[0] > shown.yRange[1], 'row 0 is at the top, like imshow');
    assert.equal(shown.colorbar, `Cosine Similarity · 1st–99th percentile of cells: ${shown.zmin.toFixed(2)} to ${shown.zmax.toFixed(2)}`);
    assert.equal(shown.texttemplate, '', 'no values printed in an overview');
    assert.match(shown.status, /^digits\.npy \+ labels\.tsv · 1,797 items × 64 dimensions · parsed in [\d,.]+ m?s · (\d+)×\1 block means of 1,797 normalized rows in [\d,.]+ m?s · drawn in [\d,.]+ m?s(?: \(times of the first picture, \d+×\d+\))? · ordered by group \(auto\) in [\d,.]+ m?s$/);
    assert.equal(shown.rows, Number(/ (\d+)×\d+ block means/.exec(shown.status)[1]), 'the status names the cells drawn');
  });

  test('plots exactly the engine\'s similarities: block means, then single items after a zoom', async (t) => {
    // In file order (the user's choice), so positions are row numbers.
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /· in file order$/.test(document.getElementById('status').textContent));
    const result = await e2e.page.evaluate(async () => {
      const { loadEngine } = await import('/src/index.js');
      // Read the .npy here with a minimal reader of our own, so the check
      // does not depend on the page's parser.
      const bytes = new Uint8Array(await (await fetch('/data/digits/digits.npy')).arrayBuffer());
      const headerLength = bytes[8] | (bytes[9] << 8);
      const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
      const [n, d] = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header).slice(1).map(Number);
      const x = new Float32Array(bytes.slice(10 + headerLength).buffer, 0, n * d);
      const engine = await loadEngine();
      const s = await engine.cosineSimilarity({ data: x, dims: [n, d] });

      // The overview: each cell is the mean of its block; blocks split the
      // n positions as evenly as integers allow (original order).
      const gd = document.getElementById('heatmap');
      const z = gd.data[0].z;
      const edges = (cells) => Array.from({ length: cells + 1 }, (_, k) => Math.floor((k * n) / cells));
      const rowEdges = edges(z.length);
      const colEdges = edges(z[0].length);
      let maxMeanDiff = 0;
      for (let r = 0; r < z.length; r++) {
        for (let c = 0; c < z[0].length; c++) {
          let sum = 0;
          for (let i = rowEdges[r]; i < rowEdges[r + 1]; i++) {
            for (let j = colEdges[c]; j < colEdges[c + 1]; j++) sum += s.data[i * n + j];
          }
          const mean = sum / ((rowEdges[r + 1] - rowEdges[r]) * (colEdges[c + 1] - colEdges[c]));
          maxMeanDiff = Math.max(maxMeanDiff, Math.abs(z[r][c] - mean));
        }
      }

      // Zoom into rows 20..59 × columns 100..139: single items, exact values.
      await window.Plotly.relayout(gd, { 'xaxis.range': [99.5, 139.5], 'yaxis.range': [59.5, 19.5] });
      const deadline = performance.now() + 20000;
      while (!(gd.data[0].z.length <= 60 && /single items/.test(document.getElementById('level').textContent))) {
        if (performance.now() > deadline) throw new Error(`no zoom: ${document.getElementById('level').textContent}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const trace = gd.data[0];
      const r0 = Math.round(trace.y0);
      const c0 = Math.round(trace.x0);
      let maxItemDiff = 0;
      let compared = 0;
      for (let r = 0; r < trace.z.length; r++) {
        for (let c = 0; c < trace.z[0].length; c++) {
          maxItemDiff = Math.max(maxItemDiff, Math.abs(trace.z[r][c] - s.data[(r0 + r) * n + c0 + c]));
          compared++;
        }
      }
      return { n, d, cells: z.length * z[0].length, maxMeanDiff, r0, c0, compared, maxItemDiff, rowLabel: trace.text[0][0] };
    });
    t.diagnostic(`overview: ${result.cells} cells, max |cell − block mean| = ${result.maxMeanDiff}; `
      + `zoom from (${result.r0}, ${result.c0}): ${result.compared} items, max |plotted − engine| = ${result.maxItemDiff}`);
    assert.equal(result.n, 1797);
    assert.equal(result.d, 64);
    assert.ok(result.maxMeanDiff <= 1e-5, `max |cell − block mean| = ${result.maxMeanDiff}`);
    assert.ok(Math.abs(result.r0 - 20) <= 1 && Math.abs(result.c0 - 100) <= 1, `zoomed to (${result.r0}, ${result.c0})`);
    assert.ok(result.compared >= 38 * 38, `${result.compared} items compared`);
    assert.ok(result.maxItemDiff <= 1e-6, `max |plotted − engine| = ${result.maxItemDiff}`);
    const labels = await expectedLabels();
    assert.equal(result.rowLabel, labels[result.r0]);
  });

  test('hovering a single-item cell shows both items\' labels and the value', async (t) => {
    const labels = await expectedLabels();
    const [r0, c0] = await e2e.page.evaluate(() => {
      const trace = document.getElementById('heatmap').data[0];
      return [Math.round(trace.y0), Math.round(trace.x0)];
    });
    for (const [aimRow, aimCol] of [[r0 + 3, c0 + 5], [r0 + 30, c0 + 2]]) {
      const { text, row, col } = await hover(e2e.page, '#heatmap', aimRow, aimCol);
      t.diagnostic(`aimed at (${aimRow}, ${aimCol}), hit cell (${row}, ${col}): ${text}`);
      const value = await e2e.page.evaluate(([r, c]) => document.getElementById('heatmap').data[0].z[r][c], [row, col]);
      assert.ok(text.includes(`row: ${labels[r0 + row]}`), `hover "${text}" names row ${r0 + row} (${labels[r0 + row]})`);
      assert.ok(text.includes(`column: ${labels[c0 + col]}`), `hover "${text}" names column ${c0 + col} (${labels[c0 + col]})`);
      assert.ok(text.includes(`Cosine Similarity: ${value.toFixed(4)}`), `hover "${text}" shows ${value.toFixed(4)}`);
    }
    await e2e.page.mouse.move(2, 2);
    // Back to the whole overview, as a double-click does.
    await e2e.page.evaluate(() => window.Plotly.relayout(document.getElementById('heatmap'), { 'xaxis.autorange': true, 'yaxis.autorange': true }));
    await e2e.page.waitForFunction(() => /overview/.test(document.getElementById('level').textContent)
      && document.getElementById('heatmap').data[0].z.length > 60);
    // Let the view's debounced refresh land before the next test captures z.
    await e2e.page.waitForTimeout(600);
  });

  test('the controls restyle the plot without recomputing', async () => {
    // The fixed range first (its numbers are what the fields below set).
    await e2e.page.selectOption('#range', 'fixed');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].zmin === -1);
    await e2e.page.evaluate(() => { window.zBefore = document.getElementById('heatmap').data[0].z; });
    const trace = () => e2e.page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const t = gd.data[0];
      return {
        colorscale: t.colorscale,
        reversescale: t.reversescale,
        zmin: t.zmin,
        zmax: t.zmax,
        sameZ: t.z === window.zBefore,
        title: gd.layout.title.text,
        xTitle: gd.layout.xaxis.title.text,
        colorbar: t.colorbar.title.text,
      };
    });

    await e2e.page.selectOption('#colorScale', 'Viridis');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].colorscale === 'Viridis');

    await e2e.page.selectOption('#colorScale', 'RdBu');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].colorscale?.[0]?.[1] === 'rgb(103,0,31)');
    assert.deepEqual((await trace()).colorscale.at(-1), [1, 'rgb(5,48,97)']);

    await e2e.page.check('#reverseScale');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].reversescale === true);

    await e2e.page.fill('#zmin', '0');
    await e2e.page.locator('#zmin').dispatchEvent('change');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].zmin === 0);

    await e2e.page.fill('#title', 'Digits <64 px> & friends');
    await e2e.page.fill('#xaxisTitle', 'Column item');
    await e2e.page.fill('#colorLabel', 'cos θ');
    await e2e.page.waitForFunction(() => {
      const gd = document.getElementById('heatmap');
      return gd.layout.xaxis.title.text === 'Column item' && gd.data[0].colorbar.title.text === 'cos θ'
        && gd.layout.title.text.startsWith('Digits');
    });

    const now = await trace();
    assert.equal(now.reversescale, true);
    assert.equal(now.zmin, 0);
    assert.equal(now.zmax, 1);
    assert.equal(now.title, 'Digits &lt;64 px&gt; &amp; friends');
    assert.equal(now.colorbar, 'cos θ');
    assert.equal(now.sameZ, true, 'the data was not replaced');
    const shownTitle = await e2e.page.locator('#heatmap .gtitle').textContent();
    assert.equal(shownTitle, 'Digits <64 px> & friends', 'the title shows as typed');

    // A bad range is refused with a message, and the plot keeps the last good one.
    await e2e.page.fill('#zmin', '1');
    await e2e.page.locator('#zmin').dispatchEvent('change');
    await e2e.page.locator('#error').waitFor({ state: 'visible' });
    assert.match(await e2e.page.locator('#error').textContent(), /minimum \(1\) must be less than its maximum \(1\)/);
    assert.equal(await e2e.page.locator('#zmin').getAttribute('aria-invalid'), 'true');
    assert.equal((await trace()).zmin, 0);

    // Reset brings back the defaults (the reference's titles and Blues, the
    // robust range, order 'auto') and clears the error.
    await e2e.page.click('button[type="reset"]');
    await e2e.page.locator('#error').waitFor({ state: 'hidden' });
    await e2e.page.waitForFunction(() => /ordered by group \(auto\)/.test(document.getElementById('status').textContent));
    const reset = await trace();
    assert.equal(reset.title, 'Cosine Similarity Matrix');
    assert.equal(reset.colorscale[0][1], 'rgb(247,251,255)');
    assert.equal(reset.reversescale, false);
    assert.ok(reset.zmin > 0.4, `robust range from ${reset.zmin}`);
    assert.match(reset.colorbar, /^Cosine Similarity · 1st–99th percentile of cells: /);
    assert.equal(await e2e.page.locator('#order').inputValue(), 'auto');
  });

  test('a small matrix prints its values and shows labels as text, not markup', async () => {
    const cells = await e2e.page.evaluate(async () => {
      const { CosineSimilarityHeatmap } = await import('/src/index.js');
      const div = document.createElement('div');
      div.id = 'small';
      div.style.cssText = 'width: 600px; height: 500px; position: fixed; left: 0; top: 0; background: #fff; z-index: 10';
      document.body.append(div);
      const view = new CosineSimilarityHeatmap(div, { colorScale: 'Greys' });
      await view.setEmbeddings([[1, 0], [1, 1], [0, 0]], { labels: ['<b>bold</b>', 'a & b', '%{z}'] });
      // The order and its tree may land just after the first picture and
      // move the cells: aim only once the tree is drawn.
      if (!view.dendrogram) {
        await new Promise((resolve, reject) => {
          view.addEventListener('dendrogram', resolve, { once: true });
          setTimeout(() => reject(new Error('no tree drawn beside the ordered small matrix')), 10_000);
        });
      }
      return {
        texts: [...div.querySelectorAll('.heatmaplayer text, .hm text')].map((t) => t.textContent),
        ticks: [...div.querySelectorAll('.xtick text')].map((t) => t.textContent),
      };
    });
    assert.deepEqual(cells.texts.slice(0, 9), ['1.00', '0.71', '0.00', '0.71', '1.00', '0.00', '0.00', '0.00', '0.00']);
    assert.deepEqual(cells.ticks, ['<b>bold</b>', 'a & b', '%{z}']);
    const text = await hoverText(e2e.page, '#small', 0, 2);
    assert.ok(text.includes('row: <b>bold</b>'), text);
    assert.ok(text.includes('column: %{z} (zero vector)'), text);
    assert.ok(text.includes('Cosine Similarity: 0.0000'), text);
    const other = await hoverText(e2e.page, '#small', 1, 0);
    assert.ok(other.includes('row: a & b'), other);
    await e2e.page.evaluate(() => document.getElementById('small').remove());
  });

  test('no console error, and no request leaves the origin', () => {
    assert.deepEqual(e2e.errors, []);
    const foreign = e2e.requests.filter((url) => !url.startsWith(`${e2e.origin}/`));
    assert.deepEqual(foreign, []);
    assert.ok(e2e.requests.some((url) => url.endsWith('/build/cosine-core.wasm')), 'the WASM came from the origin');
    assert.ok(e2e.requests.some((url) => url.endsWith('/build/plotly.min.js')), 'Plotly came from the origin');
  });
});
