import { ParseError } from './parse-error.js';
import { hasNpyMagic } from './parse-format.js';
import { utf16ToUtf8 } from './parse-encoding.js';

// wasm32 addresses 4 GiB at most and the engine needs room for the similarity
// matrix too, so 2 GiB of input is the practical ceiling.
export const DEFAULT_MAX_BYTES = 2 ** 31;

/**
 * Turns any accepted input into bytes, refusing oversized inputs before they
 * are read (a File's size is known without reading it).
 * @param {File|Blob|ArrayBuffer|ArrayBufferView|string} input
 * @param {{name?: string, maxBytes?: number, text?: boolean}} [options]
 *   `text`: the bytes may be text, so UTF-16 text (with or without a byte order
 *   mark) comes back as UTF-8; a string is text already and a .npy file is not text.
 * @returns {Promise<{bytes: Uint8Array, file: string}>}
 */
export async function readInput(input, { name, maxBytes = DEFAULT_MAX_BYTES, text = false } = {}) {
  const file = name ?? (typeof input?.name === 'string' && input.name ? input.name : '<input>');
  const refuse = (size) => {
    throw new ParseError(
      `input is ${formatSize(size)}, beyond the ${formatSize(maxBytes)} limit ` +
      `(maxBytes = ${maxBytes}); the engine cannot hold it`, { file });
  };

  let bytes;
  if (typeof input === 'string') {
    // A UTF-8 encoding is never shorter than the string's UTF-16 length.
    if (input.length > maxBytes) refuse(input.length);
    bytes = new TextEncoder().encode(input);
  } else if (input instanceof Uint8Array) {
    bytes = input;
  } else if (input instanceof ArrayBuffer) {
    bytes = new Uint8Array(input);
  } else if (ArrayBuffer.isView(input)) {
    bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  } else if (input && typeof input.arrayBuffer === 'function' && typeof input.size === 'number') {
    if (input.size > maxBytes) refuse(input.size);
    bytes = new Uint8Array(await input.arrayBuffer());
  } else {
    throw new ParseError(
      `unsupported input type ${describe(input)}; expected a File, Blob, ArrayBuffer, Uint8Array or string`,
      { file });
  }
  if (bytes.byteLength > maxBytes) refuse(bytes.byteLength);
  if (text && typeof input !== 'string' && !hasNpyMagic(bytes)) bytes = utf16ToUtf8(bytes);
  return { bytes, file };
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

function formatSize(n) {
  if (n >= 2 ** 30) return `${+(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${+(n / 2 ** 20).toFixed(2)} MiB`;
  if (n >= 2 ** 10) return `${+(n / 2 ** 10).toFixed(2)} KiB`;
  return `${n} bytes`;
}
