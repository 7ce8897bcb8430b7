// The demo page end to end in headless Chromium: it opens on the digits data
// set, plots exactly the engine's similarities, shows both items' labels on
// hover, restyles from its controls without recomputing, logs no error and
// never leaves its own origin.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openPage, startServer, waitForHeatmap } from './browser.js';

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

// Moves the mouse onto cell (row, col) of a heatmap graph div and returns
// Plotly's hover text with the cell Plotly says is under the mouse. Cells of
// a 1,797² matrix are under half a pixel wide, so the cell hit may be a
// neighbour of the one aimed at; the caller checks the labels of the cell hit.
async function hover(page, selector, row, col) {
  const target = await page.evaluate(([sel, r, c]) => {
    const gd = document.querySelector(sel);
    window.lastHover = null;
    if (!gd.hoverProbe) {
      gd.on('plotly_hover', (event) => { window.lastHover = event.points[0].pointNumber; });
      gd.hoverProbe = true;
    }
    const { xaxis, yaxis } = gd._fullLayout;
    const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
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
  let server;
  let browser;
  let page;
  let errors;
  let requests;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, errors, requests } = await openPage(browser.context));
    await page.goto(server.url('/'));
    await waitForHeatmap(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('opens on the digits data set with its labels and the reference defaults', async () => {
    const shown = await page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const trace = gd.data[0];
      return {
        type: trace.type,
        rows: trace.z.length,
        cols: trace.z[0].length,
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
        rowLabels: trace.text.map((row) => row[0]),
        colLabels: trace.customdata[0],
        status: document.getElementById('status').textContent,
      };
    });
    const labels = await expectedLabels();
    assert.equal(shown.type, 'heatmap');
    assert.equal(shown.rows, 1797);
    assert.equal(shown.cols, 1797);
    assert.equal(shown.zmin, -1);
    assert.equal(shown.zmax, 1);
    assert.deepEqual(shown.firstStop, [0, 'rgb(247,251,255)']); // plotly express "Blues": light ...
    assert.deepEqual(shown.lastStop, [1, 'rgb(8,48,107)']); // ... to dark
    assert.equal(shown.title, 'Cosine Similarity Matrix');
    assert.equal(shown.xTitle, 'Index');
    assert.equal(shown.yTitle, 'Index');
    assert.ok(shown.yRange[0] > shown.yRange[1], 'row 0 is at the top, like imshow');
    assert.equal(shown.colorbar, 'Cosine Similarity');
    assert.equal(shown.texttemplate, '', 'no values printed in 1,797² cells');
    assert.deepEqual(shown.rowLabels, labels);
    assert.deepEqual(shown.colLabels, labels);
    assert.match(shown.status, /1,797 items × 64 dimensions/);
    assert.match(shown.status, /computed in \d[\d,]* ms/);
  });

  test('plots exactly the engine\'s similarities', async (t) => {
    const result = await page.evaluate(async () => {
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
      const z = document.getElementById('heatmap').data[0].z;
      let maxEngineDiff = 0;
      let compared = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          maxEngineDiff = Math.max(maxEngineDiff, Math.abs(z[i][j] - s.data[i * n + j]));
          compared++;
        }
      }
      // And a float64 cosine computed here for a sample of cells.
      let maxDirectDiff = 0;
      for (let k = 0; k < 2000; k++) {
        const i = (k * 7919) % n;
        const j = (k * 104729 + 13) % n;
        let dot = 0; let ni = 0; let nj = 0;
        for (let c = 0; c < d; c++) {
          const a = x[i * d + c]; const b = x[j * d + c];
          dot += a * b; ni += a * a; nj += b * b;
        }
        const cos = ni === 0 || nj === 0 ? 0 : dot / Math.sqrt(ni * nj);
        maxDirectDiff = Math.max(maxDirectDiff, Math.abs(z[i][j] - cos));
      }
      return { n, d, compared, maxEngineDiff, maxDirectDiff };
    });
    t.diagnostic(`compared ${result.compared} cells: max |plotted − engine| = ${result.maxEngineDiff}, `
      + `max |plotted − float64| = ${result.maxDirectDiff} (2,000 cells)`);
    assert.equal(result.n, 1797);
    assert.equal(result.d, 64);
    assert.equal(result.compared, 1797 * 1797);
    assert.ok(result.maxEngineDiff <= 1e-6, `max |plotted − engine| = ${result.maxEngineDiff}`);
    assert.ok(result.maxDirectDiff <= 1e-5, `max |plotted − float64 cosine| = ${result.maxDirectDiff}`);
  });

  test('hovering a cell shows both items\' labels and the value', async (t) => {
    const labels = await expectedLabels();
    for (const [aimRow, aimCol] of [[17, 1000], [1500, 3], [900, 900]]) {
      const { text, row, col } = await hover(page, '#heatmap', aimRow, aimCol);
      t.diagnostic(`aimed at (${aimRow}, ${aimCol}), hit (${row}, ${col}): ${text}`);
      assert.ok(Math.abs(row - aimRow) <= 3 && Math.abs(col - aimCol) <= 3, `hit (${row}, ${col}), aimed at (${aimRow}, ${aimCol})`);
      const value = await page.evaluate(([r, c]) => document.getElementById('heatmap').data[0].z[r][c], [row, col]);
      assert.ok(text.includes(`row: ${labels[row]}`), `hover "${text}" names row ${row} (${labels[row]})`);
      assert.ok(text.includes(`column: ${labels[col]}`), `hover "${text}" names column ${col} (${labels[col]})`);
      assert.ok(text.includes(`Cosine Similarity: ${value.toFixed(4)}`), `hover "${text}" shows ${value.toFixed(4)}`);
    }
    await page.mouse.move(2, 2);
  });

  test('the controls restyle the plot without recomputing', async () => {
    await page.evaluate(() => { window.zBefore = document.getElementById('heatmap').data[0].z; });
    const trace = () => page.evaluate(() => {
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

    await page.selectOption('#colorScale', 'Viridis');
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].colorscale === 'Viridis');

    await page.selectOption('#colorScale', 'RdBu');
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].colorscale?.[0]?.[1] === 'rgb(103,0,31)');
    assert.deepEqual((await trace()).colorscale.at(-1), [1, 'rgb(5,48,97)']);

    await page.check('#reverseScale');
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].reversescale === true);

    await page.fill('#zmin', '0');
    await page.locator('#zmin').dispatchEvent('change');
    await page.waitForFunction(() => document.getElementById('heatmap').data[0].zmin === 0);

    await page.fill('#title', 'Digits <64 px> & friends');
    await page.fill('#xaxisTitle', 'Column item');
    await page.fill('#colorLabel', 'cos θ');
    await page.waitForFunction(() => {
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
    const shownTitle = await page.locator('#heatmap .gtitle').textContent();
    assert.equal(shownTitle, 'Digits <64 px> & friends', 'the title shows as typed');

    // A bad range is refused with a message, and the plot keeps the last good one.
    await page.fill('#zmin', '1');
    await page.locator('#zmin').dispatchEvent('change');
    await page.locator('#error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#error').textContent(), /zmin.*less than zmax/);
    assert.equal(await page.locator('#zmin').getAttribute('aria-invalid'), 'true');
    assert.equal((await trace()).zmin, 0);

    // Reset brings back the reference's defaults and clears the error.
    await page.click('button[type="reset"]');
    await page.locator('#error').waitFor({ state: 'hidden' });
    const reset = await trace();
    assert.equal(reset.title, 'Cosine Similarity Matrix');
    assert.equal(reset.colorscale[0][1], 'rgb(247,251,255)');
    assert.equal(reset.reversescale, false);
    assert.equal(reset.zmin, -1);
    assert.equal(reset.sameZ, true);
  });

  test('a small matrix prints its values and shows labels as text, not markup', async () => {
    const cells = await page.evaluate(async () => {
      const { CosineSimilarityHeatmap } = await import('/src/index.js');
      const div = document.createElement('div');
      div.id = 'small';
      div.style.cssText = 'width: 600px; height: 500px; position: fixed; left: 0; top: 0; background: #fff; z-index: 10';
      document.body.append(div);
      const view = new CosineSimilarityHeatmap(div, { colorScale: 'Greys' });
      await view.setEmbeddings([[1, 0], [1, 1], [0, 0]], { labels: ['<b>bold</b>', 'a & b', '%{z}'] });
      return {
        texts: [...div.querySelectorAll('.heatmaplayer text, .hm text')].map((t) => t.textContent),
        ticks: [...div.querySelectorAll('.xtick text')].map((t) => t.textContent),
      };
    });
    assert.deepEqual(cells.texts.slice(0, 9), ['1.00', '0.71', '0.00', '0.71', '1.00', '0.00', '0.00', '0.00', '0.00']);
    assert.deepEqual(cells.ticks, ['<b>bold</b>', 'a & b', '%{z}']);
    const text = await hoverText(page, '#small', 0, 2);
    assert.ok(text.includes('row: <b>bold</b>'), text);
    assert.ok(text.includes('column: %{z} (zero vector)'), text);
    assert.ok(text.includes('Cosine Similarity: 0.0000'), text);
    const other = await hoverText(page, '#small', 1, 0);
    assert.ok(other.includes('row: a & b'), other);
    await page.evaluate(() => document.getElementById('small').remove());
  });

  test('no console error, and no request leaves the origin', () => {
    assert.deepEqual(errors, []);
    const foreign = requests.filter((url) => !url.startsWith(`${server.origin}/`));
    assert.deepEqual(foreign, []);
    assert.ok(requests.some((url) => url.endsWith('/build/cosine-core.wasm')), 'the WASM came from the origin');
    assert.ok(requests.some((url) => url.endsWith('/build/plotly.min.js')), 'Plotly came from the origin');
  });
});
