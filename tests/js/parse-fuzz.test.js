// Property tests for the JavaScript parsers (fast-check): whatever bytes a
// user drops, parseEmbeddings / parseMetadata either return a well-formed
// result or throw a ParseError whose message names the file, never another
// error and never a hang; and random float32 matrices written as TSV, CSV,
// JSON, JSONL and .npy parse back to exactly the same values.
//
// Inputs are random bytes, and mutations (byte flips, insertions of tokens
// that parsers treat specially, deletions, truncations, splices) of the
// fixtures in tests/fixtures/parsers/ and of every regression case in
// tests/fixtures/fuzz-regressions/, which are also replayed as they are.
//
// FUZZ_RUNS sets the runs per property (default 1000, about 10 s in all);
// `npm run fuzz` raises it. FUZZ_SEED replays a reported failure.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseEmbeddings, parseMetadata, ParseError } from '../../web/src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = (scale = 1) => ({ numRuns: Math.max(1, Math.round(RUNS * scale)), seed: SEED });
// One parse of a few KiB takes well under a millisecond; this catches
// quadratic blow-ups and near-hangs without being flaky on a slow machine.
const SLOW_PARSE_MS = 2_000;
const MAX_BYTES = 4096;

const readDir = (url) => readdirSync(url).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, url))) }));
const SEEDS = readDir(new URL('../fixtures/parsers/', import.meta.url));
// Each regression case is a file plus, optionally, <file>.options.json:
// {"options": {…parseEmbeddings options}, "expect": "error"|"result", "contains": "…"}.
const REGRESSION_DIR = new URL('../fixtures/fuzz-regressions/', import.meta.url);
const REGRESSIONS = readDir(REGRESSION_DIR)
  .filter(({ name }) => name !== 'README.md' && !name.endsWith('.options.json'))
  .map((entry) => {
    const sidecar = new URL(`${entry.name}.options.json`, REGRESSION_DIR);
    return { ...entry, spec: existsSync(sidecar) ? JSON.parse(readFileSync(sidecar, 'utf8')) : {} };
  });

const FILE_NAMES = ['input.npy', 'input.csv', 'input.tsv', 'input.tab', 'input.json', 'input.jsonl',
  'input.ndjson', 'input.txt', 'input', 'weird name <b>%{z}</b>.tsv'];
const FORMATS = ['auto', 'auto', 'auto', 'npy', 'csv', 'tsv', 'json', 'jsonl'];
// Pieces that parsers branch on: separators, quotes, brackets, number syntax,
// BOM, CR, invalid UTF-8, the .npy magic and header keys.
const TOKENS = ['\n', '\r\n', '\r', '\t', ',', ' ', '"', '""', "'", '[', ']', '{', '}', ':', '-', '+', '.',
  'e', 'E', 'e-', '1e999', '-1e999', '1e-999', 'NaN', 'nan', 'Infinity', '-inf', 'inf', '0x1p3', '1_000',
  '3.4028236e38', '1e-46', '-0', '00', '\uFEFF', '\u00a0', '\u2028', '\0', 'null', 'true', '"embedding":',
  '"label":', '"data":', '[[', ']]', '[1,2]', '{}', '[]', '#', 'label\tx', '\x93NUMPY', "'descr':", "'<f4'",
  "'>f8'", "'|u1'", "'shape': (", ')', ',)', "'fortran_order': True", '9999999999'];
const TOKEN_BYTES = TOKENS.map((t) => new TextEncoder().encode(t));
const RAW_TOKENS = [Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0x93)];

// One edit of a byte string; a list of them makes a mutant.
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('flip'), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), token: fc.constantFrom(...TOKEN_BYTES, ...RAW_TOKENS) }),
  fc.record({ kind: fc.constant('delete'), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('splice'), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
);

function mutate(bytes, edits) {
  let out = bytes;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    switch (edit.kind) {
      case 'flip':
        if (out.length > 0) { out = out.slice(); out[at % out.length] = edit.value; }
        break;
      case 'insert': out = concat(out.subarray(0, at), edit.token, out.subarray(at)); break;
      case 'splice': out = concat(out.subarray(0, at), edit.bytes, out.subarray(at)); break;
      case 'delete': out = concat(out.subarray(0, at), out.subarray(at + edit.length)); break;
      case 'truncate': out = out.slice(0, at); break;
      case 'duplicate': out = concat(out.subarray(0, at + edit.length), out.subarray(at)); break;
      default: throw new Error(`unknown edit ${edit.kind}`);
    }
  }
  return out.length > MAX_BYTES ? out.slice(0, MAX_BYTES) : out;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
}

const seedArb = fc.constantFrom(...SEEDS, ...REGRESSIONS);
// Mostly absent, so that most mutants reach the parsers' deeper paths
// instead of stopping at an option that does not fit the file.
const rarely = (arb) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const optionsArb = fc.record({
  name: fc.constantFrom(...FILE_NAMES),
  format: fc.oneof({ weight: 6, arbitrary: fc.constant('auto') }, { weight: 2, arbitrary: fc.constantFrom(...FORMATS) }),
  labelColumn: rarely(fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom('label', 'name', 'nope', ''))),
  header: rarely(fc.boolean()),
  delimiter: rarely(fc.constantFrom(',', '\t', ' ', ';', '|')),
  embeddingField: rarely(fc.constantFrom('embedding', 'vector', 'x', '__proto__', 'constructor')),
  labelField: rarely(fc.constantFrom('label', 'text', 'x', '__proto__', 'toString')),
}, { requiredKeys: ['name', 'format'] });

// A mutant of a fixture keeps the fixture's name most of the time (so the
// format is detected as the fixture's); random bytes get a random name.
const caseArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(seedArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), optionsArb, fc.boolean())
    .map(([seed, edits, options, keepName]) => [mutate(seed.bytes, edits), keepName ? { ...options, name: seed.name } : options]) },
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 512 }), optionsArb) },
  { weight: 1, arbitrary: fc.tuple(fc.array(fc.constantFrom(...TOKENS, '1', '0.5', '-2', 'a'), { maxLength: 40 })
    .map((ts) => new TextEncoder().encode(ts.join(''))), optionsArb) },
);
const mutantArb = caseArb.map(([bytes]) => bytes);

// The contract of parseEmbeddings, checked on whatever it returned or threw.
function checkOutcome(outcome, file, ms) {
  assert.ok(ms < SLOW_PARSE_MS, `${file}: parsing took ${ms.toFixed(0)} ms`);
  if ('error' in outcome) {
    const { error } = outcome;
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${error?.stack ?? error}`);
    assert.ok(error.message.includes(file), `message names the file ${JSON.stringify(file)}: ${error.message}`);
    return;
  }
  const { result } = outcome;
  assert.ok(result.data instanceof Float32Array, 'data is a Float32Array');
  assert.ok(Array.isArray(result.dims) && result.dims.length === 2, `dims ${JSON.stringify(result.dims)}`);
  const [n, d] = result.dims;
  assert.ok(Number.isInteger(n) && n >= 1 && Number.isInteger(d) && d >= 1, `dims ${n} × ${d}`);
  assert.equal(result.data.length, n * d, 'data holds n × d values');
  const bad = result.data.findIndex((v) => !Number.isFinite(v));
  assert.equal(bad, -1, `value ${result.data[bad]} at ${bad} is not finite`);
  if (result.labels !== undefined) {
    assert.ok(Array.isArray(result.labels), 'labels is an array');
    assert.equal(result.labels.length, n, 'one label per row');
    assert.ok(result.labels.every((l) => typeof l === 'string'), 'labels are strings');
  }
  if (result.metadata !== undefined) checkMetadata(result.metadata, n);
}

function checkMetadata(metadata, n) {
  assert.ok(Array.isArray(metadata.columns) && metadata.columns.length >= 1, 'metadata has columns');
  assert.ok(metadata.columns.every((c) => typeof c === 'string'), 'metadata columns are strings');
  if (n !== undefined) assert.equal(metadata.rows.length, n, 'one metadata row per vector');
  for (const row of metadata.rows) {
    assert.ok(Array.isArray(row) && row.length === metadata.columns.length, 'metadata rows are as wide as the columns');
    assert.ok(row.every((c) => typeof c === 'string'), 'metadata cells are strings');
  }
}

async function attempt(run) {
  const start = performance.now();
  let outcome;
  try {
    outcome = { result: await run() };
  } catch (error) {
    outcome = { error };
  }
  return { outcome, ms: performance.now() - start };
}

describe('parseEmbeddings on hostile bytes', () => {
  test('every regression case keeps its contract', async () => {
    assert.ok(REGRESSIONS.length > 0, 'tests/fixtures/fuzz-regressions/ has cases');
    for (const { name, bytes, spec } of REGRESSIONS) {
      const { outcome, ms } = await attempt(() => parseEmbeddings(bytes, { name, ...spec.options }));
      checkOutcome(outcome, name, ms);
      if (spec.expect) assert.equal('error' in outcome ? 'error' : 'result', spec.expect, `${name}: ${outcome.error?.message}`);
      if (spec.contains) assert.ok(outcome.error?.message.includes(spec.contains), `${name}: ${outcome.error?.message}`);
      // The same bytes read as every format must keep the contract too.
      for (const format of FORMATS.slice(3)) {
        const other = await attempt(() => parseEmbeddings(bytes, { name, format }));
        checkOutcome(other.outcome, name, other.ms);
      }
    }
  });

  test('mutated fixtures and random bytes: a well-formed result or a ParseError naming the file', async () => {
    await fc.assert(fc.asyncProperty(caseArb, async ([bytes, options]) => {
      const { outcome, ms } = await attempt(() => parseEmbeddings(bytes, options));
      checkOutcome(outcome, options.name, ms);
    }), params(4));
  });

  test('the same bytes as a string, Blob and ArrayBuffer behave alike', async () => {
    await fc.assert(fc.asyncProperty(mutantArb, fc.constantFrom(...FILE_NAMES), async (bytes, name) => {
      const asBlob = await attempt(() => parseEmbeddings(new Blob([bytes]), { name }));
      checkOutcome(asBlob.outcome, name, asBlob.ms);
      const asBuffer = await attempt(() => parseEmbeddings(bytes.slice().buffer, { name }));
      checkOutcome(asBuffer.outcome, name, asBuffer.ms);
      assert.equal('error' in asBlob.outcome, 'error' in asBuffer.outcome, 'Blob and ArrayBuffer agree');
    }), params(0.5));
  });

  test('metadata tables: a well-formed table or a ParseError naming the file, and attaching checks row counts', async () => {
    const text = fc.array(fc.constantFrom('\t', ',', '\n', '\r\n', '"', 'a', 'word', '<b>x</b>', 'é', '', ' ', '\uFEFF'), { maxLength: 60 })
      .map((parts) => parts.join(''));
    await fc.assert(fc.asyncProperty(text, fc.constantFrom('meta.tsv', 'meta.csv', 'meta.txt', 'meta'), async (source, name) => {
      const parsed = await attempt(() => parseMetadata(source, { name }));
      assert.ok(parsed.ms < SLOW_PARSE_MS, `${name}: parsing took ${parsed.ms.toFixed(0)} ms`);
      if ('error' in parsed.outcome) {
        checkOutcome(parsed.outcome, name, parsed.ms);
        return;
      }
      const metadata = parsed.outcome.result;
      checkMetadata(metadata);
      const n = metadata.rows.length || 1;
      const embeddings = `${Array.from({ length: n }, () => '1\t2').join('\n')}\n`;
      const joined = await attempt(() => parseEmbeddings(embeddings, { name: 'vectors.tsv', metadata, metadataName: name }));
      checkOutcome(joined.outcome, 'vectors.tsv', joined.ms);
    }), params(1));
  });
});

// Float32 values of every kind the parsers must read back exactly: tiny,
// subnormal, huge, negative zero, integers.
const float32Arb = fc.oneof(
  fc.float({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 1.401298464324817e-45, -3.4028234663852886e38, 3.4028234663852886e38, 1.1754943508222875e-38),
).map(Math.fround);

const matrixArb = fc.record({ n: fc.integer({ min: 1, max: 8 }), d: fc.integer({ min: 1, max: 8 }) })
  .chain(({ n, d }) => fc.array(fc.array(float32Arb, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }));

// Labels that survive each format's quoting rules, hostile content included.
const labelArb = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '%{z}', 'שלום', 'مرحبا', '👩‍👩‍👧', 'a"b', '__proto__', 'constructor'),
);

function writeDelimited(rows, sep) {
  return `${rows.map((row) => row.map(String).join(sep)).join('\n')}\n`;
}

// RFC 4180 quoting, which parse-delimited reads in CSV and TSV alike (a TSV
// field that starts with a quote is a quoted field, as pandas reads it).
function quote(s) {
  return /[",\t\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

function writeNpy(rows, descr) {
  const n = rows.length;
  const d = rows[0].length;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + n * d * (descr.endsWith('8') ? 8 : 4));
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  const little = descr[0] === '<';
  rows.flat().forEach((v, i) => (descr.endsWith('8') ? view.setFloat64(i * 8, v, little) : view.setFloat32(i * 4, v, little)));
  return out;
}

// -0 and 0 are the same similarity input, and text formats print -0 as "0".
function assertSameValues(result, rows, what) {
  assert.deepEqual(result.dims, [rows.length, rows[0].length], `${what}: dims`);
  const want = rows.flat();
  for (let i = 0; i < want.length; i++) {
    assert.ok(result.data[i] === want[i], `${what}: value ${i} is ${result.data[i]}, wrote ${want[i]}`);
  }
}

describe('round trips: random float32 matrices parse back exactly', () => {
  const writers = {
    'values.tsv': (rows) => writeDelimited(rows, '\t'),
    'values.csv': (rows) => writeDelimited(rows, ','),
    'values.txt': (rows) => writeDelimited(rows, ' '),
    'values.json': (rows) => JSON.stringify(rows),
    'values.jsonl': (rows) => rows.map((row) => JSON.stringify(row)).join('\n'),
    'values-le4.npy': (rows) => writeNpy(rows, '<f4'),
    'values-be4.npy': (rows) => writeNpy(rows, '>f4'),
    'values-le8.npy': (rows) => writeNpy(rows, '<f8'),
  };
  for (const [name, write] of Object.entries(writers)) {
    test(name, async () => {
      await fc.assert(fc.asyncProperty(matrixArb, async (rows) => {
        assertSameValues(await parseEmbeddings(write(rows), { name }), rows, name);
      }), params(0.5));
    });
  }

  test('labelled TSV, CSV and JSON records keep labels and values', async () => {
    const labelledArb = matrixArb.chain((rows) => fc.tuple(fc.constant(rows),
      fc.array(labelArb.filter((l) => !/[\t\n\r]/.test(l) && l.trim() === l && l !== ''), { minLength: rows.length, maxLength: rows.length })));
    await fc.assert(fc.asyncProperty(labelledArb, async ([rows, labels]) => {
      const header = ['label', ...rows[0].map((_, j) => `x${j}`)];
      const tsv = writeDelimited([header, ...rows.map((row, i) => [quote(labels[i]), ...row])], '\t');
      const fromTsv = await parseEmbeddings(tsv, { name: 'labelled.tsv', labelColumn: 'label', header: true });
      assertSameValues(fromTsv, rows, 'labelled.tsv');
      assert.deepEqual(fromTsv.labels, labels, 'labelled.tsv: labels');

      const csv = [header.join(','), ...rows.map((row, i) => [quote(labels[i]), ...row].join(','))].join('\n');
      const fromCsv = await parseEmbeddings(csv, { name: 'labelled.csv', labelColumn: 'label', header: true });
      assertSameValues(fromCsv, rows, 'labelled.csv');
      assert.deepEqual(fromCsv.labels, labels, 'labelled.csv: labels');

      const json = JSON.stringify(rows.map((row, i) => ({ label: labels[i], embedding: row })));
      const fromJson = await parseEmbeddings(json, { name: 'records.json' });
      assertSameValues(fromJson, rows, 'records.json');
      assert.deepEqual(fromJson.labels, labels, 'records.json: labels');
    }), params(0.5));
  });
});
