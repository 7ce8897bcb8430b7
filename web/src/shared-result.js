import { CosineHeatmapError } from './errors.js';
import { describeValue } from './validate-options.js';

// Whether workers can write a result straight into memory the caller then
// reads: SharedArrayBuffer exists in Node, and in browsers only on pages
// that are cross-origin isolated (served with COOP and COEP headers).
export function sharedMemoryAvailable() {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
}

// Whether `buffer` is shared memory (SharedArrayBuffer is not even defined
// on pages that are not cross-origin isolated).
export function isSharedBuffer(buffer) {
  return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
}

// The `out` option of the whole-matrix calls: a Float32Array of exactly
// rows × cols values the result is written into, instead of a fresh array.
// A caller who computes again and again reuses memory already in place: a
// fresh n×n array costs a page fault per 4 KiB before the first value lands
// (50 ms at n = 5,000 on our VMs). Returns it, or null without one.
/** @param {unknown} out @param {number} rows @param {number} cols @param {string} operation */
export function resultTarget(out, rows, cols, operation) {
  if (out === undefined || out === null) return null;
  const values = rows * cols;
  if (!(out instanceof Float32Array)) {
    throw new CosineHeatmapError(
      `${operation}: out must be a Float32Array of ${rows} x ${cols} = ${values} values, got ${describeValue(out)}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  if (out.length !== values) {
    const detached = out.length === 0 && out.buffer.byteLength === 0 ? ' (its buffer was transferred)' : '';
    throw new CosineHeatmapError(
      `${operation}: out has ${out.length} values${detached}; the ${rows} x ${cols} result needs exactly ${values}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  return out;
}

// The `shared` option of the whole-matrix calls: 'auto' (default) uses a
// SharedArrayBuffer where there is one, true insists on it, false asks for
// a plain ArrayBuffer (the main thread then places every band: one more
// copy of the matrix). With `out` (from resultTarget) its buffer decides:
// shared memory is written in place, a plain buffer gets placed bands.
// Returns whether this call's workers write in place.
/** @param {boolean | 'auto' | undefined} shared @param {string} operation @param {Float32Array | null} [out] */
export function useSharedResult(shared, operation, out = null) {
  if (shared !== undefined && shared !== 'auto' && shared !== true && shared !== false) {
    throw new CosineHeatmapError(`${operation}: shared must be true, false or 'auto', got ${describeValue(shared)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  if (shared === false) return false;
  if (out) {
    const outShared = sharedMemoryAvailable() && isSharedBuffer(out.buffer);
    if (shared === true && !outShared) {
      throw new CosineHeatmapError(
        `${operation}: shared: true, but out is a view of a plain ArrayBuffer; pass a view of a SharedArrayBuffer ` +
          "(or leave shared at 'auto')",
        { code: 'INVALID_ARGUMENT' },
      );
    }
    return outShared;
  }
  if (sharedMemoryAvailable()) return true;
  if (shared === true) {
    throw new CosineHeatmapError(
      `${operation}: shared: true needs SharedArrayBuffer, which this page does not have: serve it with the headers ` +
        "'Cross-Origin-Opener-Policy: same-origin' and 'Cross-Origin-Embedder-Policy: require-corp' (or leave shared at 'auto')",
      { code: 'INVALID_ARGUMENT' },
    );
  }
  return false;
}
