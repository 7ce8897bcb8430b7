// The demo page opens Parquet, Arrow and safetensors files in headless
// Chromium: the readers load from the page's own origin (web/build bundles),
// a Parquet file's text column labels the items, several candidate columns
// bring a dialog asking which, and a bad file leaves the heatmap shown as it
// was, with the error's position.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const TABLES = new URL('../fixtures/tables/', import.meta.url);
const path = (name) => fileURLToPath(new URL(name, TABLES));
const expected = JSON.parse(readFileSync(new URL('expected-tables.json', TABLES), 'utf8'));

function shown(page) {
  return page.evaluate(() => {
    const trace = document.getElementById('heatmap').data[0];
    const select = document.getElementById('labelColumn');
    return {
      rowLabels: trace.text.map((row) => row[0]),
      z: trace.z.map((row) => [...row]),
      status: document.getElementById('status').textContent,
      alert: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
      label: { value: select.value, options: [...select.options].map((o) => o.textContent) },
    };
  });
}

async function settle(page, action) {
  await page.evaluate(() => { document.getElementById('status').dataset.state = 'test-waiting'; });
  await action();
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done'
    || !document.getElementById('error').hidden, null, { timeout: 60_000 });
}

function cosine(a, b) {
  let dot = 0; let na = 0; let nb = 0;
  for (let k = 0; k < a.length; k++) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
  return dot / Math.sqrt(na * nb);
}

describe('demo page: Parquet, Arrow and safetensors files', () => {
  const e2e = useBrowser({ open: '/', extra: { '/tables/': TABLES } });

  e2e.before(async () => {
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /in file order$/.test(document.getElementById('status').textContent));
  });

  test('a Parquet file with text and embedding columns: items labelled by the text column, cells are its cosines', async () => {
    const want = expected['list-snappy.parquet'];
    await settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', path('list-snappy.parquet')));
    const now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.deepEqual(now.rowLabels, want.labels);
    assert.equal(now.label.value, 'm:1', 'the text column, not the id');
    assert.deepEqual(now.label.options, ['id', 'text', 'grp', 'labels in list-snappy.parquet', 'row number']);
    assert.match(now.status, /^list-snappy\.parquet · 12 items × 4 dimensions · parsed in [\d,.]+ m?s/);
    const rows = Array.from({ length: 12 }, (_, i) => want.values.slice(i * 4, i * 4 + 4).map(Math.fround));
    let worst = 0;
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) worst = Math.max(worst, Math.abs(now.z[i][j] - cosine(rows[i], rows[j])));
    assert.ok(worst < 1e-6, `max |shown − cosine| = ${worst}`);
    // The reader came from the page's origin.
    assert.ok(e2e.requests.some((url) => url.endsWith('/build/parquet-libs.js')), 'the bundled Parquet reader was loaded');
    assert.deepEqual(e2e.requests.filter((url) => !url.startsWith(e2e.origin) && !url.startsWith('data:') && !url.startsWith('blob:')), []);
    // The group column comes from the same file.
    await settle(e2e.page, () => e2e.page.selectOption('#groupColumn', 'm:2'));
    assert.equal((await shown(e2e.page)).alert, '');
  });

  test('several list columns: the page asks which one, then shows it', async () => {
    await e2e.page.setInputFiles('#embeddings-file', path('two-lists.parquet'));
    const dialog = e2e.page.locator('dialog.choose-column');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.textContent(), /Which column holds the embeddings\?.*two-lists\.parquet has 2 columns/s);
    assert.deepEqual(await dialog.locator('select option').allTextContents(), ['a', 'b']);
    await settle(e2e.page, async () => {
      await dialog.locator('select').selectOption('b');
      await dialog.getByRole('button', { name: 'Use this column' }).click();
    });
    const now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.equal(now.rowLabels.length, 12);
    assert.match(now.status, /^two-lists\.parquet · 12 items × 4 dimensions/);
    assert.equal(await e2e.page.locator('dialog.choose-column').count(), 0, 'the dialog is gone');
  });

  test('Arrow stream and safetensors files open too', async () => {
    await settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', path('list.arrows')));
    let now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.deepEqual(now.rowLabels, expected['list.arrows'].labels);
    assert.ok(e2e.requests.some((url) => url.endsWith('/build/arrow-libs.js')), 'the bundled Arrow reader was loaded');
    await settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', path('embeddings-bf16.safetensors')));
    now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.match(now.status, /^embeddings-bf16\.safetensors · 6 items × 5 dimensions/);
  });

  test('a bad Parquet file is refused with its position; the heatmap shown stays', async () => {
    await settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', path('list-zstd.parquet')));
    const before = await shown(e2e.page);
    await settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', path('null-row.parquet')));
    const now = await shown(e2e.page);
    assert.match(now.alert, /null-row\.parquet: null in the embedding column \(row group 0, row 8, column "embedding", at byte offset \d+\)/);
    assert.deepEqual(now.rowLabels, before.rowLabels);
    assert.deepEqual(now.z, before.z);
    assert.deepEqual(e2e.errors, []);
  });

  test('<cosine-heatmap src="….parquet"> with label-column and column attributes', async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><script src="/build/plotly.min.js"></script></head><body>
      <cosine-heatmap id="a" src="/tables/list-gzip.parquet" order="original" style="height:300px"></cosine-heatmap>
      <cosine-heatmap id="b" src="/tables/two-lists.parquet" column="b" label-column="text" order="original" style="height:300px"></cosine-heatmap>
      <script type="module">
        import { defineCosineHeatmapElement } from '/src/cosine-heatmap-element.js';
        window.events = [];
        for (const id of ['a', 'b']) for (const type of ['ready', 'error']) {
          document.getElementById(id).addEventListener(type, (e) => window.events.push({ id, type, message: e.detail.message }));
        }
        defineCosineHeatmapElement();
      </script></body></html>`;
    const { page, errors } = await e2e.newPage();
    const url = e2e.url('/element-tables.html');
    await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await page.goto(url);
    await page.waitForFunction(() => window.events?.length >= 2, null, { timeout: 60_000 });
    const state = await page.evaluate(() => ({
      events: window.events,
      labelsA: document.getElementById('a').view.labels,
      labelsB: document.getElementById('b').view.labels,
      size: document.getElementById('b').view.embeddings.size,
    }));
    await page.close();
    assert.deepEqual(state.events.map((e) => `${e.id} ${e.type} ${e.message ?? ''}`.trim()).sort(), ['a ready', 'b ready']);
    assert.deepEqual(state.labelsA, expected['list-gzip.parquet'].labels);
    assert.deepEqual(state.labelsB, expected['list-gzip.parquet'].labels);
    assert.equal(state.size, 12);
    assert.deepEqual(errors, []);
  });
});
