import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { detectFormat } from '../../web/src/parse-format.js';
import { ParseError } from '../../web/src/parse-error.js';
import { fixture, assertParsed, assertParseError } from './parse-fixtures.js';

test('auto detection: magic bytes win over the name', async () => {
  assertParsed(await parseEmbeddings(fixture('dtype-le-f4.npy'), { name: 'vectors.tsv' }), 'dtype-le-f4.npy');
});

test('auto detection: by name, then by content', () => {
  const bytes = (s) => new TextEncoder().encode(s);
  assert.equal(detectFormat(bytes('1,2'), 'a.tsv').format, 'tsv');
  assert.equal(detectFormat(bytes('1\t2'), 'a.csv').format, 'csv');
  assert.equal(detectFormat(bytes('[1]\n[2]\n'), 'a.jsonl').format, 'jsonl');
  assert.equal(detectFormat(bytes('1\t2\n'), 'data').format, 'tsv');
  assert.equal(detectFormat(bytes('1,2\n'), 'data').format, 'csv');
  assert.deepEqual(detectFormat(bytes('1 2\n'), 'data.txt'), { format: 'tsv', delimiter: ' ' });
  assert.equal(detectFormat(bytes('[[1,2],\n[3,4]]'), 'data').format, 'json');
  assert.equal(detectFormat(bytes('[\n [1,2]\n]'), 'data').format, 'json');
  assert.equal(detectFormat(bytes('{"embedding":[1]}\n{"embedding":[2]}\n'), 'data').format, 'jsonl');
  assert.equal(detectFormat(bytes('{"embedding":[1]}\n'), 'data.json').format, 'json');
});

test('every input type: string, Uint8Array, ArrayBuffer, Blob, File', async () => {
  const text = '1\t2\n3\t4\n';
  const bytes = new TextEncoder().encode(text);
  const inputs = [text, bytes, bytes.buffer, new Blob([text]), new File([text], 'named.tsv')];
  for (const input of inputs) {
    const { data, dims } = await parseEmbeddings(input);
    assert.deepEqual(dims, [2, 2]);
    assert.deepEqual(Array.from(data), [1, 2, 3, 4]);
  }
});

test('a File lends its name to messages', async () => {
  await assertParseError(parseEmbeddings(new File(['1\t2\n3\tx\n'], 'mine.tsv')), 'mine.tsv', { line: 2, column: 2 });
});

test('inputs beyond maxBytes are refused before reading, naming the limit', async () => {
  let read = false;
  const huge = { size: 3 * 2 ** 30, name: 'huge.npy', arrayBuffer: async () => { read = true; return new ArrayBuffer(0); } };
  await assertParseError(parseEmbeddings(huge), 'huge.npy', { contains: '2 GiB limit' });
  assert.equal(read, false);
  await assertParseError(parseEmbeddings(new Blob(['1\t2\n']), { name: 'small.tsv', maxBytes: 3 }), 'small.tsv',
    { contains: 'maxBytes = 3' });
  await assertParseError(parseEmbeddings('1\t2\n', { name: 's.tsv', maxBytes: 3 }), 's.tsv', { contains: 'beyond' });
});

test('empty inputs, whatever the format', async () => {
  for (const name of ['e.npy', 'e.tsv', 'e.csv', 'e.json', 'e.jsonl', 'e']) {
    await assertParseError(parseEmbeddings(new Uint8Array(0), { name }), name, { contains: 'empty' });
  }
  await assertParseError(parseEmbeddings('\n\n  \n', { name: 'blank.tsv' }), 'blank.tsv', { contains: 'empty' });
  await assertParseError(parseEmbeddings('  \n', { name: 'blank.json' }), 'blank.json', { contains: 'empty' });
});

test('unknown formats and input types are ParseErrors too', async () => {
  await assertParseError(parseEmbeddings('1', { name: 'x', format: 'xml' }), 'x', { contains: 'unknown format' });
  await assertParseError(parseEmbeddings(42, { name: 'n' }), 'n', { contains: 'unsupported input type number' });
  await assertParseError(parseEmbeddings(new Uint8Array([0x50, 0x4b, 3, 4, 0]), { name: 'a.npz' }), 'a.npz', { contains: 'zip', offset: 0 });
});

test('errors are ParseError instances with file, line, column and offset fields', async () => {
  try {
    await parseEmbeddings('1,2\n3,abc\n', { name: 'fields.csv' });
    assert.fail('no error');
  } catch (error) {
    assert.ok(error instanceof ParseError && error instanceof Error);
    assert.equal(error.name, 'ParseError');
    assert.deepEqual([error.file, error.line, error.column, error.offset], ['fields.csv', 2, 2, 6]);
    assert.equal(error.message, 'fields.csv:2:2: expected a number, found "abc" (line 2, column 2, counting fields from 1)');
  }
});
