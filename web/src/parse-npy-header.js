// The header of a .npy file, read as strictly as numpy.lib.format does, and
// more strictly where NumPy would guess: the header is a Python dict literal
// with exactly the keys 'descr', 'fortran_order' and 'shape', ending with a
// line break right before the data. NumPy evaluates it with ast.literal_eval,
// which keeps the last of two equal keys; a validation tool refuses instead.
// Every failure names its byte offset.

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const KEYS = ['descr', 'fortran_order', 'shape'];
const MAX_NESTING = 32;
const LF = 10;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKSLASH = 92;

/**
 * @param {Uint8Array} bytes  the whole file
 * @param {(reason: string, offset: number) => never} fail
 * @returns {{descr: string, descrOffset: number, fortran: boolean, shape: number[], dataOffset: number}}
 *   `descr` is a dtype string such as '<f4', found at byte offset `descrOffset`.
 */
export function readNpyHeader(bytes, fail) {
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) fail('truncated file: the .npy magic string is incomplete', bytes.length);
    if (bytes[i] !== MAGIC[i]) fail('not a .npy file: the magic string \\x93NUMPY is missing', i);
  }
  if (bytes.length < 10) fail('truncated file: the .npy header length is missing', bytes.length);
  const major = bytes[6];
  let headerLength, start;
  if (major === 1) {
    headerLength = bytes[8] | (bytes[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated file: the .npy header length is missing', bytes.length);
    headerLength = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 2 ** 24;
    start = 12;
  } else {
    fail(`unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`, 6);
  }
  const end = start + headerLength;
  if (end > bytes.length) {
    fail(`truncated file: the header announces ${headerLength} bytes from byte offset ${start}, ` +
      `but the file ends at byte offset ${bytes.length}`, bytes.length);
  }
  // Version 3.0 exists only to allow UTF-8 in the header (field names); 1.0 and 2.0 are latin-1.
  const utf8 = major === 3;
  if (utf8) {
    const bad = firstInvalidUtf8(bytes, start, end);
    if (bad >= 0) fail(`invalid UTF-8 in the version 3.0 header (byte 0x${hex(bytes[bad])}): .npy 3.0 headers are UTF-8`, bad);
  }
  if (headerLength === 0 || bytes[end - 1] !== LF) {
    fail(`malformed .npy header: the ${headerLength} bytes that the header length (at byte offset 8) announces ` +
      `do not end with a line break (the header length does not match the header?)`, Math.max(start, end - 1));
  }

  const literal = new HeaderLiteral(bytes, start, end, { utf8, allowLongInts: !utf8, fail });
  const dict = literal.parse();
  const text = () => literal.text(start, end).trim();
  if (dict.type !== 'dict') fail(`malformed .npy header, not a dictionary: ${text()}`, start);
  const entries = {};
  for (const { key, value, offset } of dict.entries) {
    if (!KEYS.includes(key)) {
      fail(`unexpected key ${pyString(key)} in the .npy header; it holds only 'descr', 'fortran_order' and 'shape'`, offset);
    }
    if (entries[key]) {
      fail(`repeated key ${pyString(key)} in the .npy header (first at byte offset ${entries[key].offset}): ` +
        'NumPy would silently keep the last one, so the file is ambiguous', offset);
    }
    entries[key] = { value, offset };
  }
  for (const key of KEYS) if (!entries[key]) fail(`malformed .npy header, no '${key}': ${text()}`, start);

  const { descr, fortran_order: order, shape } = entries;
  if (order.value.type !== 'bool') fail(`'fortran_order' must be True or False, found ${literal.source(order.value)}`, order.value.offset);
  const dims = shape.value.type === 'tuple' ? shape.value.items : null;
  if (!dims || dims.some((x) => x.type !== 'int' || !Number.isSafeInteger(x.value) || x.value < 0)) {
    fail(`malformed shape ${literal.source(shape.value)}: expected a tuple of non-negative integers`, shape.value.offset);
  }
  if (descr.value.type === 'list') {
    fail('unsupported dtype: structured records (a list of fields); save a plain numeric 2-D array', descr.value.offset);
  }
  if (descr.value.type !== 'str') fail(`unsupported dtype ${literal.source(descr.value)}`, descr.value.offset);
  return {
    descr: descr.value.value,
    descrOffset: descr.value.offset,
    fortran: order.value.value,
    shape: dims.map((x) => x.value),
    dataOffset: end,
  };
}

// A recursive-descent reader of the Python literals a .npy header may hold:
// dicts, tuples, lists, strings, integers (Python 2's 123L in 1.0/2.0
// headers), True, False and None. Nesting is capped, so no input can
// exhaust the stack. Values carry the byte offset where they start.
class HeaderLiteral {
  /**
   * @param {Uint8Array} bytes
   * @param {number} start  byte offset of the header text
   * @param {number} end  byte offset where the data begins
   * @param {{utf8: boolean, allowLongInts: boolean, fail: (reason: string, offset: number) => never}} options
   */
  constructor(bytes, start, end, { utf8, allowLongInts, fail }) {
    this.bytes = bytes;
    this.end = end;
    this.fail = fail;
    this.allowLongInts = allowLongInts;
    this.p = start; // the byte being read
    this.decoder = new TextDecoder(utf8 ? 'utf-8' : 'latin1');
  }

  parse() {
    const value = this.value(0);
    this.space();
    if (this.p < this.end) this.fail(`malformed .npy header: unexpected ${this.shown()} after the dictionary`, this.p);
    return value;
  }

  text(from, to) {
    return this.decoder.decode(this.bytes.subarray(from, to));
  }

  source(value) {
    return this.text(value.offset, value.end).trim();
  }

  shown() {
    if (this.p >= this.end) return 'end of the header';
    const c = this.bytes[this.p];
    return c === LF ? 'line break' : JSON.stringify(this.text(this.p, this.p + 1));
  }

  space() {
    const { bytes, end } = this;
    while (this.p < end && (bytes[this.p] === 32 || bytes[this.p] === 9 || bytes[this.p] === LF || bytes[this.p] === 13)) this.p++;
  }

  expected(what) {
    this.fail(`malformed .npy header: expected ${what}, found ${this.shown()}`, this.p);
  }

  value(depth) {
    if (depth > MAX_NESTING) this.fail(`malformed .npy header: nested deeper than ${MAX_NESTING} levels`, this.p);
    this.space();
    const offset = this.p;
    const c = this.bytes[this.p];
    let value;
    if (c === 123) value = this.dict(depth);
    else if (c === 40) value = this.sequence(depth, 41, 'tuple');
    else if (c === 91) value = this.sequence(depth, 93, 'list');
    else if (c === QUOTE || c === DOUBLE_QUOTE) value = { type: 'str', value: this.string() };
    else if ((c >= 48 && c <= 57) || c === 45 || c === 43) value = { type: 'int', value: this.int() };
    else value = this.word();
    value.offset ??= offset;
    value.end = this.p;
    return value;
  }

  dict(depth) {
    const entries = [];
    this.p++;
    for (;;) {
      this.space();
      if (this.bytes[this.p] === 125) { this.p++; return { type: 'dict', entries }; }
      const offset = this.p;
      const c = this.bytes[this.p];
      if (c !== QUOTE && c !== DOUBLE_QUOTE) this.expected('a quoted key');
      const key = this.string();
      this.space();
      if (this.bytes[this.p] !== 58) this.expected("':'");
      this.p++;
      entries.push({ key, value: this.value(depth + 1), offset });
      this.space();
      if (this.bytes[this.p] === 44) this.p++;
      else if (this.bytes[this.p] !== 125) this.expected("',' or '}'");
    }
  }

  // `(x)` is x in parentheses, as in Python; `(x,)` is a tuple.
  sequence(depth, close, type) {
    const offset = this.p;
    const items = [];
    let comma = false;
    this.p++;
    for (;;) {
      this.space();
      if (this.bytes[this.p] === close) {
        this.p++;
        if (type === 'tuple' && items.length === 1 && !comma) return { ...items[0], offset };
        return { type, items };
      }
      items.push(this.value(depth + 1));
      this.space();
      comma = this.bytes[this.p] === 44;
      if (comma) this.p++;
      else if (this.bytes[this.p] !== close) this.expected(`',' or '${String.fromCharCode(close)}'`);
    }
  }

  string() {
    const { bytes, end } = this;
    const quote = bytes[this.p];
    const from = ++this.p;
    while (this.p < end && bytes[this.p] !== quote) {
      if (bytes[this.p] === LF) break;
      this.p += bytes[this.p] === BACKSLASH ? 2 : 1;
    }
    if (this.p >= end || bytes[this.p] !== quote) this.fail('malformed .npy header: unterminated string', from - 1);
    const raw = this.text(from, this.p++);
    return raw.includes('\\') ? raw.replace(/\\(.)/g, '$1') : raw;
  }

  int() {
    const { bytes, end } = this;
    const from = this.p;
    if (bytes[this.p] === 45 || bytes[this.p] === 43) this.p++;
    const digits = this.p;
    while (this.p < end && bytes[this.p] >= 48 && bytes[this.p] <= 57) this.p++;
    if (this.p === digits) this.expected('digits');
    const value = Number(this.text(from, this.p));
    if (this.allowLongInts && (bytes[this.p] === 76 || bytes[this.p] === 108)) this.p++; // Python 2's 3L
    return value;
  }

  word() {
    for (const [word, value] of [['True', { type: 'bool', value: true }], ['False', { type: 'bool', value: false }], ['None', { type: 'none' }]]) {
      if (this.text(this.p, this.p + word.length) === word) {
        this.p += word.length;
        return value;
      }
    }
    return this.expected('a value');
  }
}

/**
 * Index of the first byte in [start, end) that does not belong to a
 * well-formed UTF-8 sequence (no overlongs, surrogates or code points above
 * U+10FFFF), or -1.
 */
function firstInvalidUtf8(bytes, start, end) {
  for (let i = start; i < end;) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let length;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) length = 3;
    else if (b >= 0xf0 && b <= 0xf4) length = 4;
    else return i;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (i + 1 >= end || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k < length; k++) if (i + k >= end || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

function pyString(s) {
  return `'${s.replace(/[\\']/g, '\\$&')}'`;
}

function hex(b) {
  return b.toString(16).padStart(2, '0');
}
