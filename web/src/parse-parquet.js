import { ParseError } from './parse-error.js';
import { loadParquetLibs } from './load-table-libs.js';
import { addMetadata, cellText, chooseColumns } from './table-columns.js';
import { findNonFinite } from './parse-npy.js';
import { decodeDataPage } from './parquet-page.js';

// Parquet embeddings: a list<float|double> column (Parquet writes Arrow's
// fixed_size_list and DuckDB's FLOAT[n] as lists too), or several float
// columns. hyparquet reads the metadata and decodes each page (any codec,
// any encoding); the values go straight into the final Float32Array, one row
// group at a time, so memory holds the result plus one column chunk.

/**
 * @param {{file: string, byteLength: number, slice: Function}} source  from openRandomAccess
 * @param {{column?: string|string[], labelColumn?: string|number, onProgress?: Function}} [options]
 */
export async function parseParquet(source, { column, labelColumn, onProgress } = {}) {
  const { file } = source;
  const libs = await loadParquetLibs();
  const metadata = await readMetadata(libs, source);
  const tree = libs.parquetSchema(metadata);
  const fields = tree.children.map(describeField);
  const choice = chooseColumns(fields, { column, file });
  const rows = Number(metadata.num_rows);
  if (rows === 0) throw new ParseError('no rows: the Parquet file is empty', { file });

  const context = { libs, source, file, metadata, tree, rows, onProgress, repScratch: {} };
  const { data, dims } = choice.vector !== undefined
    ? await readVectors(context, fields.find((f) => f.name === choice.vector))
    : await readNumberColumns(context, choice.numbers.map((name) => fields.find((f) => f.name === name)));

  const result = { data, dims };
  if (choice.metadata.length > 0) {
    const objects = await libs.parquetReadObjects({ file: source, metadata, columns: choice.metadata, compressors: libs.compressors })
      .catch((error) => { throw wrap(error, file, 'the metadata columns do not decode'); });
    const table = { columns: choice.metadata, rows: objects.map((o) => choice.metadata.map((name) => cellText(o[name]))) };
    addMetadata(result, table, fields, { labelColumn, file });
  }
  return result;
}

async function readMetadata(libs, source) {
  if (source.byteLength < 12) throw new ParseError(`truncated: ${source.byteLength} bytes is too short for a Parquet file`, { file: source.file, offset: 0 });
  const tail = new Uint8Array(await source.slice(source.byteLength - 4));
  if (String.fromCharCode(...tail) !== 'PAR1') {
    throw new ParseError('truncated or not Parquet: the file does not end with the PAR1 footer marker', { file: source.file, offset: source.byteLength - 4 });
  }
  try {
    return await libs.parquetMetadataAsync(source);
  } catch (error) {
    throw wrap(error, source.file, 'its footer metadata is corrupt or cut', source.byteLength - 8);
  }
}

// kind 'vector': one repeated level down to a float/double leaf.
function describeField(node) {
  const name = node.element.name;
  const path = [name];
  let repeated = node.element.repetition_type === 'REPEATED' ? 1 : 0;
  let leaf = node;
  while (leaf.children.length === 1) {
    leaf = leaf.children[0];
    path.push(leaf.element.name);
    if (leaf.element.repetition_type === 'REPEATED') repeated++;
  }
  const leafType = typeName(leaf.element);
  const isFloat = leaf.children.length === 0 && (leaf.element.type === 'FLOAT' || leaf.element.type === 'DOUBLE');
  if (leaf === node) return { name, path, kind: isFloat && !repeated ? 'number' : 'other', type: repeated ? `list<${leafType}>` : leafType };
  if (leaf.children.length === 0 && repeated === 1) return { name, path, kind: isFloat ? 'vector' : 'other', type: `list<${leafType}>` };
  return { name, path, kind: 'other', type: leaf.children.length ? 'struct' : `nested list<${leafType}>` };
}

function typeName(element) {
  const logical = element.logical_type?.type;
  if (logical === 'STRING' || element.converted_type === 'UTF8') return 'string';
  if (logical === 'FLOAT16') return 'float16';
  if (logical === 'INTEGER') return `${element.logical_type.isSigned === false ? 'uint' : 'int'}${element.logical_type.bitWidth}`;
  if (logical) return logical.toLowerCase();
  if (element.converted_type) return element.converted_type.toLowerCase().replace('_', '');
  return { FLOAT: 'float', DOUBLE: 'double', BYTE_ARRAY: 'binary' }[element.type] ?? String(element.type).toLowerCase();
}

async function readVectors(context, field) {
  const { metadata, rows, file } = context;
  // Across pages: values written, rows started, entries in the open row (-1: none yet).
  const state = { out: null, dims: 0, pos: 0, row: 0, fill: -1, rows };
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const group = metadata.row_groups[g];
    const groupStart = state.pos;
    await forEachPage(context, g, field, (page, where) => {
      if (!state.out) {
        state.dims = firstRowLength(page.rep, Number(page.chunkValues) / Number(group.num_rows));
        if (state.dims === 0) throw new ParseError('the first row is an empty list', { ...where, row: 1 });
        state.out = new Float32Array(rows * state.dims);
      }
      const scan = scanRows(page, state.dims, state.fill);
      if (!scan || page.def || state.row + scan.started > rows) {
        copyRowByRow(page, state, where);
        return;
      }
      if (page.float32Bytes) {
        new Uint8Array(state.out.buffer, state.pos * 4, page.float32Bytes.length).set(page.float32Bytes);
      } else {
        state.out.set(page.values, state.pos);
      }
      state.pos += page.rep.length;
      state.row += scan.started;
      state.fill = scan.fill;
    });
    checkFinite(state.out, groupStart, state.pos, state.dims, { file, rowGroup: g, column: field.name });
  }
  const where = { file, rowGroup: metadata.row_groups.length - 1, column: field.name };
  if (state.fill !== state.dims) throw new ParseError(`ragged lists: this row has ${state.fill} values, the first row ${state.dims}`, { ...where, row: state.row });
  if (state.row !== rows) throw new ParseError(`${state.row} rows where the footer declares ${rows}`, where);
  return { data: state.out, dims: [rows, state.dims] };
}

// Does every row of this page (the first may run on from the previous page)
// have exactly `dims` entries? null if not. With levels 0 and 1 only (one
// list level), rows are regular exactly when the level is 0 at every
// expected row start and nowhere else: check those positions and compare
// their count with the zeros counted while decoding.
function scanRows({ rep, rowStarts }, dims, fill) {
  if (rowStarts === undefined) return scanEveryLevel(rep, dims, fill);
  const first = fill === -1 || fill === dims ? 0 : dims - fill;
  let started = 0;
  let last = -1;
  for (let i = first; i < rep.length; i += dims) {
    if (rep[i] !== 0) return null;
    started++;
    last = i;
  }
  if (started !== rowStarts) return null;
  if (last < 0) return fill === -1 ? null : { started, fill: fill + rep.length };
  return { started, fill: rep.length - last };
}

function scanEveryLevel(rep, dims, fill) {
  let started = 0;
  for (let i = 0; i < rep.length; i++) {
    if (rep[i] === 0) {
      if (fill !== dims && fill !== -1) return null;
      fill = 1;
      started++;
    } else {
      if (fill === dims || fill === -1) return null;
      fill++;
    }
  }
  return { started, fill };
}

// The slow path, for pages with nulls or ragged rows: row by row, so the
// error names the row.
function copyRowByRow({ rep, def, values, maxDef, repeatedDef }, state, where) {
  const { out, dims, rows } = state;
  let v = 0;
  for (let i = 0; i < rep.length; i++) {
    if (rep[i] === 0) {
      if (state.fill !== -1 && state.fill !== dims) {
        throw new ParseError(`ragged lists: this row has ${state.fill} values, the first row ${dims}`, { ...where, row: state.row });
      }
      state.row++;
      state.fill = 0;
      if (state.row > rows) throw new ParseError(`more rows than the ${rows} the footer declares`, { ...where, row: state.row });
    }
    if (def && def[i] !== maxDef) throw new ParseError(nullReason(def[i], repeatedDef), { ...where, row: state.row });
    if (state.fill >= dims) throw new ParseError(`ragged lists: this row has more than the first row's ${dims} values`, { ...where, row: state.row });
    out[state.pos++] = values[v++];
    state.fill++;
  }
}

function firstRowLength(rep, average) {
  for (let i = 1; i < rep.length; i++) if (rep[i] === 0) return i;
  return Math.round(average);
}

function nullReason(level, repeatedDef) {
  if (level >= repeatedDef) return 'null value inside a list of the embedding column';
  if (level === repeatedDef - 1) return 'empty list in the embedding column';
  return 'null in the embedding column';
}

async function readNumberColumns(context, fields) {
  const { metadata, rows, file } = context;
  const d = fields.length;
  const out = new Float32Array(rows * d);
  let groupRow = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const groupRows = Number(metadata.row_groups[g].num_rows);
    for (let j = 0; j < d; j++) {
      let r = groupRow;
      await forEachPage(context, g, fields[j], ({ def, values, count }, where) => {
        if (def) throw new ParseError('null in an embedding column', { ...where, row: r + def.findIndex((level) => level === 0) + 1 });
        if (r + count > rows) throw new ParseError(`more rows than the ${rows} the footer declares`, where);
        for (let i = 0; i < count; i++, r++) out[r * d + j] = values[i];
      });
      if (r !== groupRow + groupRows) throw new ParseError(`${r - groupRow} values where the row group has ${groupRows} rows`, { file, rowGroup: g, column: fields[j].name });
    }
    checkFinite(out, groupRow * d, (groupRow + groupRows) * d, d, { file, rowGroup: g, columns: fields.map((f) => f.name) });
    groupRow += groupRows;
  }
  return { data: out, dims: [rows, d] };
}

function checkFinite(out, start, end, d, { file, rowGroup, column, columns }) {
  const i = findNonFinite(out.subarray(start, end));
  if (i < 0) return;
  const index = start + i;
  throw new ParseError(`value is ${out[index]}, not a finite number float32 can hold`,
    { file, rowGroup, row: Math.floor(index / d) + 1, column: column ?? columns[index % d] });
}

// Decodes one column chunk page by page (parquet-page.js), with where each
// page starts for error messages.
async function forEachPage(context, g, field, consume) {
  const { libs, source, file, tree, metadata, onProgress } = context;
  const rowGroup = metadata.row_groups[g];
  const columnChunk = rowGroup.columns.find((c) => c.meta_data?.path_in_schema.join('\u0000') === field.path.join('\u0000'));
  if (!columnChunk) throw new ParseError('column chunk is missing', { file, rowGroup: g, column: field.name });
  const meta = columnChunk.meta_data;
  const column = { ...columnDecoder(tree, field, libs), codec: meta.codec, compressors: libs.compressors, repScratch: context.repScratch };
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  const whereChunk = { file, rowGroup: g, column: field.name, offset: start };
  if (end > source.byteLength) throw new ParseError(`truncated: the column chunk ends at byte ${end}, past the end of the file`, whereChunk);
  const window = new ChunkWindow(source, start, end);
  let dictionary;
  let levels = 0;
  const total = Number(meta.num_values);
  while (levels < total && window.position < end) {
    const where = { file, rowGroup: g, column: field.name, offset: window.position };
    let page;
    try {
      const header = await window.header(libs);
      const compressed = await window.take(header.compressed_page_size);
      if (header.type === 'DICTIONARY_PAGE') {
        const bytes = libs.decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, libs.compressors);
        // A copy: the window's buffer is reused for the next pages.
        dictionary = libs.readPlain({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 },
          column.type, header.dictionary_page_header.num_values, column.element.type_length).slice();
      } else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
        page = decodeDataPage(libs, header, compressed, column, dictionary);
        levels += page.count;
      }
    } catch (error) {
      throw wrap(error, file, 'a page does not decode', undefined, where);
    }
    if (page) consume(Object.assign(page, { maxDef: column.maxDef, repeatedDef: column.repeatedDef, chunkValues: total }), where);
    onProgress?.({ done: window.position, total: source.byteLength }); // page by page: a file may be one row group
  }
  if (levels < total) throw new ParseError(`truncated column chunk: ${levels} of ${total} values`, whereChunk);
  onProgress?.({ done: end, total: source.byteLength });
}

// A column chunk read through a window of a few MB, page by page, so a File
// whose row group is most of the file (pyarrow writes up to 1,048,576 rows
// per group) never holds the whole chunk: memory is the result plus one window.
// Bytes in memory are viewed, not copied, whatever the window.
const WINDOW_BYTES = 8 << 20;
const MAX_HEADER_BYTES = 1 << 16;

class ChunkWindow {
  constructor(source, start, end) {
    Object.assign(this, { source, end, position: start, windowStart: start, bytes: new Uint8Array(0) });
  }

  // Makes [position, position + length) available (length is clipped to the chunk).
  async ensure(length) {
    const want = Math.min(this.position + length, this.end);
    if (want <= this.windowStart + this.bytes.length) return;
    this.windowStart = this.position;
    this.bytes = await this.source.bytes(this.position, Math.min(this.end, this.position + Math.max(length, WINDOW_BYTES)));
  }

  async header(libs) {
    await this.ensure(MAX_HEADER_BYTES);
    const offset = this.position - this.windowStart;
    const reader = { view: new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength), offset };
    const header = libs.parquetHeader(reader);
    if (reader.offset > this.bytes.length) throw new Error('the page header runs past its column chunk');
    this.position += reader.offset - offset;
    return header;
  }

  async take(length) {
    if (this.position + length > this.end) throw new Error('the page runs past its column chunk');
    await this.ensure(length);
    const offset = this.position - this.windowStart;
    this.position += length;
    return this.bytes.subarray(offset, offset + length);
  }
}

// hyparquet's per-column decoding parameters, plus the definition level at
// the repeated node (below it a missing value is a null element, above it an
// empty or null list).
function columnDecoder(tree, field, libs) {
  const schemaPath = [tree];
  let node = tree;
  for (const name of field.path) {
    node = node.children.find((c) => c.element.name === name);
    schemaPath.push(node);
  }
  let repeatedDef = 0;
  let def = 0;
  for (const { element } of schemaPath.slice(1)) {
    if (element.repetition_type !== 'REQUIRED') def++;
    if (element.repetition_type === 'REPEATED') repeatedDef = def;
  }
  return {
    pathInSchema: field.path, schemaPath, element: node.element, type: node.element.type,
    maxDef: libs.getMaxDefinitionLevel(schemaPath), maxRep: libs.getMaxRepetitionLevel(schemaPath), repeatedDef,
  };
}

function wrap(error, file, context, offset, where = {}) {
  if (error instanceof ParseError) return error;
  const message = String(error?.message ?? error).replace(/^parquet /, '');
  return new ParseError(`cannot read this Parquet file, ${context}: ${message}`, { file, offset, ...where });
}
