import { ParseError } from './parse-error.js';
import { loadArrowLibs } from './load-table-libs.js';
import { addMetadata, cellText, chooseColumns } from './table-columns.js';
import { findNonFinite, halfTable } from './parse-npy.js';

// Arrow IPC, file ("ARROW1", .arrow/.feather) or stream (.arrows) format, read
// by apache-arrow one record batch at a time; the column rules are Parquet's
// (table-columns.js). Positions name the record batch as `rowGroup`.

/**
 * @param {{file: string, byteLength: number, slice: Function}} source  from openRandomAccess
 * @param {{column?: string|string[], labelColumn?: string|number, onProgress?: Function}} [options]
 */
export async function parseArrow(source, { column, labelColumn, onProgress } = {}) {
  const { file } = source;
  const { RecordBatchReader, Type } = await loadArrowLibs();
  const bytes = new Uint8Array(await source.slice(0, source.byteLength));
  const batches = [];
  let schema;
  try {
    const reader = RecordBatchReader.from(bytes);
    reader.open();
    schema = reader.schema;
    for (const batch of reader) batches.push(batch);
  } catch (error) {
    throw new ParseError(`cannot read this Arrow IPC file (truncated or not Arrow?): ${error.message}`, { file, offset: batches.length ? undefined : 0, ...(batches.length ? { rowGroup: batches.length } : {}) });
  }
  if (!schema) throw new ParseError('no Arrow schema: the file is empty or not Arrow IPC', { file, offset: 0 });
  const fields = schema.fields.map((field) => describeField(field, Type));
  const choice = chooseColumns(fields, { column, file });
  const rows = batches.reduce((sum, b) => sum + b.numRows, 0);
  if (rows === 0) throw new ParseError('no rows: the Arrow file holds no record batches with rows', { file });

  const { data, dims } = choice.vector !== undefined
    ? readVectors(batches, choice.vector, rows, file, Type)
    : readNumberColumns(batches, choice.numbers, rows, file);
  onProgress?.({ done: source.byteLength, total: source.byteLength });

  const result = { data, dims };
  if (choice.metadata.length > 0) {
    const table = { columns: choice.metadata, rows: [] };
    for (const batch of batches) {
      const vectors = choice.metadata.map((name) => batch.getChild(name));
      for (let i = 0; i < batch.numRows; i++) table.rows.push(vectors.map((v) => cellText(toPlain(v.get(i)))));
    }
    addMetadata(result, table, fields, { labelColumn, file });
  }
  return result;
}

function describeField(field, Type) {
  const { typeId } = field.type;
  const isList = typeId === Type.List || typeId === Type.FixedSizeList || typeId === Type.LargeList;
  if (isList) {
    const child = field.type.children[0].type;
    return { name: field.name, kind: child.typeId === Type.Float ? 'vector' : 'other', type: String(field.type) };
  }
  if (typeId === Type.Float) return { name: field.name, kind: 'number', type: String(field.type) };
  const isText = (id) => id === Type.Utf8 || id === Type.LargeUtf8 || id === Type.Utf8View;
  const text = isText(typeId) || (typeId === Type.Dictionary && isText(field.type.dictionary.typeId));
  return { name: field.name, kind: 'other', type: text ? 'string' : String(field.type) };
}

function readVectors(batches, name, rows, file, Type) {
  let out;
  let dims = 0;
  let row = 0;
  batches.forEach((batch, b) => {
    const where = { file, rowGroup: b, column: name };
    const batchStart = row;
    for (const data of batch.getChild(name).data) {
      const fixed = data.type.typeId === Type.FixedSizeList;
      const child = data.children[0];
      const lengthOf = (i) => (fixed ? data.type.listSize : Number(data.valueOffsets[data.offset + i + 1]) - Number(data.valueOffsets[data.offset + i]));
      const startOf = (i) => (fixed ? (data.offset + i) * data.type.listSize : Number(data.valueOffsets[data.offset + i]));
      if (!out) {
        dims = lengthOf(0);
        if (dims === 0) throw new ParseError('the first row is an empty list', { ...where, row: 1 });
        out = new Float32Array(rows * dims);
      }
      for (let i = 0; i < data.length; i++, row++) {
        if (data.nullCount > 0 && !data.getValid(i)) throw new ParseError('null in the embedding column', { ...where, row: row + 1 });
        const length = lengthOf(i);
        if (length !== dims) throw new ParseError(`ragged lists: this row has ${length} values, the first row ${dims}`, { ...where, row: row + 1 });
        const start = startOf(i) + child.offset;
        if (child.nullCount > 0) {
          for (let k = 0; k < dims; k++) {
            if (!child.getValid(start - child.offset + k)) throw new ParseError('null value inside a list of the embedding column', { ...where, row: row + 1 });
          }
        }
        copyFloats(out, row * dims, child.values, start, dims);
      }
    }
    checkFinite(out, dims, batchStart, row, where);
  });
  return { data: out, dims: [rows, dims] };
}

function readNumberColumns(batches, names, rows, file) {
  const d = names.length;
  const out = new Float32Array(rows * d);
  let first = 0;
  batches.forEach((batch, b) => {
    names.forEach((name, j) => {
      const vector = batch.getChild(name);
      let r = first;
      for (const data of vector.data) {
        for (let i = 0; i < data.length; i++, r++) {
          if (data.nullCount > 0 && !data.getValid(i)) throw new ParseError('null in an embedding column', { file, rowGroup: b, column: name, row: r + 1 });
          copyFloats(out, r * d + j, data.values, data.offset + i, 1);
        }
      }
    });
    checkFinite(out, d, first, first + batch.numRows, { file, rowGroup: b, columns: names });
    first += batch.numRows;
  });
  return { data: out, dims: [rows, d] };
}

// Arrow keeps float16 as its raw bits (a Uint16Array).
function copyFloats(out, at, values, start, count) {
  if (values instanceof Uint16Array) {
    const table = halfTable();
    for (let k = 0; k < count; k++) out[at + k] = table[values[start + k]];
  } else if (count === 1) {
    out[at] = values[start];
  } else {
    out.set(values.subarray(start, start + count), at);
  }
}

function checkFinite(out, d, fromRow, toRow, { file, rowGroup, column, columns }) {
  const found = findNonFinite(out.subarray(fromRow * d, toRow * d));
  if (found < 0) return;
  const i = fromRow * d + found;
  throw new ParseError(`value is ${out[i]}, not a finite number float32 can hold`,
    { file, rowGroup, row: Math.floor(i / d) + 1, column: column ?? columns[i % d] });
}

// Arrow rows and lists come as Arrow objects; metadata cells want plain values.
function toPlain(value) {
  if (value && typeof value === 'object' && typeof value.toJSON === 'function' && !(value instanceof Date)) return value.toJSON();
  return value;
}
