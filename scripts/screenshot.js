// Takes the README's picture of the demo page: serves web/, opens it in
// headless Chromium, waits for the heatmap, orders it by digit and writes
// docs/screenshot.png.
//   node scripts/screenshot.js [output.png]
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, startServer, waitForHeatmap } from '../tests/e2e/browser.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const output = resolve(root, process.argv[2] ?? 'docs/screenshot.png');

const server = await startServer();
const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
try {
  const { page, errors } = await openPage(browser.context);
  await page.goto(server.url('/'));
  await waitForHeatmap(page);
  // Ordered by digit, so the picture shows what ordering reveals.
  await page.selectOption('#order', 'groups');
  await page.waitForFunction(() => document.getElementById('heatmap').layout.shapes?.length > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(3000); // the statistics panel finishes its analysis
  await page.mouse.move(0, 0);
  if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
  await mkdir(dirname(output), { recursive: true });
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.close();
}
