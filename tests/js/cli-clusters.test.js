// cosine-heatmap report --clusters k: the tree's clusters as the report's
// groups (group statistics, lines, order), equal to set.clusters().
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { UsageError, parseCommandLine } from '../../bin/cli-options.js';
import { loadEngine } from '../../web/src/index.js';

const CLI = fileURLToPath(new URL('../../bin/cosine-heatmap.js', import.meta.url));
const DIGITS = fileURLToPath(new URL('../../web/data/digits/digits.npy', import.meta.url));

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cosine-heatmap-clusters-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('--clusters is parsed, checked and exclusive with --group-column', () => {
  const parsed = parseCommandLine(['report', 'x.npy', '-o', 'r.html', '--clusters', '8']);
  assert.equal(parsed.report.clusters, 8);
  assert.equal(parseCommandLine(['report', 'x.npy', '-o', 'r.html']).report.clusters, undefined);
  assert.throws(() => parseCommandLine(['report', 'x.npy', '-o', 'r.html', '--clusters', '0']), {
    name: 'Error',
    message: '--clusters must be a whole number from 1 to 2147483647, got "0"',
  });
  assert.throws(() => parseCommandLine(['report', 'x.npy', '-o', 'r.html', '--clusters', 'many']), UsageError);
  assert.throws(
    () => parseCommandLine(['report', 'x.npy', '-o', 'r.html', '--labels', 'l.tsv', '--group-column', 'digit', '--clusters', '3']),
    { message: '--clusters and --group-column both give the groups: choose one' },
  );
  assert.equal(parseCommandLine(['report', 'x.npy', '-o', 'r.html', '--clusters', '3', '--order', 'groups']).report.order, 'groups');
});

test('report --clusters 10 on the digits: ten groups, the same clusters as set.clusters()', { timeout: 300_000 }, async () => {
  const json = join(dir, 'stats.json');
  const html = join(dir, 'report.html');
  const { stderr } = await promisify(execFile)(process.execPath, [CLI, 'report', DIGITS, '--clusters', '10', '--order', 'complete', '--json', json, '-o', html, '--workers', '2']);
  assert.match(stderr, /wrote/);
  const stats = JSON.parse(await readFile(json, 'utf8'));
  const perGroup = stats.groups.perGroup;
  assert.equal(perGroup.length, 10);
  assert.deepEqual(perGroup.map((g) => g.name).sort(), Array.from({ length: 10 }, (_, c) => `cluster ${c + 1}`).sort());

  // The same sizes as the library's cut of complete linkage.
  const bytes = await readFile(DIGITS);
  const headerLength = bytes.readUInt16LE(8);
  const [n, d] = bytes.subarray(10, 10 + headerLength).toString('latin1').match(/\((\d+), (\d+)\)/).slice(1).map(Number);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + 10 + headerLength + n * d * 4));
  const engine = await loadEngine({ workers: 1 });
  try {
    const set = await engine.embeddings({ data, dims: [n, d] });
    const labels = await set.clusters({ method: 'complete', k: 10 });
    const sizes = new Map();
    for (const label of labels) sizes.set(`cluster ${label + 1}`, (sizes.get(`cluster ${label + 1}`) ?? 0) + 1);
    for (const group of perGroup) assert.equal(group.size, sizes.get(group.name), group.name);
  } finally {
    engine.dispose();
  }
  assert.match(await readFile(html, 'utf8'), /cluster 10/);
});
