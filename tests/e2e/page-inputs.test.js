// The demo page's inputs end to end in headless Chromium: files dropped on
// the drop zone or chosen in the file inputs, ?data=&labels= links, label and
// group columns, progress and cancel for a large file, and bad input that
// leaves the previous heatmap exactly as it was. After the first test the
// order is set to "original" as a user would, so the matrix reads in file
// order; that choice sticks through every file opened.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { dropFiles, settle } from './page-actions.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (name) => readFile(new URL(name, FIXTURES), 'utf8');
const WORDS = ['apple', 'pear', 'run', 'walk', 'blue', 'sky'];

// What the page shows: the view's row labels (hover text), the matrix, the
// status line, the alert and the label/group selects.
function shown(page) {
  return page.evaluate(() => {
    const gd = document.getElementById('heatmap');
    const trace = gd.data[0];
    const select = (id) => {
      const el = document.getElementById(id);
      return { value: el.value, options: [...el.options].map((o) => o.textContent), disabled: el.disabled };
    };
    return {
      rowLabels: trace.text.map((row) => row[0]),
      colLabels: [...trace.customdata[0]],
      z: trace.z.length <= 50 ? trace.z.map((row) => [...row]) : null, // large ones are slow to copy out
      sameZ: trace.z === window.zBefore,
      ticks: [...gd.querySelectorAll('.xtick text')].map((t) => t.textContent),
      status: document.getElementById('status').textContent,
      level: document.getElementById('level').textContent,
      alert: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
      label: select('labelColumn'),
      group: select('groupColumn'),
    };
  });
}

// Remembers the matrix shown, so a later check can tell it was not replaced.
const rememberZ = (page) => page.evaluate(() => { window.zBefore = document.getElementById('heatmap').data[0].z; });

// Runs `action`, then waits until the page has written its status line again
// (a data set shown, a failure reported or a load cancelled). The mark set
// here is what the page overwrites.
function cosine(a, b) {
  let dot = 0; let na = 0; let nb = 0;
  for (let k = 0; k < a.length; k++) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
  return dot / Math.sqrt(na * nb);
}

describe('demo page inputs', () => {
  const e2e = useBrowser({ fixtures: FIXTURES, open: '/' });

  test('the default data set is labelled and grouped by digit, and the level is shown', async () => {
    const page0 = await shown(e2e.page);
    assert.equal(page0.label.value, 'm:0');
    assert.deepEqual(page0.label.options, ['digit', 'index', 'row number']);
    assert.deepEqual(page0.group.options, ['none', 'digit', 'index']);
    assert.equal(page0.group.value, 'm:0', 'grouped by digit');
    assert.match(page0.status, /^digits\.npy \+ labels\.tsv · 1,797 items × 64 dimensions · parsed in [\d,.]+ m?s · /);
    assert.match(page0.level, /^overview: 1 cell = \d+×\d+ items/);
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /in file order$/.test(document.getElementById('status').textContent));
    assert.equal(await e2e.page.locator('#order option[value="groups"]').isDisabled(), false, 'by group is offered');
  });

  test('dropping embeddings and metadata together shows them with the metadata labels', async () => {
    const [vectors, metadata] = await Promise.all([fixture('vectors.tsv'), fixture('metadata.tsv')]);
    let dropped;
    // The metadata first: the page tells the files apart by name and content, not by position.
    await settle(e2e.page, async () => {
      dropped = await dropFiles(e2e.page, [{ name: 'metadata.tsv', text: metadata }, { name: 'vectors.tsv', text: vectors }]);
    });
    assert.deepEqual(dropped, { highlighted: true, after: false }, 'the zone lights up while dragging, not after');
    const now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.deepEqual(now.rowLabels, WORDS);
    assert.deepEqual(now.colLabels, WORDS);
    assert.deepEqual(now.ticks, WORDS);
    assert.equal(now.label.value, 'm:0');
    assert.deepEqual(now.label.options, ['word', 'pos', 'row number']);
    assert.equal(now.group.value, '', 'no groups by default');
    assert.match(now.status, /^vectors\.tsv \+ metadata\.tsv · 6 items × 4 dimensions · parsed in [\d,.]+ m?s · 6×6 similarities of 6 normalized rows in [\d,.]+ m?s · drawn in [\d,.]+ m?s · in file order$/);
    assert.equal(now.level, 'single items');
    // The cells are the cosines of the file's rows.
    const rows = vectors.trim().split('\n').map((line) => line.split('\t').map(Number));
    let worst = 0;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) worst = Math.max(worst, Math.abs(now.z[i][j] - cosine(rows[i], rows[j])));
    assert.ok(worst < 1e-6, `max |shown − cosine| = ${worst}`);
    assert.equal(await e2e.page.locator('#order option[value="groups"]').isDisabled(), true, 'by group needs groups');
  });

  test('the label and group columns relabel and regroup the items shown', async () => {
    await rememberZ(e2e.page);
    await settle(e2e.page, () => e2e.page.selectOption('#labelColumn', 'm:1'));
    let now = await shown(e2e.page);
    // Repeated labels get their row number.
    assert.deepEqual(now.rowLabels, ['noun (#0)', 'noun (#1)', 'verb (#2)', 'verb (#3)', 'adjective (#4)', 'noun (#5)']);

    await settle(e2e.page, () => e2e.page.selectOption('#groupColumn', 'm:1'));
    now = await shown(e2e.page);
    assert.equal(now.group.value, 'm:1');
    assert.equal(now.alert, '');
    await e2e.page.selectOption('#order', 'groups');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].text[2][0] !== 'verb (#2)');
    now = await shown(e2e.page);
    const groupsInOrder = now.rowLabels.map((label) => label.split(' ')[0]);
    const runs = groupsInOrder.filter((g, i) => g !== groupsInOrder[i - 1]);
    assert.equal(new Set(runs).size, runs.length, `each group is one run: ${groupsInOrder.join(', ')}`);

    // No groups: the order goes back to the default one, 'auto' (clusters).
    await settle(e2e.page, () => e2e.page.selectOption('#groupColumn', ''));
    assert.equal(await e2e.page.locator('#order').inputValue(), 'auto');
    await e2e.page.waitForFunction(() => /ordered by average linkage \(auto\) in [\d,.]+ m?s$/.test(document.getElementById('status').textContent));
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].text[2][0] === 'verb (#2)');
    await settle(e2e.page, () => e2e.page.selectOption('#labelColumn', 'm:0'));
    assert.deepEqual((await shown(e2e.page)).rowLabels, WORDS);
  });

  test('colour range and diagonal controls restyle the items shown', async () => {
    const trace = () => e2e.page.evaluate(() => {
      const t = document.getElementById('heatmap').data[0];
      return { zmin: t.zmin, zmax: t.zmax, diagonal: t.z.map((row, i) => row[i]), offDiagonal: t.z[0][1] };
    });
    const colorbar = () => e2e.page.evaluate(() => document.getElementById('heatmap').data[0].colorbar.title.text);
    assert.equal(await e2e.page.locator('#range').inputValue(), 'robust', 'the default range');
    assert.equal(await e2e.page.locator('#zmin').isDisabled(), true, 'minimum and maximum are for the fixed range');
    assert.match(await colorbar(), /^Cosine Similarity · 1st–99th percentile of cells: /);
    await e2e.page.check('#maskDiagonal');
    await e2e.page.waitForFunction(() => Number.isNaN(document.getElementById('heatmap').data[0].z[0][0]));
    assert.ok((await trace()).diagonal.every(Number.isNaN), 'the diagonal is blank');
    await e2e.page.selectOption('#range', 'fixed');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].zmin === -1);
    assert.equal(await e2e.page.locator('#zmin').isDisabled(), false);
    assert.equal(await colorbar(), 'Cosine Similarity');
    await e2e.page.selectOption('#range', 'auto');
    await e2e.page.waitForFunction(() => document.getElementById('heatmap').data[0].zmin !== -1);
    const auto = await trace();
    assert.ok(auto.zmin > -1 && auto.zmax < 1, `auto range ${auto.zmin}..${auto.zmax}`);
    assert.equal(await e2e.page.locator('#zmin').isDisabled(), true, 'the fixed range does not apply');
    assert.match(await colorbar(), /^Cosine Similarity \(range fitted to data: /);
    await e2e.page.click('button[type="reset"]');
    await e2e.page.waitForFunction(() => /percentile/.test(document.getElementById('heatmap').data[0].colorbar.title.text)
      && document.getElementById('heatmap').data[0].z[0][0] === 1);
    assert.equal(await e2e.page.locator('#zmin').isDisabled(), true);
    // Reset also brought back order 'auto'; the file order again for the tests below.
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /in file order$/.test(document.getElementById('status').textContent));
  });

  test('a bad file shows its name, line and column, and the previous heatmap stays', async () => {
    await rememberZ(e2e.page);
    const before = await shown(e2e.page);
    // An empty file first: named, and nothing changes.
    await settle(e2e.page, async () => { await dropFiles(e2e.page, [{ name: 'empty.tsv', text: '' }]); });
    let now = await shown(e2e.page);
    assert.equal(now.alert, 'empty.tsv: empty file: no vectors (at byte offset 0)');
    assert.equal(now.sameZ, true);

    await settle(e2e.page, async () => { await dropFiles(e2e.page, [{ name: 'bad.csv', text: await fixture('bad.csv') }]); });
    now = await shown(e2e.page);
    assert.equal(now.alert, 'bad.csv:3:2: expected a number, found "abc" (line 3, column 2, counting fields from 1)');
    assert.equal(now.sameZ, true, 'the matrix was not replaced');
    assert.deepEqual(now.z, before.z);
    assert.deepEqual(now.rowLabels, WORDS);
    assert.deepEqual(now.label, before.label);
    assert.deepEqual(now.group, before.group);
    assert.match(now.status, /^Still showing vectors\.tsv \+ metadata\.tsv · 6 items × 4 dimensions/);
  });

  test('metadata with another row count is refused with both counts, and the previous heatmap stays', async () => {
    await rememberZ(e2e.page);
    await settle(e2e.page, async () => e2e.page.setInputFiles('#metadata-file', {
      name: 'metadata-short.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(await fixture('metadata-short.tsv')),
    }));
    const now = await shown(e2e.page);
    assert.equal(now.alert, 'metadata-short.tsv: row count mismatch: vectors.tsv has 6 rows but metadata-short.tsv has 5 rows');
    assert.equal(now.sameZ, true);
    assert.deepEqual(now.rowLabels, WORDS);
  });

  test('the file input opens an embeddings file with its own labels', async () => {
    await settle(e2e.page, async () => e2e.page.setInputFiles('#embeddings-file', {
      name: 'labelled.csv', mimeType: 'text/csv', buffer: Buffer.from(await fixture('labelled.csv')),
    }));
    const now = await shown(e2e.page);
    assert.equal(now.alert, '', 'the earlier error is cleared');
    assert.deepEqual(now.rowLabels, ['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    assert.deepEqual(now.label.options, ['labels in labelled.csv', 'row number']);
    assert.deepEqual(now.group.options, ['none', 'labels in labelled.csv']);
    assert.match(now.status, /^labelled\.csv · 5 items × 3 dimensions/);
    assert.ok(Math.abs(now.z[0][4] + 1) < 1e-6, 'alpha and epsilon point opposite ways');
  });

  test('a large file shows progress, and Cancel keeps what was shown', async () => {
    // 600 vectors × 4,000 numbers ≈ 20 MB of TSV, made in the e2e.page.
    const size = await e2e.page.evaluate(() => {
      let seed = 1;
      const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
      const lines = [];
      for (let i = 0; i < 600; i++) lines.push(Array.from({ length: 4000 }, () => random().toFixed(5)).join('\t'));
      window.bigFile = new File([lines.join('\n')], 'big-vectors.tsv');
      window.progressSeen = [];
      const box = document.getElementById('progress');
      new MutationObserver(() => window.progressSeen.push(box.hidden ? 'hidden' : box.querySelector('.progress-percent').textContent))
        .observe(box, { attributes: true, subtree: true, childList: true, characterData: true });
      return window.bigFile.size;
    });
    assert.ok(size > 19e6, `${size} bytes`);

    await settle(e2e.page, () => dropFiles(e2e.page, [{ global: 'bigFile' }]));
    const seen = await e2e.page.evaluate(() => window.progressSeen);
    let now = await shown(e2e.page);
    assert.equal(now.alert, '');
    assert.match(now.status, /^big-vectors\.tsv · 600 items × 4,000 dimensions/);
    assert.ok(seen.includes('0%') && seen.includes('100%') && seen.at(-1) === 'hidden', `progress seen: ${seen.join(' ')}`);

    // Cancel as soon as the bar shows: the worker stops and nothing changes.
    await rememberZ(e2e.page);
    await settle(e2e.page, () => e2e.page.evaluate(() => {
      const box = document.getElementById('progress');
      const observer = new MutationObserver(() => {
        if (!box.hidden) {
          observer.disconnect();
          // Once the parsing worker has started: the click must stop it.
          setTimeout(() => document.getElementById('cancel').click(), 60);
        }
      });
      observer.observe(box, { attributes: true });
      const dt = new DataTransfer();
      dt.items.add(window.bigFile);
      document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }));
    now = await shown(e2e.page);
    assert.match(now.status, /^Cancelled big-vectors\.tsv\. Still showing big-vectors\.tsv · 600 items/);
    assert.equal(now.alert, '');
    assert.equal(now.sameZ, true);
    assert.equal(await e2e.page.locator('#progress').isHidden(), true);
  });

  test('?data= and ?labels= open files served beside the page', async () => {
    await e2e.open('/?data=fixtures/vectors.tsv&labels=/fixtures/metadata.tsv&format=tsv');
    await e2e.page.waitForFunction(() => document.getElementById('status').dataset.order === 'done');
    const now = await shown(e2e.page);
    // A new page: the default order, so the words come clustered.
    assert.match(now.status, /^vectors\.tsv \+ metadata\.tsv · 6 items × 4 dimensions · .* · ordered by average linkage \(auto\) in [\d,.]+ m?s$/);
    assert.deepEqual([...now.rowLabels].sort(), [...WORDS].sort());
    const rows = (await fixture('vectors.tsv')).trim().split('\n').map((line) => line.split('\t').map(Number));
    const item = now.rowLabels.map((label) => WORDS.indexOf(label));
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) assert.ok(Math.abs(now.z[i][j] - cosine(rows[item[i]], rows[item[j]])) < 1e-6, 'each cell is its labelled pair');
    }
    assert.ok(e2e.requests.includes(e2e.url('/fixtures/vectors.tsv')));
    assert.ok(e2e.requests.includes(e2e.url('/fixtures/metadata.tsv')));
  });

  test('?data= on another origin is refused before any request', async () => {
    await e2e.page.goto(e2e.url('/?data=https://example.com/vectors.tsv'));
    await e2e.page.locator('#error').waitFor({ state: 'visible' });
    const alert = await e2e.page.locator('#error').textContent();
    assert.match(alert, /\?data=https:\/\/example\.com\/vectors\.tsv is on another origin \(https:\/\/example\.com\)/);
    assert.deepEqual(e2e.requests.filter((url) => new URL(url).hostname === 'example.com'), []);
  });

  test('no console error, and no request leaves the origin', () => {
    assert.deepEqual(e2e.errors, []);
    const foreign = e2e.requests.filter((url) => !url.startsWith(`${e2e.origin}/`));
    assert.deepEqual(foreign, []);
  });
});
