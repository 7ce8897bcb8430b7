// The package in a Vite app (tests/vite-app), with the custom element also
// rendered by React: `vite build` with the package
// linked in as node_modules/cosine-heatmap (what a file: dependency does),
// then the built app served statically and run in headless Chromium. The
// engine and parse workers, the .wasm and Plotly must all be emitted by
// Vite and work from dist/, with nothing fetched from elsewhere.
import assert from 'node:assert/strict';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { useBrowser } from './fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = fileURLToPath(new URL('../vite-app/', import.meta.url));

// web/ would hide a missing asset: the server serves only the built dist/.
const e2e = useBrowser({ tempDir: 'cosine-heatmap-vite-', root: (dir) => join(dir, 'dist') });
let buildMs;

e2e.before(async () => {
  const dir = e2e.dir;
  await cp(APP, dir, { recursive: true, filter: (source) => !/[/\\](dist|node_modules)$/.test(source) });
  await mkdir(join(dir, 'node_modules'));
  await symlink(ROOT, join(dir, 'node_modules', 'cosine-heatmap'), 'dir');
  for (const name of ['react', 'react-dom']) {
    await symlink(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  const { build } = await import('vite');
  const started = performance.now();
  await build({ root: dir, configFile: join(dir, 'vite.config.mjs'), logLevel: 'error' });
  buildMs = performance.now() - started;
});

describe('Vite', () => {
  test('vite build emits the workers and the .wasm', async () => {
    const assets = await readdir(join(e2e.dir, 'dist', 'assets'));
    assert.ok(assets.some((name) => /^engine-worker.*\.js$/.test(name)), `no engine worker in ${assets}`);
    assert.ok(assets.some((name) => /^parse-worker.*\.js$/.test(name)), `no parse worker in ${assets}`);
    assert.ok(assets.some((name) => /\.wasm$/.test(name)), `no .wasm in ${assets}`);
    assert.ok(buildMs < 45_000, `vite build took ${Math.round(buildMs)} ms`);
    console.log(`vite build: ${Math.round(buildMs)} ms`);
  });

  test('the built app computes a cosine matrix and draws it in headless Chromium', async () => {
    const { page, errors, requests } = await e2e.newPage();
    await page.goto(e2e.url('/'));
    await page.waitForFunction(() => window.result || window.failure, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.failure), undefined);
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(result.dims, [3, 3]);
    const expected = [1, Math.SQRT1_2, 0, Math.SQRT1_2, 1, 0, 0, 0, 1];
    result.matrix.forEach((value, k) => assert.ok(Math.abs(value - expected[k]) < 1e-6, `S[${k}] = ${value}`));
    assert.deepEqual(result.parsedDims, [3, 2]);
    assert.equal(result.trace, 'heatmap');
    assert.equal(result.elementSize, 3);
    assert.equal(result.sameEngine, false, 'the element uses the default engine; the app asked for a 2-worker one');
    // <cosine-heatmap> rendered by React 19 with properties from JSX-style props.
    assert.equal(result.react.size, 4);
    assert.deepEqual(result.react.labels, ['cat', 'kitten', 'car', 'truck']);
    assert.equal(result.react.title, 'From React');
    assert.equal(result.react.trace, 'heatmap');
    assert.deepEqual(errors, []);
    const elsewhere = requests.filter((url) => !url.startsWith(e2e.origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
    assert.deepEqual(elsewhere, []);
    assert.ok(requests.some((url) => /\.wasm$/.test(url)), 'the .wasm came from dist/');
    await page.close();
  });
});
