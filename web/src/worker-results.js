// What a worker action returns: {result, transfer}. Results from the core
// are fresh objects (never views of the heap), so their buffers can be
// moved to the caller instead of copied.
// Every typed array of a result object, moved.
export function withTransfers(result) {
  const transfer = Object.values(result)
    .filter((value) => ArrayBuffer.isView(value))
    .map((value) => value.buffer);
  return { result, transfer };
}

// A single typed array, moved.
export function transferred(data) {
  return { result: data, transfer: [data.buffer] };
}
