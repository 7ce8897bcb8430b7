// Text files saved as UTF-16 (Windows "Unicode", PowerShell 5's `>` and
// Out-File, Excel's "Unicode text") are re-encoded to UTF-8 before any text
// parser sees them, so CSV, TSV, JSON, JSONL and metadata read the same in
// both encodings. Lines and columns in messages are unchanged by this; byte
// offsets count in the UTF-8 copy.

const SNIFF_BYTES = 1024;
const CHUNK_BYTES = 1 << 20;

/**
 * Tells UTF-16 text by its byte order mark, or without one by where its NUL
 * bytes fall: ASCII characters (digits, separators, brackets) are one zero
 * byte and one non-zero byte each, the zero after them in little-endian
 * files and before them in big-endian ones. UTF-8 text holds no NUL bytes.
 * @param {Uint8Array} bytes
 * @returns {'utf-16le'|'utf-16be'|null}
 */
export function detectUtf16(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const pairs = Math.min(bytes.length, SNIFF_BYTES) >> 1;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroFirst++;
    if (bytes[2 * i + 1] === 0) zeroSecond++;
  }
  if (zeroSecond * 2 >= pairs && zeroFirst * 4 < zeroSecond) return 'utf-16le';
  if (zeroFirst * 2 >= pairs && zeroSecond * 4 < zeroFirst) return 'utf-16be';
  return null;
}

/**
 * Returns the bytes as they are when they are not UTF-16, and else their
 * UTF-8 encoding without a byte order mark. Decoding goes by chunks, so a
 * file larger than the longest JavaScript string still converts.
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function utf16ToUtf8(bytes) {
  const encoding = detectUtf16(bytes);
  if (!encoding) return bytes;
  const decoder = new TextDecoder(encoding); // drops the byte order mark; bad units become U+FFFD
  const encoder = new TextEncoder();
  const parts = [];
  let length = 0;
  for (let p = 0; p < bytes.length; p += CHUNK_BYTES) {
    const end = Math.min(p + CHUNK_BYTES, bytes.length);
    const part = encoder.encode(decoder.decode(bytes.subarray(p, end), { stream: end < bytes.length }));
    parts.push(part);
    length += part.length;
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
