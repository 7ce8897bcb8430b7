import { ParseError } from './parse-error.js';
import { parseRow } from './parse-row.js';
import { scanNumber } from './parse-number.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const COMMA = 44;
const TAB = 9;
const OTHER_DELIMITERS = [TAB, COMMA];
const DELIMITER_NAMES = { [TAB]: 'tabs', [COMMA]: 'commas', [SPACE]: 'spaces', 59: 'semicolons' };
const ONE_DELIMITER = { [TAB]: 'a tab', [COMMA]: 'a comma' };
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const NOT_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i;
// Header names that mark column 0 as labels even when its values look numeric (ids).
const LABEL_NAMES = /^(|label|labels|text|word|token|id|name|title|sentence|index)$/i;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // non-fatal: bad bytes become U+FFFD
const encoder = new TextEncoder();

/**
 * Parses CSV or TSV vectors, one per line, with an optional header row and an
 * optional label column (auto: a non-numeric first column).
 * @param {Uint8Array} bytes
 * @param {{file?: string, delimiter?: string, labelColumn?: string|number,
 *          header?: boolean, onProgress?: Function}} [options]
 *   `labelColumn` is a header name or a 0-based index; `header` overrides detection.
 * @returns {{data: Float32Array, dims: [number, number], labels?: string[]}}
 */
export function parseDelimited(bytes, { file = '<input>', delimiter = '\t', labelColumn, header, onProgress } = {}) {
  const delim = delimiter.charCodeAt(0);
  const lenientQuotes = delim !== COMMA;
  const end = bytes.length;
  let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (isBlank(bytes, p, end)) throw new ParseError('empty file: no rows', { file, offset: 0 });
  let line = 1;
  ({ p, line } = skipBlankLines(bytes, p, line));

  const ctx = { bytes, delim, file };
  const first = parseRow(bytes, p, delim, { file, line, lenientQuotes });
  const ncols = first.cells.length;
  let lc = resolveLabelColumn(labelColumn, first.cells, header, file, line);
  const autoLabels = labelColumn === undefined || labelColumn === null;
  if (header === undefined) header = typeof labelColumn === 'string' || isHeaderRow(first, { lc, autoLabels, ctx, line });
  const headerLine = line;
  if (header) {
    ({ p, line } = skipBlankLines(bytes, first.next, line + first.lineBreaks));
    if (p >= end) throw new ParseError('header only: no data rows after the header row', { file, line: headerLine });
  }
  if (lc < 0 && autoLabels) {
    const row = header ? parseRow(bytes, p, delim, { file, line, lenientQuotes }) : first;
    const named = header && ncols > 1 && LABEL_NAMES.test(first.cells[0].trim());
    if (named) lc = 0;
    else if (!isNumericText(row.cells[0])) {
      // "1,2" in a TSV is no label but a change of delimiter.
      const mixed = mixedDelimiterError(ctx, row.cells[0], { line, column: 1, offset: row.starts[0], rowStart: row.starts[0] },
        '; if column 1 holds labels, pass labelColumn: 0');
      if (mixed) throw mixed;
      lc = 0;
    }
  }
  const d = ncols - (lc >= 0 ? 1 : 0);
  if (d === 0) {
    throw new ParseError('no numeric columns (d = 0): every row holds only a label', { file, line });
  }

  // Size the output from the line count (memchr-fast) instead of growing it per row.
  let capacity = 1;
  for (let q = p; (q = bytes.indexOf(LF, q) + 1) > 0;) capacity++;
  let out = new Float32Array(capacity * d);
  const labels = lc >= 0 ? [] : undefined;
  const cursor = { pos: 0 };
  const step = Math.max(1 << 20, Math.ceil(end / 100));
  let nextReport = p + step;
  onProgress?.({ done: 0, total: end });

  let n = 0;
  rows: while (p < end) {
    let c = bytes[p];
    if (c === LF || c === CR) {
      if (skipBlankLines(bytes, p, line).p >= end) break;
      throw new ParseError('blank line inside the data: every line must hold one vector', { file, line });
    }
    if (n === capacity) {
      const grown = new Float32Array(out.length * 2);
      grown.set(out);
      out = grown;
      capacity *= 2;
    }
    const rowStart = p;
    const base = n * d;
    let col = 0;
    let k = 0;
    for (;;) {
      c = bytes[p];
      if (c === QUOTE) {
        // Quoting is rare in numeric files: re-read this row the careful way.
        const row = parseRow(bytes, rowStart, delim, { file, line, lenientQuotes });
        readTextRow(row, { out, base, labels, n, lc, ncols, ctx, line });
        p = row.next;
        line += row.lineBreaks;
        n++;
        continue rows;
      }
      if (col === ncols) throw raggedError(bytes, rowStart, delim, ncols, file, line);
      if (col === lc) {
        let q = p;
        while (q < end && (c = bytes[q]) !== delim && c !== LF && c !== CR) q++;
        labels.push(decoder.decode(bytes.subarray(p, q)));
        p = q;
      } else {
        let q = p;
        if (delim !== SPACE) while (bytes[q] === SPACE) q++;
        const v = scanNumber(bytes, q, end, cursor);
        q = cursor.pos;
        if (delim !== SPACE) while (bytes[q] === SPACE) q++;
        c = bytes[q];
        if (v - v !== 0 || (q < end && c !== delim && c !== LF && c !== CR)) {
          throw cellError(ctx, cellText(bytes, p, delim), { line, column: col + 1, offset: p, rowStart });
        }
        out[base + k++] = v;
        p = q;
      }
      col++;
      if (p < end && bytes[p] === delim) { p++; continue; }
      break;
    }
    if (col !== ncols) throw raggedError(bytes, rowStart, delim, ncols, file, line);
    if (p < end && bytes[p] === CR) p++;
    if (p < end && bytes[p] === LF) p++;
    line++;
    n++;
    if (p >= nextReport) {
      onProgress?.({ done: p, total: end });
      nextReport = p + step;
    }
  }
  onProgress?.({ done: end, total: end });

  const data = n * d === out.length ? out : out.slice(0, n * d);
  return labels ? { data, dims: [n, d], labels } : { data, dims: [n, d] };
}

function readTextRow(row, { out, base, labels, n, lc, ncols, ctx, line }) {
  const { cells, starts } = row;
  if (cells.length !== ncols) {
    throw new ParseError(`ragged row: expected ${ncols} fields, found ${cells.length}`,
      { file: ctx.file, line, column: Math.min(cells.length, ncols) + 1, columnUnit: 'fields', offset: starts[0] });
  }
  if (labels) labels.length = n; // drop a label the fast path may have read before meeting the quote
  let k = 0;
  for (let i = 0; i < cells.length; i++) {
    if (i === lc) { labels.push(cells[i]); continue; }
    const v = NUMBER.test(cells[i]) ? Number(cells[i]) : NaN;
    if (!Number.isFinite(Math.fround(v))) throw cellError(ctx, cells[i], { line, column: i + 1, offset: starts[i], rowStart: starts[0] });
    out[base + k++] = v;
  }
}

/**
 * The error for a cell that should hold a number.
 * @param {{bytes: Uint8Array, delim: number, file: string}} ctx
 * @param {string} text  the cell as decoded (unquoted when it was quoted)
 * @param {{line: number, column: number, offset: number, rowStart: number}} where
 *   1-based line of the row and field of the cell, byte offsets of the cell and its row
 * @param {string} [context]  said after the reason
 */
function cellError(ctx, text, where, context = '') {
  const mixed = mixedDelimiterError(ctx, text, where);
  if (mixed) return mixed;
  const trimmed = text.trim();
  const shown = quoteCell(trimmed);
  let reason;
  if (trimmed === '') reason = 'expected a number, found an empty cell';
  else if (NOT_FINITE.test(trimmed)) {
    reason = /nan/i.test(trimmed) ? `NaN is not allowed, found ${shown}` : `infinite values are not allowed, found ${shown}`;
  } else if (NUMBER.test(trimmed)) reason = `${shown} is out of float32 range`;
  else reason = `expected a number, found ${shown}`;
  const { line, column, offset } = where;
  return new ParseError(reason + context, { file: ctx.file, line, column, offset, columnUnit: 'fields' });
}

function quoteCell(trimmed) {
  return JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed);
}

/**
 * A cell of numbers joined by another delimiter (`2\t3` in a CSV, `1,5` in a
 * TSV) means the file changes delimiter: the error points at that character,
 * with its line and column counted in characters. Quoted cells are left alone.
 * @returns {ParseError|null}
 */
function mixedDelimiterError({ bytes, delim, file }, text, { line, column, offset, rowStart }, context = '') {
  if (bytes[offset] === QUOTE) return null;
  const other = OTHER_DELIMITERS.find((c) => c !== delim && text.includes(String.fromCharCode(c)));
  if (other === undefined) return null;
  const parts = text.split(String.fromCharCode(other));
  if (!parts.every(isNumericText)) return null;
  const at = offset + encoder.encode(text.slice(0, parts[0].length)).length;
  // Line and column of that byte: the row may span lines (quoted line breaks before the cell).
  let lineStart = rowStart;
  let physicalLine = line;
  for (let q = rowStart; q < at; q++) if (bytes[q] === LF) { physicalLine++; lineStart = q + 1; }
  if (lineStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) lineStart = 3;
  const characters = decoder.decode(bytes.subarray(lineStart, at)).length + 1;
  // "0,5" may as well be a decimal comma, as spreadsheets in many locales write it.
  const decimalComma = other === COMMA && parts.length === 2 && /^\s*[+-]?\d+$/.test(parts[0]) && /^\d+\s*$/.test(parts[1]);
  const what = decimalComma ? 'mixed delimiters or a decimal comma' : 'mixed delimiters';
  return new ParseError(`${what}: fields are separated by ${DELIMITER_NAMES[delim] ?? JSON.stringify(String.fromCharCode(delim))}, ` +
    `but field ${column} (${quoteCell(text.trim())}) holds ${ONE_DELIMITER[other]} here` +
    `${decimalComma ? ' (numbers need a decimal point)' : ''}${context}`,
  { file, line: physicalLine, column: characters, offset: at, columnUnit: 'characters' });
}

function raggedError(bytes, rowStart, delim, ncols, file, line) {
  // Count the row's fields for the message; quoting does not matter at this point.
  let found = 1;
  let q = rowStart;
  let c;
  while (q < bytes.length && (c = bytes[q]) !== LF && c !== CR) { if (c === delim) found++; q++; }
  return new ParseError(`ragged row: expected ${ncols} fields, found ${found}`,
    { file, line, column: Math.min(found, ncols) + 1, columnUnit: 'fields', offset: rowStart });
}

function cellText(bytes, p, delim) {
  let q = p;
  let c;
  while (q < bytes.length && (c = bytes[q]) !== delim && c !== LF && c !== CR) q++;
  return decoder.decode(bytes.subarray(p, q));
}

function resolveLabelColumn(labelColumn, cells, header, file, line) {
  if (labelColumn === undefined || labelColumn === null) return -1;
  if (typeof labelColumn === 'number') {
    if (!Number.isInteger(labelColumn) || labelColumn < 0 || labelColumn >= cells.length) {
      throw new ParseError(`labelColumn ${labelColumn} is out of range: rows have ${cells.length} fields ` +
        `(0-based indices 0 to ${cells.length - 1})`, { file, line });
    }
    return labelColumn;
  }
  if (header === false) throw new ParseError(`labelColumn "${labelColumn}" names a column, but header is false`, { file });
  const index = cells.findIndex((c) => c.trim() === labelColumn);
  if (index < 0) {
    throw new ParseError(`no column named "${labelColumn}" in the header row ` +
      `(${cells.map((c) => JSON.stringify(c)).join(', ')})`, { file, line });
  }
  return index;
}

// The first row is a header when every cell is text, and data when every cell
// that must hold a number does; without a named label column, column 0 may be
// labels. A row in between (`1,2,abc`) is neither: an error, not a guess.
function isHeaderRow({ cells, starts }, { lc, autoLabels, ctx, line }) {
  const named = (i) => i === lc;
  const mayBeLabel = (i) => named(i) || (autoLabels && i === 0 && cells.length > 1);
  const numeric = cells.map(isNumericText);
  if (cells.every((_, i) => mayBeLabel(i) || numeric[i])) return false;
  if (cells.every((_, i) => named(i) || !numeric[i])) return true;
  const bad = cells.findIndex((_, i) => !mayBeLabel(i) && !numeric[i]);
  const number = cells.findIndex((_, i) => !named(i) && numeric[i]);
  throw cellError(ctx, cells[bad], { line, column: bad + 1, offset: starts[bad], rowStart: starts[0] },
    `: the first row mixes numbers (column ${number + 1}: ${quoteCell(cells[number].trim())}) and text, ` +
    'so it is neither a header (all text) nor a row of numbers (pass header: true if it is a header)');
}

function isNumericText(text) {
  return NUMBER.test(text) || NOT_FINITE.test(text);
}

function isBlank(bytes, p, end) {
  for (; p < end; p++) {
    const c = bytes[p];
    if (c !== SPACE && c !== LF && c !== CR && c !== 9) return false;
  }
  return true;
}

function skipBlankLines(bytes, p, line) {
  while (p < bytes.length) {
    if (bytes[p] === LF) p++;
    else if (bytes[p] === CR) p += bytes[p + 1] === LF ? 2 : 1;
    else break;
    line++;
  }
  return { p, line };
}
