// Shared by the parse-*.test.js files: fixtures written by
// scripts/make-parser-fixtures.py and the values numpy read from them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../../web/src/parse-error.js';

const dir = new URL('../fixtures/parsers/', import.meta.url);

export const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));

export function fixture(name) {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

/** Compares a parse result with numpy's float32 values, exactly. */
export function assertParsed(result, name) {
  const want = expected[name];
  assert.ok(want?.values, `no expected values for ${name}`);
  assert.deepEqual(result.dims, want.shape, `${name}: dims`);
  assert.ok(result.data instanceof Float32Array, `${name}: data is a Float32Array`);
  assert.deepEqual(Array.from(result.data), want.values.map(Math.fround), `${name}: values`);
  if (want.labels) assert.deepEqual(result.labels, want.labels, `${name}: labels`);
}

/**
 * Checks a rejection is a ParseError naming the file and the place:
 * `{contains, line, column, row, offset}`, any of them optional.
 */
export async function assertParseError(promise, file, { contains, line, column, row, offset } = {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${error?.stack ?? error}`);
    assert.equal(error.file, file);
    assert.ok(error.message.includes(file), `message names the file: ${error.message}`);
    if (contains) assert.ok(error.message.includes(contains), `message ${JSON.stringify(error.message)} includes ${JSON.stringify(contains)}`);
    if (line !== undefined) {
      assert.equal(error.line, line, error.message);
      if (column !== undefined) {
        assert.equal(error.column, column, error.message);
        assert.ok(error.message.includes(`${file}:${line}:${column}:`), error.message);
        assert.ok(error.message.includes(`line ${line}, column ${column}`), error.message);
      } else {
        assert.ok(error.message.includes(`line ${line}`), error.message);
      }
    } else if (row !== undefined) {
      assert.equal(error.row, row, error.message);
      assert.ok(error.message.includes(column !== undefined ? `row ${row}, column ${column}` : `row ${row}`), error.message);
    }
    if (offset !== undefined) {
      assert.equal(error.offset, offset, error.message);
      assert.ok(error.message.includes(`byte offset ${offset}`), error.message);
    }
    return true;
  });
}

/** The same check driven by an `error` entry of expected.json. */
export function assertFixtureError(promise, name) {
  return assertParseError(promise, name, expected[name].error);
}
