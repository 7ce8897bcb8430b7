// The TypeScript declarations: tsc --noEmit checks a small typed program
// (tests/types/example.ts) that imports the package by name, through the
// "exports" map; and every value the declarations promise is really
// exported by the JavaScript, and the other way round.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

// Names of the values (functions, classes, constants) a .d.ts exports.
function declaredValues(source) {
  return [...source.matchAll(/^export (?:declare )?(?:function|class|const|let) (\w+)/gm)].map((m) => m[1]).sort();
}

test('tsc --noEmit accepts the typed example (and its @ts-expect-error lines)', { timeout: 120_000 }, async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tests/types', '--noEmit'], { cwd: ROOT }).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
});

test('the declarations and the JavaScript export the same values', async () => {
  for (const [types, module] of [['web/types/index.d.ts', 'web/src/index.js'], ['web/types/transformers.d.ts', 'web/src/transformers.js']]) {
    const declared = declaredValues(await readFile(new URL(`../../${types}`, import.meta.url), 'utf8'));
    const actual = Object.keys(await import(new URL(`../../${module}`, import.meta.url))).sort();
    assert.deepEqual(declared, actual, `${types} against ${module}`);
  }
});
