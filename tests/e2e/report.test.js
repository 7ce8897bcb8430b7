// The command line's report in headless Chromium with no network at all:
// every request but the report itself is aborted, and none may be made.
// It shows the heatmap (hover included), the histogram, the flags and the
// statistics; hostile labels show as text and run nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/cosine-heatmap.js', import.meta.url));
const DIGITS = fileURLToPath(new URL('../../web/data/digits/', import.meta.url));
const REPORT_URL = 'http://report.invalid/report.html';

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '</script><script>window.__pwned = 3</script>',
  '"><svg onload="window.__pwned = 4">',
  '%{z} <b>bold</b> &amp;',
  '<!-- <script>window.__pwned = 5</script>',
];

const e2e = useBrowser({ server: false, tempDir: 'cosine-heatmap-report-' });

// Opens the report with every other request aborted; returns the page and
// what it asked for.
async function openOffline(html) {
  const { page, errors, requests } = await e2e.newPage();
  await page.unrouteAll?.();
  await page.route('**/*', (route) => (route.request().url() === REPORT_URL
    ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    : route.abort()));
  await page.goto(REPORT_URL);
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: 30_000 });
  return { page, errors, requests };
}

describe('report', () => {
  test('the digits report opens offline and shows heatmap, histogram, flags and statistics', async () => {
    const output = join(e2e.dir, 'digits.html');
    await run(process.execPath, [CLI, 'report', join(DIGITS, 'digits.npy'), '--labels', join(DIGITS, 'labels.tsv'),
      '--order', 'average', '--title', 'Digits', '-o', output]);
    const html = await readFile(output, 'utf8');
    const { page, errors, requests } = await openOffline(html);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'ready');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((url) => url !== REPORT_URL && !url.startsWith('data:')), [], 'no request leaves the page');

    const shown = await page.evaluate(() => {
      const heatmap = document.getElementById('heatmap');
      const histogram = document.getElementById('histogram');
      return {
        type: heatmap.data[0].type,
        rows: heatmap.data[0].z.length,
        cols: heatmap.data[0].z[0].length,
        first: heatmap.data[0].z[0][0],
        bars: histogram.data[0].type,
        barCount: histogram.data[0].y.length,
        flags: [...document.querySelectorAll('#flags li')].map((li) => li.dataset.flag),
        title: document.title,
        summary: document.getElementById('report-summary').textContent,
        statistics: document.querySelectorAll('#statistics tr').length,
      };
    });
    assert.equal(shown.type, 'heatmap');
    assert.equal(shown.rows, 512);
    assert.equal(shown.cols, 512);
    assert.ok(shown.first > 0.5 && shown.first <= 1, `first cell ${shown.first}`);
    assert.equal(shown.bars, 'bar');
    assert.equal(shown.barCount, 100);
    assert.ok(shown.flags.includes('high-similarity'), `flags ${shown.flags}`);
    assert.equal(shown.title, 'Digits');
    assert.match(shown.summary, /1,797 items × 64 dimensions/);
    assert.match(shown.summary, /order: average linkage/);
    assert.ok(shown.statistics > 10);

    // Hover shows which items a cell compares.
    const box = await page.locator('#heatmap .nsewdrag[data-subplot="xy"]').first().boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
    const hover = await page.locator('#heatmap .hoverlayer .hovertext').first().textContent({ timeout: 5000 });
    assert.match(hover, /rows: .*columns: .*mean Cosine Similarity: [0-9.-]+/s);
    await page.close();
  });

  test('by default the report is ordered by group (auto) and its colour bar says which range it shows', async () => {
    const output = join(e2e.dir, 'default.html');
    await run(process.execPath, [CLI, 'report', join(DIGITS, 'digits.npy'), '--labels', join(DIGITS, 'labels.tsv'),
      '--group-column', 'digit', '-o', output]);
    const { page, errors } = await openOffline(await readFile(output, 'utf8'));
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'ready');
    assert.deepEqual(errors, []);
    const shown = await page.evaluate(() => ({
      summary: document.getElementById('report-summary').textContent,
      colorbar: document.querySelector('#heatmap .cbtitle')?.textContent,
      ticks: document.getElementById('heatmap').layout.xaxis.ticktext,
    }));
    assert.match(shown.summary, /order: group \(auto\)/);
    assert.match(shown.colorbar, /^Cosine Similarity · 1st–99th percentile of cells: 0\.\d\d to 0\.\d\d$/);
    assert.deepEqual(shown.ticks, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await page.close();
  });

  test('hostile labels are shown as text and run nothing', async () => {
    const n = HOSTILE.length;
    const vectors = Array.from({ length: n }, (_, i) => Array.from({ length: 4 }, (_, k) => (k === i % 4 ? 1 : 0.1 * (i + 1))));
    vectors[n - 1] = [...vectors[0]]; // a near-duplicate pair, so labels reach the pairs table
    await writeFile(join(e2e.dir, 'hostile.csv'), vectors.map((v) => v.join(',')).join('\n'));
    await writeFile(join(e2e.dir, 'hostile.tsv'), `label\tnote\n${HOSTILE.map((label) => `${label}\tx`).join('\n')}\n`);
    const output = join(e2e.dir, 'hostile.html');
    await run(process.execPath, [CLI, 'report', join(e2e.dir, 'hostile.csv'), '--labels', join(e2e.dir, 'hostile.tsv'),
      '--title', '</title><script>window.__pwned = 6</script>', '-o', output]);
    const html = await readFile(output, 'utf8');
    assert.ok(!html.includes('</script><script>window.__pwned'), 'no label closes a script element');
    assert.equal((html.match(/<script/g) ?? []).length, 3, 'the report has its three script elements and no more');

    const { page, errors } = await openOffline(html);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'ready');
    assert.deepEqual(errors, []);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.title(), '</title><script>window.__pwned = 6</script>');
    const pairs = await page.locator('#near-duplicates').textContent();
    assert.ok(pairs.includes(HOSTILE[0]), 'the label shows as typed');
    assert.equal(await page.locator('#near-duplicates img, #near-duplicates script, #near-duplicates svg').count(), 0);
    const ticks = await page.evaluate(() => document.getElementById('heatmap').layout.yaxis.ticktext ?? []);
    assert.ok(ticks.some((t) => t.includes('&lt;script&gt;') || t.includes('&lt;img')), 'tick labels are escaped for Plotly');
    assert.equal(await page.locator('#heatmap img').count(), 0);
    await page.close();
  });
});
