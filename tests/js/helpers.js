// Shared by the node tests: fixtures and comparisons.
import { readFileSync } from 'node:fs';

export const root = new URL('../../', import.meta.url);

export function readJson(path) {
  return JSON.parse(readFileSync(new URL(path, root), 'utf8'));
}

// A minimal .npy v1.0 reader for little-endian float32 C-order files, kept
// here so the engine tests do not depend on the library's own parser.
export function readDigits() {
  const bytes = readFileSync(new URL('web/data/digits/digits.npy', root));
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const [n, d] = header.match(/'shape': \((\d+), (\d+)\)/).slice(1).map(Number);
  if (!header.includes("'<f4'") || header.includes("'fortran_order': True")) throw new Error('unexpected digits.npy');
  const start = 10 + headerLength;
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + n * d * 4));
  return { data, dims: [n, d] };
}

export function maxAbsDifference(actual, expected) {
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  return worst;
}

// Seeded uniform values in [-0.5, 0.5): the same tensor in every run.
export function randomTensor(n, d, seed) {
  let state = seed;
  const data = new Float32Array(n * d);
  for (let k = 0; k < data.length; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state / 2 ** 32 - 0.5;
  }
  return { data, dims: [n, d] };
}
