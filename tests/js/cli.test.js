// bin/cosine-heatmap.js on the shipped data set: the report and the
// statistics are written; bad input exits non-zero with the parser's own
// message (the one the page shows); bad usage exits 2 with the usage.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { MAX_WORKERS, UsageError, parseCommandLine } from '../../bin/cli-options.js';
import { progressLine } from '../../bin/cli-progress.js';
import { ParseError, parseEmbeddings } from '../../web/src/index.js';

const CLI = fileURLToPath(new URL('../../bin/cosine-heatmap.js', import.meta.url));
const DIGITS = fileURLToPath(new URL('../../web/data/digits/', import.meta.url));
const execFileAsync = promisify(execFile);

// {code, stdout, stderr} whatever the exit status.
function cli(...args) {
  return cliIn(undefined, ...args);
}

async function cliIn(cwd, ...args) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { cwd, maxBuffer: 1 << 26 });
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

  test("by default the report is ordered ('auto') and coloured over the cells' 1st to 99th percentile", async () => {
    const read = async (html) => JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(await readFile(html, 'utf8'))[1]);
    const grouped = join(dir, 'grouped.html');
    const byGroup = await cli('report', join(DIGITS, 'digits.npy'), '--labels', join(DIGITS, 'labels.tsv'), '--group-column', 'digit', '-o', grouped);
    assert.equal(byGroup.code, 0, byGroup.stderr);
    let data = await read(grouped);
    assert.deepEqual([data.order, data.orderMethod, data.orderText], ['auto', 'groups', 'group (auto)']);
    assert.equal(data.heatmap.layout.shapes.length, 18, 'ten contiguous digits: nine lines on each axis');
    const { zmin, zmax, colorbar } = data.heatmap.trace;
    assert.ok(zmin > 0.3 && zmax < 1 && zmax - zmin > 0.3, `range ${zmin} to ${zmax}`);
    assert.match(colorbar.title.text, /^Cosine Similarity · 1st–99th percentile of cells: 0\.\d\d to 0\.\d\d$/);

    const plain = join(dir, 'plain.html');
    const clustered = await cli('report', join(DIGITS, 'digits.npy'), '-o', plain);
    assert.equal(clustered.code, 0, clustered.stderr);
    data = await read(plain);
    assert.deepEqual([data.order, data.orderMethod], ['auto', 'average'], 'without groups: average linkage (1,797 items)');

    const reference = join(dir, 'reference.html');
    const fixed = await cli('report', join(DIGITS, 'digits.npy'), '--order', 'original', '--range', 'fixed', '-o', reference);
    assert.equal(fixed.code, 0, fixed.stderr);
    data = await read(reference);
    assert.deepEqual([data.order, data.heatmap.trace.zmin, data.heatmap.trace.zmax, data.heatmap.trace.colorbar.title.text], ['original', -1, 1, 'Cosine Similarity']);
  });

  test('small sets embed every pair', async () => {
    await writeFile(join(dir, 'small.csv'), '1,0,0\n0,1,0\n1,1,0\n0,0,1\n');
    const html = join(dir, 'small.html');
    const result = await cli('report', join(dir, 'small.csv'), '--order', 'original', '-o', html);
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

const exists = (path) => stat(path).then(() => true, () => false);

// Exit `code` with exactly one line on stderr, `cosine-heatmap: <message>`,
// and no JavaScript stack.
function assertOneLine(result, code, message) {
  assert.equal(result.code, code, result.stderr);
  assert.doesNotMatch(result.stderr, /unexpected failure|\n\s+at /, 'no stack');
  assert.equal(result.stderr.split('\n').length, 2, `one line: ${result.stderr}`);
  if (typeof message === 'string') assert.equal(result.stderr, `cosine-heatmap: ${message}\n`);
  else assert.match(result.stderr, message);
}

// Exit 2, the message on the first line, then the usage.
function assertUsageError(result, message) {
  assert.equal(result.code, 2, result.stderr);
  const [first] = result.stderr.split('\n');
  if (typeof message === 'string') assert.equal(first, `cosine-heatmap: ${message}`);
  else assert.match(first, message);
  assert.match(result.stderr, /\n\nUsage: cosine-heatmap report/);
  assert.doesNotMatch(result.stderr, /unexpected failure|\n\s+at /);
}

describe('outputs never overwrite an input (issue 12, finding 7)', () => {
  const VECTORS = '1,0,0\n0,1,0\n1,1,0\n';
  let work;
  before(async () => {
    work = join(dir, 'inputs');
    await mkdir(work);
    await writeFile(join(work, 'x.csv'), VECTORS);
    await writeFile(join(work, 'meta.tsv'), 'name\na\nb\nc\n');
    await symlink('x.csv', join(work, 'soft.csv'));
    await link(join(work, 'x.csv'), join(work, 'hard.csv'));
  });

  test('-o naming the embeddings file, spelt otherwise or through a symbolic or hard link, is refused', async () => {
    for (const [input, output] of [['x.csv', 'x.csv'], ['x.csv', './x.csv'], ['./x.csv', join(work, 'x.csv')],
      ['x.csv', 'soft.csv'], ['soft.csv', 'x.csv'], ['x.csv', 'hard.csv'], ['x.csv', `../${basename(work)}/x.csv`]]) {
      const result = await cliIn(work, 'report', input, '-o', output);
      assertUsageError(result, `-o ${output} is the embeddings file ${input}: refusing to overwrite an input; nothing was written`);
      assert.equal(await readFile(join(work, 'x.csv'), 'utf8'), VECTORS, `${input} -o ${output}: the input is untouched`);
    }
  });

  test('--json naming the --labels table, or the -o file, is refused before either output is written', async () => {
    const labels = await cliIn(work, 'report', 'x.csv', '--labels', 'meta.tsv', '-o', 'r.html', '--json', './meta.tsv');
    assertUsageError(labels, '--json ./meta.tsv is the --labels file meta.tsv: refusing to overwrite an input; nothing was written');
    assert.equal(await readFile(join(work, 'meta.tsv'), 'utf8'), 'name\na\nb\nc\n');
    assert.equal(await exists(join(work, 'r.html')), false, 'the -o report is not written either');

    const both = await cliIn(work, 'report', 'x.csv', '-o', 'same.out', '--json', './same.out');
    assertUsageError(both, '--json ./same.out is the -o file same.out: write them to two different files; nothing was written');
    assert.equal(await exists(join(work, 'same.out')), false);
  });

  test('devices are not "the same file": -o /dev/null --json /dev/null is written', async () => {
    const result = await cliIn(work, 'report', 'x.csv', '-o', '/dev/null', '--json', '/dev/null');
    assertOneLine(result, 0, '3 items × 3 dimensions; no flags; wrote /dev/null and /dev/null');
  });
});

describe('outputs that cannot be written (issue 12, finding 13)', () => {
  test('a missing directory, a directory, a file as a directory and a read-only place fail before anything is read', async () => {
    // The input is bad: reaching it would print its parse error instead.
    await writeFile(join(dir, 'unread.csv'), '1,2\n3,oops\n');
    const stats = join(dir, 'never.json');
    for (const [output, reason] of [
      [join(dir, 'nodir', 'r.html'), `the directory ${join(dir, 'nodir')} does not exist`],
      [join(dir, 'nodir', 'deeper', 'r.html'), `the directory ${join(dir, 'nodir', 'deeper')} does not exist`],
      [dir, 'it is a directory'],
      [join(dir, 'unread.csv', 'r.html'), `${join(dir, 'unread.csv')} is not a directory`],
      ['/sys/report.html', /^(permission denied|read-only file system)$/],
    ]) {
      const result = await cli('report', join(dir, 'unread.csv'), '--json', stats, '-o', output);
      if (typeof reason === 'string') assertOneLine(result, 1, `cannot write ${output}: ${reason}`);
      else {
        assertOneLine(result, 1, /^cosine-heatmap: cannot write \/sys\/report\.html: /);
        assert.match(result.stderr.trim().slice(`cosine-heatmap: cannot write ${output}: `.length), reason);
      }
      assert.equal(await exists(stats), false, `${output}: the other output is not written`);
    }
    assert.equal(await exists(join(dir, 'nodir')), false);
  });

  test('a write that still fails is one line and exit 1, and a new partial file is removed', async () => {
    await writeFile(join(dir, 'ok.csv'), '1,0\n0,1\n');
    const html = join(dir, 'full.html');
    const json = await cli('report', join(dir, 'ok.csv'), '-o', html, '--json', '/dev/full');
    assertOneLine(json, 1, 'cannot write /dev/full: no space left on device');
    assert.ok(await exists(html), 'the report before it was written');

    const report = await cli('report', join(dir, 'ok.csv'), '-o', '/dev/full');
    assertOneLine(report, 1, 'cannot write /dev/full: no space left on device');

    // Files of at most 32 KiB (ulimit -f counts 512-byte blocks): the report
    // (MBs, Plotly inlined) is cut short by the system after the checks.
    const cut = join(dir, 'cut.html');
    const limited = await execFileAsync('bash', ['-c', 'ulimit -f 64 && exec "$0" "$@"', process.execPath, CLI,
      'report', join(dir, 'ok.csv'), '-o', cut]).then(() => assert.fail('the write succeeded'), (error) => error);
    assertOneLine(limited, 1, `cannot write ${cut}: file too large`);
    assert.equal(await exists(cut), false, 'no partial report is left');
  });
});

describe('usage errors exit 2 with the usage (issue 12, finding 13)', () => {
  const input = join(DIGITS, 'digits.npy');
  test('numbers, names, missing and repeated values, and options that need another', async () => {
    const output = join(dir, 'usage.html');
    const cases = [
      [['--size', '1'], '--size must be a whole number from 2 to 2048, got "1"'],
      [['--size', '2049'], '--size must be a whole number from 2 to 2048, got "2049"'],
      [['--size', '1.5'], '--size must be a whole number from 2 to 2048, got "1.5"'],
      [['--size', 'ten'], '--size must be a whole number from 2 to 2048, got "ten"'],
      [['--size', '1e3'], '--size must be a whole number from 2 to 2048, got "1e3"'],
      [['--workers', '0'], `--workers must be a whole number from 1 to ${MAX_WORKERS}, got "0"`],
      [['--workers', String(MAX_WORKERS + 1)], `--workers must be a whole number from 1 to ${MAX_WORKERS}, got "${MAX_WORKERS + 1}"`],
      [['--workers', 'many'], `--workers must be a whole number from 1 to ${MAX_WORKERS}, got "many"`],
      [['--order', 'ward'], '--order must be one of auto, original, average, complete, single, spectral, groups; got "ward"'],
      [['--range', 'wide'], '--range must be one of robust, auto, fixed; got "wide"'],
      [['--order', 'groups'], '--order groups needs a group per item: --labels metadata.tsv --group-column NAME'],
      [['--color-scale', 'Nope'], /^cosine-heatmap: --color-scale must be one of Blackbody, .*Blues.*; got "Nope"$/],
      [['--color-scale', 'Viridis_r'], /^cosine-heatmap: --color-scale must be one of .*; got "Viridis_r"$/],
      [['--format', 'xml'], '--format must be one of auto, npy, csv, tsv, json, jsonl, parquet, arrow, safetensors; got "xml"'],
      [['--label-column', 'digit'], '--label-column needs a metadata table (--labels metadata.tsv)'],
      [['--group-column', 'digit'], '--group-column needs a metadata table (--labels metadata.tsv)'],
      [['--bogus'], /^cosine-heatmap: Unknown option '--bogus'/],
      [['-o', join(dir, 'other.html')], '-o is given more than once'],
      [['--json', ''], '--json needs a file name'],
      [['--size'], /^cosine-heatmap: Option '--size <value>' argument missing/],
      [['--size', '--json', 'x.json'], /^cosine-heatmap: Option '--size' argument is ambiguous\. Did you forget/],
    ];
    for (const [args, message] of cases) {
      const result = await cli('report', input, '-o', output, ...args);
      assertUsageError(result, message);
    }
    assert.equal(await exists(output), false, 'nothing is written');
  });

  test('the ranges the usage states are the ones accepted', () => {
    const parse = (...args) => parseCommandLine(['report', 'x.npy', '-o', 'r.html', ...args]).report;
    assert.equal(parse('--workers', '1').workers, 1);
    assert.equal(parse('--workers', String(MAX_WORKERS)).workers, MAX_WORKERS);
    assert.ok(parse().workers >= 1 && parse().workers <= MAX_WORKERS, 'the default is within the bound');
    assert.throws(() => parse('--workers', String(MAX_WORKERS + 1)), UsageError);
    assert.equal(parse('--size', '2').size, 2);
    assert.equal(parse('--size', '2048').size, 2048);
    assert.equal(parse().size, 512);
    assert.equal(parse('--color-scale', 'rdbu_r').colorScale, 'rdbu_r', 'names as the view takes them');
    assert.equal(parse().order, 'auto', 'the default order shows structure');
    assert.equal(parse().range, 'robust');
    assert.equal(parse('--order', 'original', '--range', 'fixed').order, 'original', "the reference's picture stays available");
    assert.equal(parse('--range', 'fixed').range, 'fixed');
    const usage = parseCommandLine(['--help']);
    assert.deepEqual(usage, { help: true });
  });

  test('the smallest and largest --size and the bounds of --workers run', async () => {
    await writeFile(join(dir, 'tiny.csv'), '1,0\n0,1\n1,1\n');
    for (const args of [['--size', '2', '--workers', '1'], ['--size', '2048', '--color-scale', 'RdBu_r']]) {
      const result = await cli('report', join(dir, 'tiny.csv'), '-o', join(dir, 'tiny.html'), ...args);
      assertOneLine(result, 0, /3 items × 2 dimensions/);
    }
    const help = await cli('--help');
    assert.match(help.stdout, new RegExp(`--workers N +engine workers, 1 to ${MAX_WORKERS}`));
    assert.match(help.stdout, /--size N +cells per axis of the embedded overview, 2 to 2048/);
    assert.match(help.stdout, /1 on bad input .* or a file that cannot be read or written; 2 on bad usage/s);
  });
});

describe('errors the library detects are one line and exit 1, without a stack', () => {
  test('a refusal from a worker, an unknown metadata column and a missing labels file', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},1`).join('\n');
    await writeFile(join(dir, 'many.csv'), `${rows}\n`);
    const order = await cli('report', join(dir, 'many.csv'), '--order', 'average', '-o', join(dir, 'many.html'));
    assertOneLine(order, 1, /^cosine-heatmap: order: .*10,?000 items/);
    assert.equal(await exists(join(dir, 'many.html')), false);

    await writeFile(join(dir, 'three.csv'), '1,0\n0,1\n1,1\n');
    await writeFile(join(dir, 'three.tsv'), 'name\ta\nx\t1\ny\t2\nz\t3\n');
    const column = await cli('report', join(dir, 'three.csv'), '--labels', join(dir, 'three.tsv'), '--label-column', 'nope', '-o', join(dir, 'c.html'));
    assertOneLine(column, 1, /^cosine-heatmap: .*nope/);
    const missing = await cli('report', join(dir, 'three.csv'), '--labels', join(dir, 'absent.tsv'), '-o', join(dir, 'c.html'));
    assertOneLine(missing, 1, `${join(dir, 'absent.tsv')}: no such file`);
  });
});

describe('progress on stderr, only for a person at a terminal (issue 14, item 2)', () => {
  // Runs the command line in a pseudo-terminal (util-linux `script`), as a
  // person typing it would: stdout and stderr both go to the terminal.
  async function inTerminal(...args) {
    const quote = (word) => `'${String(word).replaceAll("'", "'\\''")}'`;
    const command = [process.execPath, CLI, ...args].map(quote).join(' ');
    const { stdout } = await execFileAsync('script', ['-q', '-e', '-c', command, '/dev/null'], { maxBuffer: 1 << 26 });
    return stdout;
  }
  const digits = () => ['report', join(DIGITS, 'digits.npy'), '--labels', join(DIGITS, 'labels.tsv'), '--group-column', 'digit'];

  test('at a terminal one line says what is being done and how far, then makes way for the summary', async () => {
    const screen = await inTerminal(...digits(), '-o', join(dir, 'tty.html'));
    const frames = screen.split('\r').map((frame) => frame.trim()).filter(Boolean);
    for (const words of ['reading the embeddings digits.npy', 'parsing', 'loading the engine', 'ordering (by group)',
      'computing the overview', 'computing the statistics', 'building the report', `writing ${join(dir, 'tty.html')}`]) {
      assert.ok(frames.some((frame) => frame.startsWith(`cosine-heatmap: ${words}`)), `a line says "${words}":\n${frames.join('\n')}`);
    }
    const statistics = frames.filter((frame) => frame.startsWith('cosine-heatmap: computing the statistics'));
    const percents = statistics.map((frame) => /(\d+)% · [\d.]+ s$/.exec(frame)?.[1]).filter(Boolean).map(Number);
    assert.ok(percents.length > 0 && percents.at(-1) === 100, `the statistics count to 100%: ${statistics.join(' | ')}`);
    assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'the percentage never goes back');
    // The progress line is erased (blanks, then back to the start) before the
    // summary, which is the only thing left on the screen.
    assert.match(screen, /\r {20,}\rcosine-heatmap: 1797 items × 64 dimensions; [^\r\n]*; wrote [^\r\n]*tty\.html\r?\n$/);
  });

  test('--quiet at a terminal, and any run whose stderr is not a terminal, print the summary only', async () => {
    const quiet = await inTerminal(...digits(), '--quiet', '-o', join(dir, 'quiet.html'));
    assert.match(quiet, /^cosine-heatmap: 1797 items × 64 dimensions; [^\r\n]*; wrote [^\r\n]*quiet\.html\r?\n$/);
    const piped = await cli(...digits(), '-o', join(dir, 'piped.html'));
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stderr, /^cosine-heatmap: 1797 items × 64 dimensions; [^\r\n]*; wrote [^\r\n]*piped\.html\n$/);
    assert.equal(piped.stdout, '');
    assert.equal(parseCommandLine(['report', 'x.npy', '-q', '-o', 'r.html']).quiet, true);
    assert.equal(parseCommandLine(['report', 'x.npy', '-o', 'r.html']).quiet, false);
  });

  test('a failure at a terminal erases the progress line and leaves its one-line message', async () => {
    const bad = join(dir, 'bad-progress.csv');
    await writeFile(bad, '1,2,3\n4,5\n');
    const screen = await inTerminal('report', bad, '-o', join(dir, 'never.html')).catch((error) => error.stdout);
    const lastFrame = screen.split('\r').filter((frame) => frame.trim()).at(-1);
    assert.match(lastFrame, /^cosine-heatmap: .*bad-progress\.csv.*line 2/);
  });
});

describe('the progress line (bin/cli-progress.js)', () => {
  const terminal = (columns = 200) => {
    const writes = [];
    return { isTTY: true, columns, writes, write: (text) => writes.push(text) };
  };

  test('draws phases with their share done and the time, at most ten times a second within a phase', () => {
    const stream = terminal();
    let clock = 0;
    const line = progressLine(stream, { now: () => clock, tick: 0 });
    line.update({ phase: 'statistics' });
    for (let done = 1; done < 50; done++) line.update({ phase: 'statistics', done, total: 200 }); // same instant: no redraw
    clock = 150;
    line.update({ phase: 'statistics', done: 74, total: 200 });
    clock = 12_400;
    line.update({ phase: 'statistics', done: 200, total: 200 });
    line.update({ phase: 'order', detail: '(spectral bisection)' }); // a new phase draws at once
    const frames = stream.writes.map((text) => text.replaceAll('\r', '').trimEnd());
    assert.deepEqual(frames, [
      'cosine-heatmap: computing the statistics… · 0.0 s',
      'cosine-heatmap: computing the statistics 37% · 0.1 s',
      'cosine-heatmap: computing the statistics 100% · 12 s',
      'cosine-heatmap: ordering (spectral bisection)… · 12 s',
    ]);
    line.finish();
    assert.match(stream.writes.at(-1), /^\r +\r$/, 'finish() blanks the line');
    assert.ok(stream.writes.at(-1).length - 2 >= frames[2].length, 'over all of the longest text');
  });

  test('a line wider than the terminal is cut, so a redraw never wraps', () => {
    const stream = terminal(30);
    const line = progressLine(stream, { tick: 0 });
    line.update({ phase: 'write', detail: '/a/very/long/path/to/the/report.html' });
    line.finish();
    const text = stream.writes[0].replaceAll('\r', '');
    assert.equal(text.length, 29);
    assert.ok(text.endsWith('…'));
  });

  test('nothing at all when stderr is not a terminal or with quiet', () => {
    for (const [stream, options] of [[{ isTTY: false, write: assert.fail }, {}], [{ write: assert.fail }, {}], [terminal(), { quiet: true }]]) {
      const line = progressLine(stream, { ...options, tick: 0 });
      line.update({ phase: 'parse', done: 1, total: 2 });
      line.finish();
      assert.equal(line.shown, false);
      assert.deepEqual(stream.writes ?? [], []);
    }
  });
});
