import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { expected, fixture, assertParsed, assertFixtureError, assertParseError } from './parse-fixtures.js';

const isText = (name) => /\.(tsv|csv|txt)$/.test(name) && !name.startsWith('metadata');
const good = Object.keys(expected).filter((name) => isText(name) && expected[name].values);
const bad = Object.keys(expected).filter((name) => isText(name) && expected[name].error);

for (const name of good) {
  test(`reads ${name} as numpy does`, async () => {
    assertParsed(await parseEmbeddings(fixture(name), { name }), name);
  });
}

for (const name of bad) {
  test(`rejects ${name}, naming the file and the place`, async () => {
    await assertFixtureError(parseEmbeddings(fixture(name), { name }), name);
  });
}

test('the Projector vectors.tsv has no header and no labels', async () => {
  const result = await parseEmbeddings(fixture('vectors.tsv'), { name: 'vectors.tsv' });
  assert.equal(result.labels, undefined);
  assert.deepEqual(result.dims, [8, 6]);
});

test('labels with bytes that are not UTF-8 decode to replacement characters', async () => {
  const { labels } = await parseEmbeddings(fixture('labelled.tsv'), { name: 'labelled.tsv' });
  assert.equal(labels[3], 'caf\uFFFD');
});

test('header, BOM, CRLF, quotes with commas, doubled quotes and line breaks', async () => {
  const { labels } = await parseEmbeddings(fixture('header.csv'), { name: 'header.csv' });
  assert.deepEqual(labels, ['plain', 'Smith, "J"', 'two\nlines', 'end']);
});

test('exponents in both cases and signs', async () => {
  const { data } = await parseEmbeddings('1e-3,-2.5E+02,+4.5e1,.5,7.\n', { name: 'e.csv' });
  assert.deepEqual(Array.from(data), [1e-3, -250, 45, 0.5, 7].map(Math.fround));
});

test('long mantissas and far exponents round like numpy', async () => {
  const text = '0.123456789012345678901\t1.5e-40\t3.4028234e38\t-1e-310\n';
  const { data } = await parseEmbeddings(text, { name: 'long.tsv' });
  assert.deepEqual(Array.from(data), [0.123456789012345678901, 1.5e-40, 3.4028234e38, -1e-310].map(Math.fround));
});

test('a header is detected from text in numeric columns, with or without a label column', async () => {
  const plain = await parseEmbeddings('x,y\n1,2\n3,4\n', { name: 'h.csv' });
  assert.deepEqual(plain.dims, [2, 2]);
  assert.equal(plain.labels, undefined);
  const labelled = await parseEmbeddings('word,x,y\na,1,2\nb,3,4\n', { name: 'h.csv' });
  assert.deepEqual(labelled.dims, [2, 2]);
  assert.deepEqual(labelled.labels, ['a', 'b']);
});

test('a header named id marks numeric-looking labels', async () => {
  const { labels, dims } = await parseEmbeddings('id,x,y\n10,1,2\n11,3,4\n', { name: 'ids.csv' });
  assert.deepEqual(labels, ['10', '11']);
  assert.deepEqual(dims, [2, 2]);
});

test('labelColumn by name or by 0-based index, anywhere in the row', async () => {
  const byName = await parseEmbeddings('x,y,key\n1,2,k1\n3,4,k2\n', { name: 'l.csv', labelColumn: 'key' });
  assert.deepEqual(byName.labels, ['k1', 'k2']);
  assert.deepEqual(Array.from(byName.data), [1, 2, 3, 4]);
  const byIndex = await parseEmbeddings('1\t7\t2\n3\t8\t4\n', { name: 'l.tsv', labelColumn: 1 });
  assert.deepEqual(byIndex.labels, ['7', '8']);
  assert.deepEqual(Array.from(byIndex.data), [1, 2, 3, 4]);
  await assertParseError(parseEmbeddings('x,y\n1,2\n', { name: 'l.csv', labelColumn: 'nope' }), 'l.csv', { contains: 'nope', line: 1 });
  await assertParseError(parseEmbeddings('1,2\n', { name: 'l.csv', labelColumn: 5 }), 'l.csv', { contains: 'out of range' });
});

test('header: false forces the first row to be data (its text in column 1 reads as a label)', async () => {
  await assertParseError(parseEmbeddings('x,y\n1,2\n', { name: 'f.csv', header: false }), 'f.csv',
    { contains: 'expected a number, found "y"', line: 1, column: 2 });
});

test('one row is accepted', async () => {
  const { dims } = await parseEmbeddings('0.5\t0.25\n', { name: 'one.tsv' });
  assert.deepEqual(dims, [1, 2]);
});

test('a final line without a line break, and trailing blank lines', async () => {
  assert.deepEqual((await parseEmbeddings('1\t2\n3\t4', { name: 'a.tsv' })).dims, [2, 2]);
  assert.deepEqual((await parseEmbeddings('1\t2\r\n3\t4\r\n\r\n\n', { name: 'b.tsv' })).dims, [2, 2]);
});

test('bad cells: empty, NaN, Inf, out of float32 range, garbage after a number', async () => {
  const cases = [
    ['1,2\n3,\n', 'an empty cell', 2, 2],
    ['1,2\n3,nan\n', 'NaN is not allowed', 2, 2],
    ['1,2\n3,Infinity\n', 'infinite values are not allowed', 2, 2],
    ['1,2\n1e39,2\n', 'out of float32 range', 2, 1],
    ['1,2\n3,4x\n', 'expected a number, found "4x"', 2, 2],
    ['1,2\n"3","abc"\n', 'expected a number, found "abc"', 2, 2],
  ];
  for (const [text, contains, line, column] of cases) {
    await assertParseError(parseEmbeddings(text, { name: 'bad.csv' }), 'bad.csv', { contains, line, column });
  }
});

test('ragged rows say the expected and the found field count', async () => {
  await assertParseError(parseEmbeddings('1\t2\t3\n4\t5\n', { name: 'r.tsv' }), 'r.tsv',
    { contains: 'expected 3 fields, found 2', line: 2, column: 3 });
  await assertParseError(parseEmbeddings('1\t2\n3\t4\t5\t6\n', { name: 'r.tsv' }), 'r.tsv',
    { contains: 'expected 2 fields, found 4', line: 2, column: 3 });
});

test('line numbers count the line breaks inside quoted cells', async () => {
  await assertParseError(parseEmbeddings('a,1\n"b\nc",2\nd,x\n', { name: 'q.csv' }), 'q.csv',
    { contains: 'found "x"', line: 4, column: 2 });
});

test('an unterminated quote in a CSV is an error; in a TSV the quote is literal', async () => {
  await assertParseError(parseEmbeddings('a,1\n"b,2\n', { name: 'u.csv' }), 'u.csv', { contains: 'unterminated', line: 2, column: 1 });
  const { labels } = await parseEmbeddings('"quoted" word\t1\nb\t2\n', { name: 'u.tsv' });
  assert.deepEqual(labels, ['"quoted" word', 'b']);
});

test('a blank line inside the data is refused (it would shift labels)', async () => {
  await assertParseError(parseEmbeddings('1\t2\n\n3\t4\n', { name: 'gap.tsv' }), 'gap.tsv', { contains: 'blank line', line: 2 });
});

test('progress reports bytes, at most about 100 times', async () => {
  const row = `${Array.from({ length: 64 }, (_, i) => (i / 7).toFixed(6)).join('\t')}\n`;
  const text = row.repeat(20000); // about 10 MB
  const seen = [];
  await parseEmbeddings(text, { name: 'big.tsv', onProgress: (p) => seen.push(p) });
  assert.ok(seen.length >= 2 && seen.length <= 102, `${seen.length} calls`);
  assert.equal(seen.at(-1).done, seen.at(-1).total);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].done >= seen[i - 1].done);
});

test('a first row that is partly numeric is an error naming the cell, not a header', async () => {
  await assert.rejects(parseEmbeddings('1,2,abc\n4,5,6\n7,8,9', { name: 'p.csv' }), {
    name: 'ParseError',
    message: 'p.csv:1:3: expected a number, found "abc": the first row mixes numbers (column 1: "1") and text, ' +
      'so it is neither a header (all text) nor a row of numbers (pass header: true if it is a header) ' +
      '(line 1, column 3, counting fields from 1)',
  });
  const cases = [
    ['1\tx\ty\n1\t2\t3\n', 'found "x"', 2], // a number where a header name belongs
    ['a\t1\tx\nb\t2\t3\n', 'found "x"', 3], // a label column, then a number and a text
    ['1\t\t3\n1\t2\t3\n', 'found an empty cell', 2],
  ];
  for (const [text, contains, column] of cases) {
    await assertParseError(parseEmbeddings(text, { name: 'p.tsv' }), 'p.tsv', { contains, line: 1, column });
  }
});

test('the partly numeric first row is read as asked: header: true, or a label column by index', async () => {
  const asHeader = await parseEmbeddings('1,2,abc\n4,5,6\n7,8,9', { name: 'p.csv', header: true });
  assert.deepEqual(asHeader.dims, [2, 3]);
  const labelled = await parseEmbeddings('1,2,abc\n4,5,six\n', { name: 'p.csv', labelColumn: 2 });
  assert.deepEqual(labelled.labels, ['abc', 'six']);
  assert.deepEqual(Array.from(labelled.data), [1, 2, 4, 5]);
});

test('a text label in front of numbers is data; a first row all text is a header', async () => {
  const auto = await parseEmbeddings('apple\t1\t2\npear\t3\t4\n', { name: 'l.tsv' });
  assert.deepEqual([auto.dims, auto.labels], [[2, 2], ['apple', 'pear']]);
  const named = await parseEmbeddings('label\tx\ty\napple\t1\t2\n', { name: 'l.tsv', labelColumn: 0 });
  assert.deepEqual([named.dims, named.labels], [[1, 2], ['apple']]);
  const noHeader = await parseEmbeddings('apple\t1\t2\npear\t3\t4\n', { name: 'l.tsv', labelColumn: 0 });
  assert.deepEqual([noHeader.dims, noHeader.labels], [[2, 2], ['apple', 'pear']]);
  // Header names that look like numbers in the label column do not matter.
  const idHeader = await parseEmbeddings('0\tx\ty\napple\t1\t2\n', { name: 'l.tsv', labelColumn: 0 });
  assert.deepEqual([idHeader.dims, idHeader.labels], [[1, 2], ['apple']]);
});

test('mixed delimiters are an error that points at the change', async () => {
  await assert.rejects(parseEmbeddings('1,2\t3\n4\t5,6', { name: 'm.csv' }), {
    name: 'ParseError',
    message: 'm.csv:1:4: mixed delimiters: fields are separated by commas, but field 2 ("2\\t3") holds a tab here ' +
      '(line 1, column 4, counting characters from 1)',
  });
  await assert.rejects(parseEmbeddings('1,2\t3\n4\t5,6', { name: 'm.tsv' }), {
    message: 'm.tsv:1:2: mixed delimiters or a decimal comma: fields are separated by tabs, but field 1 ("1,2") ' +
      'holds a comma here (numbers need a decimal point); if column 1 holds labels, pass labelColumn: 0 ' +
      '(line 1, column 2, counting characters from 1)',
  });
  await assertParseError(parseEmbeddings('0.5\t1,2,3\n', { name: 'm.tsv' }), 'm.tsv',
    { contains: 'mixed delimiters: fields are separated by tabs, but field 2 ("1,2,3") holds a comma here (line 1', line: 1, column: 6 });
  const cases = [
    ['1,2\n3\t4,5\n', 'm.csv', 2, 2],
    ['1\t2\n3\t4,5\n', 'm.tsv', 2, 4],
    ['x,y\n1,2\n3,4\t5\n', 'm.csv', 3, 4],
    ['\uFEFF1,2\t3\n', 'm.csv', 1, 4], // a BOM is not a character of the line
    ['"a\nb",1,2\n"c",3,4\t5\n', 'm.csv', 3, 8], // the row began on an earlier line
  ];
  for (const [text, name, line, column] of cases) {
    await assertParseError(parseEmbeddings(text, { name }), name, { contains: 'mixed delimiters', line, column });
  }
});

test('a quoted cell may hold the other delimiter', async () => {
  const { labels, dims } = await parseEmbeddings('"1\t2",3\n"4\t5",6\n', { name: 'q.csv' });
  assert.deepEqual([labels, dims], [['1\t2', '4\t5'], [2, 1]]);
});
