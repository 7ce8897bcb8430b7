// Parquet's RLE / bit-packed hybrid encoding of repetition and definition
// levels, decoded into a Uint8Array. Written here rather than taken from
// hyparquet because levels are most of the work for a list<float> column
// (one per value) and this path is about 4x faster: runs fill, 1-bit packed
// groups unroll, and a definition stream that is one long run of the maximum
// level (no nulls, the usual case) is recognized without decoding.

/**
 * @param {Uint8Array} bytes
 * @param {number} start  first byte of the encoded levels
 * @param {number} end  one past the last byte
 * @param {number} maxLevel
 * @param {number} count  levels to decode
 * @param {{allowAllMax?: boolean, scratch?: {buffer?: Uint8Array, zeros?: number}}} [options]
 *   allowAllMax: return null when every level is maxLevel; scratch: reuse
 *   `scratch.buffer` for the levels (the result is valid until the next call
 *   with it) and get the number of zero levels in `scratch.zeros` (row starts,
 *   for repetition levels: counted from the runs without a pass over them)
 * @returns {Uint8Array|null}
 */
export function decodeLevels(bytes, start, end, maxLevel, count, { allowAllMax = false, scratch } = {}) {
  const width = 32 - Math.clz32(maxLevel);
  if (allowAllMax && isOneRunOf(bytes, start, end, width, maxLevel, count)) return null;
  let out;
  if (scratch) {
    if (!(scratch.buffer?.length >= count)) scratch.buffer = new Uint8Array(count);
    out = scratch.buffer.subarray(0, count);
  } else {
    out = new Uint8Array(count);
  }
  let zeros = 0;
  const valueBytes = (width + 7) >> 3;
  let o = 0;
  let p = start;
  while (o < count) {
    if (p >= end) throw new Error(`levels end after ${o} of ${count}`);
    let header = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[p++];
      header |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (header & 1) {
      const groups = header >>> 1;
      const n = Math.min(groups * 8, count - o);
      if (width === 1) {
        unpack1(bytes, p, out, o, n);
        zeros += n - countOnes(bytes, p, n);
      } else {
        unpack(bytes, p, width, out, o, n);
        for (let k = o; k < o + n; k++) if (out[k] === 0) zeros++;
      }
      o += n;
      p += groups * width;
    } else {
      let value = 0;
      for (let k = 0; k < valueBytes; k++) value |= bytes[p++] << (8 * k);
      const n = Math.min(header >>> 1, count - o);
      out.fill(value, o, o + n);
      if (value === 0) zeros += n;
      o += n;
    }
  }
  if (scratch) scratch.zeros = zeros;
  return out;
}

const ONES = Uint8Array.from({ length: 256 }, (_, b) => b.toString(2).replaceAll('0', '').length);

// Ones among the first n bits of bytes[p…], least significant bit first.
function countOnes(bytes, p, n) {
  let ones = 0;
  const whole = n >> 3;
  for (let b = 0; b < whole; b++) ones += ONES[bytes[p + b]];
  if (n & 7) ones += ONES[bytes[p + whole] & ((1 << (n & 7)) - 1)];
  return ones;
}

function isOneRunOf(bytes, start, end, width, level, count) {
  let p = start;
  let seen = 0;
  while (seen < count && p < end) {
    let header = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[p++];
      header |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (header & 1) return false;
    let value = 0;
    for (let k = 0; k < (width + 7) >> 3; k++) value |= bytes[p++] << (8 * k);
    if (value !== level) return false;
    seen += header >>> 1;
  }
  return seen >= count;
}

function unpack1(bytes, p, out, o, n) {
  const whole = n >> 3;
  for (let b = 0; b < whole; b++, o += 8) {
    const x = bytes[p + b];
    out[o] = x & 1;
    out[o + 1] = (x >> 1) & 1;
    out[o + 2] = (x >> 2) & 1;
    out[o + 3] = (x >> 3) & 1;
    out[o + 4] = (x >> 4) & 1;
    out[o + 5] = (x >> 5) & 1;
    out[o + 6] = (x >> 6) & 1;
    out[o + 7] = (x >> 7) & 1;
  }
  const x = bytes[p + whole];
  for (let k = 0; k < (n & 7); k++) out[o + k] = (x >> k) & 1;
}

// Values packed least significant bit first, `width` bits each.
function unpack(bytes, p, width, out, o, n) {
  const mask = (1 << width) - 1;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    while (bits < width) {
      buffer |= bytes[p++] << bits;
      bits += 8;
    }
    out[o + i] = buffer & mask;
    buffer >>>= width;
    bits -= width;
  }
}
