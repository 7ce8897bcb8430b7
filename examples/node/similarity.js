// node examples/node/similarity.js [embeddings.npy]
// The WASM core in Node 20: parse, compute, order and analyze; no Plotly.
import { readFile } from 'node:fs/promises';
import { loadEngine, parseEmbeddings } from 'cosine-heatmap';

const path = process.argv[2] ?? new URL('../../web/data/digits/digits.npy', import.meta.url);
const x = await parseEmbeddings(await readFile(path), { name: String(path).split('/').pop() });
const [n, d] = x.dims;

const engine = await loadEngine();
const set = await engine.embeddings(x);

// The whole matrix (Float32Array, row-major): fine up to a few thousand items.
const { data } = await set.similarity();
console.log(`${n} × ${d} embeddings; S[0][1] = ${data[1].toFixed(4)}`);

// Each item's 3 nearest neighbours, without holding n × n.
const { indices, scores } = await set.topK(3);
console.log(`item 0's neighbours: ${[...indices.slice(0, 3)].join(', ')} (${[...scores.slice(0, 3)].map((s) => s.toFixed(3)).join(', ')})`);

// Statistics and flags, as plain JSON.
const stats = await set.analyze();
console.log(`mean ${stats.mean.toFixed(3)}, effective dimension ${stats.effectiveDimension.toFixed(1)} of ${d}`);
for (const flag of stats.flags) console.log(`${flag.level}: ${flag.message}`);

set.dispose();
engine.dispose();
