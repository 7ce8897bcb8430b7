import assert from 'node:assert/strict';
import test from 'node:test';

import { ParseError, parseEmbeddings, parseEmbeddingsOffThread, parseMetadataOffThread } from '../../web/src/index.js';

test('parsing off the thread gives the same vectors and labels as parsing in it', async () => {
  const text = 'a\t1\t2\nb\t3\t4.5e-1\nc\t0\t-1\n';
  const here = await parseEmbeddings(text, { name: 'vectors.tsv' });
  const seen = [];
  const there = await parseEmbeddingsOffThread(text, { name: 'vectors.tsv', onProgress: (p) => seen.push(p) });
  assert.deepEqual(there.dims, here.dims);
  assert.deepEqual(Array.from(there.data), Array.from(here.data));
  assert.deepEqual(there.labels, ['a', 'b', 'c']);
  const metadata = await parseMetadataOffThread('label\tgroup\nx\t1\ny\t2\n', { name: 'metadata.tsv' });
  assert.deepEqual(metadata.columns, ['label', 'group']);
});

test('errors keep their class, message and position across the worker boundary', async () => {
  const text = '1,2,3\n4,abc,6\n';
  await assert.rejects(parseEmbeddingsOffThread(text, { name: 'bad.csv' }), (error) => {
    assert.ok(error instanceof ParseError);
    assert.match(error.message, /bad\.csv:2:2/);
    assert.equal(error.line, 2);
    assert.equal(error.column, 2);
    assert.equal(error.file, 'bad.csv');
    return true;
  });
});

test('cancel terminates the parsing worker', async () => {
  const big = '0.5\t'.repeat(383).concat('0.5\n').repeat(20000);
  const controller = new AbortController();
  const parsing = parseEmbeddingsOffThread(big, { name: 'big.tsv', signal: controller.signal });
  setTimeout(() => controller.abort(), 5);
  await assert.rejects(parsing, { name: 'AbortError' });
});
