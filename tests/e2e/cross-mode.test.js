// Queries against documents, readable as the main heatmap is: on the demo
// page's digits (grouped by digit, ordered by group), 40 queries made from
// digits of known classes are drawn with the documents in the main heatmap's
// order and groups, the queries next to the group they match best, group
// lines and labels on both axes; choosing the file order redraws both axes
// in file order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const QUERIES = 40;

describe('queries against documents', () => {
  const e2e = useBrowser({ open: '/' });

  // What the cross plot shows: the cells, the hover names, the ticks, the lines.
  const crossPlot = () => e2e.page.evaluate(() => {
    const gd = document.getElementById('cross-plot');
    const trace = gd.data[0];
    return {
      z: trace.z.map((row) => [...row]),
      text: trace.text.map((row) => [...row]),
      xticks: gd.layout.xaxis.ticktext ?? [],
      yticks: gd.layout.yaxis.ticktext ?? [],
      shownYTicks: [...gd.querySelectorAll('.ytick text')].map((t) => t.textContent),
      shownXTicks: [...gd.querySelectorAll('.xtick text')].map((t) => t.textContent),
      shapes: (gd.layout.shapes ?? []).map((s) => (s.x0 === s.x1 ? 'down' : 'across')),
      status: document.getElementById('cross-status').textContent,
    };
  });

  test('documents follow the main heatmap\'s order and groups; queries sit by the group they match best', async () => {
    const { page } = e2e;
    await page.waitForFunction(() => document.getElementById('status').dataset.order === 'done', null, { timeout: 60_000 });
    // Queries: digits of classes 9, 3, 7, 0 … (shuffled), a little noise added, named by what they are.
    const tsv = await page.evaluate(async (count) => {
      const { parseEmbeddings } = await import('/src/index.js');
      const digits = await parseEmbeddings(await (await fetch('/data/digits/digits.npy')).arrayBuffer(), { name: 'digits.npy' });
      const classes = (await (await fetch('/data/digits/labels.tsv')).text()).trim().split('\n').slice(1).map((line) => line.split('\t')[0]);
      const d = digits.dims[1];
      const lines = [['name', ...Array.from({ length: d }, (_, c) => `x${c}`)].join('\t')];
      for (let k = 0; k < count; k++) {
        const row = (k * 373) % digits.dims[0];
        const values = Array.from(digits.data.subarray(row * d, (row + 1) * d), (v, c) => (v + 0.3 * Math.sin(k + c)).toFixed(3));
        lines.push([`q${k} is a ${classes[row]}`, ...values].join('\t'));
      }
      return lines.join('\n');
    }, QUERIES);
    await page.setInputFiles('#cross-file', { name: 'queries.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
    await page.waitForFunction(() => document.getElementById('cross-status').dataset.state === 'done'
      && /queries ×/.test(document.getElementById('cross-status').textContent), null, { timeout: 60_000 });
    const plot = await crossPlot();
    assert.equal(plot.z.length, QUERIES);
    assert.equal(plot.z[0].length, 1797);
    assert.match(plot.status, /^40 queries × 1,797 documents\. Documents in the main heatmap's order; queries by the document group they match best\.$/);

    // Documents: the main heatmap's groups, in its order (its tick names), each digit one run.
    const mainGroups = await page.evaluate(() => document.getElementById('heatmap').layout.xaxis.ticktext);
    const documentDigits = plot.text[0].map((t) => t.split(' × ')[1].split(' ')[0]);
    const runs = documentDigits.filter((g, j) => j === 0 || g !== documentDigits[j - 1]);
    assert.deepEqual(runs, mainGroups, 'documents grouped as in the main heatmap, in its order');
    assert.deepEqual(plot.xticks, mainGroups, 'the document axis names the groups');

    // Queries: by the group of their best-matching document, in the documents' group order.
    const bestGroups = plot.z.map((row) => documentDigits[row.indexOf(Math.max(...row))]);
    const queryRuns = bestGroups.filter((g, i) => i === 0 || g !== bestGroups[i - 1]);
    assert.equal(new Set(queryRuns).size, queryRuns.length, `each group's queries together: ${bestGroups.join(' ')}`);
    assert.deepEqual(queryRuns, mainGroups.filter((g) => queryRuns.includes(g)), 'in the documents\' group order');
    const queryNames = plot.text.map((row) => row[0].split(' × ')[0]);
    const matched = queryNames.filter((name, i) => name.endsWith(`is a ${bestGroups[i]}`)).length;
    assert.ok(matched >= 0.8 * QUERIES, `${matched} of ${QUERIES} queries next to their own digit`);
    // Both axes labelled: every query name (40 fit), group names along the documents.
    assert.deepEqual(plot.yticks, queryNames);
    assert.equal(plot.shownYTicks.length, QUERIES, 'every query label drawn');
    assert.ok(plot.shownXTicks.length >= 8, `document axis labels drawn: ${plot.shownXTicks}`);
    assert.equal(plot.shapes.filter((s) => s === 'down').length, mainGroups.length - 1, 'a line between document groups');
    assert.equal(plot.shapes.filter((s) => s === 'across').length, queryRuns.length - 1, 'a line between query groups');
  });

  test('the file order in the main heatmap redraws both axes in file order', async () => {
    const { page } = e2e;
    await page.selectOption('#order', 'original');
    await page.waitForFunction(() => {
      const text = document.getElementById('cross-plot').data[0].text;
      return text[0][0].startsWith('q0 ') && text[1][0].startsWith('q1 ') && / × 0 \(#0\)$/.test(text[0][0]);
    }, null, { timeout: 30_000 });
    const plot = await crossPlot();
    assert.deepEqual(plot.text.map((row) => row[0].split(' × ')[0].split(' ')[0]), Array.from({ length: QUERIES }, (_, k) => `q${k}`));
    assert.deepEqual(plot.text[0].slice(0, 3).map((t) => t.split(' × ')[1]), ['0 (#0)', '1 (#1)', '2 (#2)']);
    assert.equal(plot.shapes.length, 0, 'groups scattered in file order: no lines');
    assert.deepEqual(e2e.errors, []);
  });
});
