import { ParseError } from './parse-error.js';
import { locateJsonError } from './parse-json-locate.js';

const EMBEDDING_FIELDS = ['embedding', 'vector', 'values', 'embeddings'];
const LABEL_FIELDS = ['text', 'label', 'id', 'name'];
// Top-level keys that hold the rows: our own shape, and the one embedding APIs return ({data: [{embedding}]}).
const ROW_KEYS = ['embeddings', 'vectors', 'data'];
const MAX_LABEL_NESTING = 100;

/**
 * Parses JSON (number[][], {embeddings, labels?}, or objects with an embedding
 * field) or JSONL (one object or one bare array per line).
 * @param {Uint8Array} bytes
 * @param {{file?: string, jsonl?: boolean, embeddingField?: string, labelField?: string,
 *          onProgress?: Function}} [options]
 * @returns {{data: Float32Array, dims: [number, number], labels?: string[],
 *            metadata?: {columns: string[], rows: string[][]}}}
 */
export function parseJson(bytes, { file = '<input>', jsonl = false, embeddingField, labelField, onProgress } = {}) {
  const total = bytes.length;
  onProgress?.({ done: 0, total });
  const text = new TextDecoder('utf-8').decode(bytes); // non-fatal, drops a BOM
  if (text.trim() === '') throw new ParseError('empty file: no vectors', { file, offset: 0 });
  const options = { file, embeddingField, labelField };
  const result = jsonl ? fromJsonLines(text, options) : fromJsonDocument(text, options);
  onProgress?.({ done: total, total });
  return result;
}

function fromJsonDocument(text, options) {
  const { file } = options;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    const { index, reason } = locateJsonError(text);
    const { line, column } = lineAndColumn(text, index);
    throw new ParseError(`invalid JSON: ${reason}`, { file, line, column, columnUnit: 'characters' });
  }
  const where = (i, j) => ({ file, row: i + 1, column: j === undefined ? undefined : j + 1 });

  if (Array.isArray(value)) {
    if (value.length === 0) throw new ParseError('empty array: no vectors', { file });
    if (typeof value[0] === 'number') return fromVectors([value], where); // 1-D: one vector
    return fromItems(value, where, options);
  }
  if (value && typeof value === 'object') {
    const key = ROW_KEYS.find((k) => Array.isArray(value[k]));
    if (key) {
      const result = fromItems(value[key], where, options);
      if (value.labels !== undefined) {
        if (!Array.isArray(value.labels)) throw new ParseError('"labels" must be an array of strings', { file });
        const [n] = result.dims;
        if (value.labels.length !== n) {
          throw new ParseError(`label count ≠ row count: ${value.labels.length} labels for ${n} rows`, { file });
        }
        result.labels = value.labels.map((label, i) => labelText(label, where(i)));
      }
      return result;
    }
    return fromItems([value], where, options);
  }
  throw new ParseError(`expected an array or an object, found ${typeof value === 'string' ? 'a string' : JSON.stringify(value)}`, { file });
}

function fromJsonLines(text, options) {
  const { file } = options;
  const items = [];
  const lines = [];
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber++;
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineText.trim() === '') continue;
    try {
      items.push(JSON.parse(lineText));
    } catch {
      const { index, reason } = locateJsonError(lineText);
      throw new ParseError(`invalid JSON: ${reason}`, { file, line: lineNumber, column: index + 1, columnUnit: 'characters' });
    }
    lines.push(lineNumber);
  }
  if (items.length === 0) throw new ParseError('empty file: no vectors', { file, offset: 0 });
  const where = (i, j) => ({
    file, line: lines[i], column: j === undefined ? undefined : j + 1,
    columnUnit: j === undefined ? undefined : 'vector elements',
  });
  return fromItems(items, where, options);
}

// Items are either all vectors (arrays) or all records (objects holding one).
function fromItems(items, where, { file, embeddingField, labelField }) {
  if (items.length === 0) throw new ParseError('empty array: no vectors', { file });
  if (Array.isArray(items[0])) {
    items.forEach((item, i) => {
      if (!Array.isArray(item)) throw new ParseError(`expected an array of numbers like the first row, found ${kind(item)}`, where(i));
    });
    return fromVectors(items, where);
  }
  const first = items[0];
  if (!first || typeof first !== 'object') {
    throw new ParseError(`expected an array of numbers or an object with an embedding, found ${kind(first)}`, where(0));
  }
  const field = embeddingField ?? EMBEDDING_FIELDS.find((k) => Array.isArray(own(first, k)));
  if (field === undefined || !Object.hasOwn(first, field)) {
    throw new ParseError(`no embedding field${embeddingField ? ` "${embeddingField}"` : ` (looked for ${EMBEDDING_FIELDS.join(', ')})`}; ` +
      `the object has ${Object.keys(first).map((k) => JSON.stringify(k)).join(', ') || 'no keys'}; name it with embeddingField`, where(0));
  }
  if (labelField !== undefined && !Object.hasOwn(first, labelField)) {
    throw new ParseError(`no label field "${labelField}"; the object has ${Object.keys(first).map((k) => JSON.stringify(k)).join(', ')}`, where(0));
  }
  const label = labelField ?? LABEL_FIELDS.find((k) => own(first, k) !== undefined && typeof first[k] !== 'object');
  // Every other scalar field rides along as metadata, e.g. for grouping later.
  const columns = Object.keys(first).filter((k) => k !== field && (first[k] === null || typeof first[k] !== 'object'));

  const vectors = items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new ParseError(`expected an object like the first row, found ${kind(item)}`, where(i));
    }
    const v = own(item, field);
    if (!Array.isArray(v)) throw new ParseError(`"${field}" is missing or not an array (found ${kind(v)})`, where(i));
    return v;
  });
  const result = fromVectors(vectors, where);
  if (label !== undefined) result.labels = items.map((item, i) => labelText(own(item, label), where(i)));
  if (columns.length > 0) {
    result.metadata = { columns, rows: items.map((item, i) => columns.map((k) => labelText(own(item, k), where(i)))) };
  }
  return result;
}

function fromVectors(vectors, where) {
  const n = vectors.length;
  const d = vectors[0].length;
  if (d === 0) throw new ParseError('vectors have no components (d = 0)', where(0));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    if (v.length !== d) {
      throw new ParseError(`ragged rows: expected ${d} values like the first row, found ${v.length}`, where(i));
    }
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const x = v[j];
      if (typeof x !== 'number') {
        const reason = x === null
          ? 'expected a number, found null (NaN or a missing value?)'
          : `expected a number, found ${kind(x)}`;
        throw new ParseError(reason, where(i, j));
      }
      data[base + j] = x;
      if (!Number.isFinite(data[base + j])) throw new ParseError(`${x} is out of float32 range`, where(i, j));
    }
  }
  return { data, dims: [n, d] };
}

// Field names come from the user (embeddingField, labelField) or from the
// data, so only a record's own properties count: "constructor" or "toString"
// must not find Object.prototype's.
function own(object, key) {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

// Labels are meant to be text; an object or array is shown as its JSON,
// unless it is nested too deeply for JSON.stringify (which recurses).
function labelText(value, where) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (deeperThan(value, MAX_LABEL_NESTING)) {
    throw new ParseError(`a label is an object or array nested more than ${MAX_LABEL_NESTING} levels deep; labels must be text`, where);
  }
  return JSON.stringify(value);
}

function deeperThan(value, limit) {
  let level = [value];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > limit) return true;
    const next = [];
    for (const v of level) for (const child of Object.values(v)) if (child && typeof child === 'object') next.push(child);
    level = next;
  }
  return false;
}

// A preview of a value for messages, at most 40 characters of its JSON. It
// visits only what it shows, so it costs nothing on a huge or deep value.
function kind(value) {
  if (value === undefined) return 'nothing';
  let json = '';
  const full = () => json.length > 40;
  const visit = (v) => {
    if (v === null || typeof v !== 'object') {
      json += JSON.stringify(v) ?? typeof v;
      return;
    }
    const array = Array.isArray(v);
    json += array ? '[' : '{';
    const keys = array ? v.keys() : Object.keys(v);
    let first = true;
    for (const k of keys) {
      if (full()) return;
      if (!first) json += ',';
      if (!array) json += `${JSON.stringify(k)}:`;
      visit(v[k]);
      first = false;
    }
    if (!full()) json += array ? ']' : '}';
  };
  visit(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

function lineAndColumn(text, index) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
