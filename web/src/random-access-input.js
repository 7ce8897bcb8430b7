import { readInput, DEFAULT_MAX_BYTES } from './read-input.js';
import { ParseError } from './parse-error.js';

/**
 * A binary input as hyparquet's AsyncBuffer ({byteLength, slice}): a File or
 * Blob is read piece by piece as the parser asks (a 1 GB Parquet file is
 * never in memory whole); bytes in memory are sliced without copying.
 * @param {File|Blob|ArrayBuffer|ArrayBufferView} input
 * @param {{name?: string, maxBytes?: number}} [options]
 * @returns {Promise<{file: string, byteLength: number, slice: (start: number, end?: number) => Promise<ArrayBuffer>|ArrayBuffer,
 *                    bytes: (start: number, end: number) => Promise<Uint8Array>}>}  `bytes`: a view where possible, no
 *   copy; for a File, the bytes of the previous `bytes` call are overwritten (one buffer is reused, so a
 *   large file read window by window leaves no garbage behind)
 */
export async function openRandomAccess(input, { name, maxBytes = DEFAULT_MAX_BYTES } = {}) {
  if (isBlob(input)) {
    const file = name ?? (input.name || '<input>');
    if (input.size > maxBytes) await readInput(input, { name: file, maxBytes }); // throws its size message
    return {
      file,
      byteLength: input.size,
      slice: async (start, end = input.size) => input.slice(start, end).arrayBuffer(),
      bytes: reusingReader(input),
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

// Reads [start, end) of a Blob into one buffer reused from call to call,
// through a BYOB reader (File API streams are byte streams); where that is
// not available, a fresh ArrayBuffer per call.
function reusingReader(blob) {
  let buffer = new ArrayBuffer(0);
  let byob = true;
  return async (start, end) => {
    const length = end - start;
    if (byob) {
      try {
        if (buffer.byteLength < length) buffer = new ArrayBuffer(length);
        const reader = blob.slice(start, end).stream().getReader({ mode: 'byob' });
        let filled = 0;
        while (filled < length) {
          const { value, done } = await reader.read(new Uint8Array(buffer, filled, length - filled));
          if (done) break;
          buffer = value.buffer; // the read transfers the buffer; same memory, new handle
          filled += value.byteLength;
        }
        reader.releaseLock();
        if (filled !== length) throw new ParseError(`the file changed while being read: ${filled} of ${length} bytes at ${start}`, { offset: start });
        return new Uint8Array(buffer, 0, length);
      } catch (error) {
        if (error instanceof ParseError) throw error;
        byob = false; // no byte streams here: read plainly from now on
        buffer = new ArrayBuffer(0);
      }
    }
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
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
