import { CosineHeatmapError } from './errors.js';

// Option checks at the JavaScript edge, one message shape for all:
// "<operation>: <option> must be <rule>, got <value>". A wrong type or a NaN
// is refused here, before it can reach the core as 0, -2147483648 or a
// disabled limit.

export function describeValue(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${/** @type {any} */ (value).length}`;
  if (typeof value === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

function refuse(what, rule, value) {
  return new CosineHeatmapError(`${what} must be ${rule}, got ${describeValue(value)}`, { code: 'INVALID_ARGUMENT' });
}

// An integer in [min, max]; `what` names it ("tiles: tileSize").
export function integerIn(value, min, max, what) {
  if (!Number.isInteger(value) || value < min || value > max) {
    const rule = max === Infinity ? (min === 1 ? 'a positive integer' : `an integer ≥ ${min}`) : `an integer from ${min} to ${max}`;
    throw refuse(what, rule, value);
  }
  return value;
}

export function positiveInteger(value, what) {
  return integerIn(value, 1, Infinity, what);
}

// A finite number in [min, max].
export function numberIn(value, min, max, what) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw refuse(what, `a number from ${min} to ${max}`, value);
  }
  return value;
}

// A number of bytes ≥ 0; Infinity means no limit.
export function byteBudget(value, what) {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw refuse(what, 'a number of bytes ≥ 0 (Infinity: no budget)', value);
  }
  return value;
}

export function finiteNumber(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw refuse(what, 'a finite number', value);
  return value;
}

// A similarity threshold: a number in [-1, 1].
export function similarityThreshold(value, what) {
  return numberIn(value, -1, 1, what);
}

export function boolean(value, what) {
  if (typeof value !== 'boolean') throw refuse(what, 'true or false', value);
  return value;
}

// An array (or array-like: typed arrays) of similarity thresholds.
export function thresholdList(value, what) {
  if (!isArrayLike(value)) throw refuse(what, 'an array of numbers from -1 to 1', value);
  return Array.from(value, (threshold, k) => similarityThreshold(threshold, `${what}[${k}]`));
}

// A plain options object (or undefined, when `optional`).
export function optionsObject(value, what, { optional = true } = {}) {
  if (value === undefined && optional) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(what, 'an object', value);
  return value;
}

// A permutation of 0..n-1 as an Int32Array (a copy: callers keep theirs).
export function permutation(value, n, what) {
  if (!isArrayLike(value)) throw refuse(what, `a permutation of 0..${n - 1} (an array of ${n} item indices)`, value);
  if (value.length !== n) {
    throw new CosineHeatmapError(`${what} must list all ${n} items once, got ${value.length} entries`, { code: 'INVALID_ARGUMENT' });
  }
  const seen = new Uint8Array(n);
  const items = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const item = value[k];
    if (!Number.isInteger(item) || item < 0 || item >= n || seen[item]) {
      const why = Number.isInteger(item) && item >= 0 && item < n ? 'a repeated item' : 'not an item index';
      throw new CosineHeatmapError(
        `${what} must be a permutation of 0..${n - 1}: position ${k} holds ${describeValue(item)} (${why})`,
        { code: 'INVALID_ARGUMENT' },
      );
    }
    seen[item] = 1;
    items[k] = item;
  }
  return items;
}

export function isArrayLike(value) {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return !(value instanceof DataView);
  return (
    typeof value === 'object' && value !== null && Number.isInteger(value.length) && value.length >= 0 &&
    typeof value !== 'function'
  );
}
