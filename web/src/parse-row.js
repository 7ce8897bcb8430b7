import { ParseError } from './parse-error.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // non-fatal: bad bytes become U+FFFD

/**
 * Reads one delimited row from byte `p` into decoded cells, following RFC 4180
 * quoting (a quoted cell may hold delimiters, `""` and line breaks).
 * With `lenientQuotes` (TSV, where the Projector writes no quoting at all), a
 * quote that does not form a proper quoted cell is kept as a literal character.
 * @returns {{cells: string[], starts: number[], next: number, lineBreaks: number}}
 *   `starts` holds each cell's byte offset; `lineBreaks` counts the line breaks
 *   consumed, including the one ending the row.
 */
export function parseRow(bytes, p, delimiter, { file = '<input>', line = 1, lenientQuotes = false } = {}) {
  const end = bytes.length;
  const cells = [];
  const starts = [];
  let lineBreaks = 0;
  for (;;) {
    starts.push(p);
    let quoted = null;
    if (bytes[p] === QUOTE) quoted = readQuoted(bytes, p, delimiter);
    if (quoted && !quoted.error) {
      cells.push(quoted.text);
      lineBreaks += quoted.lineBreaks;
      p = quoted.next;
    } else {
      if (quoted && !lenientQuotes) {
        throw new ParseError(quoted.error, {
          file, line: line + lineBreaks, column: cells.length + 1, columnUnit: 'fields', offset: quoted.at,
        });
      }
      let q = p;
      let c;
      while (q < end && (c = bytes[q]) !== delimiter && c !== LF && c !== CR) q++;
      cells.push(decoder.decode(bytes.subarray(p, q)));
      p = q;
    }
    if (p < end && bytes[p] === delimiter) { p++; continue; }
    if (p < end && bytes[p] === CR) p++;
    if (p < end && bytes[p] === LF) p++;
    lineBreaks++;
    return { cells, starts, next: p, lineBreaks };
  }
}

function readQuoted(bytes, p, delimiter) {
  const end = bytes.length;
  const parts = [];
  let q = p + 1;
  let segment = q;
  let lineBreaks = 0;
  for (;;) {
    if (q >= end) return { error: 'unterminated quoted field: no closing quote before the end of the file', at: p };
    const c = bytes[q];
    if (c === QUOTE) {
      if (bytes[q + 1] !== QUOTE) break;
      parts.push(decoder.decode(bytes.subarray(segment, q + 1))); // keep one quote of the pair
      q += 2;
      segment = q;
      continue;
    }
    if (c === LF) lineBreaks++;
    q++;
  }
  parts.push(decoder.decode(bytes.subarray(segment, q)));
  q++;
  if (q < end && bytes[q] !== delimiter && bytes[q] !== LF && bytes[q] !== CR) {
    return { error: `unexpected character after a closing quote: "${String.fromCharCode(bytes[q])}"`, at: q };
  }
  return { text: parts.join(''), lineBreaks, next: q };
}
