// The demo page as a person uses it (issue 14), on 20,000 × 384 planted
// clusters with a metadata table, in headless Chromium: the grouping and
// label columns are found for the user; a click lists that item's
// neighbours beside the plot, from its row; an order being computed shows in
// the menu and in an activity box with a Cancel that goes back to the order
// drawn; orders and exports that cannot apply are disabled with the reason;
// an error banner says in plain words what a control could not do, stays
// through redraws nobody asked for (a resize) and goes with the next action
// that succeeds; the similarity step after embedding texts, an export and a
// comparison show their progress and can be cancelled; the plot is square and
// the panels follow it without gaps or overflow at 800, 1100, 1400 and
// 1920 px, with the controls in a drawer below 1200 px.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { plantedNpy } from './planted.js';

const PLANTED = { n: 20_000, d: 384, clusters: 16 };
const CLUSTER_NAMES = Array.from({ length: PLANTED.clusters }, (_, c) => `topic ${String.fromCharCode(65 + c)}`);

// A metadata table whose columns the page must tell apart: an id (unique),
// a numeric score (all different), and the cluster (named like a group).
function metadataTsv(cluster) {
  const lines = ['id\tscore\tcluster'];
  for (let i = 0; i < cluster.length; i++) lines.push(`item-${i}\t${(Math.sin(i) * 1000).toFixed(6)}\t${CLUSTER_NAMES[cluster[i]]}`);
  return `${lines.join('\n')}\n`;
}

// The k most similar other items of `item`, computed here from the file's rows.
function nearest(bytes, [n, d], item, k) {
  const headerLength = bytes.readUInt16LE(8);
  const x = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + 10 + headerLength + n * d * 4));
  const norm = (i) => Math.sqrt(x.subarray(i * d, (i + 1) * d).reduce((s, v) => s + v * v, 0));
  const self = norm(item);
  const scores = [];
  for (let j = 0; j < n; j++) {
    if (j === item) continue;
    let dot = 0;
    for (let t = 0; t < d; t++) dot += x[item * d + t] * x[j * d + t];
    scores.push([j, dot / (self * norm(j))]);
  }
  return scores.sort((a, b) => b[1] - a[1]).slice(0, k);
}

const box = (page, selector) => page.locator(selector).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height };
});

const plotArea = (page) => page.evaluate(() => {
  const { w, h } = document.getElementById('heatmap')._fullLayout._size;
  return { w, h };
});

const orderMenu = (page) => page.evaluate(() => {
  const select = document.getElementById('order');
  return { value: select.value, text: select.selectedOptions[0].text, busy: select.getAttribute('aria-busy') };
});

const activity = (page) => page.evaluate(() => {
  const el = document.getElementById('progress');
  return { hidden: el.hidden, label: el.querySelector('.progress-label').textContent, cancel: !el.querySelector('button').hidden };
});

const waitOrdered = (page) => page.waitForFunction(() => document.getElementById('status').dataset.order === 'done', null, { timeout: 120_000 });

describe('the page as a person uses it', () => {
  const e2e = useBrowser({ tempDir: 'cosine-heatmap-usable-', viewport: { width: 1400, height: 1000 }, page: true });
  let planted;

  e2e.before(async () => {
    planted = plantedNpy(PLANTED);
    await writeFile(join(e2e.dir, 'planted.npy'), planted.bytes);
    await writeFile(join(e2e.dir, 'planted.tsv'), metadataTsv(planted.cluster));
    await e2e.open('/?data=/fixtures/planted.npy&labels=/fixtures/planted.tsv', { timeout: 120_000 });
    await waitOrdered(e2e.page);
  });

  test('the grouping and label columns are found, and the user can change both', async () => {
    const choice = await e2e.page.evaluate(() => ({
      label: document.getElementById('labelColumn').value,
      group: document.getElementById('groupColumn').value,
      groupText: document.getElementById('groupColumn').selectedOptions[0].text,
      disabled: document.getElementById('groupColumn').disabled || document.getElementById('labelColumn').disabled,
    }));
    assert.deepEqual(choice, { label: 'm:0', group: 'm:2', groupText: 'cluster', disabled: false }, 'id labels, cluster groups');
    assert.match(await e2e.page.locator('#status').textContent(), / · ordered by group \(auto\) in [\d,]+ ms$/);
    const ticks = await e2e.page.evaluate(() => document.getElementById('heatmap').layout.xaxis.ticktext);
    assert.deepEqual([...ticks].sort(), [...CLUSTER_NAMES].sort(), 'one named block per planted cluster');
  });

  test('a click lists that item\'s neighbours beside the plot, from its row', async (t) => {
    const target = await e2e.page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      const area = gd.querySelector('.nsewdrag[data-subplot="xy"]').getBoundingClientRect();
      return { x: area.left + area.width * 0.3, y: area.top + area.height * 0.6 };
    });
    await e2e.page.mouse.click(target.x, target.y);
    const list = e2e.page.locator('#neighbours ol.neighbour-list');
    await list.waitFor({ timeout: 30_000 });
    const shown = await list.evaluate((ol) => ({
      item: Number(ol.dataset.item),
      ms: Number(ol.dataset.ms),
      indices: [...ol.querySelectorAll('li')].map((li) => Number(li.dataset.index)),
      scores: [...ol.querySelectorAll('.neighbour-score')].map((s) => Number(s.textContent)),
      text: ol.querySelector('li').textContent,
    }));
    t.diagnostic(`neighbours of item ${shown.item} of 20,000 listed ${shown.ms} ms after the click`);
    const expected = nearest(planted.bytes, [PLANTED.n, PLANTED.d], shown.item, 10);
    assert.deepEqual(shown.indices, expected.map(([j]) => j));
    shown.scores.forEach((score, k) => assert.ok(Math.abs(score - expected[k][1]) < 1e-3, `score ${k}: ${score} vs ${expected[k][1]}`));
    assert.ok(shown.text.startsWith(`item-${expected[0][0]} `), 'named by the label column');
    // Beside the plot, level with it.
    const [plot, panel] = [await box(e2e.page, '.plot-frame'), await box(e2e.page, '#neighbours-panel')];
    assert.ok(panel.left >= plot.right, `panel at x ${panel.left}, plot ends at ${plot.right}`);
    assert.ok(panel.top < plot.bottom && panel.bottom > plot.top, 'the panel is level with the plot');
  });

  test('an order being computed shows in the menu and the activity box; Cancel goes back to the order drawn', async () => {
    const ticksBefore = await e2e.page.evaluate(() => [...document.getElementById('heatmap').layout.xaxis.ticktext]);
    await e2e.page.selectOption('#order', 'spectral');
    await e2e.page.waitForFunction(() => !document.getElementById('progress').hidden, null, { timeout: 10_000 });
    assert.deepEqual(await orderMenu(e2e.page), { value: 'spectral', text: 'spectral (ordering…)', busy: 'true' });
    assert.deepEqual(await activity(e2e.page), { hidden: false, label: 'Ordering by spectral bisection…', cancel: true });
    assert.equal(await e2e.page.locator('#status').getAttribute('data-order'), 'pending');
    assert.match(await e2e.page.locator('#status').textContent(), /ordered by group — ordering by spectral bisection…$/);

    await e2e.page.click('#cancel');
    await waitOrdered(e2e.page);
    assert.deepEqual(await orderMenu(e2e.page), { value: 'auto', text: 'auto (group or clusters)', busy: null });
    assert.equal((await activity(e2e.page)).hidden, true);
    assert.match(await e2e.page.locator('#status').textContent(), / · ordered by group \(auto\) in [\d,]+ ms$/);
    // Still the grouped picture, and it stays: the cancelled order never replaces it.
    await e2e.page.waitForTimeout(500);
    assert.deepEqual(await e2e.page.evaluate(() => [...document.getElementById('heatmap').layout.xaxis.ticktext]), ticksBefore);

    // Let through, the order is drawn and the menu says so.
    await e2e.page.selectOption('#order', 'spectral');
    await e2e.page.waitForFunction(() => /ordered by spectral bisection in [\d,]+ ms$/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
    assert.deepEqual(await orderMenu(e2e.page), { value: 'spectral', text: 'spectral', busy: null });
    assert.equal((await activity(e2e.page)).hidden, true);
  });

  test('a zoom says it computes the window\'s cells until they are drawn; Cancel goes back to the whole matrix', async () => {
    const said = await e2e.page.evaluate(async () => {
      const gd = document.getElementById('heatmap');
      const label = document.querySelector('#progress .progress-label');
      const texts = [];
      const observer = new MutationObserver(() => texts.push(label.textContent));
      observer.observe(label, { childList: true, characterData: true, subtree: true });
      const drawn = new Promise((resolve) => {
        let count = 0;
        gd.on('plotly_afterplot', () => { if (++count === 2) resolve(); }); // the axes, then the window's cells
      });
      await window.Plotly.relayout(gd, { 'xaxis.range': [4000.5, 6000.5], 'yaxis.range': [6000.5, 4000.5] });
      const during = document.querySelector('#progress .progress-label').textContent;
      await drawn;
      observer.disconnect();
      return { texts, during, hiddenAfter: document.getElementById('progress').hidden, level: document.getElementById('level').textContent };
    });
    assert.equal(said.during, 'Computing the cells of this window…');
    assert.equal(said.hiddenAfter, true, 'the box goes with the picture');
    assert.match(said.level, /^(overview: 1 cell = [2-9]×[2-9] items|single items)/, `zoomed: ${said.level}`);

    // Cancel while the window is computed: the whole matrix again.
    await e2e.page.evaluate(() => window.Plotly.relayout(document.getElementById('heatmap'), { 'xaxis.range': [100.5, 400.5], 'yaxis.range': [400.5, 100.5] }));
    await e2e.page.evaluate(() => document.getElementById('cancel').click());
    await e2e.page.waitForFunction(() => /^overview: 1 cell = 40×40 items/.test(document.getElementById('level').textContent), null, { timeout: 30_000 });
    assert.equal(await e2e.page.evaluate(() => document.getElementById('heatmap')._fullLayout.xaxis.autorange), true);
  });

  test('orders and exports that cannot apply are disabled with the reason; a refused order puts the menu back', async () => {
    const option = await e2e.page.evaluate(() => {
      const average = document.querySelector('#order option[value="average"]');
      return { disabled: average.disabled, title: average.title, hint: document.getElementById('order-reason').textContent };
    });
    assert.equal(option.disabled, true);
    assert.match(option.title, /^Clustered: 20,000 items, over the 10,000-item limit of clustering .*; choose spectral\.$/);
    assert.ok(option.hint.includes(option.title), 'the reason is also written under the menu');
    const whole = await e2e.page.evaluate(() => {
      const button = document.querySelector('button[data-export="matrix-csv"]');
      return { disabled: button.disabled, title: button.title };
    });
    assert.deepEqual(whole, { disabled: true, title: '20,000 items: 1.5 GiB, over the 1.0 GiB limit; export the visible cells instead' });

    // Forced past the disabled option, the engine refuses: the menu shows the order drawn.
    const drawn = (await orderMenu(e2e.page)).value;
    await e2e.page.evaluate(() => {
      const select = document.getElementById('order');
      select.value = 'average';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await e2e.page.locator('#error').waitFor({ state: 'visible' });
    // In the page's words, not the library's (no option names, no quoted API values).
    assert.match(await e2e.page.locator('#error').textContent(), new RegExp('^Could not apply the settings: Clustering \\(average linkage\\) '
      + 'of 20,000 items would need [\\d,]+ MB of pairwise distances; this page clusters up to 10,000 items\\. Choose spectral for larger sets\\.$'));
    await e2e.page.waitForFunction((value) => document.getElementById('order').value === value, drawn);
    assert.equal((await orderMenu(e2e.page)).busy, null);

    // A redraw nobody asked for (the window resized) keeps the banner.
    await e2e.page.setViewportSize({ width: 1300, height: 1000 });
    await e2e.page.waitForFunction(() => Math.abs(document.getElementById('heatmap')._fullLayout.width
      - document.getElementById('heatmap').getBoundingClientRect().width) < 2);
    await e2e.page.setViewportSize({ width: 1400, height: 1000 });
    await e2e.page.waitForTimeout(800);
    assert.equal(await e2e.page.locator('#error').isVisible(), true, 'the banner stays through a resize');

    // The banner belongs to that action: the next one that succeeds clears it (a zoom drawn)…
    await e2e.page.evaluate(() => window.Plotly.relayout(document.getElementById('heatmap'), { 'xaxis.range': [2000.5, 9000.5], 'yaxis.range': [9000.5, 2000.5] }));
    await e2e.page.locator('#error').waitFor({ state: 'hidden', timeout: 30_000 });
    await e2e.page.evaluate(() => window.Plotly.relayout(document.getElementById('heatmap'), { 'xaxis.autorange': true, 'yaxis.autorange': true }));

    // A minimum above the maximum, in the controls' words; new settings that apply clear it.
    await e2e.page.selectOption('#range', 'fixed');
    await e2e.page.fill('#zmin', '0.8');
    await e2e.page.fill('#zmax', '0.2');
    await e2e.page.locator('#zmax').dispatchEvent('change');
    await e2e.page.locator('#error').waitFor({ state: 'visible' });
    assert.equal(await e2e.page.locator('#error').textContent(),
      'Could not apply the settings: The colour range\'s minimum (0.8) must be less than its maximum (0.2).');
    await e2e.page.fill('#zmax', '1');
    await e2e.page.locator('#zmax').dispatchEvent('change');
    await e2e.page.locator('#error').waitFor({ state: 'hidden' });
    await e2e.page.click('button[type="reset"]');
    await waitOrdered(e2e.page);
    await e2e.page.selectOption('#order', drawn);
    await waitOrdered(e2e.page);
  });

  test('the plot is square and as large as the window allows; the panels follow it without gaps; a drawer below 1200 px', async () => {
    // A selection, so its numbers are in the side column too.
    const cell = await e2e.page.locator('#heatmap .nsewdrag[data-subplot="xy"]').first().boundingBox();
    await e2e.page.mouse.click(cell.x + cell.width * 0.7, cell.y + cell.height * 0.2);
    await e2e.page.locator('#selection-count').waitFor({ timeout: 30_000 });
    for (const width of [800, 1100, 1400, 1920]) {
      await e2e.page.setViewportSize({ width, height: 1000 });
      await e2e.page.waitForFunction((w) => {
        const gd = document.getElementById('heatmap');
        return Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) < 2 && window.innerWidth === w;
      }, width);
      await e2e.page.waitForTimeout(300);
      const area = await plotArea(e2e.page);
      assert.ok(Math.abs(area.w - area.h) <= 0.03 * area.w, `${width} px: plot area ${area.w} × ${area.h} is square`);
      assert.ok(area.w >= 0.55 * Math.min(width, 1000), `${width} px: plot area ${area.w} px wide`);
      // Whatever comes right after the export buttons starts right after them:
      // the neighbours below 1000 px, else the statistics or the modes.
      const exportsBox = await box(e2e.page, '#export-buttons');
      const next = await box(e2e.page, width < 1000 ? '#neighbours-panel' : width < 1700 ? '#stats-panel' : '.modes');
      assert.ok(next.top - exportsBox.bottom < 32, `${width} px: ${next.top - exportsBox.bottom} px between the exports and the next panel`);
      if (width >= 1700) {
        const [plot, neighbours, stats] = await Promise.all(['.plot-frame', '.neighbours-side', '#stats-panel'].map((s) => box(e2e.page, s)));
        assert.ok(stats.top - neighbours.bottom < 32, 'statistics right under the neighbours (and the panels beside them)');
        assert.ok(stats.left >= plot.right, 'beside the plot');
      }
      // The settings' menus (colour range, order) say their words whole.
      const cut = await e2e.page.evaluate(() => ['range', 'order'].flatMap((id) => {
        const select = document.getElementById(id);
        if (select.getClientRects().length === 0) return [];
        const context = document.createElement('canvas').getContext('2d');
        context.font = getComputedStyle(select).font;
        const room = select.clientWidth - 34; // padding and the arrow
        return [...select.options].filter((o) => context.measureText(o.text).width > room).map((o) => o.text);
      }));
      assert.deepEqual(cut, [], `${width} px: menu options cut off`);
      // Nothing runs off the page (the selection's numbers in the narrow side
      // column did); Find and select has room for its menus and its numbers.
      // (The statistics' histogram follows a resize after Plotly's debounce.)
      await e2e.page.waitForFunction(() => document.documentElement.scrollWidth <= innerWidth, null, { timeout: 5_000 }).catch(() => {});
      const fit = await e2e.page.evaluate(() => {
        const panel = document.getElementById('explore-panel').getBoundingClientRect();
        const inside = [...document.querySelectorAll('#explore-panel dd, #explore-panel select, #explore-panel button')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => el.getBoundingClientRect().right > panel.right + 0.5).map((el) => el.textContent.trim().slice(0, 30));
        const strip = document.querySelector('#explore-panel select')?.getBoundingClientRect().width ?? 0;
        const past = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
          .slice(0, 1).flatMap((el) => {
            const chain = [];
            for (let at = el; at && at !== document.body; at = at.parentElement) chain.push(`${at.tagName.toLowerCase()}#${at.id} ${Math.round(at.getBoundingClientRect().width)}`);
            return chain;
          });
        return { overflow: document.documentElement.scrollWidth - innerWidth, past, panel: panel.width, outside: inside, strip };
      });
      assert.equal(fit.overflow, 0, `${width} px: the page is ${fit.overflow} px wider than the window: ${fit.past.join(', ')}`);
      assert.deepEqual(fit.outside, [], `${width} px: parts of Find and select past its edge`);
      assert.ok(fit.panel >= 250, `${width} px: Find and select ${fit.panel} px wide`);
      assert.ok(fit.strip >= 120, `${width} px: a strip's menu ${fit.strip} px wide`);
      // The search box looks like the other boxes beside it (it was the browser's bare default).
      const [search, k] = await Promise.all(['#explore-panel input[type="search"]', '#neighbours-k'].map((sel) => e2e.page.locator(sel).evaluate((el) => {
        const style = getComputedStyle(el);
        return { height: Math.round(el.getBoundingClientRect().height), border: style.borderColor, radius: style.borderRadius };
      })));
      assert.deepEqual(search, k, `${width} px: the find box against the k box`);
      // Compare and queries end right after their file box while nothing is chosen.
      for (const [panel, input] of [['#compare-panel', '#compare-file'], ['#cross-panel', '#cross-file']]) {
        const [outer, inner] = await Promise.all([box(e2e.page, panel), box(e2e.page, input)]);
        assert.ok(outer.bottom - inner.bottom < 32, `${width} px: ${outer.bottom - inner.bottom} px under ${input}`);
      }
      if (width >= 1400) {
        const rows = await e2e.page.evaluate(() => new Set([...document.querySelectorAll('#export-buttons button')]
          .map((b) => Math.round(b.getBoundingClientRect().top))).size);
        assert.equal(rows, 1, `${width} px: the export buttons on one row`);
      }
      const drawer = await e2e.page.evaluate(() => ({
        toggle: getComputedStyle(document.getElementById('drawer-toggle')).display !== 'none',
        sidebar: getComputedStyle(document.getElementById('sidebar')).visibility,
      }));
      assert.deepEqual(drawer, width < 1200 ? { toggle: true, sidebar: 'hidden' } : { toggle: false, sidebar: 'visible' }, `${width} px`);
      if (width < 1200) {
        await e2e.page.click('#drawer-toggle');
        await e2e.page.waitForFunction(() => getComputedStyle(document.getElementById('sidebar')).visibility === 'visible');
        assert.equal(await e2e.page.locator('#drawer-toggle').getAttribute('aria-expanded'), 'true');
        await e2e.page.waitForTimeout(300); // slid in
        const inView = await box(e2e.page, '#sidebar');
        assert.ok(inView.left >= -1 && inView.right <= width, 'the open drawer is on screen');
        await e2e.page.keyboard.press('Escape');
        await e2e.page.waitForFunction(() => getComputedStyle(document.getElementById('sidebar')).visibility === 'hidden');
        assert.equal(await e2e.page.locator('#drawer-toggle').getAttribute('aria-expanded'), 'false');
      }
    }
    // A long colour-bar title (fixed range: no range note) does not narrow the plot.
    const before = await plotArea(e2e.page);
    await e2e.page.selectOption('#range', 'fixed');
    await e2e.page.fill('#colorLabel', 'Cosine similarity of the sentence embeddings (all-MiniLM-L6-v2)');
    await e2e.page.waitForFunction(() => /MiniLM/.test(document.getElementById('heatmap').data[0].colorbar.title.text));
    await e2e.page.waitForTimeout(300);
    const after = await plotArea(e2e.page);
    assert.ok(after.w >= 0.97 * before.w, `plot ${before.w} px wide before the long title, ${after.w} after`);
    await e2e.page.click('button[type="reset"]');
    await waitOrdered(e2e.page);
    await e2e.page.setViewportSize({ width: 1400, height: 1000 });
  });

  test('the similarity step after embedding texts shows what it does and can be cancelled', async () => {
    await e2e.page.evaluate(() => { window.zBefore = document.getElementById('heatmap').data[0].z; });
    const statusBefore = await e2e.page.locator('#status').textContent();
    await e2e.page.click('#tab-texts');
    // Enough texts that the similarity step (d = 4,096) outlasts the click on Cancel.
    const texts = Array.from({ length: 8000 }, (_, i) => `Sentence number ${i} talks about topic ${i % 37} and word ${(i * 7919) % 1000}.`);
    await e2e.page.locator('#texts-input').evaluate((area, value) => {
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, texts.join('\n'));
    await e2e.page.click('#texts-embed');
    await e2e.page.waitForFunction(() => !document.getElementById('progress').hidden
      && /similarities|Normalizing/.test(document.querySelector('#progress .progress-label').textContent), null, { timeout: 60_000 });
    assert.equal((await activity(e2e.page)).cancel, true);
    await e2e.page.click('#cancel');
    await e2e.page.waitForFunction(() => /^Cancelled/.test(document.getElementById('status').textContent), null, { timeout: 30_000 });
    const status = await e2e.page.locator('#status').textContent();
    assert.match(status, /^Cancelled the similarities of 8,000 texts\. Still showing planted\.npy \+ planted\.tsv · 20,000 items/);
    await e2e.page.waitForTimeout(500);
    assert.equal(await e2e.page.evaluate(() => document.getElementById('heatmap').data[0].z === window.zBefore), true, 'the picture stays');
    assert.equal((await activity(e2e.page)).hidden, true);
    assert.equal(await e2e.page.locator('#texts-embed').isDisabled(), false);
    assert.ok(statusBefore.length > 0);
    assert.deepEqual(e2e.errors, []);
  });

  test('a long export and a comparison show their progress with a Cancel, and cancelled leave everything as it was', async () => {
    // A fresh page: the exact statistics of 20,000 items (about half a minute) are not kept yet.
    await e2e.open('/?data=/fixtures/planted.npy&labels=/fixtures/planted.tsv', { timeout: 120_000 });
    await waitOrdered(e2e.page); // the order's news rewrites the status line
    await e2e.page.click('button[data-export="stats-json"]');
    await e2e.page.locator('#export-progress').waitFor({ timeout: 10_000 });
    const card = await e2e.page.evaluate(() => {
      const el = document.getElementById('export-progress');
      return { label: el.querySelector('.progress-label').textContent, cancel: !el.querySelector('button').hidden };
    });
    assert.deepEqual(card, { label: 'Computing the statistics for Statistics (JSON)…', cancel: true });
    await e2e.page.waitForFunction(() => document.getElementById('export-progress-bar').value > 0, null, { timeout: 60_000 });
    await e2e.page.click('#export-cancel');
    await e2e.page.locator('#export-progress').waitFor({ state: 'hidden' });
    await e2e.page.waitForFunction(() => /^Cancelled the export of Statistics \(JSON\)\. Still showing planted\.npy/.test(document.getElementById('status').textContent));
    assert.equal(await e2e.page.locator('#error').isVisible(), false, 'a cancel is not an error');
    assert.equal(await e2e.page.locator('button[data-export="stats-json"]').isDisabled(), false);
    // The statistics panel's own pass goes on (the export only joined it).
    assert.notEqual(await e2e.page.locator('#stats-status').getAttribute('data-state'), 'error');

    // Compare with a second model's embeddings of the same 20,000 items.
    await writeFile(join(e2e.dir, 'model-b.npy'), plantedNpy({ ...PLANTED, d: 64, seed: 11 }).bytes);
    await e2e.page.setInputFiles('#compare-file', join(e2e.dir, 'model-b.npy'));
    await e2e.page.locator('#compare-progress').waitFor({ timeout: 30_000 });
    assert.match(await e2e.page.locator('#compare-status').textContent(), /^(Parsing model-b\.npy|Comparing 20,000 items: 384 against 64 dimensions)…$/);
    assert.equal(await e2e.page.locator('#compare-cancel').isVisible(), true);
    await e2e.page.waitForFunction(() => /^Comparing/.test(document.getElementById('compare-status').textContent), null, { timeout: 30_000 });
    await e2e.page.click('#compare-cancel');
    await e2e.page.locator('#compare-progress').waitFor({ state: 'hidden' });
    assert.equal(await e2e.page.locator('#compare-status').textContent(), 'Cancelled the comparison with model-b.npy.');
    assert.deepEqual(await e2e.page.evaluate(() => ({
      error: !document.getElementById('compare-error').hidden, results: !document.getElementById('compare-results').hidden,
    })), { error: false, results: false });
    assert.deepEqual(e2e.errors, []);
  });
});
