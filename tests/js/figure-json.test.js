// The figure JSON export (exports.js figureJson → figure-json.js) read by
// Debian's Python Plotly (5.4.1, which refuses a heatmap's texttemplate),
// for a figure whose cells print their values and one whose do not; and the
// clamping of cosines in every output written from Node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { clampCosine, clampCosines, clampStatistics } from '../../web/src/clamp-cosine.js';
import { formatNumber, portableFigure } from '../../web/src/figure-json.js';
import { heatmapLayout } from '../../web/src/heatmap-layout.js';
import { resolveHeatmapOptions } from '../../web/src/heatmap-options.js';
import { heatmapTrace } from '../../web/src/heatmap-trace.js';

const run = promisify(execFile);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const READER = fileURLToPath(new URL('../python/read_figure.py', import.meta.url));

// n items whose similarity matrix has a float32 diagonal just above 1, as the engine's does.
function figureOf(n, options = {}) {
  const data = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) data[i * n + j] = i === j ? 1.0000001192092896 : Math.cos(i * 7 + j * 3) * 0.9;
  }
  const labels = Array.from({ length: n }, (_, i) => `item ${i}`);
  const resolved = resolveHeatmapOptions(options);
  const trace = heatmapTrace({ data, dims: [n, n] }, labels, resolved);
  const layout = heatmapLayout(resolved, labels);
  const plain = (value) => JSON.parse(JSON.stringify(value, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
  return { trace: plain(trace), layout: plain(layout), labels };
}

const asJson = (figure) => JSON.stringify(figure, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));

let dir;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'cosine-heatmap-figure-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('figure JSON', () => {
  test('without printed values: no texttemplate, the hover as drawn, cosines clamped', () => {
    const { trace, layout } = figureOf(40);
    assert.equal(trace.texttemplate, '', 'the page prints nothing above textMaxSize');
    const { data: [out], layout: outLayout } = portableFigure([trace], layout);
    assert.ok(!('texttemplate' in out));
    assert.equal(out.hovertemplate, trace.hovertemplate);
    assert.deepEqual(out.text, trace.text);
    assert.equal(out.z[3][3], 1, 'the diagonal is 1, not 1.00000012');
    assert.equal(outLayout.annotations, undefined);
  });

  test('with printed values: text holds them, annotations draw them, the hover reads its labels from customdata', () => {
    const { trace, layout } = figureOf(4);
    assert.equal(trace.texttemplate, '%{z:.2f}');
    const { data: [out], layout: outLayout } = portableFigure([trace], layout);
    assert.ok(!('texttemplate' in out));
    assert.equal(out.text[0][0], '1.00');
    assert.equal(out.text[0][1], (Math.fround(Math.cos(3) * 0.9)).toFixed(2));
    assert.deepEqual(out.customdata[1][2], ['item 1', 'item 2']);
    assert.equal(out.hovertemplate, trace.hovertemplate.replace('%{text}', '%{customdata[0]}').replace('%{customdata}', '%{customdata[1]}'));
    assert.equal(outLayout.annotations.length, 16);
    const first = outLayout.annotations[0];
    assert.deepEqual([first.x, first.y, first.text, first.showarrow], [0, 0, '1.00', false]);
    // Blues: the top of the range is dark blue, written in white; the bottom near-white, in black.
    const top = outLayout.annotations.find((a) => a.text === '1.00');
    assert.equal(top.font.color, '#fff');
    const low = outLayout.annotations.reduce((a, b) => (Number(a.text) < Number(b.text) ? a : b));
    assert.equal(low.font.color, '#000');
  });

  test('overview cells with min and max: their numbers clamped, positions shifted by the row label', () => {
    const trace = {
      type: 'heatmap', z: [[1.0000001, 0.5]], text: [['rows a', 'rows a']],
      customdata: [[['col 0', 1.0000001, 0.9, 1.0000002], ['col 1', 0.5, -1.0000001, 0.7]]],
      hovertemplate: 'rows: %{text}<br>columns: %{customdata[0]}<br>mean: %{customdata[1]:.4f}<br>min: %{customdata[2]:.4f}',
      texttemplate: '%{z:.1f}', zmin: -1, zmax: 1, colorscale: [[0, 'rgb(0,0,0)'], [1, 'rgb(255,255,255)']],
    };
    const { data: [out] } = portableFigure([trace], {});
    assert.deepEqual(out.customdata[0][0], ['rows a', 'col 0', 1, 0.9, 1]);
    assert.deepEqual(out.customdata[0][1], ['rows a', 'col 1', 0.5, -1, 0.7]);
    assert.equal(out.hovertemplate, 'rows: %{customdata[0]}<br>columns: %{customdata[1]}<br>mean: %{customdata[2]:.4f}<br>min: %{customdata[3]:.4f}');
    assert.deepEqual(out.text, [['1.0', '0.5']]);
  });

  test("Python's plotly.io.from_json reads both: trace, colour scale, range and labels", async () => {
    const files = [];
    for (const [name, n] of [['printed', 6], ['plain', 40]]) {
      const { trace, layout } = figureOf(n, { colorScale: 'RdBu', range: 'fixed', zmin: -0.5, zmax: 1 });
      const file = join(dir, `${name}.json`);
      await writeFile(file, asJson(portableFigure([trace], layout)));
      files.push(file);
    }
    // The figure as the page had it is refused by this reader: the test can tell.
    const { trace, layout } = figureOf(6);
    await writeFile(join(dir, 'raw.json'), asJson({ data: [trace], layout }));
    await assert.rejects(run(PYTHON, [READER, join(dir, 'raw.json')]), /texttemplate/);

    const { stdout } = await run(PYTHON, [READER, ...files]);
    const [printed, plain] = JSON.parse(stdout);
    for (const [figure, n] of [[printed, 6], [plain, 40]]) {
      assert.equal(figure.type, 'heatmap');
      assert.deepEqual(figure.colorscale[0], [0, 'rgb(103,0,31)'], 'ColorBrewer RdBu, as the page draws it');
      assert.deepEqual([figure.zmin, figure.zmax], [-0.5, 1]);
      assert.deepEqual([figure.rows, figure.cols], [n, n]);
      assert.ok(figure.zMax <= 1 && figure.zMin >= -1, `${figure.zMin}..${figure.zMax}`);
      assert.deepEqual(figure.diagonal, new Array(n).fill(1));
      assert.equal(figure.title, 'Cosine Similarity Matrix');
    }
    assert.deepEqual(printed.ticktext, Array.from({ length: 6 }, (_, i) => `item ${i}`));
    assert.deepEqual(printed.yticktext, printed.ticktext);
    assert.equal(printed.text[0][0], '1.00');
    assert.equal(printed.annotations.length, 36);
    assert.deepEqual(printed.customdata[0][1], ['item 0', 'item 1']);
    assert.match(printed.hovertemplate, /^row: %\{customdata\[0\]\}<br>column: %\{customdata\[1\]\}/);
    assert.equal(plain.text[2][0], 'item 2', 'without printed values, text is the hover\'s row label');
    assert.equal(plain.annotations.length, 0);
  });
});

describe('clamping cosines', () => {
  test('values an ulp outside [−1, 1] come back inside; NaN and null pass', () => {
    assert.equal(clampCosine(1.0000001192092896), 1);
    assert.equal(clampCosine(-1.0000001), -1);
    assert.equal(clampCosine(0.25), 0.25);
    assert.ok(Number.isNaN(clampCosine(NaN)));
    assert.equal(clampCosine(null), null);
    const values = Float32Array.of(1.0000001, -1.0000002, 0.5);
    assert.deepEqual(Array.from(clampCosines(values)), [1, -1, 0.5]);
    assert.equal(values[0], Math.fround(1.0000001), 'a copy: the input is left alone');
  });

  test('statistics: the cosine fields only', () => {
    const stats = {
      mean: 0.2, min: -1.0000001, max: 1.0000001, effectiveDimension: 1.0000004, quantiles: [{ q: 0.99, value: 1.0000001 }],
      nearDuplicates: [{ i: 0, j: 1, score: 1.0000001 }], outliers: [{ i: 2, bestNeighbour: 0, score: -1.0000001 }],
      groups: { withinMean: 1.0000001, betweenMean: 0.1, silhouette: 0.3, perGroup: [{ name: 'a', size: 2, withinMean: 1.0000001 }] },
    };
    const out = clampStatistics(stats);
    assert.deepEqual([out.min, out.max, out.quantiles[0].value, out.nearDuplicates[0].score, out.outliers[0].score], [-1, 1, 1, 1, -1]);
    assert.deepEqual([out.groups.withinMean, out.groups.perGroup[0].withinMean], [1, 1]);
    assert.equal(out.effectiveDimension, 1.0000004, 'not a cosine: unchanged');
    assert.equal(stats.max, 1.0000001, 'a copy');
  });

  test('formatNumber writes what d3-format writes for the usual value formats', () => {
    assert.equal(formatNumber(0.5, '.2f'), '0.50');
    assert.equal(formatNumber(-0.123456, '.4f'), '-0.1235');
    assert.equal(formatNumber(0.5, '.1%'), '50.0%');
    assert.equal(formatNumber(12345.678, ',.1f'), '12,345.7');
    assert.equal(formatNumber(0.000123, '.2e'), '1.23e-4');
    assert.equal(formatNumber(0.123456, '.3g'), '0.123');
    assert.equal(formatNumber(0.123456, '~s'), '0.123', 'unknown: three significant digits');
    assert.equal(formatNumber(-0.001, '.2f'), '0.00', 'rounds to zero: no sign');
    assert.equal(formatNumber(-0.0001, '.1%'), '0.0%');
    assert.equal(formatNumber(-0.01, '.2f'), '-0.01');
  });
});
