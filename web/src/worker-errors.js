import { CosineHeatmapError } from './errors.js';
import { ParseError } from './parse-error.js';

// Errors cross a worker boundary as plain data (postMessage keeps only a
// plain Error's message): these two keep the class, the code and a parser's
// position, so the caller gets the error the worker threw.
const PARSE_FIELDS = ['reason', 'file', 'line', 'column', 'offset', 'row', 'rowGroup', 'candidates'];

/** @param {unknown} error */
export function serializeError(error) {
  const e = /** @type {any} */ (error) ?? {};
  const payload = { name: e.name, message: e.message ?? String(error), code: e.code };
  if (e instanceof ParseError) for (const field of PARSE_FIELDS) payload[field] = e[field];
  return payload;
}

/** @param {any} payload */
export function reviveError(payload) {
  if (payload.name === 'ParseError') return ParseError.revive(payload);
  return new CosineHeatmapError(payload.message, payload.code === undefined ? {} : { code: payload.code });
}
