import { ParseError } from './parse-error.js';
import { readInput } from './read-input.js';
import { detectFormat } from './parse-format.js';
import { parseNpy } from './parse-npy.js';
import { parseDelimited } from './parse-delimited.js';
import { parseJson } from './parse-json.js';
import { attachMetadata } from './parse-metadata.js';
import { detectBinaryFormat } from './parse-format.js';
import { openRandomAccess, readHead } from './random-access-input.js';
import { parseParquet } from './parse-parquet.js';
import { parseArrow } from './parse-arrow.js';
import { parseSafetensors } from './parse-safetensors.js';

const DELIMITERS = { csv: ',', tsv: '\t' };
const BINARY_PARSERS = { parquet: parseParquet, arrow: parseArrow, safetensors: parseSafetensors };
const FORMATS = 'auto, npy, csv, tsv, json, jsonl, parquet, arrow or safetensors';

/**
 * Parses embeddings from .npy, CSV, TSV, JSON, JSONL, Parquet, Arrow IPC or
 * safetensors into one row-major Float32Array. A 1-D input (.npy array or
 * JSON array of numbers) is one vector. Parquet and Arrow bring their other
 * columns as `metadata` (labels from the first text column).
 * @param {File|Blob|ArrayBuffer|Uint8Array|string} input
 * @param {object} [options]
 * @param {'auto'|'npy'|'csv'|'tsv'|'json'|'jsonl'|'parquet'|'arrow'|'safetensors'} [options.format='auto']
 * @param {string} [options.name]  file name for detection and messages (default: input.name)
 * @param {string|number} [options.labelColumn]  CSV/TSV: header name or 0-based index; Parquet/Arrow: the
 *   metadata column giving labels (default: the first text column)
 * @param {boolean} [options.header]  CSV/TSV: override header detection
 * @param {string} [options.delimiter]  CSV/TSV: override the delimiter
 * @param {string} [options.embeddingField]  JSON: field holding the vector
 * @param {string} [options.labelField]  JSON: field holding the label
 * @param {string|string[]} [options.column]  Parquet/Arrow: the list column, or several number columns
 * @param {string} [options.tensor]  safetensors: the tensor's name
 * @param {number} [options.maxBytes=2**31]  refuse larger inputs before reading them
 * @param {(p: {done: number, total: number}) => void} [options.onProgress]  bytes parsed
 * @param {{columns: string[], rows: string[][]}} [options.metadata]  from parseMetadata; row counts must match
 * @param {string} [options.metadataName]  metadata file name for messages
 * @returns {Promise<{data: Float32Array, dims: [number, number], labels?: string[],
 *                    metadata?: {columns: string[], rows: string[][]}}>}
 */
export async function parseEmbeddings(input, options = {}) {
  const { format = 'auto', maxBytes, onProgress } = options;
  const binary = format === 'auto'
    ? detectBinaryFormat(await readHead(input, 16), options.name ?? (typeof input?.name === 'string' && input.name ? input.name : ''))
    : BINARY_PARSERS[format] && { format };
  if (binary) {
    const source = await openRandomAccess(input, { name: options.name, maxBytes });
    if (source.byteLength === 0) throw new ParseError('empty file: no vectors', { file: source.file, offset: 0 });
    let result = await BINARY_PARSERS[binary.format](source, options);
    if (options.metadata) {
      result = attachMetadata(result, options.metadata, { file: source.file, metadataFile: options.metadataName ?? 'metadata' });
    }
    return result;
  }
  const { bytes, file } = await readInput(input, { name: options.name, maxBytes, text: format !== 'npy' });
  if (bytes.length === 0) throw new ParseError('empty file: no vectors', { file, offset: 0 });
  const detected = format === 'auto' ? detectFormat(bytes, file) : { format };

  let result;
  switch (detected.format) {
    case 'npy':
      result = parseNpy(bytes, { file, onProgress });
      break;
    case 'csv':
    case 'tsv':
      result = parseDelimited(bytes, {
        file,
        delimiter: options.delimiter ?? detected.delimiter ?? DELIMITERS[detected.format],
        labelColumn: options.labelColumn,
        header: options.header,
        onProgress,
      });
      break;
    case 'json':
    case 'jsonl':
      result = parseJson(bytes, {
        file, jsonl: detected.format === 'jsonl',
        embeddingField: options.embeddingField, labelField: options.labelField, onProgress,
      });
      break;
    default:
      throw new ParseError(`unknown format ${JSON.stringify(format)}; expected ${FORMATS}`, { file });
  }
  if (options.metadata) {
    result = attachMetadata(result, options.metadata, { file, metadataFile: options.metadataName ?? 'metadata' });
  }
  return result;
}
