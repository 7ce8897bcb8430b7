import { CosineHeatmapError } from './errors.js';
import { describeValue } from './validate-options.js';

// Whether workers can write a result straight into memory the caller then
// reads: SharedArrayBuffer exists in Node, and in browsers only on pages
// that are cross-origin isolated (served with COOP and COEP headers).
export function sharedMemoryAvailable() {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
}

// The `shared` option of the whole-matrix calls: 'auto' (default) uses a
// SharedArrayBuffer where there is one, true insists on it, false asks for
// a plain ArrayBuffer (the main thread then places every band: one more
// copy of the matrix). Returns whether this call uses shared memory.
/** @param {boolean | 'auto' | undefined} shared @param {string} operation */
export function useSharedResult(shared, operation) {
  if (shared !== undefined && shared !== 'auto' && shared !== true && shared !== false) {
    throw new CosineHeatmapError(`${operation}: shared must be true, false or 'auto', got ${describeValue(shared)}`, {
      code: 'INVALID_ARGUMENT',
    });
  }
  if (shared === false) return false;
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
