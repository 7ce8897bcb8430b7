import { CosineHeatmapError } from './errors.js';

/** @template T @typedef {import('./cosine-core.js').CoreResult<T>} CoreResult */

// The one place a raw core call's failure becomes an error: the core answers
// with its value or {code, message}; this returns the value or throws a
// CosineHeatmapError with that code, its message prefixed once with the
// public operation's name (core messages that already name it keep theirs).
/**
 * @template T
 * @param {CoreResult<T>} result
 * @param {string} operation
 * @returns {T}
 */
export function coreValue(result, operation) {
  if (!isCoreFailure(result)) return /** @type {T} */ (result);
  const { code, message } = /** @type {import('./cosine-core.js').CoreFailure} */ (result);
  const text = message.startsWith(`${operation}:`) ? message : `${operation}: ${message}`;
  throw new CosineHeatmapError(text, { code });
}

/** @param {unknown} value */
function isCoreFailure(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    !ArrayBuffer.isView(value) &&
    typeof (/** @type {any} */ (value).code) === 'string' &&
    typeof (/** @type {any} */ (value).message) === 'string'
  );
}
