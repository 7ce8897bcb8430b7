import { ParseError } from './parse-error.js';
import { parseRow } from './parse-row.js';
import { readInput } from './read-input.js';

/**
 * Parses a metadata table the way the Embedding Projector reads metadata.tsv:
 * a single column has no header (its column is called "label"); several
 * columns need a header row. Quoting follows RFC 4180; `.csv` names use commas.
 * @param {File|Blob|ArrayBuffer|Uint8Array|string} input
 * @param {{name?: string, maxBytes?: number, delimiter?: string}} [options]
 * @returns {Promise<{columns: string[], rows: string[][]}>}
 */
export async function parseMetadata(input, options = {}) {
  const { bytes, file } = await readInput(input, { name: options.name, maxBytes: options.maxBytes, text: true });
  const delimiter = options.delimiter ?? (/\.csv$/i.test(file) ? ',' : '\t');
  const delim = delimiter.charCodeAt(0);
  const end = bytes.length;
  let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

  const rows = [];
  const lines = [];
  let line = 1;
  while (p < end) {
    const row = parseRow(bytes, p, delim, { file, line, lenientQuotes: delim !== 44 });
    rows.push(row.cells);
    lines.push(line);
    p = row.next;
    line += row.lineBreaks;
  }
  // Blank lines in the middle are empty labels and keep rows aligned; only trailing ones go.
  while (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0].trim() === '') rows.pop();
  if (rows.length === 0) throw new ParseError('empty file: no metadata rows', { file, offset: 0 });

  const width = rows[0].length;
  const columns = width === 1 ? ['label'] : rows[0];
  const body = width === 1 ? rows : rows.slice(1);
  const firstLine = width === 1 ? 0 : 1;
  if (body.length === 0) throw new ParseError('header only: no metadata rows after the header row', { file, line: 1 });
  body.forEach((cells, i) => {
    if (cells.length !== width) {
      throw new ParseError(`ragged row: expected ${width} fields like the ${width === 1 ? 'first row' : 'header'}, found ${cells.length}`,
        { file, line: lines[i + firstLine], column: Math.min(cells.length, width) + 1, columnUnit: 'fields' });
    }
  });
  return { columns, rows: body };
}

/**
 * Joins metadata to embeddings row by row, refusing tables of different
 * lengths (a shifted label is worse than none). Labels come from `labelColumn`
 * (a column name or 0-based index; default: the first column).
 * @param {{data: Float32Array, dims: [number, number]}} embeddings
 * @param {{columns: string[], rows: string[][]}} metadata
 * @param {{file?: string, metadataFile?: string, labelColumn?: string|number}} [options]
 */
export function attachMetadata(embeddings, metadata, { file = 'embeddings', metadataFile = 'metadata', labelColumn = 0 } = {}) {
  const [n] = embeddings.dims;
  const m = metadata.rows.length;
  if (m !== n) {
    throw new ParseError(`row count mismatch: ${file} has ${n} rows but ${metadataFile} has ${m} rows`, { file: metadataFile });
  }
  const index = typeof labelColumn === 'number' ? labelColumn : metadata.columns.indexOf(labelColumn);
  if (index < 0 || index >= metadata.columns.length) {
    throw new ParseError(`no metadata column ${JSON.stringify(labelColumn)} (columns: ${metadata.columns.join(', ')})`, { file: metadataFile });
  }
  return { ...embeddings, metadata, labels: metadata.rows.map((row) => row[index]) };
}
