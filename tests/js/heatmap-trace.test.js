// The pure builders behind CosineSimilarityHeatmap: options and their
// defaults, the trace, the layout, colour scales and text escaping.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { CosineHeatmapError } from '../../web/src/index.js';
import { escapePlotlyTemplate, escapePlotlyText } from '../../web/src/escape-plotly-text.js';
import { COLOR_SCALE_NAMES, resolveColorScale } from '../../web/src/heatmap-color-scales.js';
import { itemLabels } from '../../web/src/heatmap-labels.js';
import { heatmapLayout, heatmapLayoutUpdate } from '../../web/src/heatmap-layout.js';
import { DEFAULT_HEATMAP_OPTIONS, resolveHeatmapOptions } from '../../web/src/heatmap-options.js';
import { heatmapStyle, heatmapStyleUpdate, heatmapTrace, matrixRows } from '../../web/src/heatmap-trace.js';

function identityMatrix(n) {
  const data = new Float32Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return { data, dims: [n, n], zeroRows: [] };
}

const indexLabels = (n) => itemLabels(undefined, n);

describe('options', () => {
  test('defaults are the reference test\'s, in camelCase, with a fixed −1..1 range', () => {
    const o = resolveHeatmapOptions();
    assert.equal(o.title, 'Cosine Similarity Matrix');
    assert.equal(o.colorLabel, 'Cosine Similarity');
    assert.equal(o.xaxisTitle, 'Index');
    assert.equal(o.yaxisTitle, 'Index');
    assert.equal(o.colorScale, 'Blues');
    assert.equal(o.zmin, -1);
    assert.equal(o.zmax, 1);
    assert.equal(o.textMaxSize, 30);
    assert.equal(o.autosize, true);
    assert.ok(Object.isFrozen(o));
    assert.ok(Object.isFrozen(DEFAULT_HEATMAP_OPTIONS));
  });

  test('update merges over the current options, undefined keeps a value', () => {
    const first = resolveHeatmapOptions({ title: 'A', colorScale: 'RdBu' });
    const second = resolveHeatmapOptions({ zmin: 0, title: undefined }, first);
    assert.equal(second.title, 'A');
    assert.equal(second.colorScale, 'RdBu');
    assert.equal(second.zmin, 0);
    assert.equal(second.zmax, 1);
    assert.equal(first.zmin, -1, 'the base is not changed');
  });

  test('bad options fail with a message naming the option', () => {
    const cases = [
      [{ zmin: 1 }, /zmin: must be less than zmax/],
      [{ zmin: 0.5, zmax: 0.5 }, /zmin: must be less than zmax/],
      [{ zmax: Number.NaN }, /zmax: expected a finite number/],
      [{ zmin: '0' }, /zmin: expected a finite number/],
      [{ title: 42 }, /title: expected a string/],
      [{ colorScale: 'Bleus' }, /colorScale: unknown scale "Bleus"/],
      [{ colorScale: [[0, 'red']] }, /at least two colours/],
      [{ colorScale: [[0, 'red'], [0.5, 'blue']] }, /start at position 0 and end at 1/],
      [{ colorScale: [[0, 'red'], [2, 'blue']] }, /entry 1: positions must rise from 0 to 1/],
      [{ reverseScale: 'yes' }, /reverseScale: expected true or false/],
      [{ textMaxSize: -1 }, /textMaxSize/],
      [{ valueFormat: '}' }, /valueFormat/],
      [{ height: 0 }, /height/],
      [{ colourScale: 'Blues' }, /unknown option "colourScale"/],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => resolveHeatmapOptions(options), (error) => {
        assert.ok(error instanceof CosineHeatmapError, `${JSON.stringify(options)} throws CosineHeatmapError`);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.throws(() => resolveHeatmapOptions(null), /expected an object/);
  });
});

describe('colour scales', () => {
  test('"Blues" is plotly express\'s ColorBrewer Blues (light to dark), as in the reference', () => {
    const blues = resolveColorScale('Blues');
    assert.equal(blues.length, 9);
    assert.deepEqual(blues[0], [0, 'rgb(247,251,255)']);
    assert.deepEqual(blues[8], [1, 'rgb(8,48,107)']);
    assert.deepEqual(blues[4], [0.5, 'rgb(107,174,214)']);
  });

  test('RdBu runs red to blue, Greys white to black; names are case-insensitive, _r reverses', () => {
    assert.deepEqual(resolveColorScale('RdBu')[0], [0, 'rgb(103,0,31)']);
    assert.deepEqual(resolveColorScale('rdbu').at(-1), [1, 'rgb(5,48,97)']);
    assert.deepEqual(resolveColorScale('Greys')[0], [0, 'rgb(255,255,255)']);
    assert.deepEqual(resolveColorScale('Blues_r')[0], [0, 'rgb(8,48,107)']);
  });

  test('Plotly\'s other built-ins pass through by name', () => {
    assert.equal(resolveColorScale('Viridis'), 'Viridis');
    assert.equal(resolveColorScale('cividis'), 'Cividis');
    for (const name of ['Blues', 'RdBu', 'Viridis', 'Cividis', 'Greys']) assert.ok(COLOR_SCALE_NAMES.includes(name));
  });

  test('custom scales: [position, colour] pairs are copied, plain colour lists spread evenly', () => {
    const pairs = [[0, '#000'], [0.25, 'red'], [1, '#fff']];
    const resolved = resolveColorScale(pairs);
    assert.deepEqual(resolved, pairs);
    assert.notEqual(resolved, pairs);
    assert.deepEqual(resolveColorScale(['red', 'white', 'blue']), [[0, 'red'], [0.5, 'white'], [1, 'blue']]);
  });
});

describe('escaping', () => {
  test('labels show as text: <, > and & become entities Plotly decodes', () => {
    assert.equal(escapePlotlyText('<b>x</b> & y'), '&lt;b&gt;x&lt;/b&gt; &amp; y');
    assert.equal(escapePlotlyText('&lt;'), '&amp;lt;');
    assert.equal(escapePlotlyText(3), '3');
  });

  test('text spliced into a template cannot open a placeholder', () => {
    assert.equal(escapePlotlyTemplate('cos %{z} <i>'), 'cos %&#123;z} &lt;i&gt;');
  });
});

describe('labels', () => {
  test('default to row indices; given labels become strings', () => {
    assert.deepEqual(itemLabels(undefined, 3), ['0', '1', '2']);
    assert.deepEqual(itemLabels([7, null, 'a'], 3), ['7', '', 'a']);
  });

  test('a wrong count is refused', () => {
    assert.throws(() => itemLabels(['a'], 2), /expected 2 labels \(one per row\), got 1/);
    assert.throws(() => itemLabels('ab', 2), /expected an array/);
  });
});

describe('trace', () => {
  test('z is a copy of the matrix, one row per item', () => {
    const matrix = { data: Float32Array.of(1, 0.5, 0.5, 1), dims: [2, 2] };
    const rows = matrixRows(matrix);
    assert.deepEqual(rows.map((r) => Array.from(r)), [[1, 0.5], [0.5, 1]]);
    matrix.data[1] = 9;
    assert.equal(rows[0][1], 0.5, 'changing the source does not change what Plotly holds');
    assert.notEqual(rows[0].buffer, matrix.data.buffer);
  });

  test("with range 'fixed' a trace matches the reference: Blues, −1..1, colour bar title, values printed", () => {
    const trace = heatmapTrace(identityMatrix(3), indexLabels(3), resolveHeatmapOptions({ range: 'fixed' }));
    assert.equal(trace.type, 'heatmap');
    assert.deepEqual(trace.colorscale, resolveColorScale('Blues'));
    assert.equal(trace.reversescale, false);
    assert.equal(trace.zauto, false);
    assert.equal(trace.zmin, -1);
    assert.equal(trace.zmax, 1);
    assert.equal(trace.colorbar.title.text, 'Cosine Similarity');
    assert.equal(trace.colorbar.title.side, 'top');
    assert.equal(trace.texttemplate, '%{z:.2f}');
  });

  test('values are printed in the cells only up to 30 rows', () => {
    const options = resolveHeatmapOptions();
    assert.equal(heatmapTrace(identityMatrix(30), indexLabels(30), options).texttemplate, '%{z:.2f}');
    assert.equal(heatmapTrace(identityMatrix(31), indexLabels(31), options).texttemplate, '');
    assert.equal(heatmapStyle(resolveHeatmapOptions({ textMaxSize: 40 }), 31).texttemplate, '%{z:.2f}');
  });

  test('hover names the row item, the column item and the value', () => {
    const labels = ['<b>cat</b>', 'a & b', 'dog'];
    const trace = heatmapTrace(identityMatrix(3), labels, resolveHeatmapOptions(), { zeroRows: [2] });
    assert.equal(trace.hovertemplate, 'row: %{text}<br>column: %{customdata}<br>Cosine Similarity: %{z:.4f}<extra></extra>');
    // cell (i, j): text = row item i, customdata = column item j, escaped
    assert.equal(trace.text[0][2], '&lt;b&gt;cat&lt;/b&gt;');
    assert.equal(trace.text[1][0], 'a &amp; b');
    assert.equal(trace.customdata[0][1], 'a &amp; b');
    assert.equal(trace.customdata[1][2], 'dog (zero vector)');
    assert.equal(trace.text[2][0], 'dog (zero vector)');
    assert.equal(trace.text.length, 3);
    assert.ok(trace.text.every((row) => row.length === 3));
  });

  test('user text in the hover template is escaped', () => {
    const style = heatmapStyle(resolveHeatmapOptions({ colorLabel: '<i>cos</i> %{x}' }), 3);
    assert.match(style.hovertemplate, /&lt;i&gt;cos&lt;\/i&gt; %&#123;x}: %\{z:\.4f\}/);
    // The colour bar's title too: Plotly fills %{…} in titles from `meta`
    // once a trace (the dendrogram's, the strips') carries one.
    assert.equal(style.colorbar.title.text, '&lt;i&gt;cos&lt;/i&gt; %&#123;x}');
  });

  test('the restyle update wraps every value for trace 0 and carries no data', () => {
    const options = resolveHeatmapOptions({ colorScale: 'RdBu', reverseScale: true, zmin: 0 });
    const update = heatmapStyleUpdate(options, 100);
    assert.deepEqual(update.colorscale, [resolveColorScale('RdBu')]);
    assert.deepEqual(update.reversescale, [true]);
    assert.deepEqual(update.zmin, [0]);
    assert.deepEqual(update.zmax, [1]);
    assert.deepEqual(update['colorbar.title.text'], ['Cosine Similarity']);
    assert.deepEqual(update.texttemplate, ['']);
    for (const key of ['z', 'x', 'y', 'text', 'customdata']) assert.ok(!(key in update), `no ${key}`);
    assert.deepEqual(heatmapStyleUpdate(resolveHeatmapOptions({ colorScale: 'Viridis' }), 3).colorscale, ['Viridis']);
  });
});

describe('layout', () => {
  test('titles as given, row 0 at the top like imshow, free aspect ratio', () => {
    const layout = heatmapLayout(resolveHeatmapOptions(), indexLabels(100));
    assert.equal(layout.title.text, 'Cosine Similarity Matrix');
    assert.equal(layout.xaxis.title.text, 'Index');
    assert.equal(layout.yaxis.title.text, 'Index');
    assert.equal(layout.yaxis.autorange, 'reversed');
    assert.equal(layout.autosize, true);
    assert.equal(layout.yaxis.scaleanchor, undefined);
  });

  test('an overview keeps numeric position ticks; single items get thinned labels', () => {
    const options = resolveHeatmapOptions();
    const labels = indexLabels(1000);
    const overview = heatmapLayout(options, { labels, n: 1000, kind: 'overview', window: { rows: [0, 1000], cols: [0, 1000] }, runs: null });
    assert.equal(overview.xaxis.tickmode, undefined, 'Plotly picks position ticks');
    const items = heatmapLayout(options, { labels, n: 1000, kind: 'items', window: { rows: [0, 100], cols: [0, 100] }, runs: null, pixels: { x: 140, y: 700 } });
    assert.equal(items.xaxis.tickvals.length, 10, '140 px hold 10 labels 14 px apart');
    assert.equal(items.yaxis.tickvals.length, 50);
  });

  test('a small matrix labels its ticks with the items, escaped', () => {
    const layout = heatmapLayout(resolveHeatmapOptions(), ['a<b', 'c']);
    assert.deepEqual(layout.xaxis.tickvals, [0, 1]);
    assert.deepEqual(layout.xaxis.ticktext, ['a&lt;b', 'c']);
    assert.deepEqual(layout.yaxis.ticktext, ['a&lt;b', 'c']);
  });

  test('the relayout update carries the titles and size, escaped', () => {
    const update = heatmapLayoutUpdate(resolveHeatmapOptions({ title: 'A & B', xaxisTitle: 'x', height: 500 }));
    assert.deepEqual(update, {
      'title.text': 'A &amp; B',
      'xaxis.title.text': 'x',
      'yaxis.title.text': 'Index',
      autosize: true,
      height: 500,
    });
  });
});
