// Each export of web/src/exports.js produces a valid file, from a view drawn
// in headless Chromium: PNG (signature and size), SVG (parses), CSV (reads
// back to the same float32 values, whole matrix and visible window), the
// figure JSON (parses, has the heatmap trace, passes Plotly.validate, the
// schema Python's plotly.io.from_json checks against, and draws again) and
// the statistics JSON.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>exports</title>
<script src="/build/plotly.min.js"></script></head>
<body><div id="plot" style="width:700px;height:560px"></div><div id="again" style="width:400px;height:300px"></div>
<script type="module">
  import { CosineSimilarityHeatmap, loadEngine } from '/src/index.js';
  import * as exports from '/src/exports.js';
  window.exportsApi = exports;
  const n = 24;
  const d = 6;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, random));
  const labels = rows.map((_, i) => (i === 3 ? 'comma, "quoted"' : i === 5 ? 'line\\nbreak' : 'item ' + i));
  const view = new CosineSimilarityHeatmap('plot', { order: 'average' });
  window.view = view;
  window.labels = labels;
  view.setEmbeddings(rows, { labels }).then(() => { window.drawn = true; }, (e) => { window.failed = e.message; });
</script></body></html>`;

// RFC 4180 reader: quoted fields with "" and line breaks.
function readCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') { field += '"'; k++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[k + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; k++; } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const e2e = useBrowser({ page: true });

e2e.before(async () => {
  await e2e.openHtml('/exports-test.html', PAGE);
  await e2e.page.waitForFunction(() => window.drawn || window.failed, null, { timeout: 30_000 });
  assert.equal(await e2e.page.evaluate(() => window.failed), undefined);
});

describe('exports', () => {
  test('PNG: the signature, and the plot size times the scale', async () => {
    const png = await e2e.page.evaluate(async () => {
      const blob = await window.exportsApi.exportImage(window.view, { format: 'png', scale: 2 });
      return { type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
    });
    const bytes = Buffer.from(png.bytes);
    assert.equal(png.type, 'image/png');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1400, 1120]);
    assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
  });

  test('SVG: parses as an <svg> document holding the heatmap', async () => {
    const svg = await e2e.page.evaluate(async () => {
      const blob = await window.exportsApi.exportImage(window.view, { format: 'svg' });
      const text = await blob.text();
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        type: blob.type,
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        width: doc.documentElement.getAttribute('width'),
        images: doc.querySelectorAll('image').length,
        title: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
      };
    });
    assert.equal(svg.type, 'image/svg+xml');
    assert.equal(svg.error, null);
    assert.equal(svg.root, 'svg');
    assert.equal(svg.width, '700');
    assert.ok(svg.images >= 1, 'the heatmap is drawn as an image inside the SVG');
    assert.match(svg.title, /Cosine Similarity Matrix/);
  });

  test('CSV of the whole matrix reads back to the same float32 values, in the order shown', async () => {
    const { csv, matrix, order, labels } = await e2e.page.evaluate(async () => {
      const set = window.view.embeddings;
      const order = Array.from(window.view.order);
      const text = await window.exportsApi.matrixCsv(set, { labels: window.labels, order });
      const { data } = await set.similarity();
      return { csv: text, matrix: Array.from(data), order, labels: window.labels };
    });
    const rows = readCsv(csv);
    const n = labels.length;
    assert.equal(rows.length, n + 1);
    assert.deepEqual(rows[0], ['', ...order.map((i) => labels[i])]);
    for (let p = 0; p < n; p++) {
      assert.equal(rows[p + 1][0], labels[order[p]]);
      for (let q = 0; q < n; q++) {
        // Clamped to [−1, 1]: a float32 diagonal of 1.00000012 is written 1.
        const expected = Math.min(1, matrix[order[p] * n + order[q]]);
        assert.equal(Math.fround(Number(rows[p + 1][q + 1])), expected, `cell ${p}, ${q}`);
      }
    }
  });

  test('CSV of the visible window: single items, then overview blocks', async () => {
    const items = await e2e.page.evaluate(() => ({
      csv: window.exportsApi.visibleMatrixCsv(window.view),
      data: Array.from(window.view.matrix.data),
      dims: window.view.matrix.dims,
      kind: window.view.level.kind,
    }));
    assert.equal(items.kind, 'items');
    const rows = readCsv(items.csv);
    const [r, c] = items.dims;
    assert.equal(rows.length, r + 1);
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) assert.equal(Math.fround(Number(rows[i + 1][j + 1])), Math.min(1, items.data[i * c + j]));
    }

    const blocks = await e2e.page.evaluate(async () => {
      await window.view.update({ itemsMax: 8, overviewSize: 8 });
      const result = { csv: window.exportsApi.visibleMatrixCsv(window.view), data: Array.from(window.view.matrix.data), kind: window.view.level.kind };
      await window.view.update({ itemsMax: 'auto', overviewSize: 512 });
      return result;
    });
    assert.equal(blocks.kind, 'overview');
    const blockRows = readCsv(blocks.csv);
    assert.equal(blockRows.length, 9);
    assert.equal(blockRows[0][1], 'positions 0–2 (3 items)');
    assert.equal(Math.fround(Number(blockRows[1][1])), Math.min(1, blocks.data[0]));
  });

  test('figure JSON: plain arrays with the heatmap trace, and Plotly draws it again', async () => {
    const result = await e2e.page.evaluate(async () => {
      const text = window.exportsApi.figureJson(window.view);
      const figure = JSON.parse(text);
      // Python's plotly validates against the same plot schema as Plotly.validate.
      const problems = (Plotly.validate(figure.data, figure.layout) ?? []).map((p) => p.msg);
      await Plotly.newPlot('again', figure.data, figure.layout);
      return { text, problems, drawn: document.getElementById('again').data[0].type };
    });
    const figure = JSON.parse(result.text);
    assert.deepEqual(Object.keys(figure).sort(), ['data', 'layout']);
    const [trace] = figure.data;
    assert.equal(trace.type, 'heatmap');
    assert.equal(trace.z.length, 24);
    assert.ok(Array.isArray(trace.z[0]) && typeof trace.z[0][0] === 'number', 'z rows are plain arrays');
    assert.ok(!/"0":/.test(result.text), 'no typed array serialized as an object');
    assert.equal(typeof figure.layout.title.text, 'string');
    assert.deepEqual(result.problems, [], 'every attribute is in Plotly\'s plot schema');
    assert.equal(result.drawn, 'heatmap');
  });

  test('statistics JSON parses and holds the flags', async () => {
    const text = await e2e.page.evaluate(() => window.exportsApi.statisticsJson(window.view.embeddings));
    const stats = JSON.parse(text);
    assert.equal(stats.n, 24);
    assert.equal(stats.dim, 6);
    assert.ok(Array.isArray(stats.flags));
    assert.equal(stats.histogram.counts.reduce((a, b) => a + b, 0), (24 * 23) / 2);
  });
});
