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

// A version 1.0 .npy file with this header text, padded as numpy pads it, and float32 data.
function npyWith(header, values = [1, 2, 3, 4, 5, 6]) {
  const text = new TextEncoder().encode(header);
  const padded = new Uint8Array(text.length + ((64 - ((10 + text.length + 1) % 64)) % 64) + 1).fill(0x20);
  padded.set(text);
  padded[padded.length - 1] = 10;
  const out = new Uint8Array(10 + padded.length + values.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, padded.length, true);
  out.set(padded, 10);
  new Float32Array(out.buffer, 10 + padded.length).set(values);
  return out;
}

test('a header that numpy itself writes is read with every key order and quoting', async () => {
  for (const header of [
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
    '{"shape": (2, 3), "descr": "<f4", "fortran_order": False}',
    "{'descr':'<f4','fortran_order':False,'shape':(2L,3L)}",
  ]) {
    const { dims, data } = await parseEmbeddings(npyWith(header), { name: 'h.npy' });
    assert.deepEqual([dims, Array.from(data)], [[2, 3], [1, 2, 3, 4, 5, 6]], header);
  }
});

test('any repeated key in the header is refused at its byte offset', async () => {
  await assert.rejects(parseEmbeddings(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'descr': '<i4'}"), { name: 'r.npy' }), {
    name: 'ParseError',
    message: "r.npy: repeated key 'descr' in the .npy header (first at byte offset 11): " +
      'NumPy would silently keep the last one, so the file is ambiguous (at byte offset 68)',
  });
  for (const [header, key] of [
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'shape': (3, 2)}", 'shape'],
    ["{'descr': '<f4', 'fortran_order': False, 'fortran_order': True, 'shape': (2, 3)}", 'fortran_order'],
  ]) {
    await assertParseError(parseEmbeddings(npyWith(header), { name: 'r.npy' }), 'r.npy',
      { contains: `repeated key '${key}'`, offset: 10 + header.lastIndexOf(`'${key}'`) });
  }
});

test('header values numpy refuses are refused with their byte offset', async () => {
  const cases = [ // header, message, where (the byte offset of that text in the header)
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (6)}", 'malformed shape (6)', '(6)'], // (6) is 6, not a tuple
    ["{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3]}", 'malformed shape [2, 3]', '[2, 3]'],
    ["{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}", "'fortran_order' must be True or False, found 0", '0,'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} x", 'unexpected "x" after the dictionary', 'x'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", "unexpected key 'extra'", "'extra'"],
    ["{'descr': '<f4', 'fortran_order': False 'shape': (2, 3)}", "expected ',' or '}', found \"'\"", "'shape'"],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "expected ',' or '}', found end of the header", null],
    [`{'descr': '<f4', 'fortran_order': False, 'shape': ${'('.repeat(5000)}}`, 'nested deeper than 32 levels', '('.repeat(5000 - 32)],
  ];
  for (const [header, contains, at] of cases) {
    const bytes = npyWith(header);
    const offset = at === null ? bytes.length - 24 : 10 + header.lastIndexOf(at); // null: where the data begins
    await assertParseError(parseEmbeddings(bytes, { name: 'v.npy' }), 'v.npy', { contains, offset });
  }
});

test('a header length that lies, or data of the wrong size, is refused, not read shifted', async () => {
  const good = npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  const shortened = good.slice();
  shortened[8] -= 4; // the data would start inside the padding
  await assert.rejects(parseEmbeddings(shortened, { name: 'l.npy' }), {
    message: 'l.npy: malformed .npy header: the 114 bytes that the header length (at byte offset 8) announces ' +
      'do not end with a line break (the header length does not match the header?) (at byte offset 123)',
  });
  const longer = new Uint8Array([...good, 0, 0, 0, 0]);
  await assert.rejects(parseEmbeddings(longer, { name: 'x.npy' }), {
    message: 'x.npy: 4 bytes after the data: shape (2, 3) of f4 needs 24 data bytes from byte offset 128, ' +
      'but the file holds 28 (a header length or shape that does not match the data?) (at byte offset 152)',
  });
});

test('a version 3.0 header must be UTF-8; 1.0 and 2.0 headers are latin-1', async () => {
  const header = "{'descr': [('\u00e9', '<f4')], 'fortran_order': False, 'shape': (2,), }";
  const v1 = npyWith(header);
  v1[23] = 0xe9; // latin-1 "é" in the field name (npyWith wrote it as UTF-8: two bytes, the second now a space)
  v1[24] = 0x20;
  assert.equal(v1.subarray(22, 26).toString(), [39, 0xe9, 0x20, 39].toString());
  // Past the header, the field name's bytes are read: a structured dtype, refused as such.
  await assertParseError(parseEmbeddings(v1, { name: 'v1.npy' }), 'v1.npy', { contains: 'structured records' });
  const v3 = new Uint8Array([...v1.subarray(0, 10), 0, 0, ...v1.subarray(10)]);
  v3[6] = 3;
  await assert.rejects(parseEmbeddings(v3, { name: 'v3.npy' }), {
    message: 'v3.npy: invalid UTF-8 in the version 3.0 header (byte 0xe9): .npy 3.0 headers are UTF-8 (at byte offset 25)',
  });
  v3.set([0xc3, 0xa9], 25); // the same "é" in UTF-8
  await assertParseError(parseEmbeddings(v3, { name: 'v3.npy' }), 'v3.npy', { contains: 'structured records' });
});
