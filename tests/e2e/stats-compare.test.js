// The statistics, neighbour, Compare and cross-similarity panels end to end in
// headless Chromium: each number shown equals what the public API computes
// in the same page, a planted near-duplicate raises its flag, a click lists
// the clicked item's neighbours, Compare draws A, B and A − B, and queries
// against documents draw n × m.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { settle } from './page-actions.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (name) => readFile(new URL(name, FIXTURES));
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];

// Shown to 4 decimals: a number equals the API's when within half a unit of the last digit.
const close = (shown, expected, what) => assert.ok(
  Math.abs(Number(shown) - expected) <= 5.01e-5,
  `${what}: the page shows ${shown}, the API gives ${expected}`,
);

function choose(page, selector, name) {
  return fixture(name).then((buffer) => page.setInputFiles(selector, { name, mimeType: 'text/tab-separated-values', buffer }));
}

// The API's answers, computed in the page from the fixtures' text: the
// page's CSP forbids evaluating strings, so each check is a function using
// window.testApi, set up once.
function installTestApi(page) {
  return page.evaluate(async () => {
    const api = await import('/src/index.js');
    const engine = await api.loadEngine();
    const text = async (name) => (await fetch(`/fixtures/${name}`)).text();
    const set = async (name) => engine.embeddings(await api.parseEmbeddings(await text(name), { name }));
    window.testApi = { api, engine, text, set };
  });
}

const stats = (page, selector) => page.evaluate((sel) => Object.fromEntries(
  [...document.querySelectorAll(`${sel} [data-stat]`)].map((el) => [el.dataset.stat, el.textContent]),
), selector);

describe('statistics, neighbours, compare and cross-similarity panels', () => {
  const e2e = useBrowser({ fixtures: FIXTURES, viewport: { width: 1280, height: 1000 }, open: '/' });

  e2e.before(async () => {
    const page = e2e.page;
    // The file order, as a user would choose it: the checks below read cells by row number.
    await page.selectOption('#order', 'original');
    await installTestApi(page);
    await settle(page, () => choose(page, '#embeddings-file', 'dupes.tsv'));
    await page.waitForFunction(
      () => document.getElementById('stats-status').dataset.state === 'done' && /^Exact statistics of 66 pairs/.test(document.getElementById('stats-status').textContent),
      null,
      { timeout: 30_000 },
    );
  });

  test('the statistics panel shows the numbers of set.analyze() and a histogram with the mean', async () => {
    const expected = await e2e.page.evaluate(async () => (await window.testApi.set('dupes.tsv')).analyze());
    const shown = await stats(e2e.page, '#stats-numbers');
    assert.equal(shown.n, '12');
    assert.equal(shown.dim, '5');
    assert.equal(shown.pairCount, '66');
    for (const key of ['mean', 'std', 'min', 'max']) close(shown[key], expected[key], key);
    for (const { q, value } of expected.quantiles) close(shown[`q${q * 100}`], value, `quantile ${q}`);
    assert.equal(Number(shown.nearDuplicateCount), expected.nearDuplicateCount);
    assert.equal(expected.nearDuplicateCount, 2, 'the two planted pairs');
    assert.equal(Number(shown.outlierCount), expected.outlierCount);
    assert.ok(Math.abs(Number(shown.effectiveDimension) - expected.effectiveDimension) <= 0.005, 'effective dimension');

    const histogram = await e2e.page.evaluate(() => {
      const gd = document.getElementById('stats-histogram');
      return { counts: [...gd.data[0].y], mean: gd.layout.shapes[0].x0, label: gd.getAttribute('aria-label') };
    });
    assert.deepEqual(histogram.counts, expected.histogram.counts);
    assert.equal(histogram.mean, expected.mean);
    assert.match(histogram.label, /^Histogram of 66 pair similarities/);
  });

  test('a planted near-duplicate raises the near-duplicates flag, in words with its evidence', async () => {
    const flag = e2e.page.locator('#stats-flags li[data-flag="near-duplicates"]');
    await flag.waitFor({ state: 'visible' });
    const text = await flag.textContent();
    assert.match(text, /^Warning: 2 pairs \(3\.0%\) have similarity ≥ 0\.98 .*near-duplicates/);
    assert.match(text, /\(value 0\.030 vs threshold 0\.0010\)$/);
    const pairs = await e2e.page.locator('#stats-lists li').allTextContents();
    assert.ok(pairs.some((line) => /^gamma ↔ theta: (0\.99\d\d|1\.0000)$/.test(line)), pairs.join(' | '));
    assert.ok(pairs.some((line) => /^epsilon ↔ lambda: (0\.99\d\d|1\.0000)$/.test(line)), pairs.join(' | '));
    // The panel is a live region of plain text: labels are text nodes, not markup.
    assert.equal(await e2e.page.locator('#stats-panel .stats-text').getAttribute('aria-live'), 'polite');
  });

  test('clicking a cell lists the row item\'s neighbours from set.topK, and k is adjustable', async () => {
    const [row, col] = [2, 5]; // gamma × zeta (original order)
    const target = await e2e.page.evaluate(([r, c]) => {
      const gd = document.getElementById('heatmap');
      const area = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
      return { x: area.left + gd._fullLayout.xaxis.d2p(c), y: area.top + gd._fullLayout.yaxis.d2p(r) };
    }, [row, col]);
    await e2e.page.mouse.click(target.x, target.y);
    await e2e.page.locator('#neighbours ol.neighbour-list li').first().waitFor({ timeout: 15_000 });
    const expected = await e2e.page.evaluate(async ([r, c]) => {
      const { set } = window.testApi;
      const s = await set('dupes.tsv');
      const [all, few, matrix] = [await s.topK(10), await s.topK(3), await s.similarity()];
      const pick = (t) => ({
        indices: [...t.indices.subarray(r * t.dims[1], (r + 1) * t.dims[1])],
        scores: [...t.scores.subarray(r * t.dims[1], (r + 1) * t.dims[1])],
      });
      return { all: pick(all), few: pick(few), value: matrix.data[r * 12 + c] };
    }, [row, col]);
    const list = () => e2e.page.evaluate(() => [...document.querySelectorAll('#neighbours ol.neighbour-list li')].map((li) => ({
      index: Number(li.dataset.index), text: li.textContent, score: li.querySelector('.neighbour-score').textContent,
    })));
    const shown = await list();
    assert.deepEqual(shown.map((item) => item.index), expected.all.indices);
    assert.equal(shown[0].index, 7, 'gamma\'s nearest item is its planted duplicate theta');
    shown.forEach((item, k) => {
      assert.ok(item.text.startsWith(`${NAMES[expected.all.indices[k]]} `), item.text);
      close(item.score, expected.all.scores[k], `score of neighbour ${k}`);
    });
    const cell = await e2e.page.locator('#neighbours .neighbour-cell').textContent();
    assert.match(cell, /^gamma × zeta: -?\d\.\d{4}$/);
    close(cell.split(': ')[1], expected.value, 'the clicked cell');

    await e2e.page.fill('#neighbours-k', '3');
    await e2e.page.locator('#neighbours-k').dispatchEvent('change');
    await e2e.page.waitForFunction(() => document.querySelectorAll('#neighbours ol.neighbour-list li').length === 3);
    assert.deepEqual((await list()).map((item) => item.index), expected.few.indices);
  });

  test('Compare draws A, B and A − B in the same order with set.compare()\'s numbers', async () => {
    await choose(e2e.page, '#compare-file', 'dupes-model-b.tsv');
    await e2e.page.waitForFunction(() => document.getElementById('compare-status').dataset.state === 'done'
      && /^A \(the data set shown\) against B/.test(document.getElementById('compare-status').textContent), null, { timeout: 30_000 });
    const expected = await e2e.page.evaluate(async () => {
      const { set } = window.testApi;
      const [a, b] = [await set('dupes.tsv'), await set('dupes-model-b.tsv')];
      const [sa, sb] = [await a.similarity(), await b.similarity()];
      return { cmp: await a.compare(b), a: [...sa.data], b: [...sb.data] };
    });
    const plots = await e2e.page.evaluate(() => ['compare-a', 'compare-b', 'compare-diff'].map((id) => {
      const gd = document.getElementById(id);
      return { type: gd.data[0].type, z: gd.data[0].z.map((row) => [...row]), zmid: gd.data[0].zmid, zmin: gd.data[0].zmin, zmax: gd.data[0].zmax };
    }));
    assert.deepEqual(plots.map((p) => p.type), ['heatmap', 'heatmap', 'heatmap']);
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 12; j++) {
        const [a, b] = [expected.a[i * 12 + j], expected.b[i * 12 + j]];
        assert.ok(Math.abs(plots[0].z[i][j] - a) < 1e-5, `A(${i}, ${j})`);
        assert.ok(Math.abs(plots[1].z[i][j] - b) < 1e-5, `B(${i}, ${j})`);
        assert.ok(Math.abs(plots[2].z[i][j] - (a - b)) < 1e-5, `A − B(${i}, ${j})`);
      }
    }
    assert.equal(plots[2].zmid, 0, 'A − B on a diverging scale centred at 0');
    assert.equal(plots[2].zmin, -plots[2].zmax);
    const shown = await stats(e2e.page, '#compare-numbers');
    close(shown.pearson, expected.cmp.pearson, 'Pearson');
    close(shown.linearCka, expected.cmp.linearCka, 'linear CKA');
    close(shown.spearman, expected.cmp.spearman, 'Spearman');
    close(shown.meanAbsoluteDifference, expected.cmp.meanAbsoluteDifference, 'mean |A − B|');

    // Another row count: a clear error, and the comparison shown stays.
    await e2e.page.evaluate(() => { document.getElementById('compare-status').dataset.state = 'test-waiting'; });
    await choose(e2e.page, '#compare-file', 'vectors.tsv');
    await e2e.page.waitForFunction(() => !document.getElementById('compare-error').hidden, null, { timeout: 30_000 });
    assert.equal(
      await e2e.page.locator('#compare-error').textContent(),
      'Could not compare: vectors.tsv has 6 rows but the data set shown has 12: Compare needs the same items, in the same order, embedded by another model',
    );
    assert.equal(await e2e.page.locator('#compare-results').isVisible(), true);
    assert.equal((await stats(e2e.page, '#compare-numbers')).pearson, shown.pearson);
    assert.equal(await e2e.page.evaluate(() => document.getElementById('compare-a').data[0].z.length), 12);
  });

  test('queries against documents draw the n × m cross-similarities with labels', async () => {
    await choose(e2e.page, '#cross-file', 'queries.tsv');
    await e2e.page.waitForFunction(() => document.getElementById('cross-status').dataset.state === 'done'
      && /^3 queries × 12 documents/.test(document.getElementById('cross-status').textContent), null, { timeout: 30_000 });
    const expected = await e2e.page.evaluate(async () => {
      const { api, engine, text } = window.testApi;
      const q = await api.parseEmbeddings(await text('queries.tsv'), { name: 'queries.tsv' });
      const d = await api.parseEmbeddings(await text('dupes.tsv'), { name: 'dupes.tsv' });
      return [...(await engine.cosineSimilarity(q, d)).data];
    });
    const plot = await e2e.page.evaluate(() => {
      const trace = document.getElementById('cross-plot').data[0];
      return { z: trace.z.map((row) => [...row]), text: trace.text.map((row) => [...row]) };
    });
    assert.equal(plot.z.length, 3);
    assert.equal(plot.z[0].length, 12);
    plot.z.flat().forEach((value, k) => assert.ok(Math.abs(value - expected[k]) < 1e-6, `cell ${k}`));
    assert.equal(plot.text[1][4], 'q-second × epsilon');
  });

  test('no console error, and no request leaves the origin', () => {
    assert.deepEqual(e2e.errors, []);
    const foreign = e2e.requests.filter((url) => !url.startsWith(`${e2e.origin}/`));
    assert.deepEqual(foreign, []);
  });
});
