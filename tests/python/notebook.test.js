// The Python package as a notebook user meets it: `pip install ./python`
// into a fresh virtual environment (Debian's python3 with its NumPy,
// nbconvert and ipykernel seen through --system-site-packages), a notebook
// executed by `jupyter nbconvert --to html --execute`, and the HTML it wrote
// opened from disk in headless Chromium: the heatmap and the statistics are
// drawn, hover names the items, and the report asks for nothing at all.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { useBrowser } from '../e2e/fixture.js';

const run = promisify(execFile);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const PACKAGE = fileURLToPath(new URL('../../python/', import.meta.url));
const KERNEL = 'cosine-heatmap-test';

// Three planted groups of 20 items: the ordered heatmap shows three blocks.
const NOTEBOOK_CODE = `import numpy as np
import cosine_heatmap
rng = np.random.default_rng(7)
centres = rng.normal(size=(3, 32))
X = np.vstack([c + 0.35 * rng.normal(size=(20, 32)) for c in centres])
labels = [f"doc {i}" for i in range(60)]
groups = [f"topic {i // 20}" for i in range(60)]
report = cosine_heatmap.heatmap(X, labels=labels, groups=groups, title="Notebook check", color_scale="RdBu")
report`;

function notebook(code) {
  return JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: code.split(/(?<=\n)/) }],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: KERNEL }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

const e2e = useBrowser({ server: false, tempDir: 'cosine-heatmap-notebook-' });

describe('cosine_heatmap in a notebook', () => {
  let html;

  e2e.before(async () => {
    const venv = join(e2e.dir, 'venv');
    const python = join(venv, 'bin', 'python');
    // Debian's pip (python3-pip, seen through --system-site-packages) installs into the venv.
    await run(PYTHON, ['-m', 'venv', '--without-pip', '--system-site-packages', venv]);
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', PACKAGE]);
    await run(python, ['-m', 'ipykernel', 'install', '--prefix', venv, '--name', KERNEL]);
    await writeFile(join(e2e.dir, 'check.ipynb'), notebook(NOTEBOOK_CODE));
    await run(python, ['-m', 'jupyter', 'nbconvert', '--to', 'html', '--execute',
      `--ExecutePreprocessor.kernel_name=${KERNEL}`, 'check.ipynb', '--output', 'check.html'],
    { cwd: e2e.dir, env: { ...process.env, JUPYTER_PATH: join(venv, 'share', 'jupyter'), PYDEVD_DISABLE_FILE_VALIDATION: '1' } });
    html = await readFile(join(e2e.dir, 'check.html'), 'utf8');
  });

  test('the executed notebook holds the report, which draws, hovers and fetches nothing', async () => {
    assert.ok(/<iframe id="cosine-heatmap-[0-9a-f]{32}" class="cosine-heatmap-report"/.test(html), 'the output cell holds the report');
    const { page, errors } = await e2e.newPage();
    const fromReport = [];
    page.on('request', (request) => {
      if (request.frame() !== page.mainFrame()) fromReport.push(request.url());
    });
    // nbconvert's own page template links a few scripts on the web; none
    // of them is reachable or needed here.
    await page.route(/^https?:/, (route) => route.abort());
    await page.goto(pathToFileURL(join(e2e.dir, 'check.html')).href);
    const frame = await (await page.waitForSelector('iframe.cosine-heatmap-report')).contentFrame();
    await frame.waitForFunction(() => document.body.dataset.state, null, { timeout: 60_000 });
    assert.equal(await frame.evaluate(() => document.body.dataset.state), 'ready',
      await frame.evaluate(() => document.body.innerText.slice(0, 400)));

    const drawn = await frame.evaluate(() => {
      const plot = document.getElementById('heatmap');
      const trace = plot.data[0];
      const table = [...document.querySelectorAll('#statistics tr')].map((tr) => tr.innerText);
      return { type: trace.type, rows: trace.z.length, cols: trace.z[0].length, title: document.getElementById('report-title').textContent,
        summary: document.getElementById('report-summary').textContent, table, colorscale: trace.colorscale };
    });
    assert.equal(drawn.type, 'heatmap');
    assert.deepEqual([drawn.rows, drawn.cols], [60, 60], 'one cell per pair of the 60 items');
    assert.equal(drawn.title, 'Notebook check');
    assert.match(drawn.summary, /60 items × 32 dimensions · 1,770 pairs · order: group/);
    assert.ok(drawn.table.some((row) => /Items\s+60/.test(row)), drawn.table.join(' | '));
    assert.ok(drawn.table.some((row) => /Silhouette/.test(row)), 'group statistics are shown');
    assert.equal(drawn.colorscale[0][1], 'rgb(103,0,31)', 'RdBu as ColorBrewer draws it');

    // Planted groups: items of one topic are far more alike than of two.
    const within = await frame.evaluate(() => document.querySelector('#statistics').innerText.match(/within groups \/ between groups\s+(-?[\d.]+) \/ (-?[\d.]+)/).slice(1).map(Number));
    assert.ok(within[0] > 0.8 && within[1] < 0.2, `within ${within[0]}, between ${within[1]}`);

    // Hover over the cell of the 5th row and the 50th column.
    const box = await frame.locator('#heatmap .nsewdrag').first().boundingBox();
    await page.mouse.move(box.x + box.width * (49.5 / 60), box.y + box.height * (4.5 / 60));
    const hover = frame.locator('#heatmap .hoverlayer .hovertext');
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.textContent();
    assert.match(text, /row: doc \d+.*column: doc \d+.*Cosine Similarity: -?\d\.\d{4}/, text);

    // The frame fits the report (no scroll bar of its own), whatever `height` was.
    await page.waitForFunction(() => parseFloat(document.querySelector('iframe.cosine-heatmap-report').style.height) !== 1000);
    const fit = await frame.evaluate(() => ({ content: document.documentElement.scrollHeight, frame: window.innerHeight }));
    assert.ok(fit.frame >= fit.content && fit.frame <= fit.content + 4, JSON.stringify(fit));

    assert.deepEqual(fromReport.filter((url) => !/^(data|blob|about):/.test(url)), [], 'the report asks for nothing');
    assert.deepEqual(errors.filter((message) => !/ERR_FAILED|net::/.test(message)), []);
    await page.close();
  });
});
