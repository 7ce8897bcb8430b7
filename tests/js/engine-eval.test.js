// The library works from `node --input-type=module` (stdin or -e): workers
// start with a clean execArgv instead of the parent's flags (finding 14).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('../../web/src/index.js', import.meta.url));
const script = `
  import { loadEngine, parseEmbeddingsOffThread } from ${JSON.stringify(index)};
  const engine = await loadEngine({ workers: 2 });
  const s = await engine.cosineSimilarity([[1, 0], [1, 1]]);
  const parsed = await parseEmbeddingsOffThread(new TextEncoder().encode('1,2\\n3,4\\n'), { format: 'csv' });
  console.log(JSON.stringify({ s: Array.from(s.data, (v) => +v.toFixed(6)), dims: parsed.dims }));
  engine.dispose();
`;

for (const [how, args, input] of [
  ['-e', ['--input-type=module', '-e', script], undefined],
  ['stdin', ['--input-type=module'], script],
]) {
  test(`node --input-type=module (${how}) runs the engine and the parsing worker`, () => {
    const result = spawnSync(process.execPath, args, { input, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { s: [1, 0.707107, 0.707107, 1], dims: [2, 2] });
  });
}
