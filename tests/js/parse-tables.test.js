// Parquet (written by DuckDB), Arrow IPC (written by apache-arrow) and
// safetensors (written by hand from the spec): fixtures and expected values
// from scripts/make-table-fixtures.js and scripts/make-safetensors-fixtures.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';

import { ParseError, detectFormat, parseEmbeddings, parseEmbeddingsOffThread } from '../../web/src/index.js';
import { decodeLevels } from '../../web/src/parquet-levels.js';

const dir = new URL('../fixtures/tables/', import.meta.url);
const bytesOf = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = {
  ...JSON.parse(readFileSync(new URL('expected-tables.json', dir), 'utf8')),
  ...JSON.parse(readFileSync(new URL('expected-safetensors.json', dir), 'utf8')),
};

function assertGood(result, name) {
  const want = expected[name];
  assert.deepEqual(result.dims, want.shape, `${name}: dims`);
  assert.ok(result.data instanceof Float32Array);
  assert.deepEqual(Array.from(result.data), want.values.map(Math.fround), `${name}: values`);
  if (want.labels) assert.deepEqual(result.labels, want.labels, `${name}: labels come from the text column`);
  if (want.columns) assert.deepEqual(result.metadata.columns, want.columns, `${name}: metadata columns`);
}

async function assertError(promise, file, { contains, row, rowGroup, column, offset } = {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${error?.stack ?? error}`);
    assert.equal(error.file, file);
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    if (contains) assert.ok(error.message.includes(contains), `${JSON.stringify(error.message)} includes ${JSON.stringify(contains)}`);
    if (row !== undefined) assert.equal(error.row, row, error.message);
    if (rowGroup !== undefined) {
      assert.equal(error.rowGroup, rowGroup, error.message);
      assert.ok(error.message.includes(`row group ${rowGroup}`), error.message);
    }
    if (column !== undefined) assert.equal(error.column, column, error.message);
    if (offset !== undefined) assert.ok(error.message.includes(`byte offset ${offset}`), error.message);
    return true;
  });
}

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'];

test('Parquet from DuckDB in every codec, list form: vectors, labels from the text column, other columns as metadata', async () => {
  for (const codec of CODECS) {
    const name = `list-${codec}.parquet`;
    const result = await parseEmbeddings(bytesOf(name), { name });
    assertGood(result, name);
    assert.deepEqual(result.metadata.rows[0], ['0', 'item 0 even', 'a']);
  }
});

test('Parquet: DuckDB FLOAT[n] arrays, DOUBLE lists and several float columns', async () => {
  for (const name of ['array-float.parquet', 'list-double.parquet', 'columns.parquet']) {
    assertGood(await parseEmbeddings(bytesOf(name), { name }), name);
  }
  const picked = await parseEmbeddings(bytesOf('columns.parquet'), { name: 'columns.parquet', column: ['x2', 'x1'] });
  assert.deepEqual(picked.dims, [12, 2]);
  const want = expected['columns.parquet'].values;
  assert.deepEqual(Array.from(picked.data.subarray(0, 2)), [want[1], want[0]].map(Math.fround));
});

test('Parquet row groups and pages stream into one array, equal to what DuckDB reads', async () => {
  const want = expected['row-groups.parquet'];
  assert.ok(want.rowGroups >= 3, 'the fixture has several row groups');
  const result = await parseEmbeddings(bytesOf('row-groups.parquet'), { name: 'row-groups.parquet' });
  assert.deepEqual(result.dims, want.shape);
  for (const [id, vector] of Object.entries(want.sample)) {
    assert.deepEqual(Array.from(result.data.subarray(id * 16, id * 16 + 16)), vector.map(Math.fround), `row ${id}`);
  }
  let sum = 0;
  for (const x of result.data) sum += x;
  assert.ok(Math.abs(sum - want.sum) < 1e-6, `sum ${sum} vs DuckDB's ${want.sum}`);
  assert.equal(result.labels[4999], 'row 4999');
});

test('a File is read piece by piece and gives the same result as its bytes', async () => {
  const bytes = bytesOf('row-groups.parquet');
  const sliced = [];
  const blob = new Blob([bytes]);
  const file = Object.assign(blob, { name: 'row-groups.parquet' });
  const slice = blob.slice.bind(blob);
  file.slice = (start, end) => { sliced.push((end ?? bytes.length) - (start ?? 0)); return slice(start, end); };
  const fromFile = await parseEmbeddings(file);
  const fromBytes = await parseEmbeddings(bytes, { name: 'row-groups.parquet' });
  assert.deepEqual(Array.from(fromFile.data), Array.from(fromBytes.data));
  // hyparquet's first read takes the footer (up to 512 KiB, here the whole
  // small file); after it, each row group's column chunk is its own read.
  const chunkReads = sliced.slice(sliced.indexOf(bytes.length) + 1);
  assert.ok(chunkReads.length >= expected['row-groups.parquet'].rowGroups, `reads: ${sliced}`);
  assert.ok(Math.max(...chunkReads) < bytes.length / 2, `reads: ${sliced}`);
});

test('format auto: magic bytes first, then the name', async () => {
  assert.equal(detectFormat(bytesOf('list-zstd.parquet'), 'x.bin').format, 'parquet');
  assert.equal(detectFormat(bytesOf('fixed.arrow'), 'x.bin').format, 'arrow');
  assert.equal(detectFormat(bytesOf('list.arrows'), 'x.bin').format, 'arrow');
  assert.equal(detectFormat(bytesOf('embeddings-f32.safetensors'), 'x.bin').format, 'safetensors');
  assert.equal(detectFormat(new Uint8Array([1, 2, 3]), 'x.feather').format, 'arrow');
  assert.equal(detectFormat(new Uint8Array([1, 2, 3]), 'x.safetensors').format, 'safetensors');
  // A named format needs no magic: a renamed file still parses.
  assertGood(await parseEmbeddings(bytesOf('fixed.arrow'), { name: 'vectors.bin', format: 'arrow' }), 'fixed.arrow');
});

test('several list columns: the error lists them and the column option picks one', async () => {
  await assertError(parseEmbeddings(bytesOf('two-lists.parquet'), { name: 'two-lists.parquet' }), 'two-lists.parquet',
    { contains: 'several columns could be the embeddings: a (list<float>), b (list<float>)' });
  await assert.rejects(parseEmbeddings(bytesOf('two-lists.parquet'), { name: 't.parquet' }), (error) => {
    assert.equal(error.code, 'AMBIGUOUS_COLUMN');
    assert.deepEqual(error.candidates, ['a', 'b']);
    return true;
  });
  const b = await parseEmbeddings(bytesOf('two-lists.parquet'), { name: 't.parquet', column: 'b' });
  const a = await parseEmbeddings(bytesOf('two-lists.parquet'), { name: 't.parquet', column: 'a' });
  assert.deepEqual(Array.from(b.data), Array.from(a.data, (x) => x * 2));
  assert.deepEqual(b.metadata.columns, ['text'], 'the other list column is not metadata');
});

test('bad Parquet files: positioned errors', async () => {
  const check = (name, where, options) => assertError(parseEmbeddings(bytesOf(name), { name, ...options }), name, where);
  await check('null-row.parquet', { contains: 'null in the embedding column', row: 8, rowGroup: 0, column: 'embedding', offset: '' });
  await check('null-element.parquet', { contains: 'null value inside a list', row: 5, rowGroup: 0 });
  await check('ragged.parquet', { contains: 'ragged lists: this row has 3 values, the first row 4', row: 6, rowGroup: 0 });
  await check('empty-list.parquet', { contains: 'empty list', row: 10 });
  await check('nan.parquet', { contains: 'not a finite number', row: 4, rowGroup: 0 });
  await check('int-list.parquet', { contains: 'no embedding column' });
  await check('int-list.parquet', { contains: 'column "embedding" is list<int32>, not a list of float or double' }, { column: 'embedding' });
  await check('no-vectors.parquet', { contains: 'columns: text (string), grp (string)' });
  await check('list-zstd.parquet', { contains: 'no column "vectors"; columns: id (int64), text (string), grp (string), embedding (list<float>)' }, { column: 'vectors' });
  await check('truncated.parquet', { contains: 'truncated', offset: bytesOf('truncated.parquet').length - 4 });
  await check('cut-middle.parquet', { contains: 'cannot read this Parquet file' });
});

test('Arrow IPC from apache-arrow: file and stream, fixed_size_list, list<double>, float columns', async () => {
  for (const name of ['fixed.arrow', 'list.arrows', 'columns.feather']) assertGood(await parseEmbeddings(bytesOf(name), { name }), name);
});

test('bad Arrow files: positioned errors', async () => {
  const check = (name, where) => assertError(parseEmbeddings(bytesOf(name), { name }), name, where);
  await check('null-row.arrows', { contains: 'null in the embedding column', rowGroup: 1, row: 9, column: 'embedding' });
  await check('ragged.arrow', { contains: 'ragged lists: this row has 3 values', rowGroup: 0, row: 3 });
  await check('truncated.arrow', { contains: 'cannot read this Arrow IPC file' });
});

test('safetensors: F32, F64, F16 and BF16; the tensor option; the only 2-D float tensor', async () => {
  for (const dtype of ['f32', 'f64', 'f16', 'bf16']) {
    const name = `embeddings-${dtype}.safetensors`;
    assertGood(await parseEmbeddings(bytesOf(name), { name }), name);
  }
  const name = 'several.safetensors';
  assertGood(await parseEmbeddings(bytesOf(name), { name, tensor: 'embeddings' }), name);
  await assert.rejects(parseEmbeddings(bytesOf(name), { name }), (error) => {
    assert.ok(error.message.includes('embeddings (F32 [6,5]), projection (F32 [6,5])'), error.message);
    assert.deepEqual(error.candidates, expected[name].candidates);
    assert.equal(error.code, 'AMBIGUOUS_TENSOR');
    return true;
  });
});

test('bad safetensors files: clear errors with byte offsets', async () => {
  const check = (name, where, options) => assertError(parseEmbeddings(bytesOf(name), { name, ...options }), name, where);
  await check('int32.safetensors', { contains: 'is I32; embeddings must be F32, F16, BF16 or F64' }, { tensor: 'embeddings' });
  await check('int32.safetensors', { contains: 'no 2-D float tensor' });
  await check('several.safetensors', { contains: 'tensor "ids" is I64' }, { tensor: 'ids' });
  await check('several.safetensors', { contains: 'has shape [5]' }, { tensor: 'bias' });
  await check('several.safetensors', { contains: 'no tensor "nope"; tensors: bias (F32 [5])' }, { tensor: 'nope' });
  await check('truncated.safetensors', { contains: 'truncated', offset: '' });
  await check('wrong-offsets.safetensors', { contains: 'hold 120 bytes, but F32 [6,4] needs 96' });
  await check('cube.safetensors', { contains: 'no 2-D float tensor' });
  await check('nan.safetensors', { contains: 'not a finite number', row: 3, column: 4 });
});

test('off the thread: the same vectors and metadata; an ambiguity keeps its candidates', async () => {
  const name = 'list-snappy.parquet';
  const result = await parseEmbeddingsOffThread(bytesOf(name), { name });
  assertGood(result, name);
  await assert.rejects(parseEmbeddingsOffThread(bytesOf('two-lists.parquet'), { name: 'two-lists.parquet' }), (error) => {
    assert.ok(error instanceof ParseError);
    assert.deepEqual(error.candidates, ['a', 'b']);
    assert.equal(error.code, 'AMBIGUOUS_COLUMN');
    return true;
  });
  await assertError(parseEmbeddingsOffThread(bytesOf('null-row.parquet'), { name: 'null-row.parquet' }), 'null-row.parquet', { row: 8, rowGroup: 0, column: 'embedding' });
});

test('level decoding equals hyparquet\'s on random RLE / bit-packed streams', () => {
  let seed = 7;
  const random = (n) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
  for (let trial = 0; trial < 200; trial++) {
    const max = 1 + random(7);
    const width = 32 - Math.clz32(max);
    const bytes = [];
    const want = [];
    while (want.length < 300) {
      if (random(2)) {
        const count = 1 + random(40);
        const value = random(max + 1);
        let header = count << 1;
        do { bytes.push((header & 0x7f) | (header > 0x7f ? 0x80 : 0)); header >>>= 7; } while (header);
        for (let k = 0; k < ((width + 7) >> 3); k++) bytes.push((value >> (8 * k)) & 0xff);
        for (let k = 0; k < count; k++) want.push(value);
      } else {
        const groups = 1 + random(3);
        bytes.push(((groups << 1) | 1));
        let buffer = 0;
        let bits = 0;
        for (let k = 0; k < groups * 8; k++) {
          const value = random(max + 1);
          want.push(value);
          buffer |= value << bits;
          bits += width;
          while (bits >= 8) { bytes.push(buffer & 0xff); buffer >>>= 8; bits -= 8; }
        }
      }
    }
    const encoded = Uint8Array.from(bytes);
    const count = want.length - random(5);
    const ours = decodeLevels(encoded, 0, encoded.length, max, count);
    const theirs = new Array(count);
    readRleBitPackedHybrid({ view: new DataView(encoded.buffer), offset: 0 }, width, theirs, encoded.length);
    assert.deepEqual(Array.from(ours), theirs, `trial ${trial}`);
    assert.deepEqual(Array.from(ours), want.slice(0, count));
  }
});

test('the command line reads Parquet with its own label and group columns, and --column / --tensor', async () => {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const cli = new URL('../../bin/cosine-heatmap.js', import.meta.url).pathname;
  const dir = await mkdtemp(join(tmpdir(), 'cli-tables-'));
  const run = (args) => new Promise((resolve) => {
    execFile(process.execPath, [cli, 'report', ...args, '--workers', '1', '-q'], (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stdout, stderr }));
  });
  try {
    const json = join(dir, 'stats.json');
    const table = (name) => new URL(`../fixtures/tables/${name}`, import.meta.url).pathname;
    const ok = await run([table('list-zstd.parquet'), '--group-column', 'grp', '--order', 'groups', '--json', json]);
    assert.equal(ok.code, 0, ok.stderr);
    const stats = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(stats.n, 12);
    // DuckDB wrote grp = 'a' for ids divisible by 3: 4 of 12.
    assert.deepEqual(stats.groups.perGroup.map((g) => [g.name, g.size]), [['a', 4], ['b', 8]], 'group statistics from the grp column');
    const picked = await run([table('two-lists.parquet'), '--column', 'b', '--json', json]);
    assert.equal(picked.code, 0, picked.stderr);
    const ambiguous = await run([table('two-lists.parquet'), '--json', json]);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /two-lists\.parquet: several columns could be the embeddings: a \(list<float>\), b \(list<float>\)/);
    const tensor = await run([table('several.safetensors'), '--tensor', 'projection', '--json', json]);
    assert.equal(tensor.code, 0, tensor.stderr);
    const usage = await run([table('embeddings-f32.safetensors'), '--group-column', 'x', '--json', json]);
    assert.equal(usage.code, 2, 'a safetensors file has no columns: --group-column needs --labels');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
