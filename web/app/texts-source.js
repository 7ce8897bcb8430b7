import { CosineHeatmapError, parseMetadataOffThread } from '../src/index.js';

// Where the Texts tab's texts come from: lines typed or pasted, a .txt file
// (one text per line) or one column of a .csv/.tsv table. Every source ends
// up as lines in the tab's textarea, so what is embedded is what is shown.

const TABLE_NAMES = /\.(csv|tsv|tab)$/i;
const TEXT_COLUMNS = /^(text|texts|sentence|sentences|document|documents|content|body|passage|query|title|label|name)$/i;

/**
 * The texts of the textarea, one per line. Blank lines are dropped: each
 * text becomes a row and a label, and a blank one would be a zero vector
 * (built-in) or an error (Transformers.js).
 * @returns {{texts: string[], lines: number, blank: number}}
 */
export function textLines(value) {
  const lines = value.split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop(); // the newline that ends the last line
  const texts = lines.filter((line) => line.trim() !== '');
  return { texts, lines: lines.length, blank: lines.length - texts.length };
}

/** Throws the message the page shows for input with nothing to embed. */
export function checkTextLines({ texts, lines }) {
  if (lines === 0) {
    throw new CosineHeatmapError('no texts: type or paste one text per line, or choose a .txt or .csv file');
  }
  if (texts.length === 0) {
    throw new CosineHeatmapError(`all ${lines === 1 ? 'the line is' : `${lines} lines are`} blank: nothing to embed`);
  }
}

export function isTable(file) {
  return TABLE_NAMES.test(file.name);
}

/**
 * A .csv/.tsv whose first row names its columns (also with a single column,
 * so that a header "text" is not taken for a text).
 * @returns {Promise<{columns: string[], rows: string[][]}>}
 */
export async function readTable(file, { signal } = {}) {
  const table = await parseMetadataOffThread(file, { name: file.name, signal });
  if (table.columns.length > 1 || table.rows.length === 0) return table;
  const [[header], ...rows] = table.rows;
  if (rows.length === 0) throw new CosineHeatmapError(`${file.name} has a header row and no texts`);
  return { columns: [header], rows };
}

/** A column named like text (text, sentence, document…), else the first one. */
export function defaultTextColumn(columns) {
  return Math.max(0, columns.findIndex((column) => TEXT_COLUMNS.test(column.trim())));
}

/** One line per row: a line break inside a quoted cell becomes a space. */
export function columnLines(table, index) {
  return table.rows.map((row) => (row[index] ?? '').replace(/\s*(\r\n|\n|\r)\s*/g, ' ')).join('\n');
}
