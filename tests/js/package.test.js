// What `npm pack` ships: the library, its WASM build, the types, the command
// line, README and LICENSE; no tests, fixtures, data sets, C++ or demo page.
// And the package as users import it (by name, through "exports") in Node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let files;
let pkg;

before(async () => {
  const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 1 << 24 });
  files = JSON.parse(stdout)[0].files.map((file) => file.path);
  pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
});

describe('npm pack', () => {
  test('ships the library, the WASM build, the types, the command line, README and LICENSE', () => {
    for (const path of [
      'package.json', 'README.md', 'LICENSE', 'bin/cosine-heatmap.js',
      'web/src/index.js', 'web/src/engine-worker.js', 'web/src/parse-worker.js', 'web/src/cosine-heatmap-element.js',
      'web/src/exports.js', 'web/src/report-renderer.js', 'web/src/transformers.js',
      'web/build/cosine-core.js', 'web/build/cosine-core.wasm',
      'web/types/index.d.ts', 'web/types/transformers.d.ts',
    ]) {
      assert.ok(files.includes(path), `${path} is missing from the package`);
    }
  });

  test('ships no tests, fixtures, data, C++, scripts, demo page or bundled Plotly', () => {
    const unwanted = files.filter((path) => /^(tests|cpp|scripts|examples|bench|docs|build|node_modules)\//.test(path)
      || /fixtures|\.test\.js$|\.npy$|\.tsv$/.test(path)
      || /^web\/(app|data)\//.test(path) || path === 'web/index.html' || path === 'web/build/plotly.min.js');
    assert.deepEqual(unwanted, []);
  });

  test('every path the manifest names is shipped', () => {
    const targets = [];
    const collect = (value) => {
      if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    collect(pkg.bin);
    collect(pkg.types);
    for (const target of targets) assert.ok(files.includes(target), `${target} (named in package.json) is not shipped`);
  });

  test('Plotly is a dependency (the report inlines it); Transformers.js an optional peer', () => {
    assert.ok(pkg.dependencies['plotly.js-dist-min']);
    assert.equal(pkg.peerDependenciesMeta['@huggingface/transformers'].optional, true);
  });
});

describe('the package in Node 20, by name', () => {
  test('imports through "exports" and finds the .wasm next to its JavaScript', async () => {
    const { loadEngine } = await import('cosine-heatmap');
    const engine = await loadEngine({ workers: 1 });
    const { data, dims } = await engine.cosineSimilarity([[1, 0], [1, 1]]);
    assert.deepEqual(dims, [2, 2]);
    assert.ok(Math.abs(data[1] - Math.SQRT1_2) < 1e-6);
  });

  test('loadEngine({wasmUrl}) takes the .wasm from elsewhere', async () => {
    const { loadEngine } = await import('cosine-heatmap');
    const dir = await mkdtemp(join(tmpdir(), 'cosine-heatmap-wasm-'));
    try {
      const wasm = join(dir, 'elsewhere.wasm');
      await copyFile(join(ROOT, 'web/build/cosine-core.wasm'), wasm);
      const engine = await loadEngine({ wasmUrl: wasm, workers: 1 });
      const { data } = await engine.cosineSimilarity([[1, 0], [0, 1]]);
      assert.equal(data[1], 0);
      engine.dispose();
      await assert.rejects(loadEngine({ wasmUrl: join(dir, 'missing.wasm'), workers: 1 }), /could not start the cosine-heatmap engine/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the element module imports in Node without defining anything', async () => {
    const element = await import('cosine-heatmap/element');
    assert.equal(element.defineCosineHeatmapElement(), false);
  });
});
