import { CosineHeatmapError } from './errors.js';

// One error class for every parser, so callers (the page, the worker protocol)
// can tell bad input from bugs with a single `instanceof` and show `message`
// as is: it always names the file and the place. It is a CosineHeatmapError,
// like every error the library throws.

/**
 * Where a problem is, as much as is known:
 * - text formats: 1-based `line` and `column` (`columnUnit` says what a column counts);
 * - JSON documents: 1-based `row` and `column` of the vector element;
 * - binary formats: the byte `offset`; tables (Parquet, Arrow) also the
 *   `rowGroup` (0-based, a record batch for Arrow) and the `column` name.
 */
export class ParseError extends CosineHeatmapError {
  /** @param {string} reason @param {any} [where] */
  constructor(reason, { file = '<input>', line, column, offset, row, columnUnit, rowGroup } = {}) {
    super(formatMessage(reason, { file, line, column, offset, row, columnUnit, rowGroup }));
    this.name = 'ParseError';
    this.reason = reason;
    this.file = file;
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.row = row;
    if (rowGroup !== undefined) this.rowGroup = rowGroup;
    /**
     * The columns or tensors that could be the embeddings, when the choice
     * is ambiguous (code AMBIGUOUS_COLUMN / AMBIGUOUS_TENSOR).
     * Declared for the type checker only: set where it applies.
     * @type {string[] | undefined}
     */
    this.candidates;
  }

  // Rebuilds an error that crossed a worker boundary as plain data, with its
  // message exactly as the parser wrote it.
  static revive({ message, reason, file, line, column, offset, row, rowGroup, code, candidates }) {
    const error = new ParseError(reason ?? message, { file, line, column, offset, row, rowGroup });
    error.message = message;
    if (code !== undefined) error.code = code;
    if (candidates !== undefined) error.candidates = candidates;
    return error;
  }
}

function formatMessage(reason, { file, line, column, offset, row, columnUnit, rowGroup }) {
  // `name:7:3:` is what editors and terminals turn into links; the words
  // after it are for people who do not read that convention.
  if (line !== undefined) {
    const col = column !== undefined ? `:${column}` : '';
    const words = column !== undefined
      ? `line ${line}, column ${column}${columnUnit ? `, counting ${columnUnit} from 1` : ''}`
      : `line ${line}`;
    return `${file}:${line}${col}: ${reason} (${words})`;
  }
  if (rowGroup !== undefined || (typeof column === 'string' && line === undefined)) {
    const words = [
      rowGroup !== undefined && `row group ${rowGroup}`,
      row !== undefined && `row ${row}`,
      column !== undefined && `column ${JSON.stringify(column)}`,
      offset !== undefined && `at byte offset ${offset}`,
    ].filter(Boolean);
    return `${file}: ${reason} (${words.join(', ')})`;
  }
  if (row !== undefined) {
    const words = column !== undefined ? `row ${row}, column ${column}` : `row ${row}`;
    const at = offset !== undefined ? `, byte offset ${offset}` : '';
    return `${file}: ${reason} (${words}${at})`;
  }
  if (offset !== undefined) return `${file}: ${reason} (at byte offset ${offset})`;
  return `${file}: ${reason}`;
}
