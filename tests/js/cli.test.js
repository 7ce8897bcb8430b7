// bin/cosine-heatmap.js on the shipped data set: the report and the
// statistics are written; bad input exits non-zero with the parser's own
// message (the one the page shows); bad usage exits 2 with the usage.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ParseError, parseEmbeddings } from '../../web/src/index.js';

const CLI = fileURLToPath(new URL('../../bin/cosine-heatmap.js', import.meta.url));
const DIGITS = fileURLToPath(new URL('../../web/data/digits/', import.meta.url));
const execFileAsync = promisify(execFile);

// {code, stdout, stderr} whatever the exit status.
async function cli(...args) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cosine-heatmap-cli-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cosine-heatmap report', () => {
  test('writes a self-contained report and the statistics for the digits', async () => {
    const html = join(dir, 'report.html');
    const json = join(dir, 'stats.json');
    const result = await cli('report', join(DIGITS, 'digits.npy'), '--labels', join(DIGITS, 'labels.tsv'),
      '--group-column', 'digit', '--order', 'average', '--title', 'Digits', '-o', html, '--json', json);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /1797 items × 64 dimensions/);

    const stats = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(stats.n, 1797);
    assert.equal(stats.dim, 64);
    assert.equal(stats.pairCount, (1797 * 1796) / 2);
    assert.ok(stats.mean > 0.6 && stats.mean < 0.8, `mean ${stats.mean}`);
    assert.equal(stats.histogram.counts.reduce((a, b) => a + b, 0), stats.pairCount);
    assert.ok(stats.flags.some((flag) => flag.id === 'high-similarity'));
    assert.equal(stats.groups.perGroup.length, 10, 'group statistics from --group-column');

    const report = await readFile(html, 'utf8');
    const size = (await stat(html)).size;
    assert.ok(size < 8e6, `report is ${size} bytes: the overview, not n × n`);
    assert.ok(!/<script[^>]*\ssrc=/i.test(report) && !/<link[^>]*href=/i.test(report), 'nothing is loaded from elsewhere');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(report)[1]);
    assert.deepEqual(data.heatmap.dims, [512, 512]);
    assert.equal(data.order, 'average');
    assert.equal(data.labels.length, 1797);
    assert.equal(data.labels[17], '7 (#17)', 'repeated labels get their row number, as on the page');
    assert.equal(Buffer.from(data.heatmap.z, 'base64').length, 512 * 512 * 4);
  });

  test('small sets embed every pair', async () => {
    await writeFile(join(dir, 'small.csv'), '1,0,0\n0,1,0\n1,1,0\n0,0,1\n');
    const html = join(dir, 'small.html');
    const result = await cli('report', join(dir, 'small.csv'), '-o', html);
    assert.equal(result.code, 0, result.stderr);
    const data = JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(await readFile(html, 'utf8'))[1]);
    assert.deepEqual(data.heatmap.dims, [4, 4]);
    assert.equal(data.level.kind, 'items');
    const z = new Float32Array(new Uint8Array(Buffer.from(data.heatmap.z, 'base64')).buffer);
    assert.ok(Math.abs(z[2] - Math.SQRT1_2) < 1e-6, `S(0, 2) = ${z[2]}`);
  });

  test('bad input exits 1 with the message the page shows', async () => {
    const bad = '0.1,0.2,0.3\n0.4,oops,0.6\n';
    await writeFile(join(dir, 'bad.csv'), bad);
    const expected = await parseEmbeddings(bad, { name: 'bad.csv' }).then(
      () => assert.fail('the parser accepted bad input'),
      (error) => {
        assert.ok(error instanceof ParseError);
        return error.message;
      },
    );
    const result = await cli('report', join(dir, 'bad.csv'), '-o', join(dir, 'bad.html'));
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), `cosine-heatmap: ${expected}`);
    assert.match(result.stderr, /bad\.csv:2:2/);
    await assert.rejects(stat(join(dir, 'bad.html')), 'no report is written');
  });

  test('a metadata table of the wrong length and a missing file are refused', async () => {
    await writeFile(join(dir, 'short.tsv'), 'a\nb\n');
    const mismatch = await cli('report', join(DIGITS, 'digits.npy'), '--labels', join(dir, 'short.tsv'), '-o', join(dir, 'x.html'));
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /row count mismatch: digits\.npy has 1797 rows but short\.tsv has 2 rows/);
    const missing = await cli('report', join(dir, 'nope.npy'), '-o', join(dir, 'x.html'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.npy: no such file/);
  });

  test('bad usage exits 2 with the usage', async () => {
    for (const args of [[], ['draw', 'x.npy'], ['report', 'x.npy'], ['report', 'x.npy', '-o', 'r.html', '--size', 'ten'], ['report', '--bogus']]) {
      const result = await cli(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /Usage: cosine-heatmap report/);
    }
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--json FILE/);
  });
});
