import { ParseError } from './parse-error.js';

// The column rules Parquet and Arrow share. A field is
// {name, kind: 'vector'|'number'|'other', type} where 'vector' is a list or
// fixed-size list of float/double, 'number' a float/double column and `type`
// a readable type for messages.

/**
 * Picks the embedding column(s): the one asked for (`column`: a name, or an
 * array of number columns), else the only vector column, else all number
 * columns when there are two or more. Several vector columns are an error
 * whose `candidates` list them (the page asks which). The remaining
 * columns, except other vector columns, become metadata.
 * @param {{name: string, kind: string, type: string}[]} fields
 * @param {{column?: string|string[], file: string}} options
 * @returns {{vector?: string, numbers?: string[], metadata: string[]}}
 */
export function chooseColumns(fields, { column, file }) {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const describe = (list) => list.map((f) => `${f.name} (${f.type})`).join(', ');
  const metadataBesides = (used) => fields.filter((f) => !used.includes(f.name) && f.kind !== 'vector').map((f) => f.name);
  const find = (name) => {
    const field = byName.get(name);
    if (!field) throw new ParseError(`no column ${JSON.stringify(name)}; columns: ${describe(fields)}`, { file });
    return field;
  };

  if (Array.isArray(column)) {
    if (column.length === 0) throw new ParseError('column: [] names no columns', { file });
    for (const name of column) {
      const field = find(name);
      if (field.kind !== 'number') {
        throw new ParseError(`column ${JSON.stringify(name)} is ${field.type}; several embedding columns must each hold float or double numbers`, { file, column: name });
      }
    }
    return { numbers: column, metadata: metadataBesides(column) };
  }
  if (column !== undefined && column !== null && column !== '') {
    const field = find(column);
    if (field.kind !== 'vector') {
      throw new ParseError(`column ${JSON.stringify(column)} is ${field.type}, not a list of float or double`, { file, column });
    }
    return { vector: column, metadata: metadataBesides([column]) };
  }

  const vectors = fields.filter((f) => f.kind === 'vector');
  if (vectors.length === 1) return { vector: vectors[0].name, metadata: metadataBesides([vectors[0].name]) };
  if (vectors.length > 1) {
    const error = new ParseError(
      `several columns could be the embeddings: ${describe(vectors)}; choose one with the column option`, { file });
    error.code = 'AMBIGUOUS_COLUMN';
    error.candidates = vectors.map((f) => f.name);
    throw error;
  }
  const numbers = fields.filter((f) => f.kind === 'number');
  if (numbers.length >= 2) return { numbers: numbers.map((f) => f.name), metadata: metadataBesides(numbers.map((f) => f.name)) };
  throw new ParseError(
    `no embedding column: expected a list<float|double> or fixed_size_list column, or several float columns; columns: ${describe(fields)}`,
    { file });
}

/** A metadata cell as text: nulls are empty, nested values JSON. */
export function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));
}

/**
 * A table's other columns as the result's metadata, with its labels from the
 * label column: a name or index asked for, else the first text column
 * (`fields` say which are text), else the first column.
 */
export function addMetadata(result, table, fields, { labelColumn, file }) {
  const index = labelIndex(table.columns, fields.filter((f) => f.type === 'string').map((f) => f.name), labelColumn);
  if (index < 0 || index >= table.columns.length) {
    throw new ParseError(`no metadata column ${JSON.stringify(labelColumn)} (columns: ${table.columns.join(', ')})`, { file });
  }
  result.metadata = table;
  result.labels = table.rows.map((row) => row[index]);
}

function labelIndex(columns, textColumns, labelColumn) {
  if (typeof labelColumn === 'number') return labelColumn;
  if (typeof labelColumn === 'string') return columns.indexOf(labelColumn);
  const text = columns.findIndex((name) => textColumns.includes(name));
  return text >= 0 ? text : 0;
}
