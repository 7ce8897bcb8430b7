// Writes a float32 {data, dims: [n, d]} as a NumPy .npy file (format 1.0,
// little-endian '<f4', C order), streamed from the array's own memory: no
// second copy of a 512 MB set is made.
import { open } from 'node:fs/promises';

/** The .npy 1.0 header for a float32 array of `dims`, padded to 64 bytes. */
export function npyHeader(dims) {
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  dict += ' '.repeat(63 - ((10 + dict.length) % 64)) + '\n';
  if (dict.length > 0xffff) throw new Error('npy header too long for format 1.0');
  const header = Buffer.alloc(10 + dict.length);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length & 0xff, dict.length >> 8]);
  header.write(dict, 10, 'latin1');
  return header;
}

/**
 * @param {string} path
 * @param {{data: Float32Array, dims: number[]}} x
 * @returns {Promise<number>}  bytes written
 */
export async function writeNpy(path, { data, dims }) {
  if (!(data instanceof Float32Array)) throw new Error('writeNpy: float32 data only');
  if (dims.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`writeNpy: dims ${dims} do not match ${data.length} values`);
  const header = npyHeader(dims);
  const file = await open(path, 'w');
  try {
    await file.write(header);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // Chunks of 64 MiB: one write of more than 2 GiB is refused by Node.
    for (let at = 0; at < bytes.length; at += 64 * 2 ** 20) await file.write(bytes.subarray(at, at + 64 * 2 ** 20));
  } finally {
    await file.close();
  }
  return header.length + data.byteLength;
}
