// Prepares a tensor for postMessage to a worker with a single copy at most.
// Arrays the library made are transferred (no copy). A caller's array is
// never detached unless they ask for it ({transfer: true}); it is copied
// once, and only its own bytes: structured clone of a view would copy the
// whole underlying buffer.
import { isSharedBuffer } from './shared-result.js';

export function transferableTensor({ data, dims, owned }, { transfer = false } = {}) {
  if (!needsCopy({ data, owned }, { transfer })) return { tensor: { data, dims }, transfer: [data.buffer] };
  const copy = data.slice();
  return { tensor: { data: copy, dims }, transfer: [copy.buffer] };
}

// Whether transferableTensor copies the rows (else it moves them).
export function needsCopy({ data, owned }, { transfer = false } = {}) {
  const wholeBuffer = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  return !((owned || transfer) && wholeBuffer && !isSharedBuffer(data.buffer));
}
