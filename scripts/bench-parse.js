// Parse throughput for n = 100,000 × d = 384, as .npy and as TSV, in Node.
// Inputs are generated in memory; run with `node scripts/bench-parse.js`.
import { parseEmbeddings } from '../web/src/parse-embeddings.js';

const n = Number(process.env.BENCH_N ?? 100000);
const d = Number(process.env.BENCH_D ?? 384);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);

function randomValues() {
  const values = new Float32Array(n * d);
  let seed = 12345;
  for (let i = 0; i < values.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    values[i] = (seed / 2 ** 32) * 2 - 1;
  }
  return values;
}

function makeNpy(values) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'; // numpy pads to 64 bytes
  const bytes = new Uint8Array(10 + header.length + values.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  bytes.set(new TextEncoder().encode(header), 10);
  bytes.set(new Uint8Array(values.buffer), 10 + header.length);
  return bytes;
}

// Written like the Projector's vectors.tsv: shortest float32 text of each value.
function makeTsv(values) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const row = new Array(d);
    for (let j = 0; j < d; j++) row[j] = shortestFloat32(values[i * d + j]);
    lines.push(row.join('\t'));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function shortestFloat32(x) {
  for (let p = 6; p < 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(Number(x.toPrecision(9)));
}

async function measure(label, bytes, name) {
  let best = Infinity;
  let result;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    result = await parseEmbeddings(bytes, { name });
    best = Math.min(best, performance.now() - start);
  }
  const mb = bytes.length / 1e6;
  console.log(`${label.padEnd(6)} ${mb.toFixed(1).padStart(7)} MB  best of ${repeats}: ${best.toFixed(1).padStart(7)} ms  ` +
    `${(mb / (best / 1000)).toFixed(0).padStart(6)} MB/s  dims ${result.dims.join('×')}`);
  return result;
}

const values = randomValues();
console.log(`parse throughput, n = ${n}, d = ${d}, Node ${process.version}`);
const fromNpy = await measure('.npy', makeNpy(values), 'bench.npy');
const fromTsv = await measure('TSV', makeTsv(values), 'bench.tsv');
for (let i = 0; i < values.length; i += 9973) {
  if (fromNpy.data[i] !== values[i] || fromTsv.data[i] !== values[i]) throw new Error(`value ${i} differs`);
}
