// Labels, metadata, file names and titles that hold HTML, script, Plotly's
// pseudo-HTML and template placeholders, right-to-left text, emoji and a
// 10,000-character string are shown as text everywhere in the demo page:
// tick labels, hover, group names, the label/group selects, the status line,
// the error box and the titles. No script runs (the payloads set
// window.pwned or call alert), no dialog opens, no <img>, <script> or
// javascript: link appears, and nothing is requested beyond the origin.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';
import { dropFiles, settle } from './page-actions.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const hostile = (name) => readFile(new URL(`hostile/${name}`, FIXTURES), 'utf8');
const PAYLOAD = "<img src=x onerror=\"window.pwned='name'\">";

// Everything the page must not have done, checked after every step.
async function assertNothingRan(page, dialogs, requests, origin) {
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'no payload ran');
  const found = await page.evaluate(() => ({
    img: document.querySelectorAll('body img').length,
    script: [...document.querySelectorAll('body script')].length,
    javascriptLinks: [...document.querySelectorAll('a[href], a')].filter((a) => /^\s*javascript:/i
      .test(a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '')).length,
    plotLinks: document.querySelectorAll('#heatmap svg a').length,
    boldOrItalic: [...document.querySelectorAll('#heatmap tspan')].filter((t) => /bold|italic/.test(t.getAttribute('style') ?? '')).length,
  }));
  assert.deepEqual(found, { img: 0, script: 0, javascriptLinks: 0, plotLinks: 0, boldOrItalic: 0 }, 'no markup became elements');
  const offOrigin = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(offOrigin, [], 'no request left the origin');
}

// Hovers the cell at (row position i, column position j) through Plotly's own
// hover code and returns the hover box's text as displayed.
async function hoverText(page, i, j) {
  return page.evaluate(([row, col]) => {
    const gd = document.getElementById('heatmap');
    window.Plotly.Fx.hover(gd, { xval: col, yval: row });
    const text = gd.querySelector('.hoverlayer')?.textContent ?? '';
    window.Plotly.Fx.unhover(gd);
    return text;
  }, [i, j]);
}

describe('hostile labels are shown as text', () => {
  const e2e = useBrowser({ fixtures: FIXTURES, page: true });
  let labels;
  const dialogs = [];

  e2e.before(async () => {
    labels = JSON.parse(await hostile('labels.json'));
    e2e.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await e2e.open('/?data=/fixtures/hostile/vectors.tsv&labels=/fixtures/hostile/metadata.tsv');
    // In file order, so position i holds label i.
    await e2e.page.selectOption('#order', 'original');
    await e2e.page.waitForFunction(() => /· in file order$/.test(document.getElementById('status').textContent));
  });

  test('hover, ticks and the label select show every label literally', async () => {
    const shown = await e2e.page.evaluate(() => {
      const gd = document.getElementById('heatmap');
      return {
        n: gd.data[0].z.length,
        ticks: [...gd.querySelectorAll('.xtick text, .ytick text')].map((t) => t.textContent),
        options: [...document.getElementById('labelColumn').options].map((o) => o.textContent),
      };
    });
    assert.equal(shown.n, labels.length, 'one row per item (single items)');
    assert.ok(shown.options.includes("<img src=x onerror=\"window.pwned='header'\">"), `select options: ${shown.options}`);
    assert.ok(shown.ticks.length > 0, 'tick labels are drawn');
    for (const tick of shown.ticks) {
      const prefix = tick.endsWith('…') ? tick.slice(0, -1) : tick;
      assert.ok(labels.some((label) => label.startsWith(prefix)), `tick ${JSON.stringify(tick)} is (the start of) a label`);
    }
    for (let i = 0; i < labels.length; i++) {
      const text = await hoverText(e2e.page, i, (i + 1) % labels.length);
      assert.ok(text.includes(labels[i]), `hover over row ${i} shows ${JSON.stringify(labels[i].slice(0, 60))}: ${JSON.stringify(text.slice(0, 200))}`);
      assert.ok(text.includes(labels[(i + 1) % labels.length]), `hover over row ${i} shows its column's label`);
      // %{z} inside a label stays literal: the only number is the cell's own.
      if (labels[i].includes('%{z}')) assert.match(text, /%\{z\} %\{text\} %\{customdata\}/);
    }
    await assertNothingRan(e2e.page, dialogs, e2e.requests, e2e.origin);
  });

  test('grouping by a hostile column orders the items and runs nothing', async () => {
    const header = "<img src=x onerror=\"window.pwned='header'\">";
    const options = await e2e.page.locator('#groupColumn option').evaluateAll((os) => os.map((o) => o.textContent));
    assert.ok(options.includes(header), `group options show the column name literally: ${options}`);
    await settle(e2e.page, () => e2e.page.selectOption('#groupColumn', 'm:1'));
    await e2e.page.selectOption('#order', 'groups');
    // Rows alternate between the two groups in the file; by group, each is one run.
    const escaped = labels.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    await e2e.page.waitForFunction((want) => {
      const groups = document.getElementById('heatmap').data[0].text.map((r) => want.indexOf(r[0]) % 2);
      return groups.length === want.length && !groups.includes(-1) && groups.filter((g, i) => i > 0 && g !== groups[i - 1]).length === 1;
    }, escaped, { timeout: 10_000 });
    assert.equal(await e2e.page.locator('#error').isHidden(), true);
    for (const i of [0, 7, 14]) {
      const text = await hoverText(e2e.page, i, i);
      assert.ok(labels.some((label) => text.includes(label)), `hover at ${i} shows a label literally: ${text.slice(0, 120)}`);
    }
    await assertNothingRan(e2e.page, dialogs, e2e.requests, e2e.origin);
    await settle(e2e.page, () => e2e.page.selectOption('#groupColumn', ''));
  });

  test('typed titles with markup show as typed', async () => {
    const title = "<img src=x onerror=\"window.pwned='title'\"> <b>T</b> %{z} שלום";
    await e2e.page.fill('#title', title);
    await e2e.page.fill('#xaxisTitle', '<a href="javascript:window.pwned=1">x</a>');
    await e2e.page.fill('#colorLabel', '<script>window.pwned=1</script> %{z}');
    const want = { title, x: '<a href="javascript:window.pwned=1">x</a>', bar: '<script>window.pwned=1</script> %{z}' };
    const drawn = () => e2e.page.evaluate(() => ({
      title: document.querySelector('#heatmap .gtitle')?.textContent,
      x: document.querySelector('#heatmap .xtitle')?.textContent,
      bar: document.querySelector('#heatmap .cbtitle')?.textContent,
    }));
    // The colour bar's title goes on with the range shown (" · 1st–99th percentile …").
    await e2e.page.waitForFunction((w) => document.querySelector('#heatmap .gtitle')?.textContent === w.title
      && document.querySelector('#heatmap .xtitle')?.textContent === w.x
      && document.querySelector('#heatmap .cbtitle')?.textContent.startsWith(`${w.bar} · `), want, { timeout: 10_000 })
      .catch(() => {});
    const shown = await drawn();
    assert.match(shown.bar, / · 1st–99th percentile of cells: /);
    assert.deepEqual({ ...shown, bar: shown.bar.split(' · ')[0] }, want);
    const hover = await hoverText(e2e.page, 0, 1);
    assert.ok(hover.includes('<script>window.pwned=1</script> %{z}:'), `the value name in hover is literal: ${hover.slice(0, 200)}`);
    await assertNothingRan(e2e.page, dialogs, e2e.requests, e2e.origin);
    await e2e.page.click('button[type="reset"]');
  });

  test('hostile file names and cell text show as text in the status line and the error box', async () => {
    const [vectors, metadata] = await Promise.all([hostile('vectors.tsv'), hostile('metadata.tsv')]);
    await settle(e2e.page, () => dropFiles(e2e.page, [{ name: `${PAYLOAD}.tsv`, text: vectors }, { name: `<b>meta</b> %{z}.tsv`, text: metadata }]));
    const status = await e2e.page.locator('#status').textContent();
    assert.ok(status.startsWith(`${PAYLOAD}.tsv + <b>meta</b> %{z}.tsv · 15 items`), `status: ${status}`);

    const bad = '[[0.1, 0.2], [0.3, "<script>window.pwned=\'cell\'</script>"]]';
    await settle(e2e.page, () => dropFiles(e2e.page, [{ name: `${PAYLOAD}.json`, text: bad }]));
    const alert = await e2e.page.locator('#error').textContent();
    assert.ok(alert.includes(`${PAYLOAD}.json: `), `the error names the file literally: ${alert}`);
    assert.ok(alert.includes("<script>window.pwned='cell'</script>"), `the error quotes the cell literally: ${alert}`);
    assert.equal(await e2e.page.locator('#error *').count(), 0, 'the error box holds only text');
    assert.equal(await e2e.page.locator('#status *').count(), 0, 'the status line holds only text');
    await assertNothingRan(e2e.page, dialogs, e2e.requests, e2e.origin);
  });
});
