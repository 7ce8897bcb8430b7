import { ParseError } from './parse-error.js';
import { detectUtf16, utf16ToUtf8 } from './parse-encoding.js';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const EXTENSIONS = { npy: 'npy', csv: 'csv', tsv: 'tsv', tab: 'tsv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl' };
const SNIFF_BYTES = 1 << 16;
const BINARY_EXTENSIONS = { parquet: 'parquet', pq: 'parquet', arrow: 'arrow', arrows: 'arrow', feather: 'arrow', ipc: 'arrow', safetensors: 'safetensors' };

/**
 * Picks a format by magic bytes, then by file name extension, then by content.
 * `delimiter` is set for delimited text (space for numpy.savetxt's default output).
 * @param {Uint8Array} bytes
 * @param {string} file
 * @returns {{format: 'npy'|'csv'|'tsv'|'json'|'jsonl'|'parquet'|'arrow'|'safetensors', delimiter?: string}}
 */
export function detectFormat(bytes, file) {
  if (hasNpyMagic(bytes)) return { format: 'npy' };
  const binary = detectBinaryFormat(bytes, file);
  if (binary) return binary;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new ParseError('this is a zip archive (.npz?), which is not supported: save one array with numpy.save (.npy)', { file, offset: 0 });
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1].toLowerCase();
  const byName = EXTENSIONS[extension];
  // Hugging Face `Dataset.to_json` writes JSON Lines under a .json name, so .json still looks at the content.
  if (byName && byName !== 'json') return { format: byName, delimiter: { csv: ',', tsv: '\t' }[byName] };

  // parseEmbeddings hands over UTF-8; a caller sniffing a raw UTF-16 file gets its head converted.
  if (detectUtf16(bytes)) bytes = utf16ToUtf8(bytes.subarray(0, 2 * SNIFF_BYTES));
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES));
  const text = head.trimStart();
  if (text[0] === '[' || text[0] === '{') return { format: looksLikeJsonLines(bytes) ? 'jsonl' : 'json' };
  if (byName === 'json') return { format: 'json' };

  const firstLine = text.split('\n', 1)[0];
  if (firstLine.includes('\t')) return { format: 'tsv', delimiter: '\t' };
  if (firstLine.includes(',')) return { format: 'csv', delimiter: ',' };
  if (/\S +\S/.test(firstLine.trim())) return { format: 'tsv', delimiter: ' ' };
  return { format: 'tsv', delimiter: '\t' };
}

/**
 * Parquet, Arrow IPC or safetensors by magic bytes (the first 16 are enough),
 * else by name; undefined for anything else.
 * @param {Uint8Array} head
 * @param {string} file
 * @returns {{format: 'parquet'|'arrow'|'safetensors'}|undefined}
 */
export function detectBinaryFormat(head, file) {
  const ascii = String.fromCharCode(...head.subarray(0, 6));
  if (ascii.startsWith('PAR1')) return { format: 'parquet' };
  if (ascii === 'ARROW1') return { format: 'arrow' };
  // An Arrow IPC stream opens with the continuation marker 0xFFFFFFFF.
  if (head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return { format: 'arrow' };
  if (ascii.startsWith('FEA1')) {
    throw new ParseError('this is a Feather version 1 file, which is not supported: write Feather version 2 (Arrow IPC), the default since pyarrow 0.17', { file, offset: 0 });
  }
  // safetensors: a little-endian u64 header length, then the JSON header.
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) return { format: 'safetensors' };
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1].toLowerCase();
  const byName = BINARY_EXTENSIONS[extension];
  return byName ? { format: byName } : undefined;
}

/** @param {Uint8Array} bytes */
export function hasNpyMagic(bytes) {
  return NPY_MAGIC.every((b, i) => bytes[i] === b);
}

// JSON Lines: a complete JSON value on the first line and more lines after it.
// A pretty-printed document fails the first test ("[" alone does not parse).
function looksLikeJsonLines(bytes) {
  const newline = bytes.indexOf(10);
  if (newline < 0) return false;
  let rest = newline + 1;
  while (rest < bytes.length && (bytes[rest] === 32 || bytes[rest] === 9 || bytes[rest] === 10 || bytes[rest] === 13)) rest++;
  if (rest >= bytes.length) return false;
  try {
    JSON.parse(new TextDecoder('utf-8').decode(bytes.subarray(0, newline)));
    return true;
  } catch {
    return false;
  }
}
