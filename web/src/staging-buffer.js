// Rows on their way to the engine's workers, in shared memory that is
// reused from call to call. A set's rows must be copied once anyway (the
// caller's array is never detached); copied into a SharedArrayBuffer, that
// one copy reaches every worker that loads the set, instead of one copy per
// worker. And a buffer already in memory is reused: a fresh 3 MB array costs
// about 2 ms of page faults on our VMs before the copy itself (0.3 ms), more
// than the workers take to load it.
import { sharedMemoryAvailable } from './shared-result.js';

// Rows this small go through staging (larger ones travel from worker to
// worker as one moved buffer: operations/load.js). One idle buffer of at
// most this size is kept, and let go after IDLE_MS without use.
export const STAGING_MAX_BYTES = 32 * 2 ** 20;
const IDLE_MS = 2000;

let idle = null; // {buffer: SharedArrayBuffer, timer}

// A copy of `data` (Float32Array or Float64Array) in shared memory, or null
// where there is none or the rows are too large: {rows, release()}; release
// once every worker has its own copy.
export function stageRows(data) {
  if (data.byteLength > STAGING_MAX_BYTES || data.byteLength === 0 || !sharedMemoryAvailable()) return null;
  let buffer;
  if (idle && idle.buffer.byteLength >= data.byteLength) {
    buffer = idle.buffer;
    clearTimeout(idle.timer);
    idle = null;
  } else {
    buffer = new SharedArrayBuffer(data.byteLength);
  }
  const rows = new /** @type {any} */ (data.constructor)(buffer, 0, data.length);
  rows.set(data);
  let released = false;
  return {
    rows,
    release() {
      if (released) return;
      released = true;
      keepIdle(buffer);
    },
  };
}

function keepIdle(buffer) {
  if (idle && idle.buffer.byteLength >= buffer.byteLength) return;
  if (idle) clearTimeout(idle.timer);
  const timer = setTimeout(() => {
    if (idle?.buffer === buffer) idle = null;
  }, IDLE_MS);
  // In Node, a kept buffer must not keep the process alive.
  /** @type {any} */ (timer).unref?.();
  idle = { buffer, timer };
}
