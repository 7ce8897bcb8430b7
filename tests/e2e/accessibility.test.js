// The demo page for keyboard and screen-reader users: every control is
// reached by Tab and has an accessible name, a colour-blind-safe scale is
// offered and can be chosen from the keyboard, the status and errors are
// live regions with the statistics as text, and axe-core (when installed)
// finds no serious or critical violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const require = createRequire(import.meta.url);
const AXE_PATH = (() => {
  try { return require.resolve('axe-core/axe.min.js'); } catch { return null; }
})();

// Every control a user can operate: shown, enabled form controls and buttons
// (Plotly's mode bar included), with what a screen reader would name it.
function controls(page) {
  return page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]');
    const byId = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim() ?? '').join(' ').trim();
    const name = (el) => (el.getAttribute('aria-labelledby') && byId(el.getAttribute('aria-labelledby')))
      || el.getAttribute('aria-label')?.trim()
      || [...(el.labels ?? [])].map((l) => l.textContent.trim()).join(' ').trim()
      || (el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent.trim() : '')
      || el.getAttribute('title')?.trim()
      || el.getAttribute('data-title')?.trim()
      || '';
    return [...document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])')]
      .filter((el) => shown(el) && !el.disabled)
      .map((el, index) => {
        if (!el.dataset.a11yKey) el.dataset.a11yKey = `c${index}`;
        // A tab list is one Tab stop; its other tabs are reached with the arrow keys.
        const roving = el.getAttribute('role') === 'tab' && el.tabIndex === -1;
        return { key: el.dataset.a11yKey, id: el.id, tag: el.tagName.toLowerCase(), type: el.type ?? '', name: name(el), roving };
      });
  });
}

describe('accessibility', () => {
  const e2e = useBrowser({ open: '/' });

  test('every control has an accessible name', async () => {
    const all = await controls(e2e.page);
    assert.ok(all.length >= 15, `found ${all.length} controls`);
    const unnamed = all.filter((c) => c.name === '');
    assert.deepEqual(unnamed, [], 'controls without a label, aria-label or aria-labelledby');
  });

  test('Tab reaches every control, in document order', async () => {
    const all = (await controls(e2e.page)).filter((c) => !c.roving);
    await e2e.page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await e2e.page.locator('body').focus();
    const reached = [];
    for (let k = 0; k < all.length + 10; k++) {
      await e2e.page.keyboard.press('Tab');
      const key = await e2e.page.evaluate(() => document.activeElement?.dataset?.a11yKey ?? null);
      if (key && reached.includes(key)) break; // wrapped around
      if (key) reached.push(key);
    }
    const missed = all.filter((c) => !reached.includes(c.key));
    assert.deepEqual(missed, [], 'controls Tab never reached');
    // The page's own controls come in the order they are shown (no positive tabindex).
    const ownOrder = all.filter((c) => c.id).map((c) => c.key);
    assert.deepEqual(reached.filter((k) => ownOrder.includes(k)), ownOrder, 'tab order follows the document');
    assert.equal(await e2e.page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), 0, 'no positive tabindex');
  });

  test('the arrow keys move between tabs, and Home goes back', async () => {
    const lists = await e2e.page.locator('[role="tablist"]').count();
    for (let l = 0; l < lists; l++) {
      const tabs = e2e.page.locator('[role="tablist"]').nth(l).locator('[role="tab"]');
      const ids = await tabs.evaluateAll((ts) => ts.map((t) => t.id));
      const selected = await tabs.evaluateAll((ts) => ts.findIndex((t) => t.getAttribute('aria-selected') === 'true'));
      assert.ok(selected >= 0, `tab list ${l} has a selected tab`);
      await tabs.nth(selected).focus();
      await e2e.page.keyboard.press('Home');
      const visited = [await e2e.page.evaluate(() => document.activeElement.id)];
      for (let k = 1; k < ids.length; k++) {
        await e2e.page.keyboard.press('ArrowRight');
        visited.push(await e2e.page.evaluate(() => document.activeElement.id));
      }
      assert.deepEqual(visited, ids, 'ArrowRight visits every tab in order');
      await tabs.nth(selected).focus();
      await tabs.nth(selected).press('Enter');
      await e2e.page.waitForFunction((id) => document.getElementById(id).getAttribute('aria-selected') === 'true', ids[selected]);
    }
  });

  test('a colour-blind-safe scale is offered and chosen from the keyboard', async () => {
    const options = await e2e.page.locator('#colorScale option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(options.includes('Cividis') && options.includes('Viridis'), `colour scales: ${options}`);
    await e2e.page.focus('#colorScale');
    await e2e.page.keyboard.type('Cividis');
    await e2e.page.waitForFunction(() => JSON.stringify(document.getElementById('heatmap').data[0].colorscale).includes('Cividis')
      || document.getElementById('colorScale').value === 'Cividis', null, { timeout: 10_000 });
    assert.equal(await e2e.page.locator('#colorScale').inputValue(), 'Cividis');
    await e2e.page.waitForFunction(() => {
      const scale = document.getElementById('heatmap').data[0].colorscale;
      // Cividis starts dark blue (#00224e) and ends yellow; by name or as stops.
      return scale === 'Cividis' || JSON.stringify(scale).toLowerCase().includes('rgb(0,34,78)')
        || JSON.stringify(scale).toLowerCase().includes('#00224e');
    }, null, { timeout: 10_000 });
    await e2e.page.click('button[type="reset"]');
  });

  test('status and errors are live regions, and the statistics are text', async () => {
    const regions = await e2e.page.evaluate(() => {
      const status = document.getElementById('status');
      const alert = document.getElementById('error');
      return {
        statusRole: status.getAttribute('role'),
        statusLive: status.getAttribute('aria-live'),
        statusText: status.textContent,
        alertRole: alert.getAttribute('role'),
      };
    });
    assert.equal(regions.statusRole, 'status');
    assert.equal(regions.statusLive, 'polite');
    assert.equal(regions.alertRole, 'alert');
    assert.match(regions.statusText, /1,797 items × 64 dimensions · parsed in [\d,.]+ m?s · \d+×\d+ block means of 1,797 normalized rows in [\d,.]+ m?s/);
    assert.deepEqual(e2e.errors, []);
  });

  test('axe-core finds no serious or critical violation', { skip: AXE_PATH ? false : 'axe-core is not installed' }, async () => {
    // Evaluated, not added as a <script>: the page's policy refuses inline script.
    await e2e.page.evaluate(await readFile(AXE_PATH, 'utf8'));
    const results = await e2e.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
    assert.deepEqual(serious, []);
  });
});
