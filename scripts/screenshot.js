// Takes pictures of the demo page as a new user sees it: serves web/, opens
// it in headless Chromium with the defaults (nothing clicked) and waits
// until the ordered picture and the statistics are drawn.
//   node scripts/screenshot.js              → docs/screenshot.png (the digits, 1400 px wide)
//   node scripts/screenshot.js --all DIR    → DIR/{digits,planted}-{800,1400,1920}.png, full pages,
//     plus DIR/planted-1400-first.png (the file-order picture shown while ordering); planted is
//     20,000 × 384 with 16 clusters in shuffled file order (tests/e2e/planted.js)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, startServer, waitForHeatmap } from '../tests/e2e/browser.js';
import { plantedNpy } from '../tests/e2e/planted.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const [flag, directory] = process.argv.slice(2);
const all = flag === '--all';
if (all && !directory) throw new Error('usage: node scripts/screenshot.js [--all DIR]');

const fixtures = await mkdtemp(join(tmpdir(), 'cosine-heatmap-screenshots-'));
if (all) await writeFile(join(fixtures, 'planted.npy'), plantedNpy({ n: 20_000, d: 384, clusters: 16 }).bytes);
const server = await startServer({ fixtures });

// Opens `path` at `width` px, waits for the ordered picture and the
// statistics; `first` (a file) also gets the first picture, before ordering.
async function shoot(path, width, output, { fullPage = true, first } = {}) {
  const browser = await launchBrowser({ viewport: { width, height: 1000 }, deviceScaleFactor: 1 });
  try {
    const { page, errors } = await openPage(browser.context);
    const started = Date.now();
    await page.goto(server.url(path));
    await waitForHeatmap(page, 120_000);
    const firstMs = Date.now() - started;
    if (first) await page.screenshot({ path: first, fullPage });
    await page.waitForFunction(() => document.getElementById('status').dataset.order === 'done', null, { timeout: 300_000 });
    const orderedMs = Date.now() - started;
    await page.waitForFunction(() => document.getElementById('stats-status').dataset.state === 'done', null, { timeout: 600_000 });
    await page.mouse.move(0, 0);
    if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
    await page.screenshot({ path: output, fullPage });
    const status = await page.locator('#status').textContent();
    console.log(`wrote ${output}: first picture ${firstMs} ms, ordered ${orderedMs} ms after navigation; ${status}`);
  } finally {
    await browser.close();
  }
}

try {
  if (all) {
    const out = resolve(directory);
    await mkdir(out, { recursive: true });
    for (const width of [800, 1400, 1920]) {
      await shoot('/', width, join(out, `digits-${width}.png`));
      await shoot('/?data=/fixtures/planted.npy', width, join(out, `planted-${width}.png`), {
        first: width === 1400 ? join(out, 'planted-1400-first.png') : undefined,
      });
    }
  } else {
    await shoot('/', 1400, resolve(root, 'docs/screenshot.png'), { fullPage: false });
  }
} finally {
  await server.close();
  await rm(fixtures, { recursive: true, force: true });
}
