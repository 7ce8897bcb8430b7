import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { useBrowser } from './fixture.js';
const src = readFileSync(new URL('./exports-match.test.js', import.meta.url), 'utf8');
const PAGE = eval(src.match(/const PAGE = (`[\s\S]*?`);/)[1]);
const e2e = useBrowser({ page: true });
test('scratch', async () => {
  await e2e.openHtml('/x.html', PAGE);
  await e2e.page.waitForFunction(() => window.drawn || window.failed);
  console.log(await e2e.page.evaluate(() => JSON.stringify({ dims: window.view.matrix.dims, level: window.view.level })));
  await e2e.page.evaluate(() => Plotly.relayout('plot', { 'xaxis.range': [10.5, 22.5], 'yaxis.range': [22.5, 10.5] }));
  for (let k = 0; k < 5; k++) {
    await e2e.page.waitForTimeout(1000);
    console.log(await e2e.page.evaluate(() => JSON.stringify({ dims: window.view.matrix.dims, level: window.view.level, w: window.view.matrix.window })));
  }
});
