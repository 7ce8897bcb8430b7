import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { parseMetadata, attachMetadata } from '../../web/src/parse-metadata.js';
import { ParseError } from '../../web/src/parse-error.js';
import { expected, fixture, assertParseError } from './parse-fixtures.js';

test('a single-column metadata.tsv has no header; its column is "label"', async () => {
  const m = await parseMetadata(fixture('metadata.tsv'), { name: 'metadata.tsv' });
  assert.deepEqual(m, { columns: expected['metadata.tsv'].columns, rows: expected['metadata.tsv'].rows });
});

test('several columns take a header row', async () => {
  const m = await parseMetadata(fixture('metadata-multi.tsv'), { name: 'metadata-multi.tsv' });
  assert.deepEqual(m, { columns: expected['metadata-multi.tsv'].columns, rows: expected['metadata-multi.tsv'].rows });
});

test('blank lines in the middle are empty labels; trailing ones are dropped', async () => {
  const m = await parseMetadata('a\n\nc\n\n\n', { name: 'm.tsv' });
  assert.deepEqual(m.rows, [['a'], [''], ['c']]);
});

test('CSV metadata with quotes, BOM and CRLF', async () => {
  const m = await parseMetadata('\uFEFFword,note\r\n"a, b","say ""hi"""\r\nc,d\r\n', { name: 'm.csv' });
  assert.deepEqual(m, { columns: ['word', 'note'], rows: [['a, b', 'say "hi"'], ['c', 'd']] });
});

test('non-UTF-8 bytes become replacement characters', async () => {
  const m = await parseMetadata(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x78, 0x0a]), { name: 'latin1.tsv' });
  assert.deepEqual(m.rows, [['caf\uFFFD'], ['x']]);
});

test('bad metadata: empty, header only, ragged', async () => {
  await assertParseError(parseMetadata('', { name: 'm.tsv' }), 'm.tsv', { contains: 'empty' });
  await assertParseError(parseMetadata('word\tgroup\n', { name: 'm.tsv' }), 'm.tsv', { contains: 'header only', line: 1 });
  await assertParseError(parseMetadata('word\tgroup\na\tb\nc\n', { name: 'm.tsv' }), 'm.tsv',
    { contains: 'expected 2 fields like the header, found 1', line: 3, column: 2 });
});

test('attachMetadata joins rows and takes labels from a column', async () => {
  const e = await parseEmbeddings(fixture('vectors.tsv'), { name: 'vectors.tsv' });
  const m = await parseMetadata(fixture('metadata-multi.tsv'), { name: 'metadata-multi.tsv' });
  const joined = attachMetadata(e, m, { labelColumn: 'group' });
  assert.equal(joined.data, e.data);
  assert.deepEqual(joined.labels, m.rows.map((r) => r[1]));
  assert.equal(joined.metadata, m);
  assert.deepEqual(attachMetadata(e, m).labels, m.rows.map((r) => r[0]));
});

test('embeddings and metadata with different row counts are refused with both counts', async () => {
  const e = await parseEmbeddings(fixture('vectors.tsv'), { name: 'vectors.tsv' });
  const m = await parseMetadata(fixture('metadata-short.tsv'), { name: 'metadata-short.tsv' });
  assert.throws(() => attachMetadata(e, m, { file: 'vectors.tsv', metadataFile: 'metadata-short.tsv' }), (error) => {
    assert.ok(error instanceof ParseError);
    assert.match(error.message, /vectors\.tsv has 8 rows but metadata-short\.tsv has 7 rows/);
    return true;
  });
  await assertParseError(parseEmbeddings(fixture('vectors.tsv'), { name: 'vectors.tsv', metadata: m, metadataName: 'metadata-short.tsv' }),
    'metadata-short.tsv', { contains: 'has 8 rows but metadata-short.tsv has 7 rows' });
});

test('the metadata option attaches labels in parseEmbeddings', async () => {
  const m = await parseMetadata(fixture('metadata.tsv'), { name: 'metadata.tsv' });
  const e = await parseEmbeddings(fixture('vectors.tsv'), { name: 'vectors.tsv', metadata: m });
  assert.deepEqual(e.labels, m.rows.map((r) => r[0]));
});
