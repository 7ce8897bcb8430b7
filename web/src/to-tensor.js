import { CosineHeatmapError } from './errors.js';

// Accepts what users already hold and returns {data, dims} with data a
// Float32Array or Float64Array the library may keep (and transfer to a
// worker). Checks shape and types here, at the JavaScript edge, so mistakes
// are reported with their position before anything reaches the core; the core
// itself checks finiteness during its one pass over the numbers.
//
// Accepted: number[][]; {data, dims} (Transformers.js / ONNX tensors) or
// {data, shape} (TensorFlow.js after `await t.data()`), with data a typed
// array or number[]; a 1-D dims is one vector.
// `owned` says whether the data is a new array made here (free to transfer)
// or the caller's own (to be copied, never detached).
//
// maxSetBytes: what one engine worker can hold of a set (the core's
// MAX_SET_BYTES, engine.limits.maxSetBytes), checked from dims alone, before
// anything is allocated or copied.
export function toTensor(x, name = 'x', { maxSetBytes = Infinity } = {}) {
  if (Array.isArray(x)) return fromNestedArray(x, name, maxSetBytes);
  if (x && typeof x === 'object' && 'data' in x && ('dims' in x || 'shape' in x)) {
    return fromFlat(x.data, x.dims ?? x.shape, name, maxSetBytes);
  }
  throw new CosineHeatmapError(
    `${name}: expected number[][] or a tensor {data, dims}, got ${describe(x)}`,
  );
}

function fromNestedArray(rows, name, maxSetBytes) {
  const n = rows.length;
  if (n === 0) throw new CosineHeatmapError(`${name}: no rows (n = 0); at least one embedding is needed`);
  const first = rows[0];
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
    throw new CosineHeatmapError(`${name}: row 0 is ${describe(first)}, expected an array of numbers`);
  }
  const d = first.length;
  if (d === 0) throw new CosineHeatmapError(`${name}: rows are empty (d = 0); at least one dimension is needed`);
  checkSize(n, d, name, maxSetBytes);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
      throw new CosineHeatmapError(`${name}: row ${i} is ${describe(row)}, expected an array of numbers`);
    }
    if (row.length !== d) {
      throw new CosineHeatmapError(
        `${name}: ragged rows: row ${i} has ${row.length} values, row 0 has ${d}`,
      );
    }
    const offset = i * d;
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new CosineHeatmapError(
          `${name}: row ${i}, column ${j} is ${describe(v)}, not a number`,
        );
      }
      data[offset + j] = v;
    }
  }
  return { data, dims: [n, d], owned: true };
}

function fromFlat(data, dims, name, maxSetBytes) {
  if (!Array.isArray(dims) && !ArrayBuffer.isView(dims)) {
    throw new CosineHeatmapError(`${name}: dims must be [n, d], got ${describe(dims)}`);
  }
  const shape = Array.from(dims, Number);
  if (shape.length === 1) shape.unshift(1);
  if (shape.length !== 2) {
    throw new CosineHeatmapError(
      `${name}: dims [${shape.join(', ')}] has ${shape.length} axes; expected [n, d]. ` +
        'Pool token embeddings first (e.g. pooling: "mean" in Transformers.js).',
    );
  }
  const [n, d] = shape;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 0) {
    throw new CosineHeatmapError(`${name}: dims [${n}, ${d}] must be non-negative integers`);
  }
  if (n === 0) throw new CosineHeatmapError(`${name}: no rows (n = 0); at least one embedding is needed`);
  if (d === 0) throw new CosineHeatmapError(`${name}: rows are empty (d = 0); at least one dimension is needed`);
  checkSize(n, d, name, maxSetBytes);
  if (data == null || typeof data.length !== 'number') {
    throw new CosineHeatmapError(`${name}: data must be a typed array or number[], got ${describe(data)}`);
  }
  if (data.length !== n * d) {
    throw new CosineHeatmapError(
      `${name}: dims [${n}, ${d}] need ${n * d} values, but data has ${data.length}`,
    );
  }
  if (data instanceof Float32Array || data instanceof Float64Array) return { data, dims: [n, d], owned: false };
  return { data: toFloat32(data, d, name), dims: [n, d], owned: true };
}

// Other typed arrays (integer embeddings, Float16Array) and plain arrays.
function toFloat32(values, d, name) {
  const out = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== 'number') {
      const row = Math.floor(k / d);
      throw new CosineHeatmapError(`${name}: row ${row}, column ${k - row * d} is ${describe(v)}, not a number`);
    }
    out[k] = v;
  }
  return out;
}

function checkSize(n, d, name, maxSetBytes) {
  const bytes = n * d * 4;
  if (bytes > maxSetBytes) {
    throw new CosineHeatmapError(
      `${name}: ${n} x ${d} embeddings need ${(bytes / 2 ** 30).toFixed(2)} GiB as float32; an engine worker ` +
        `holds at most ${maxSetBytes / 2 ** 30} GiB (WebAssembly's 32-bit memory is 4 GiB in all)`,
      { code: 'TOO_LARGE' },
    );
  }
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return `an object (${v.constructor?.name ?? 'Object'})`;
  return `${typeof v} ${String(v)}`;
}
