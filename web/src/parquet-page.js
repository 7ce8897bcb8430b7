// One Parquet data page of a float/double column as typed arrays: levels as
// Uint8Array (def is null when no value is missing), values as Float32Array
// or Float64Array. PLAIN pages, what writers use for floats, are decoded
// here without per-value JavaScript arrays (hyparquet's general path builds
// arrays of numbers, ~20x slower on 100,000 x 384); other encodings go
// through hyparquet.
import { decodeLevels } from './parquet-levels.js';

/**
 * @param {object} libs  parquet-libs.js
 * @param {object} header  the page header (hyparquet's parquetHeader)
 * @param {Uint8Array} compressed  the page's bytes
 * @param {object} column  decoder: {type, element, schemaPath, maxDef, maxRep, codec, compressors,
 *   repScratch: {} reused for the repetition levels (valid until the next page)}
 * @param {Float64Array|Float32Array|undefined} dictionary
 * @returns {{rep: Uint8Array|null, def: Uint8Array|null, values: Float32Array|Float64Array, count: number,
 *            float32Bytes?: Uint8Array, rowStarts?: number}}  float32Bytes: the PLAIN float values' bytes,
 *   to copy without a view; rowStarts: the zero repetition levels
 */
export function decodeDataPage(libs, header, compressed, column, dictionary) {
  const v2 = header.type === 'DATA_PAGE_V2';
  const pageHeader = v2 ? header.data_page_header_v2 : header.data_page_header;
  const count = pageHeader.num_values;
  if (pageHeader.encoding !== 'PLAIN') return viaHyparquet(libs, header, compressed, column, dictionary, count);

  let rep = null;
  let def = null;
  let valueBytes;
  if (v2) {
    const repLength = pageHeader.repetition_levels_byte_length;
    const defLength = pageHeader.definition_levels_byte_length;
    if (column.maxRep) rep = decodeLevels(compressed, 0, repLength, column.maxRep, count, { scratch: column.repScratch });
    if (column.maxDef) def = decodeLevels(compressed, repLength, repLength + defLength, column.maxDef, count, { allowAllMax: true });
    valueBytes = compressed.subarray(repLength + defLength);
    const size = header.uncompressed_page_size - repLength - defLength;
    if (pageHeader.is_compressed !== false && size) valueBytes = libs.decompressPage(valueBytes, size, column.codec, column.compressors);
  } else {
    const page = libs.decompressPage(compressed, Number(header.uncompressed_page_size), column.codec, column.compressors);
    // v1 pages prefix each level stream with its byte length (u32, little-endian).
    let offset = 0;
    const lengthAt = (at) => (page[at] | (page[at + 1] << 8) | (page[at + 2] << 16) | (page[at + 3] << 24)) >>> 0;
    if (column.maxRep) {
      const length = lengthAt(offset);
      rep = decodeLevels(page, offset + 4, offset + 4 + length, column.maxRep, count, { scratch: column.repScratch });
      offset += 4 + length;
    }
    if (column.maxDef) {
      const length = lengthAt(offset);
      def = decodeLevels(page, offset + 4, offset + 4 + length, column.maxDef, count, { allowAllMax: true });
      offset += 4 + length;
    }
    valueBytes = page.subarray(offset);
  }
  let present = count;
  if (def) {
    present = 0;
    for (let i = 0; i < count; i++) if (def[i] === column.maxDef) present++;
    if (present === count) def = null;
  }
  const page = { rep, def, count, rowStarts: rep ? column.repScratch.zeros : undefined };
  if (column.type === 'FLOAT') page.float32Bytes = valueBytes.subarray(0, present * 4);
  // Made only when asked for: a PLAIN float32 page is usually copied as bytes.
  Object.defineProperty(page, 'values', { get: () => plainFloats(valueBytes, column.type, present) });
  return page;
}

function plainFloats(bytes, type, count) {
  const size = type === 'DOUBLE' ? 8 : 4;
  if (bytes.length < count * size) throw new Error(`page holds ${bytes.length} bytes of values, ${count} ${type.toLowerCase()} values need ${count * size}`);
  const Typed = size === 8 ? Float64Array : Float32Array;
  if (bytes.byteOffset % size === 0) return new Typed(bytes.buffer, bytes.byteOffset, count);
  const copy = new Typed(count);
  new Uint8Array(copy.buffer).set(bytes.subarray(0, count * size));
  return copy;
}

function viaHyparquet(libs, header, compressed, column, dictionary, count) {
  const decoded = header.type === 'DATA_PAGE_V2'
    ? libs.readDataPageV2(compressed, header, column)
    : libs.readDataPage(libs.decompressPage(compressed, Number(header.uncompressed_page_size), column.codec, column.compressors),
      header.data_page_header, column);
  let values = decoded.dataPage;
  const encoding = (header.data_page_header ?? header.data_page_header_v2).encoding;
  if (encoding.endsWith('DICTIONARY')) {
    if (!dictionary) throw new Error('dictionary-encoded page without a dictionary page');
    const resolved = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) resolved[i] = dictionary[values[i]];
    values = resolved;
  }
  const rep = decoded.repetitionLevels.length ? Uint8Array.from(decoded.repetitionLevels) : null;
  const def = decoded.definitionLevels.length ? Uint8Array.from(decoded.definitionLevels) : null;
  return { rep, def, values, count };
}
