import { readInput, DEFAULT_MAX_BYTES } from './read-input.js';
import { ParseError } from './parse-error.js';

/**
 * A binary input as hyparquet's AsyncBuffer ({byteLength, slice}): a File or
 * Blob is read piece by piece as the parser asks (a 1 GB Parquet file is
 * never in memory whole); bytes in memory are sliced without copying.
 * @param {File|Blob|ArrayBuffer|ArrayBufferView} input
 * @param {{name?: string, maxBytes?: number}} [options]
 * @returns {Promise<{file: string, byteLength: number, slice: (start: number, end?: number) => Promise<ArrayBuffer>|ArrayBuffer,
 *                    bytes: (start: number, end: number) => Promise<Uint8Array>}>}  `bytes`: a view where possible, no copy
 */
export async function openRandomAccess(input, { name, maxBytes = DEFAULT_MAX_BYTES } = {}) {
  if (isBlob(input)) {
    const file = name ?? (input.name || '<input>');
    if (input.size > maxBytes) await readInput(input, { name: file, maxBytes }); // throws its size message
    return {
      file,
      byteLength: input.size,
      slice: async (start, end = input.size) => input.slice(start, end).arrayBuffer(),
      bytes: async (start, end) => new Uint8Array(await input.slice(start, end).arrayBuffer()),
    };
  }
  if (typeof input === 'string') throw new ParseError('a binary format (Parquet, Arrow, safetensors) cannot come as a string', { file: name ?? '<input>' });
  const { bytes, file } = await readInput(input, { name, maxBytes });
  return {
    file,
    byteLength: bytes.length,
    // An ArrayBuffer of exactly [start, end): hyparquet views it from offset 0.
    slice: (start, end = bytes.length) => (start === 0 && end === bytes.length && bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end)),
    bytes: async (start, end) => bytes.subarray(start, end),
  };
}

/** The first `count` bytes of any input, for recognizing its format. */
export async function readHead(input, count) {
  if (isBlob(input)) return new Uint8Array(await input.slice(0, count).arrayBuffer());
  if (input instanceof Uint8Array) return input.subarray(0, count);
  if (input instanceof ArrayBuffer) return new Uint8Array(input, 0, Math.min(count, input.byteLength));
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, Math.min(count, input.byteLength));
  return new Uint8Array(0);
}

function isBlob(input) {
  return input && typeof input === 'object' && !ArrayBuffer.isView(input) && !(input instanceof ArrayBuffer)
    && typeof input.slice === 'function' && typeof input.size === 'number' && typeof input.arrayBuffer === 'function';
}
