// Exports match the screen (issue 14, item 9): in SVG and PNG exports the
// axis titles clear the tick labels (rotated item labels, zoomed, at other
// sizes than the screen's); every cosine written (whole and visible CSV,
// figure JSON, statistics JSON) is within [−1, 1] though the float32
// diagonal is 1.00000012; and the page's figure JSON is read by Debian's
// Python Plotly (5.4.1) with the trace, colour scale, range and labels.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const run = promisify(execFile);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const READER = fileURLToPath(new URL('../python/read_figure.py', import.meta.url));

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>exports match the screen</title>
<script src="/build/plotly.min.js"></script></head>
<body><div id="plot" style="width:900px;height:800px"></div><div id="small" style="width:600px;height:500px"></div><div id="svg-host"></div>
<script type="module">
  import { CosineSimilarityHeatmap } from '/src/index.js';
  import * as exports from '/src/exports.js';
  window.exportsApi = exports;
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  // Rows whose float32 self-similarity rounds above 1, and a scaled copy.
  const rows = Array.from({ length: 40 }, () => Array.from({ length: 7 }, random));
  rows[5] = rows[4].map((v) => v * 3.7);
  window.labels = rows.map((_, i) => 'a rather long document label ' + i);
  window.view = new CosineSimilarityHeatmap('plot', { order: 'original' });
  // Eight items print their values in the cells, as the reference does.
  window.small = new CosineSimilarityHeatmap('small', { order: 'original', colorScale: 'RdBu', range: 'fixed' });
  Promise.all([
    window.view.setEmbeddings(rows, { labels: window.labels }),
    window.small.setEmbeddings(rows.slice(0, 8), { labels: window.labels.slice(0, 8) }),
  ]).then(() => { window.drawn = true; }, (e) => { window.failed = e.message; });

  // Tick labels the axis title overlaps, and the gap between them, in the exported SVG drawn as a page would.
  window.titleClearance = async (options) => {
    const svg = await (await exports.exportImage(window.view, { format: 'svg', ...options })).text();
    const host = document.getElementById('svg-host');
    host.innerHTML = svg;
    const box = (el) => el.getBoundingClientRect();
    const result = {};
    for (const axis of ['x', 'y']) {
      const title = box(host.querySelector('.' + axis + 'title'));
      const ticks = [...host.querySelectorAll('.' + axis + 'tick text')].map(box);
      const gaps = ticks.map((t) => (axis === 'x' ? title.top - t.bottom : title.left > t.right ? title.left - t.right : t.left - title.right));
      result[axis] = { ticks: ticks.length, overlapping: ticks.filter((t) => t.left < title.right && title.left < t.right && t.top < title.bottom && title.top < t.bottom).length, gap: Math.min(...gaps) };
    }
    host.innerHTML = '';
    return result;
  };
</script></body></html>`;

// RFC 4180 fields of the CSV body, numbers only (the first row and column are labels).
function csvNumbers(text) {
  return text.trim().split('\r\n').slice(1).map((line) => line.split(',').slice(-40).map(Number));
}

const e2e = useBrowser({ page: true, tempDir: 'cosine-heatmap-exports-match-' });

describe('exports match the screen', () => {
  e2e.before(async () => {
    await e2e.openHtml('/exports-match.html', PAGE);
    await e2e.page.waitForFunction(() => window.drawn || window.failed, null, { timeout: 30_000 });
    assert.equal(await e2e.page.evaluate(() => window.failed), undefined);
  });

  test('SVG: the axis titles clear the rotated item labels, at the screen size and others, zoomed', async () => {
    for (const size of [{}, { width: 1600, height: 1200 }, { width: 520, height: 460 }]) {
      const clearance = await e2e.page.evaluate((options) => window.titleClearance(options), size);
      for (const axis of ['x', 'y']) {
        assert.ok(clearance[axis].ticks >= 20, `${JSON.stringify(size)} ${axis}: labels drawn`);
        assert.equal(clearance[axis].overlapping, 0, `${JSON.stringify(size)} ${axis}: ${JSON.stringify(clearance[axis])}`);
        assert.ok(clearance[axis].gap >= 0, `${JSON.stringify(size)} ${axis}: gap ${clearance[axis].gap}`);
      }
    }
    await e2e.page.evaluate(() => Plotly.relayout('plot', { 'xaxis.range': [10.5, 22.5], 'yaxis.range': [22.5, 10.5] }));
    await e2e.page.waitForFunction(() => document.querySelectorAll('#plot .xtick text').length === 12, null, { timeout: 10_000 });
    const zoomed = await e2e.page.evaluate(() => window.titleClearance({}));
    assert.equal(zoomed.x.ticks, 12);
    assert.deepEqual([zoomed.x.overlapping, zoomed.y.overlapping], [0, 0], JSON.stringify(zoomed));
    await e2e.page.evaluate(() => Plotly.relayout('plot', { 'xaxis.autorange': true, 'yaxis.autorange': 'reversed' }));
    await e2e.page.waitForFunction(() => document.querySelectorAll('#plot .xtick text').length === 40, null, { timeout: 10_000 });
  });

  test('PNG: the screen size, twice the pixels with scale 2', async () => {
    const png = await e2e.page.evaluate(async () => {
      const bytes = new Uint8Array(await (await window.exportsApi.exportImage(window.view, { format: 'png', scale: 2 })).arrayBuffer());
      return Array.from(bytes);
    });
    const bytes = Buffer.from(png);
    await writeFile(join(e2e.dir, 'export.png'), bytes);
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1800, 1600]);
  });

  test('CSV, whole and visible: the diagonal reads 1 where the float32 matrix holds 1.00000012, nothing outside [−1, 1]', async () => {
    const result = await e2e.page.evaluate(async () => {
      const { data } = await window.view.embeddings.similarity();
      const diagonal = Array.from({ length: 40 }, (_, i) => data[i * 41]);
      return {
        above: diagonal.flatMap((v, i) => (v > 1 ? [i] : [])),
        whole: await window.exportsApi.matrixCsv(window.view.embeddings, { labels: window.labels }),
        visible: window.exportsApi.visibleMatrixCsv(window.view),
      };
    });
    assert.ok(result.above.length > 0, 'the engine gives some self-similarities above 1 in float32: the test can fail');
    for (const csv of [result.whole, result.visible]) {
      const rows = csvNumbers(csv);
      assert.equal(rows.length, 40);
      assert.deepEqual(result.above.map((i) => rows[i][i]), result.above.map(() => 1), 'read 1, not 1.00000012');
      // The others are the float32 the engine computed, 1 or an ulp under it.
      const diagonal = rows.map((row, i) => row[i]);
      assert.ok(diagonal.every((v) => v >= 0.9999997 && v <= 1), diagonal.join(" "));
      assert.ok(rows.flat().every((v) => v >= -1 && v <= 1));
      assert.ok(!/1\.0000001/.test(csv));
    }
  });

  test('statistics JSON: the cosines it holds are within [−1, 1]', async () => {
    const stats = JSON.parse(await e2e.page.evaluate(() => window.exportsApi.statisticsJson(window.view.embeddings)));
    const cosines = [stats.mean, stats.min, stats.max, ...stats.quantiles.map((q) => q.value), ...stats.nearDuplicates.map((p) => p.score)];
    assert.ok(stats.nearDuplicates.length >= 1, 'the scaled copy is a near-duplicate');
    assert.ok(cosines.every((v) => v >= -1 && v <= 1), JSON.stringify(cosines));
  });

  test("figure JSON from the page: Python's Plotly 5.4 reads it, with values printed and without", async () => {
    const plain = await e2e.page.evaluate(() => window.exportsApi.figureJson(window.view));
    const printed = await e2e.page.evaluate(() => ({
      json: window.exportsApi.figureJson(window.small),
      drawnText: [...document.querySelectorAll('#small .heatmaplayer text')].map((t) => t.textContent),
    }));
    assert.match(JSON.parse(printed.json).data[0].text[0][1], /^-?\d\.\d\d$/);
    await writeFile(join(e2e.dir, 'plain.json'), plain);
    await writeFile(join(e2e.dir, 'printed.json'), printed.json);
    const { stdout } = await run(PYTHON, [READER, join(e2e.dir, 'plain.json'), join(e2e.dir, 'printed.json')]);
    const [a, b] = JSON.parse(stdout);
    assert.equal(a.type, 'heatmap');
    assert.deepEqual([a.rows, a.cols], [40, 40]);
    assert.ok(a.zMax <= 1 && a.zMin >= -1, 'clamped, as the CSV');
    assert.ok(a.diagonal.every((v) => v >= 0.9999997 && v <= 1), a.diagonal.join(' '));
    assert.deepEqual(a.colorscale[0], [0, 'rgb(247,251,255)'], 'Blues as the page draws it');
    assert.ok(a.ticktext.includes('a rather long document …') || a.ticktext.some((t) => t.startsWith('a rather long')), a.ticktext.slice(0, 2).join(', '));
    assert.equal(a.annotations.length, 0);

    assert.deepEqual([b.rows, b.cols], [8, 8]);
    assert.deepEqual([b.zmin, b.zmax], [-1, 1]);
    assert.deepEqual(b.colorscale[0], [0, 'rgb(103,0,31)'], 'RdBu as the page draws it');
    assert.equal(b.annotations.length, 64, 'each of the 8 × 8 values printed, as on screen');
    assert.equal(printed.drawnText.length, 64, 'the page prints 64 values');
    assert.deepEqual(b.annotations.map((x) => x.text).sort(), printed.drawnText.sort(), 'the same values the page prints');
    assert.deepEqual(b.text.flat(), b.annotations.map((x) => x.text));
    assert.ok(b.zMax <= 1 && b.diagonal.every((v) => v >= 0.9999997), b.diagonal.join(' '));
    assert.match(b.customdata[0][1][0], /^a rather long document label \d+$/, 'hover labels travel in customdata');
    assert.match(b.hovertemplate, /^row: %\{customdata\[0\]\}<br>column: %\{customdata\[1\]\}/);
  });
  test("the page's Figure (JSON) button, dendrogram shown: Python's Plotly 5.4 reads every trace", async () => {
    const { page, errors } = await e2e.newPage();
    await e2e.open('/', { page });
    await page.selectOption('#order', 'average');
    await page.waitForFunction(() => (document.getElementById('heatmap').data ?? []).some((t) => t.type === 'scatter'), null, { timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="figure-json"]')]);
    const file = join(e2e.dir, 'page-figure.json');
    await download.saveAs(file);
    const figure = JSON.parse(await readFile(file, 'utf8'));
    assert.ok(!JSON.stringify(figure).includes('texttemplate'));
    const { stdout } = await run(PYTHON, ['-c', [
      'import json, sys, plotly.io as pio',
      'f = pio.from_json(open(sys.argv[1]).read())',
      'z = [v for row in f.data[0].z for v in row if v is not None]',
      'print(json.dumps({"types": [t.type for t in f.data], "zmax": max(z), "zmin": min(z), "axes": sorted(k for k in f.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis")))}))',
    ].join('\n'), file]);
    const read = JSON.parse(stdout);
    assert.equal(read.types[0], 'heatmap');
    assert.ok(read.types.filter((t) => t === 'scatter').length >= 2, `the dendrogram's lines: ${read.types}`);
    assert.deepEqual(read.axes, ['xaxis', 'xaxis2', 'yaxis', 'yaxis2']);
    assert.ok(read.zmax <= 1 && read.zmin >= -1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
