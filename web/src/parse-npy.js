import { ParseError } from './parse-error.js';
import { readNpyHeader } from './parse-npy-header.js';

// Element types we turn into float32. Wider or exotic kinds (complex, object,
// strings, datetimes, structured records) have no meaningful embedding reading.
const ARRAY_TYPES = {
  f2: Uint16Array, f4: Float32Array, f8: Float64Array,
  i1: Int8Array, i2: Int16Array, i4: Int32Array, i8: BigInt64Array,
  u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, u8: BigUint64Array,
  b1: Uint8Array,
};

const UNSUPPORTED_KINDS = {
  c: 'complex numbers', O: 'Python objects (pickled)', U: 'unicode strings', S: 'byte strings',
  a: 'byte strings', V: 'raw or structured records', M: 'datetimes', m: 'timedeltas',
};

/**
 * Reads a NumPy .npy file (format versions 1.0, 2.0, 3.0) into float32, row-major.
 * A 1-D array is taken as a single vector, dims [1, d].
 * @param {Uint8Array} bytes
 * @param {{file?: string, onProgress?: (p: {done: number, total: number}) => void}} [options]
 * @returns {{data: Float32Array, dims: [number, number]}}
 */
export function parseNpy(bytes, { file = '<input>', onProgress } = {}) {
  const fail = (reason, offset) => { throw new ParseError(reason, { file, offset }); };
  const total = bytes.length;
  onProgress?.({ done: 0, total });

  const header = readHeader(bytes, fail);
  const { little, kind, size, fortran, shape, dataOffset } = header;
  if (shape.length === 0 || shape.length > 2) {
    fail(`expected a 1-D or 2-D array, found shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''})`, 8);
  }
  const [n, d] = shape.length === 1 ? [1, shape[0]] : shape;
  if (d === 0) fail(`vectors have no components (d = 0, shape (${shape.join(', ')}))`, 8);
  if (n === 0) fail(`array has no rows (n = 0, shape (${shape.join(', ')}))`, 8);

  const count = n * d;
  const expected = count * size;
  const needs = `shape (${shape.join(', ')}) of ${kind}${size} needs ${expected} data bytes from byte offset ${dataOffset}`;
  if (total - dataOffset < expected) {
    fail(`truncated file: ${needs}, but the file ends after ${total - dataOffset} of them`, total);
  }
  if (total - dataOffset > expected) {
    // NumPy reads the first bytes and ignores the rest; a header length or shape that lies looks just like that.
    fail(`${total - dataOffset - expected} bytes after the data: ${needs}, but the file holds ${total - dataOffset} ` +
      '(a header length or shape that does not match the data?)', dataOffset + expected);
  }
  const src = bytes.subarray(dataOffset, dataOffset + expected);

  let data;
  if (kind === 'f' && size === 4 && little && !fortran) {
    data = copyFloat32(src, count);
  } else {
    const typed = toTypedArray(src, kind + size, size, little, count);
    data = fortran ? transposeToFloat32(typed, n, d, kind + size) : toFloat32(typed, kind + size);
  }
  if (kind === 'f') checkFinite(data, { n, d, fortran, size, dataOffset, file, source: kind + size, src, little });
  onProgress?.({ done: total, total });
  return { data, dims: [n, d] };
}

// What readNpyHeader found, as the element type to read.
function readHeader(bytes, fail) {
  const { descr, descrOffset, fortran, shape, dataOffset } = readNpyHeader(bytes, fail);
  const dtype = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (!dtype) fail(`unsupported dtype '${descr}'`, descrOffset);
  const [, order, kind, sizeText] = dtype;
  const size = Number(sizeText);
  if (UNSUPPORTED_KINDS[kind]) fail(`unsupported dtype '${descr}' (${UNSUPPORTED_KINDS[kind]}); save float32 or float64`, descrOffset);
  if (!ARRAY_TYPES[kind + size]) fail(`unsupported dtype '${descr}'; supported: float16/32/64, (u)int8-64, bool`, descrOffset);
  // '=' means native order; every platform we run on is little-endian.
  return { little: order !== '>', kind, size, fortran, shape, dataOffset };
}

// The common case: one copy, straight from the file bytes.
function copyFloat32(src, count) {
  if (src.byteOffset % 4 === 0) return new Float32Array(src.buffer, src.byteOffset, count).slice();
  const copy = new Uint8Array(count * 4);
  copy.set(src);
  return new Float32Array(copy.buffer);
}

function toTypedArray(src, code, size, little, count) {
  let le = src;
  if (!little && size > 1) le = swapBytes(src, size);
  else if (src.byteOffset % size !== 0) le = src.slice();
  return new ARRAY_TYPES[code](le.buffer, le.byteOffset, count);
}

function swapBytes(src, size) {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += size) {
    for (let k = 0; k < size; k++) out[i + k] = src[i + size - 1 - k];
  }
  return out;
}

function toFloat32(typed, code) {
  const out = new Float32Array(typed.length);
  if (code === 'f2') {
    const table = halfTable();
    for (let i = 0; i < typed.length; i++) out[i] = table[typed[i]];
  } else if (code === 'i8' || code === 'u8') {
    for (let i = 0; i < typed.length; i++) out[i] = Number(typed[i]);
  } else {
    out.set(typed); // native conversion, rounds to nearest float32
  }
  return out;
}

function transposeToFloat32(typed, n, d, code) {
  const flat = toFloat32(typed, code);
  const out = new Float32Array(n * d);
  for (let j = 0; j < d; j++) {
    const base = j * n;
    for (let i = 0; i < n; i++) out[i * d + j] = flat[base + i];
  }
  return out;
}

let halfValues = null;
// All 65536 float16 values, built once: a lookup beats bit twiddling per element.
export function halfTable() {
  if (halfValues) return halfValues;
  halfValues = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    let v;
    if (exp === 0) v = frac * 2 ** -24;
    else if (exp === 31) v = frac ? NaN : Infinity;
    else v = (1 + frac / 1024) * 2 ** (exp - 15);
    halfValues[h] = sign * v;
  }
  return halfValues;
}

function checkFinite(data, { n, d, fortran, size, dataOffset, file, source, src, little }) {
  const i = findNonFinite(data);
  if (i >= 0) {
    const row = Math.floor(i / d);
    const col = i % d;
    const index = fortran ? col * n + row : i;
    const offset = dataOffset + index * size;
    let reason;
    if (source === 'f8') {
      const v = new DataView(src.buffer, src.byteOffset + index * 8, 8).getFloat64(0, little);
      reason = Number.isFinite(v) ? `value ${v} is out of float32 range` : `value is ${v}, not a finite number`;
    } else {
      reason = `value is ${data[i]}, not a finite number`;
    }
    throw new ParseError(reason, { file, row: row + 1, column: col + 1, offset });
  }
}

// NaN and ±Infinity are the float32 values whose exponent bits are all ones.
// Testing bits on an integer view, four at a time, keeps this check cheaper
// than the copy it follows (it matters for the 1 GB/s target).
export function findNonFinite(data) {
  const bits = new Int32Array(data.buffer, data.byteOffset, data.length);
  const E = 0x7f800000;
  const end4 = bits.length & ~3;
  let i = 0;
  for (; i < end4; i += 4) {
    if (((bits[i] & E) === E) | ((bits[i + 1] & E) === E) | ((bits[i + 2] & E) === E) | ((bits[i + 3] & E) === E)) break;
  }
  for (; i < bits.length; i++) if ((bits[i] & E) === E) return i;
  return -1;
}
