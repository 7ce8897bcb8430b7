// The raw core is typed: web/src/cosine-core.d.ts declares exactly what the
// Embind build exports, and the worker code type-checks against it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { instantiateCore } from '../../web/src/wasm-module.js';
import { workerActions } from '../../web/src/operations/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const declarations = await readFile(new URL('web/src/cosine-core.d.ts', `file://${ROOT}`), 'utf8');

// The members an interface of the .d.ts declares.
function declaredMembers(name) {
  const body = declarations.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  return [...body.matchAll(/^ {2}(\w+)[(?:]/gm)].map((m) => m[1]).sort();
}

test('cosine-core.d.ts declares exactly the raw methods, enums and constants the build exports', async () => {
  const core = await instantiateCore();
  const setMethods = Object.getOwnPropertyNames(core.EmbeddingSet.prototype).filter((name) => name.startsWith('_'));
  assert.deepEqual(setMethods.sort(), declaredMembers('RawEmbeddingSet').filter((name) => name !== 'delete'));
  const moduleMembers = declaredMembers('CosineCore');
  for (const name of moduleMembers) assert.ok(name in core, `the build lacks ${name}`);
  // Raw functions (_name) and constants (NAME) the build exports, HEAP views aside.
  const exported = Object.keys(core).filter((name) => /^_[a-z]/.test(name) || (/^[A-Z][A-Z_0-9]+$/.test(name) && !name.startsWith('HEAP')));
  for (const name of exported) assert.ok(moduleMembers.includes(name), `the build exports ${name}, which cosine-core.d.ts does not declare`);
  // Enums cross as Embind enums; their names are the ones the JS sends.
  assert.deepEqual(Object.keys(core.OrderMethod).filter((k) => k !== 'values').sort(), ['average', 'complete', 'groups', 'original', 'single', 'spectral']);
  assert.deepEqual(
    Object.keys(core.StatusCode).filter((k) => k !== 'values').sort(),
    ['ABORT_ERR', 'INVALID_ARGUMENT', 'OK', 'OUT_OF_MEMORY', 'TOO_LARGE'],
  );
  assert.equal(core.MAX_SET_BYTES, 3 * 2 ** 30);
  assert.equal(core.QUANTILE_BINS, 20000);
  assert.equal(core.MAX_HIERARCHICAL_ITEMS, 10000);
});

test('every raw call that fails answers {code, message}, never an empty string, null pointer or partial field', async () => {
  const core = await instantiateCore();
  const set = new core.EmbeddingSet();
  const failure = set._reserve(0, 3);
  assert.deepEqual(Object.keys(failure).sort(), ['code', 'message']);
  assert.equal(failure.code, 'INVALID_ARGUMENT');
  const pointer = set._reserve(2, 2);
  assert.equal(typeof pointer, 'number');
  core.HEAPF32.set([1, 0, 0, 1], pointer / 4);
  assert.equal(set._normalizeInPlace(), true);
  assert.equal(set._pairSummary(0, 5).code, 'INVALID_ARGUMENT', 'a band beyond the set');
  assert.equal(set._topKPass(0, 2, 0).code, 'INVALID_ARGUMENT');
  assert.equal(set._analyzePass(3, 1, 10, 0.9, 10, [0.5]).code, 'INVALID_ARGUMENT');
  assert.equal(set._pairSample(0, 1, 5, 1, 0, 10, [0.5]).code, 'INVALID_ARGUMENT', 'row 0 has no pair to sample');
  assert.equal(set._pairSample(0, 2, 2.5, 1, 0, 10, [0.5]).code, 'INVALID_ARGUMENT');
  assert.equal(set._gramMomentsBand(1, 3).code, 'INVALID_ARGUMENT');
  const bad = core._malloc(8);
  core.HEAP32.set([0, 0], bad / 4);
  const out = core._malloc(16);
  assert.match(set._overviewMean([0, 2], [0, 2], bad, 2, out).message, /permutation of 0\.\.1; position 1 holds 0/);
  core._free(bad);
  core._free(out);
  set.delete();
});

test('every worker action belongs to exactly one operation module', () => {
  assert.deepEqual(Object.keys(workerActions).sort(), [
    'analyzePass', 'band', 'bandInPlace', 'compareFromBands', 'compareMoments', 'comparePass', 'crossMomentsBand',
    'crossRows', 'crossRowsInPlace',
    'cutTree', 'dispose', 'embedTexts', 'gramMomentsBand', 'gramStatistics', 'gramStatisticsFromBands', 'groupStatistics',
    'info', 'linkage', 'load', 'order', 'overviewExtreme', 'overviewMean', 'pairSample', 'pairSummary', 'spectralClusters',
    'tile', 'topKPass',
  ]);
});

test('the worker code type-checks against cosine-core.d.ts (tsc --checkJs)', { timeout: 120_000 }, async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'tests/types/tsconfig.core.json'], { cwd: ROOT }).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});
