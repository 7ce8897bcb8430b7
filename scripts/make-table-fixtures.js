// Writes the Parquet and Arrow fixtures in tests/fixtures/tables/ and
// expected-tables.json beside them, with writers independent of our readers:
// Parquet by DuckDB (native, @duckdb/node-api: duckdb-wasm cannot write
// Parquet offline in Node, its parquet extension is downloaded at run time),
// Arrow IPC by apache-arrow's writer. Expected values are what DuckDB reads
// back from its own table, and the arrays handed to apache-arrow.
// Run: node scripts/make-table-fixtures.js  (safetensors: scripts/make-safetensors-fixtures.py)
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  Field, FixedSizeList, Float32, Float64, List, Table, Utf8, tableToIPC, vectorFromArray,
} from 'apache-arrow';

const dir = new URL('../tests/fixtures/tables/', import.meta.url);
mkdirSync(dir, { recursive: true });
const at = (name) => new URL(name, dir).pathname;
const expected = {};

const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
await sql.run('SET threads = 1'); // one writer thread: the same bytes on every run
const rowsOf = async (query) => (await sql.runAndReadAll(query)).getRowObjectsJS();

// 12 items of 4 dimensions; the value formula is DuckDB's, read back below.
const VALUE = '((i * 7 + j * 3) % 11)::DOUBLE / 8 - 0.5';
await sql.run(`CREATE TABLE items AS
  SELECT i AS id, 'item ' || i || CASE WHEN i % 2 = 0 THEN ' even' ELSE ' odd' END AS text,
         CASE WHEN i % 3 = 0 THEN 'a' ELSE 'b' END AS grp,
         list_transform(range(4), j -> (${VALUE})::FLOAT) AS embedding
  FROM range(12) t(i)`);

async function copy(query, name, options = '') {
  await sql.run(`COPY (${query}) TO '${at(name)}' (FORMAT parquet${options})`);
}
async function expectGood(name, query, column = 'embedding') {
  const rows = await rowsOf(query);
  expected[name] = {
    shape: [rows.length, rows[0][column].length],
    values: rows.flatMap((r) => r[column].map(Number)),
    labels: rows.map((r) => r.text),
    columns: Object.keys(rows[0]).filter((k) => k !== column),
  };
}

// Every codec DuckDB writes, list form (FLOAT[]).
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw']) {
  const name = `list-${codec}.parquet`;
  await copy('SELECT id, text, grp, embedding FROM items ORDER BY id', name, `, COMPRESSION ${codec}`);
  await expectGood(name, 'SELECT id, text, grp, embedding FROM items ORDER BY id');
}
// DuckDB's fixed-size form FLOAT[4] (Parquet stores it as a list too), doubles.
await copy('SELECT id, text, embedding::FLOAT[4] AS embedding FROM items ORDER BY id', 'array-float.parquet', ', COMPRESSION snappy');
await expectGood('array-float.parquet', 'SELECT id, text, embedding FROM items ORDER BY id');
await copy('SELECT text, embedding::DOUBLE[] AS embedding FROM items ORDER BY id', 'list-double.parquet', ', COMPRESSION zstd');
await expectGood('list-double.parquet', 'SELECT text, embedding FROM items ORDER BY id');
// Several float columns.
await copy('SELECT text, embedding[1] AS x1, embedding[2] AS x2, embedding[3] AS x3, embedding[4] AS x4 FROM items ORDER BY id', 'columns.parquet');
await expectGood('columns.parquet', 'SELECT text, embedding FROM items ORDER BY id');
expected['columns.parquet'].columns = ['text'];

// Many row groups and pages: 5,000 x 16 in row groups of 2,048 rows.
await sql.run(`CREATE TABLE big AS SELECT i AS id, 'row ' || i AS text,
  list_transform(range(16), j -> (((i * 13 + j * 5) % 101)::DOUBLE / 50 - 1)::FLOAT)::FLOAT[16] AS embedding FROM range(5000) t(i)`);
await copy('SELECT id, text, embedding FROM big ORDER BY id', 'row-groups.parquet', ', ROW_GROUP_SIZE 2048, COMPRESSION snappy');
{
  const sample = await rowsOf('SELECT id, embedding FROM big WHERE id IN (0, 1, 2047, 2048, 4095, 4096, 4999) ORDER BY id');
  const [{ total }] = await rowsOf('SELECT sum(list_sum(embedding::DOUBLE[])) AS total FROM big');
  const groups = await rowsOf(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${at('row-groups.parquet')}')`);
  expected['row-groups.parquet'] = {
    shape: [5000, 16], rowGroups: Number(groups[0].n), sum: Number(total),
    sample: Object.fromEntries(sample.map((r) => [Number(r.id), r.embedding.map(Number)])),
  };
}

// Two list columns: the error lists both.
await copy('SELECT text, embedding AS a, list_transform(embedding, x -> x * 2) AS b FROM items', 'two-lists.parquet');
// Bad files.
await copy(`SELECT text, CASE WHEN id = 7 THEN NULL ELSE embedding END AS embedding FROM items ORDER BY id`, 'null-row.parquet');
await copy(`SELECT text, CASE WHEN id = 4 THEN [0.5, NULL, 0.5, 0.5]::FLOAT[] ELSE embedding END AS embedding FROM items ORDER BY id`, 'null-element.parquet');
await copy(`SELECT text, CASE WHEN id = 5 THEN embedding[1:3] ELSE embedding END AS embedding FROM items ORDER BY id`, 'ragged.parquet');
await copy(`SELECT text, CASE WHEN id = 9 THEN []::FLOAT[] ELSE embedding END AS embedding FROM items ORDER BY id`, 'empty-list.parquet');
await copy(`SELECT text, CASE WHEN id = 3 THEN ['nan'::FLOAT, 0, 0, 0] ELSE embedding END AS embedding FROM items ORDER BY id`, 'nan.parquet');
await copy(`SELECT text, list_transform(range(4), j -> (id * j)::INTEGER) AS embedding FROM items ORDER BY id`, 'int-list.parquet');
await copy(`SELECT text, grp FROM items ORDER BY id`, 'no-vectors.parquet');
{
  const whole = readFileSync(at('list-snappy.parquet'));
  writeFileSync(at('truncated.parquet'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  // The footer survives but a column chunk is cut: bytes removed from the middle.
  const cut = Buffer.concat([whole.subarray(0, 40), whole.subarray(whole.length - Math.floor(whole.length * 0.5))]);
  writeFileSync(at('cut-middle.parquet'), cut);
}

// Arrow IPC by apache-arrow: file and stream formats, fixed_size_list and list.
{
  const rows = (await rowsOf('SELECT text, embedding FROM items ORDER BY id')).map((r) => ({ text: r.text, embedding: r.embedding.map(Number) }));
  const texts = vectorFromArray(rows.map((r) => r.text), new Utf8());
  const fixed = vectorFromArray(rows.map((r) => r.embedding), new FixedSizeList(4, new Field('item', new Float32(), false)));
  const list64 = vectorFromArray(rows.map((r) => r.embedding), new List(new Field('item', new Float64(), true)));
  const good = { shape: [rows.length, 4], values: rows.flatMap((r) => r.embedding), labels: rows.map((r) => r.text), columns: ['text'] };
  writeFileSync(at('fixed.arrow'), tableToIPC(new Table({ text: texts, embedding: fixed }), 'file'));
  expected['fixed.arrow'] = good;
  writeFileSync(at('list.arrows'), tableToIPC(new Table({ text: texts, embedding: list64 }), 'stream'));
  expected['list.arrows'] = good;
  const columns = Object.fromEntries([0, 1, 2, 3].map((j) => [`x${j}`, vectorFromArray(rows.map((r) => r.embedding[j]), new Float32())]));
  writeFileSync(at('columns.feather'), tableToIPC(new Table({ text: texts, ...columns }), 'file'));
  expected['columns.feather'] = good;
  // Two record batches, the second with a null row.
  const withNull = rows.map((r, i) => (i === 8 ? null : r.embedding));
  const nullable = vectorFromArray(withNull, new FixedSizeList(4, new Field('item', new Float32(), false)));
  const table = new Table({ text: texts, embedding: nullable });
  const batches = [table.slice(0, 6), table.slice(6)];
  writeFileSync(at('null-row.arrows'), tableToIPC(new Table(batches.flatMap((t) => t.batches)), 'stream'));
  const ragged = rows.map((r, i) => (i === 2 ? r.embedding.slice(0, 3) : r.embedding));
  writeFileSync(at('ragged.arrow'), tableToIPC(new Table({ text: texts, embedding: vectorFromArray(ragged, new List(new Field('item', new Float32(), true))) }), 'file'));
  const whole = readFileSync(at('fixed.arrow'));
  writeFileSync(at('truncated.arrow'), whole.subarray(0, Math.floor(whole.length * 0.7)));
}

writeFileSync(new URL('expected-tables.json', dir), `${JSON.stringify(expected, null, 1)}\n`);
console.log(`wrote ${Object.keys(expected).length} expected entries to ${dir.pathname}`);
