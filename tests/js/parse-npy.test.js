import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEmbeddings } from '../../web/src/parse-embeddings.js';
import { parseNpy } from '../../web/src/parse-npy.js';
import { expected, fixture, assertParsed, assertFixtureError, assertParseError } from './parse-fixtures.js';

const good = Object.keys(expected).filter((name) => name.endsWith('.npy') && expected[name].values);
const bad = Object.keys(expected).filter((name) => name.endsWith('.npy') && expected[name].error);

test('the fixtures cover every dtype, both orders and all header versions', () => {
  for (const name of ['dtype-le-f4.npy', 'dtype-be-f8.npy', 'dtype-le-f2.npy', 'dtype-be-u8.npy', 'dtype-i1.npy',
    'fortran-f4.npy', 'fortran-be-f8.npy', 'version-2.npy', 'version-3.npy', 'one-d.npy']) {
    assert.ok(good.includes(name), name);
  }
});

for (const name of good) {
  test(`reads ${name} as numpy does`, async () => {
    assertParsed(await parseEmbeddings(fixture(name), { name }), name);
  });
}

for (const name of bad) {
  test(`rejects ${name} with the byte offset`, async () => {
    await assertFixtureError(parseEmbeddings(fixture(name), { name }), name);
  });
}

test('a 1-D array is one vector', async () => {
  const { dims } = await parseEmbeddings(fixture('one-d.npy'), { name: 'one-d.npy' });
  assert.deepEqual(dims, [1, 4]);
});

test('one row is accepted', async () => {
  assertParsed(await parseEmbeddings(fixture('one-row.npy'), { name: 'one-row.npy' }), 'one-row.npy');
});

test('float32 data at an unaligned offset is copied, not viewed', async () => {
  const bytes = fixture('dtype-le-f4.npy');
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  const result = parseNpy(shifted.subarray(1), { file: 'shifted.npy' });
  assertParsed(result, 'dtype-le-f4.npy');
  assert.equal(result.data.byteOffset, 0);
});

test('the result owns its memory: no view into the input bytes', async () => {
  const bytes = fixture('dtype-le-f4.npy');
  const { data } = await parseEmbeddings(bytes, { name: 'x.npy' });
  assert.notEqual(data.buffer, bytes.buffer);
});

test('an .npy name without the magic string is refused at offset 0', async () => {
  await assertParseError(parseEmbeddings('1\t2\n', { name: 'fake.npy' }), 'fake.npy', { contains: 'magic', offset: 0 });
});

test('format: "npy" can be forced whatever the name', async () => {
  assertParsed(await parseEmbeddings(fixture('dtype-le-f8.npy'), { format: 'npy', name: 'data.bin' }), 'dtype-le-f8.npy');
});

test('progress is reported in bytes, from 0 to the total', async () => {
  const bytes = fixture('dtype-le-f4.npy');
  const seen = [];
  await parseEmbeddings(bytes, { name: 'x.npy', onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen.at(0), { done: 0, total: bytes.length });
  assert.deepEqual(seen.at(-1), { done: bytes.length, total: bytes.length });
});
