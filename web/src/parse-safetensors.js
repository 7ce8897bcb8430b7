import { ParseError } from './parse-error.js';
import { findNonFinite, halfTable } from './parse-npy.js';

// safetensors, read from its specification: an unsigned 64-bit little-endian
// header length N, N bytes of JSON ({name: {dtype, shape, data_offsets}},
// plus an optional "__metadata__"), then the tensors' bytes, little-endian,
// with data_offsets relative to the end of the header. Only the chosen
// tensor's bytes are read.
const FLOAT_SIZES = { F64: 8, F32: 4, F16: 2, BF16: 2 };
const OTHER_SIZES = { I64: 8, U64: 8, I32: 4, U32: 4, I16: 2, U16: 2, I8: 1, U8: 1, BOOL: 1, F8_E4M3: 1, F8_E5M2: 1 };
const MAX_HEADER = 100 * 2 ** 20; // the reference implementation's limit

/**
 * @param {{file: string, byteLength: number, slice: Function}} source  from openRandomAccess
 * @param {{tensor?: string}} [options]
 */
export async function parseSafetensors(source, { tensor, onProgress } = {}) {
  const { file, byteLength } = source;
  if (byteLength < 8) throw new ParseError(`truncated: ${byteLength} bytes, too short for the 8-byte header length`, { file, offset: 0 });
  const lengthBytes = new DataView(await source.slice(0, 8));
  const headerLength = Number(lengthBytes.getBigUint64(0, true));
  if (headerLength > MAX_HEADER) throw new ParseError(`header length ${headerLength} is beyond the 100 MB limit: not a safetensors file?`, { file, offset: 0 });
  if (8 + headerLength > byteLength) throw new ParseError(`truncated: the header needs ${headerLength} bytes, the file has ${byteLength - 8} after the length`, { file, offset: 8 });
  const header = parseHeader(new Uint8Array(await source.slice(8, 8 + headerLength)), file);
  const dataStart = 8 + headerLength;

  const name = tensor ?? onlyFloatMatrix(header, file);
  const entry = header[name];
  if (!entry || name === '__metadata__') {
    throw new ParseError(`no tensor ${JSON.stringify(name)}; tensors: ${describeAll(header)}`, { file, offset: 8 });
  }
  const { dtype, shape, data_offsets: [begin, end] } = checkEntry(name, entry, file);
  if (!(dtype in FLOAT_SIZES)) {
    throw new ParseError(`tensor ${JSON.stringify(name)} is ${dtype}; embeddings must be F32, F16, BF16 or F64`, { file, offset: 8 });
  }
  if (shape.length !== 2) {
    throw new ParseError(`tensor ${JSON.stringify(name)} has shape [${shape}]; embeddings must be 2-D (items × dimensions)`, { file, offset: 8 });
  }
  const [n, d] = shape;
  if (n === 0 || d === 0) throw new ParseError(`tensor ${JSON.stringify(name)} has shape [${shape}]: no vectors`, { file, offset: 8 });
  const size = FLOAT_SIZES[dtype];
  if (end - begin !== n * d * size) {
    throw new ParseError(`tensor ${JSON.stringify(name)}: data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but ${dtype} [${shape}] needs ${n * d * size}`,
      { file, offset: dataStart + begin });
  }
  if (dataStart + end > byteLength) {
    throw new ParseError(`truncated: tensor ${JSON.stringify(name)} ends at byte ${dataStart + end}, the file has ${byteLength}`, { file, offset: dataStart + begin });
  }
  const bytes = new Uint8Array(await source.slice(dataStart + begin, dataStart + end));
  const data = toFloat32(bytes, dtype);
  const bad = findNonFinite(data);
  if (bad >= 0) {
    throw new ParseError(`value is ${data[bad]}, not a finite number float32 can hold`,
      { file, row: Math.floor(bad / d) + 1, column: (bad % d) + 1, offset: dataStart + begin + bad * size });
  }
  onProgress?.({ done: byteLength, total: byteLength });
  return { data, dims: [n, d] };
}

function parseHeader(bytes, file) {
  let header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ParseError(`the JSON header does not parse: ${error.message}`, { file, offset: 8 });
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new ParseError('the JSON header is not an object', { file, offset: 8 });
  return header;
}

function checkEntry(name, entry, file) {
  const { dtype, shape, data_offsets: offsets } = entry ?? {};
  const isCount = (x) => Number.isSafeInteger(x) && x >= 0;
  if (typeof dtype !== 'string' || !Array.isArray(shape) || !shape.every(isCount)
      || !Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw new ParseError(`tensor ${JSON.stringify(name)}: expected {dtype, shape, data_offsets: [begin, end]} in the header`, { file, offset: 8 });
  }
  if (!(dtype in FLOAT_SIZES) && !(dtype in OTHER_SIZES)) throw new ParseError(`tensor ${JSON.stringify(name)}: unknown dtype ${dtype}`, { file, offset: 8 });
  return entry;
}

function tensors(header) {
  return Object.entries(header).filter(([name]) => name !== '__metadata__');
}

function describeAll(header) {
  return tensors(header).map(([name, t]) => `${name} (${t?.dtype} [${t?.shape}])`).join(', ') || 'none';
}

function onlyFloatMatrix(header, file) {
  const matrices = tensors(header).filter(([, t]) => t?.dtype in FLOAT_SIZES && Array.isArray(t.shape) && t.shape.length === 2);
  if (matrices.length === 1) return matrices[0][0];
  if (matrices.length === 0) {
    throw new ParseError(`no 2-D float tensor (F32, F16, BF16, F64) to use as embeddings; tensors: ${describeAll(header)}`, { file, offset: 8 });
  }
  const error = new ParseError(
    `several 2-D float tensors could be the embeddings: ${matrices.map(([name, t]) => `${name} (${t.dtype} [${t.shape}])`).join(', ')}; choose one with the tensor option`,
    { file, offset: 8 });
  error.code = 'AMBIGUOUS_TENSOR';
  error.candidates = matrices.map(([name]) => name);
  throw error;
}

// Little-endian bytes of one dtype to float32; `bytes` starts at offset 0 of
// its own buffer, so typed views are aligned.
function toFloat32(bytes, dtype) {
  if (dtype === 'F32') return new Float32Array(bytes.buffer, 0, bytes.length / 4);
  if (dtype === 'F64') return Float32Array.from(new Float64Array(bytes.buffer, 0, bytes.length / 8));
  const halves = new Uint16Array(bytes.buffer, 0, bytes.length / 2);
  const out = new Float32Array(halves.length);
  if (dtype === 'F16') {
    const table = halfTable();
    for (let i = 0; i < halves.length; i++) out[i] = table[halves[i]];
  } else {
    // bfloat16 is the top half of a float32.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < halves.length; i++) bits[i] = halves[i] << 16;
  }
  return out;
}
