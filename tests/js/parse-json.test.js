import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { expected, fixture, assertParsed, assertFixtureError, assertParseError } from './parse-fixtures.js';

const isJson = (name) => /\.jsonl?$/.test(name);
const good = Object.keys(expected).filter((name) => isJson(name) && expected[name].values);
const bad = Object.keys(expected).filter((name) => isJson(name) && expected[name].error);

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

test('records keep their other scalar fields as metadata', async () => {
  const { metadata } = await parseEmbeddings(fixture('records.jsonl'), { name: 'records.jsonl' });
  assert.deepEqual(metadata.columns, ['id', 'text']);
  assert.deepEqual(metadata.rows[1], ['1', 'beta']);
});

test('embeddingField and labelField name other fields', async () => {
  const text = JSON.stringify([{ emb: [1, 2], title: 'a', text: 'x' }, { emb: [3, 4], title: 'b', text: 'y' }]);
  const result = await parseEmbeddings(text, { name: 'r.json', embeddingField: 'emb', labelField: 'title' });
  assert.deepEqual(Array.from(result.data), [1, 2, 3, 4]);
  assert.deepEqual(result.labels, ['a', 'b']);
  await assertParseError(parseEmbeddings(text, { name: 'r.json' }), 'r.json', { contains: 'embeddingField', row: 1 });
  await assertParseError(parseEmbeddings(text, { name: 'r.json', embeddingField: 'emb', labelField: 'nope' }), 'r.json', { contains: 'nope' });
});

test('the label fields are tried in order: text, label, id, name', async () => {
  const { labels } = await parseEmbeddings('[{"name":"n","id":7,"vector":[1]}]', { name: 'l.json' });
  assert.deepEqual(labels, ['7']);
});

test('a Hugging Face dump named .json that holds JSON Lines', async () => {
  const text = fixture('records.jsonl');
  assertParsed(await parseEmbeddings(text, { name: 'dump.json' }), 'records.jsonl');
});

test('one bare array is one vector; one record is one row', async () => {
  assert.deepEqual((await parseEmbeddings('[1, 2, 3]', { name: 'v.json' })).dims, [1, 3]);
  assert.deepEqual((await parseEmbeddings('{"embedding": [1, 2]}', { name: 'o.json' })).dims, [1, 2]);
});

test('bad vectors: ragged, non-number, null, d = 0, out of float32 range', async () => {
  await assertParseError(parseEmbeddings('[[1,2],[3]]', { name: 'a.json' }), 'a.json', { contains: 'expected 2 values like the first row, found 1', row: 2 });
  await assertParseError(parseEmbeddings('[[1,2],[3,"x"]]', { name: 'a.json' }), 'a.json', { contains: 'found "x"', row: 2, column: 2 });
  await assertParseError(parseEmbeddings('[[1,null]]', { name: 'a.json' }), 'a.json', { contains: 'null', row: 1, column: 2 });
  await assertParseError(parseEmbeddings('[[],[]]', { name: 'a.json' }), 'a.json', { contains: 'd = 0', row: 1 });
  await assertParseError(parseEmbeddings('[[1e39]]', { name: 'a.json' }), 'a.json', { contains: 'out of float32 range', row: 1, column: 1 });
  await assertParseError(parseEmbeddings('[]', { name: 'a.json' }), 'a.json', { contains: 'no vectors' });
});

test('JSONL errors carry the line; vector element columns count from 1', async () => {
  await assertParseError(parseEmbeddings('[1,2]\n[3,4]\n[5,"x"]\n', { name: 'a.jsonl' }), 'a.jsonl',
    { contains: 'found "x"', line: 3, column: 2 });
  await assertParseError(parseEmbeddings('[1,2]\n[3,4\n', { name: 'a.jsonl' }), 'a.jsonl', { contains: 'invalid JSON', line: 2 });
  await assertParseError(parseEmbeddings('[1,2]\n{"embedding":[3,4]}\n', { name: 'a.jsonl' }), 'a.jsonl', { contains: 'array of numbers', line: 2 });
});

test('syntax errors give line and column in characters, NaN is named', async () => {
  await assertParseError(parseEmbeddings('[\n  [1, 2],\n  [3, NaN]\n]', { name: 's.json' }), 's.json',
    { contains: 'NaN', line: 3, column: 7 });
  await assertParseError(parseEmbeddings('[[1, 2],\n [3, 4]', { name: 's.json' }), 's.json',
    { contains: 'truncated', line: 2, column: 8 });
});

test('labels must match the row count', async () => {
  await assertParseError(parseEmbeddings('{"embeddings": [[1], [2]], "labels": ["a"]}', { name: 'm.json' }), 'm.json',
    { contains: '1 labels for 2 rows' });
});

test('deep nesting, valid or not, is a ParseError with the place, at any depth', async () => {
  for (const depth of [4_100, 20_000, 300_000]) {
    const valid = '['.repeat(depth) + ']'.repeat(depth);
    await assertParseError(parseEmbeddings(valid, { name: 'deep.json' }), 'deep.json',
      { contains: 'expected a number, found [[[[', row: 1, column: 1 });
    await assertParseError(parseEmbeddings('['.repeat(depth), { name: 'open.json' }), 'open.json',
      { contains: 'unexpected end of input (truncated JSON?)', line: 1, column: depth + 1 });
    const bad = `${'['.repeat(depth)}1,x${']'.repeat(depth)}`;
    await assertParseError(parseEmbeddings(bad, { name: 'bad.json' }), 'bad.json', { contains: 'unexpected "x"', line: 1, column: depth + 3 });
    await assertParseError(parseEmbeddings(`[1]\n${valid}\n`, { name: 'deep.jsonl' }), 'deep.jsonl',
      { contains: 'expected a number, found [[[[', line: 2, column: 1 });
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await assertParseError(parseEmbeddings(`[[1, ${objects}]]`, { name: 'obj.json' }), 'obj.json',
      { contains: 'expected a number, found {"a":{"a":', row: 1, column: 2 });
  }
});

test('deeply nested labels and metadata are refused with their row; shallow ones are kept as JSON', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  await assertParseError(parseEmbeddings(`{"embeddings": [[1], [2]], "labels": ["a", ${deep}]}`, { name: 'l.json' }), 'l.json',
    { contains: 'a label is an object or array nested more than 100 levels deep', row: 2 });
  await assertParseError(parseEmbeddings(`[{"embedding": [1], "tag": 1}, {"embedding": [2], "tag": ${deep}}]`, { name: 'm.json' }), 'm.json',
    { contains: 'nested more than 100 levels deep', row: 2 });
  const { labels } = await parseEmbeddings('{"embeddings": [[1]], "labels": [[[1, {"a": null}]]]}', { name: 'ok.json' });
  assert.deepEqual(labels, ['[[1,{"a":null}]]']);
});

test('messages preview long values in 40 characters, as before', async () => {
  const long = Array.from({ length: 100_000 }, (_, i) => i);
  await assertParseError(parseEmbeddings(JSON.stringify([[1, long]]), { name: 'p.json' }), 'p.json',
    { contains: `found ${JSON.stringify(long).slice(0, 40)}… (row 1, column 2)` });
  await assertParseError(parseEmbeddings('[[1, {"k": "v"}]]', { name: 'p.json' }), 'p.json', { contains: 'found {"k":"v"} (row 1, column 2)' });
});
