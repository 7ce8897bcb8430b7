// UTF-16 text files (Windows "Unicode", PowerShell 5's `>`), little- and
// big-endian, with and without a byte order mark, read as their UTF-8 twins.
// The fixtures are written by scripts/make-parser-fixtures.py with Python's
// own UTF-16 codecs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { parseMetadata } from '../../web/src/parse-metadata.js';
import { detectFormat } from '../../web/src/parse-format.js';
import { detectUtf16 } from '../../web/src/parse-encoding.js';
import { expected, fixture, assertParsed, assertParseError } from './parse-fixtures.js';

const VARIANTS = ['le-bom', 'le', 'be-bom', 'be'];

/** `text` as UTF-16 bytes, encoded by Node's Buffer (not by the code under test). */
function utf16(text, { be = false, bom = false } = {}) {
  const bytes = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (be) bytes.swap16();
  return new Uint8Array(bytes);
}

for (const variant of VARIANTS) {
  for (const extension of ['tsv', 'csv', 'json', 'jsonl']) {
    const name = `utf16${variant}.${extension}`;
    test(`reads ${name}: values and non-ASCII labels`, async () => {
      const result = await parseEmbeddings(fixture(name), { name });
      assertParsed(result, name);
      assert.deepEqual(result.labels, ['café', '東京', 'naïve', 'plain']);
    });
  }

  test(`reads metadata-utf16${variant}.tsv`, async () => {
    const name = `metadata-utf16${variant}.tsv`;
    const { columns, rows } = expected[name];
    assert.deepEqual(await parseMetadata(fixture(name), { name }), { columns, rows });
  });

  test(`utf16${variant}: the format is found by content, with no name`, async () => {
    for (const extension of ['tsv', 'csv', 'json', 'jsonl']) {
      const bytes = fixture(`utf16${variant}.${extension}`);
      assert.equal(detectFormat(bytes, 'data').format, extension, `detectFormat of utf16${variant}.${extension}`);
      assertParsed(await parseEmbeddings(bytes, { name: 'data' }), `utf16${variant}.${extension}`);
    }
  });
}

test('errors in UTF-16 files give the same line and column as in UTF-8', async () => {
  for (const be of [false, true]) {
    for (const bom of [false, true]) {
      const tsv = utf16('word\tx\ty\nkey\t1\t2\nother\t3\tabc\n', { be, bom });
      await assertParseError(parseEmbeddings(tsv, { name: 'bad.tsv' }), 'bad.tsv',
        { contains: 'expected a number, found "abc"', line: 3, column: 3 });
      const json = utf16('[\n  [1, 2],\n  [3, NaN]\n]', { be, bom });
      await assertParseError(parseEmbeddings(json, { name: 'bad.json' }), 'bad.json', { contains: 'NaN', line: 3, column: 7 });
      const jsonl = utf16('{"embedding": [1, 2]}\n{"embedding": [3, "x"]}\n', { be, bom });
      await assertParseError(parseEmbeddings(jsonl, { name: 'bad.jsonl' }), 'bad.jsonl', { contains: 'found "x"', line: 2, column: 2 });
      const metadata = utf16('a\tb\nc\n', { be, bom });
      await assertParseError(parseMetadata(metadata, { name: 'm.tsv' }), 'm.tsv', { contains: 'found 1', line: 2 });
    }
  }
});

test('detection: a byte order mark, or NUL bytes on one side of most characters', () => {
  assert.equal(detectUtf16(utf16('1\t2\n', { bom: true })), 'utf-16le');
  assert.equal(detectUtf16(utf16('1\t2\n', { be: true, bom: true })), 'utf-16be');
  assert.equal(detectUtf16(utf16('1\t2\n')), 'utf-16le');
  assert.equal(detectUtf16(utf16('1\t2\n', { be: true })), 'utf-16be');
  assert.equal(detectUtf16(utf16('1')), 'utf-16le'); // a single character
  // Mostly CJK labels still leave the digits' NUL bytes.
  assert.equal(detectUtf16(utf16('一\t0.5\t0.25\n東京\t1\t2\n', { be: true })), 'utf-16be');
  assert.equal(detectUtf16(new TextEncoder().encode('café\t1\t2\n')), null);
  assert.equal(detectUtf16(new Uint8Array(0)), null);
  assert.equal(detectUtf16(new Uint8Array([0, 0, 0, 0])), null);
});

test('a .npy file is never taken for UTF-16, whatever its NUL bytes', async () => {
  const name = 'dtype-u1.npy';
  assertParsed(await parseEmbeddings(fixture(name), { name }), name);
  assertParsed(await parseEmbeddings(fixture(name), { name: 'data', format: 'npy' }), name);
});

test('a file larger than one conversion chunk converts whole', async () => {
  const row = 'label\t0.5\t-0.25\t1e-3\n';
  const text = `x\ty\tz\tw\n${row.repeat(100_000)}`; // 2 MiB as UTF-8, 4 MiB as UTF-16
  const { dims, labels } = await parseEmbeddings(new Blob([utf16(text, { be: true, bom: true })]), { name: 'big.tsv' });
  assert.deepEqual(dims, [100_000, 3]);
  assert.equal(labels.at(-1), 'label');
});
