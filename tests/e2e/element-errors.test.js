// <cosine-heatmap> fails loudly: a 404 or a file that does not parse shows,
// inside the element, the message the demo page shows for the same file (a
// styled alert with a dismiss button), and still fires 'error'; the next
// successful load clears it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>element errors</title>
<script src="/build/plotly.min.js"></script>
<style>body{margin:0;font:14px sans-serif} cosine-heatmap{width:520px;height:320px}</style>
</head><body>
<cosine-heatmap id="missing" src="/fixtures/nowhere.npy"></cosine-heatmap>
<cosine-heatmap id="bad" src="/fixtures/bad.csv"></cosine-heatmap>
<script type="module">
  import '/src/cosine-heatmap-element.js';
  window.events = [];
  for (const id of ['missing', 'bad']) {
    for (const type of ['ready', 'error']) {
      document.getElementById(id).addEventListener(type, (e) => window.events.push({ id, type, message: e.detail.message ?? null }));
    }
  }
</script>
</body></html>`;

const e2e = useBrowser({ fixtures: new URL('./fixtures/', import.meta.url) });

// What the element's box says and how it looks: null when there is none shown.
const box = (page, id) => page.evaluate((which) => {
  const el = document.querySelector(`#${which} > .cosine-heatmap-error`);
  if (!el || el.hidden) return null;
  const style = getComputedStyle(el);
  const inside = el.getBoundingClientRect();
  const host = document.getElementById(which).getBoundingClientRect();
  return {
    text: el.querySelector('.cosine-heatmap-error-message').textContent,
    role: el.getAttribute('role'),
    color: style.color,
    background: style.backgroundColor,
    within: inside.left >= host.left && inside.right <= host.right && inside.top >= host.top && inside.bottom <= host.bottom,
  };
}, id);

// The demo page's error box for ?data=<path>.
async function pageMessage(path) {
  const page = await e2e.context.newPage();
  await page.goto(e2e.url(`/?data=${path}`));
  await page.locator('#error').waitFor({ state: 'visible', timeout: 30_000 });
  const text = await page.locator('#error').textContent();
  await page.close();
  return text;
}

describe('<cosine-heatmap> errors', () => {
  test('a 404 and a bad file show the page\'s message inside the element, fire error, and can be dismissed', async () => {
    const { page, errors } = await e2e.newPage();
    await e2e.openHtml('/element-errors.html', PAGE, { page });
    await page.waitForFunction(() => window.events.filter((e) => e.type === 'error').length >= 2, null, { timeout: 30_000 });

    const expected = {
      missing: await pageMessage('/fixtures/nowhere.npy'),
      bad: await pageMessage('/fixtures/bad.csv'),
    };
    assert.match(expected.missing, /^Could not open the data: could not load \/fixtures\/nowhere\.npy: HTTP 404/);
    assert.match(expected.bad, /bad\.csv/);
    for (const id of ['missing', 'bad']) {
      const shown = await box(page, id);
      assert.ok(shown, `${id}: a message is shown inside the element`);
      assert.equal(shown.text, expected[id], `${id}: the page's words`);
      assert.equal(shown.role, 'alert');
      assert.equal(shown.color, 'rgb(163, 33, 43)', 'the page\'s error colour');
      assert.equal(shown.background, 'rgb(253, 242, 243)');
      assert.ok(shown.within, 'drawn inside the element');
      const event = await page.evaluate((which) => window.events.find((e) => e.id === which && e.type === 'error'), id);
      assert.equal(event.message, expected[id], `${id}: the error event carries the same message`);
    }

    await page.locator('#missing .cosine-heatmap-error-close').click();
    assert.equal(await box(page, 'missing'), null, 'dismissed');
    assert.ok(await box(page, 'bad'), 'the other element keeps its message');

    // A good file next: drawn, and the old message is gone.
    await page.evaluate(() => document.getElementById('bad').setAttribute('src', '/data/digits/digits.npy'));
    await page.waitForFunction(() => window.events.some((e) => e.id === 'bad' && e.type === 'ready'), null, { timeout: 30_000 });
    assert.equal(await box(page, 'bad'), null, 'cleared by the next successful load');
    assert.deepEqual(errors.filter((e) => !/nowhere\.npy|bad\.csv|404/.test(e)), []);
    await page.close();
  });
});
