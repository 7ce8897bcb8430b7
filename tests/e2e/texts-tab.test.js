// The demo page's Texts tab end to end in headless Chromium: pasted lines
// embedded by the built-in embedder become a heatmap labelled by the texts,
// with exactly the similarities the engine gives for them; blank input and a
// missing model leave the previous heatmap as it was; the tiny Transformers.js
// model, served beside the page, is embedded offline with no request off the
// origin; Cancel stops a long embedding. No console error, no CSP violation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { settle } from './page-actions.js';
import { expectedVectors, TEXTS } from '../fixtures/tiny-bert/reference.js';

const ROOT = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
const LINES = [
  'The cat sat on the mat.',
  'A cat was sitting on the mat.',
  'Stock markets fell sharply on Monday.',
  'Shares dropped steeply at the start of the week, as investors sold off technology stocks across every market.',
  'The dog chased the cat.',
];

// What the page shows: hover labels of the rows and columns, the matrix, the
// axis ticks, the status line and the alert.
function shown(page) {
  return page.evaluate(() => {
    const gd = document.getElementById('heatmap');
    const trace = gd.data[0];
    return {
      rowLabels: trace.text.map((row) => row[0]),
      colLabels: [...trace.customdata[0]],
      z: trace.z.length <= 50 ? trace.z.map((row) => [...row]) : null,
      sameZ: trace.z === window.zBefore,
      ticks: [...gd.querySelectorAll('.ytick text')].map((t) => t.textContent),
      status: document.getElementById('status').textContent,
      alert: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
      progressHidden: document.getElementById('texts-progress').hidden,
      embedDisabled: document.getElementById('texts-embed').disabled,
    };
  });
}

const rememberZ = (page) => page.evaluate(() => { window.zBefore = document.getElementById('heatmap').data[0].z; });

// Clicks Embed and waits until the page has written its status line again.
function embed(page, timeout = 40_000) {
  return settle(page, () => page.click('#texts-embed'), timeout);
}

function cosineMatrix(data, [n, d]) {
  const s = [];
  for (let i = 0; i < n; i++) {
    s.push([]);
    for (let j = 0; j < n; j++) {
      let dot = 0; let a = 0; let b = 0;
      for (let k = 0; k < d; k++) {
        dot += data[i * d + k] * data[j * d + k];
        a += data[i * d + k] ** 2;
        b += data[j * d + k] ** 2;
      }
      s[i].push(dot / Math.sqrt(a * b));
    }
  }
  return s;
}

function maxDifference(a, b) {
  let worst = 0;
  a.forEach((row, i) => row.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - b[i][j])); }));
  return worst;
}

describe('demo page: Texts tab', () => {
  const e2e = useBrowser({ extra: { '/models/': new URL('tests/fixtures/', ROOT) }, page: true });
  const consoleErrors = [];

  e2e.before(async () => {
    const page = e2e.page;
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: m.location().url }); });
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    await e2e.open('/');
    // The file order, as a user would choose it: the checks read the texts in the order given.
    await page.selectOption('#order', 'original');
    await page.click('#tab-texts');
  });

  test('the import map is allowed by its hash in the page policy', () => {
    const html = readFileSync(new URL('web/index.html', ROOT), 'utf8');
    const map = /<script type="importmap">([^<]*)<\/script>/.exec(html)?.[1];
    assert.ok(map, 'an import map in index.html');
    assert.ok(html.indexOf('type="importmap"') < html.indexOf('type="module"'), 'before any module script');
    const hash = createHash('sha256').update(map).digest('base64');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
    assert.ok(scriptSrc.includes(`'sha256-${hash}'`), `script-src lists 'sha256-${hash}': ${scriptSrc}`);
  });

  test('the tabs switch panels', async () => {
    const state = await e2e.page.evaluate(() => ({
      texts: document.getElementById('texts-panel').hidden,
      files: document.getElementById('data-panel').hidden,
      selected: document.getElementById('tab-texts').getAttribute('aria-selected'),
    }));
    assert.deepEqual(state, { texts: false, files: true, selected: 'true' });
  });

  test('pasted lines, built-in embedder: the texts label the engine\'s similarities', async (t) => {
    // 1,024 rather than the default 4,096 dimensions: the statistics panel's
    // d × d work on 4,096 would hold an engine worker for many seconds.
    await e2e.page.fill('#texts-dim', '1024');
    await e2e.page.fill('#texts-input', `${LINES.join('\n')}\n\n`);
    assert.match(await e2e.page.locator('#texts-summary').textContent(), /^5 texts; 1 blank line will be skipped$/);
    await embed(e2e.page);
    const s = await shown(e2e.page);
    assert.equal(s.alert, '');
    assert.deepEqual(s.rowLabels, LINES);
    assert.deepEqual(s.colLabels, LINES);
    // The long text is cut on the axis, whole in the hover.
    assert.ok(s.ticks.some((tick) => tick.endsWith('…') && LINES[3].startsWith(tick.slice(0, -1))), s.ticks.join(' | '));
    assert.match(s.status, /^5 texts from pasted texts, embedded by the built-in embedder \(1,024 dimensions\) in [\d,]+ ms \([\d,.]+ texts\/s\) · 5 items × 1,024 dimensions/);
    assert.ok(s.progressHidden && !s.embedDisabled);

    const expected = await e2e.page.evaluate(async (texts) => {
      const { loadEngine } = await import('/src/index.js');
      const engine = await loadEngine();
      const x = await engine.embedTexts(texts, { dim: 1024 });
      const sim = await engine.cosineSimilarity(x);
      const n = texts.length;
      return Array.from({ length: n }, (_, i) => Array.from(sim.data.subarray(i * n, (i + 1) * n)));
    }, LINES);
    const worst = maxDifference(s.z, expected);
    t.diagnostic(`max |page - engine.embedTexts + cosineSimilarity| = ${worst} over 25 cells; s(0,1) = ${s.z[0][1].toFixed(4)}, s(0,2) = ${s.z[0][2].toFixed(4)}`);
    assert.equal(worst, 0);
    assert.ok(s.z[0][1] > s.z[0][2], 'near-identical sentences score higher than unrelated ones');
  });

  test('only blank lines, or none: the alert says so and the heatmap stays', async () => {
    await rememberZ(e2e.page);
    const before = await shown(e2e.page);
    for (const [value, message] of [[' \n\n   \n', /^Nothing to embed: all 3 lines are blank: nothing to embed$/], ['', /^Nothing to embed: no texts: /]]) {
      await e2e.page.fill('#texts-input', value);
      await embed(e2e.page);
      const s = await shown(e2e.page);
      assert.match(s.alert, message);
      assert.ok(s.sameZ, 'the matrix was not replaced');
      assert.deepEqual(s.rowLabels, before.rowLabels);
      assert.match(s.status, /^Still showing 5 texts from pasted texts/);
    }
  });

  test('Transformers.js with the tiny model served beside the page: offline, values of its table', async (t) => {
    const expected = expectedVectors(readJson('tests/fixtures/tiny-bert/tokenizer.json'), readJson('tests/fixtures/tiny-bert/table.json'));
    const firstRequest = e2e.requests.length;
    await e2e.page.check('#embedder-transformers');
    await e2e.page.fill('#texts-model', '/models/tiny-bert/');
    await e2e.page.fill('#texts-input', TEXTS.join('\n'));
    await embed(e2e.page, 60_000);
    const s = await shown(e2e.page);
    assert.equal(s.alert, '');
    assert.equal(s.rowLabels.length, TEXTS.length);
    // A text given twice: every label gets its row number, as for files.
    assert.deepEqual(s.rowLabels, TEXTS.map((text, i) => `${text} (#${i})`));
    assert.match(s.status, /^7 texts from pasted texts, embedded by the model \/models\/tiny-bert\/ in .* · 7 items × 32 dimensions/);
    const worst = maxDifference(s.z, cosineMatrix(expected.data, expected.dims));
    t.diagnostic(`max |page - cosines of the table's vectors| = ${worst.toExponential(2)} over 49 cells`);
    assert.ok(worst < 1e-5, `max difference ${worst}`);

    const mine = e2e.requests.slice(firstRequest);
    assert.ok(mine.some((url) => url.endsWith('/models/tiny-bert/onnx/model.onnx')), 'model from our server');
    assert.ok(mine.some((url) => url.endsWith('/build/transformers/ort-wasm-simd-threaded.jsep.wasm')), 'wasm from our server');
    assert.deepEqual(e2e.requests.filter((url) => !url.startsWith(`${e2e.origin}/`) && !/^(data|blob):/.test(url)), [],
      'no request leaves the origin');
  });

  test('a missing model folder: a clear message, the heatmap stays, the page goes on working', async () => {
    await rememberZ(e2e.page);
    await e2e.page.fill('#texts-model', '/models/no-such-model/');
    await e2e.page.fill('#texts-input', 'one text\nanother text');
    await embed(e2e.page);
    let s = await shown(e2e.page);
    assert.match(s.alert, /^Could not embed the texts: could not load the Transformers\.js model "no-such-model" from the local folder http:\/\/127\.0\.0\.1:\d+\/models\/: .*no-such-model\/(tokenizer|tokenizer_config|config)\.json/);
    assert.ok(s.sameZ);
    assert.match(s.status, /^Still showing 7 texts/);
    assert.ok(s.progressHidden && !s.embedDisabled);

    await e2e.page.check('#embedder-builtin');
    await e2e.page.fill('#texts-svd', '2');
    await embed(e2e.page);
    s = await shown(e2e.page);
    assert.equal(s.alert, '');
    assert.deepEqual(s.rowLabels, ['one text', 'another text']);
    assert.match(s.status, /built-in embedder \(2 SVD components\).* · 2 items × 2 dimensions/);
    await e2e.page.fill('#texts-svd', '0');
  });

  test('a .csv file: the column is chosen, its cells become the texts', async () => {
    const csv = 'id,sentence,score\n1,"Hello, world",3\n2,Goodbye world,4\n3,"A ""quoted"" text",5\n';
    await e2e.page.setInputFiles('#texts-file', { name: 'sentences.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await e2e.page.waitForFunction(() => !document.getElementById('texts-column-row').hidden);
    assert.equal(await e2e.page.inputValue('#texts-column'), '1');
    assert.equal(await e2e.page.inputValue('#texts-input'), 'Hello, world\nGoodbye world\nA "quoted" text');
    await embed(e2e.page);
    const s = await shown(e2e.page);
    assert.deepEqual(s.rowLabels, ['Hello, world', 'Goodbye world', 'A "quoted" text']);
    assert.match(s.status, /^3 texts from sentences\.csv \(sentence\), embedded by/);
  });

  test('Cancel stops a long embedding at once; progress shows count and rate', async () => {
    await rememberZ(e2e.page);
    // A .txt of 300,000 texts in 64 dimensions: seconds of work, 77 MB of
    // vectors; too long for the textarea, so held aside and summarized.
    await e2e.page.fill('#texts-dim', '64');
    const lines = Array.from({ length: 300_000 }, (_, i) => `sentence number ${i} about topic ${i % 97} and more words ${i * 7}`);
    await e2e.page.setInputFiles('#texts-file', { name: 'many.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await e2e.page.waitForFunction(() => /^300,000 texts/.test(document.getElementById('texts-summary').textContent));
    assert.equal(await e2e.page.inputValue('#texts-input'), '');
    assert.match(await e2e.page.getAttribute('#texts-input', 'placeholder'), /many\.txt are too long to show here/);
    await e2e.page.evaluate(() => { document.getElementById('status').dataset.state = 'test-waiting'; });
    await e2e.page.click('#texts-embed');
    await e2e.page.waitForFunction(() => /texts\/s/.test(document.querySelector('#texts-progress .progress-count').textContent), null, { timeout: 30_000 });
    const during = await e2e.page.evaluate(() => ({
      label: document.querySelector('#texts-progress .progress-label').textContent,
      count: document.querySelector('#texts-progress .progress-count').textContent,
      status: document.getElementById('status').textContent,
    }));
    await e2e.page.click('#texts-cancel');
    await e2e.page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', null, { timeout: 5_000 });
    const s = await shown(e2e.page);
    assert.match(during.count, /^[\d,]+ \/ 300,000 · [\d,.]+ texts\/s$/);
    assert.match(during.status, /^Embedding 300,000 texts with the built-in embedder \(64 dimensions\)/);
    assert.match(s.status, /^Cancelled embedding 300,000 texts\. Still showing 3 texts from sentences\.csv/);
    assert.equal(s.alert, '');
    assert.ok(s.sameZ && s.progressHidden && !s.embedDisabled);
    await e2e.page.fill('#texts-dim', '1024');
  });

  test('too many dimensions for the texts: a clear message before any work', async () => {
    await e2e.page.fill('#texts-dim', '1048576');
    // Typing replaces the file held aside.
    await e2e.page.fill('#texts-input', Array.from({ length: 300 }, (_, i) => `text ${i}`).join('\n'));
    assert.match(await e2e.page.locator('#texts-summary').textContent(), /^300 texts$/);
    await embed(e2e.page);
    const s = await shown(e2e.page);
    assert.match(s.alert, /^Could not embed the texts: 300 texts × 1,048,576 dimensions would take 1\.2 GiB \(at most 1 GiB\): choose a smaller dimension/);
    assert.ok(s.sameZ);
    await e2e.page.fill('#texts-dim', '4096');
  });

  test('no console errors, no CSP violations, nothing off the origin', async () => {
    // Chromium logs each 404 of the missing model folder; nothing else.
    const missing = consoleErrors.filter((e) => /status of 404/.test(e.text) && e.url.includes('/models/no-such-model/'));
    assert.ok(missing.length > 0 && missing.length === consoleErrors.length, JSON.stringify(consoleErrors));
    assert.deepEqual(e2e.errors.filter((e) => !/status of 404/.test(e)), []);
    assert.deepEqual(await e2e.page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(e2e.requests.filter((url) => !url.startsWith(`${e2e.origin}/`) && !/^(data|blob):/.test(url)), []);
  });
});
