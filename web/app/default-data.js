import { parseEmbeddings, parseMetadata } from '../src/index.js';

// The data set the page opens on: 1,797 hand-written digits (UCI, CC BY 4.0),
// each an 8×8 image flattened to 64 numbers, labelled with its digit.
const BASE = new URL('../data/digits/', import.meta.url);

export const DEFAULT_DATA = Object.freeze({
  name: 'UCI hand-written digits',
  vectors: new URL('digits.npy', BASE),
  metadata: new URL('labels.tsv', BASE),
});

/**
 * Fetches and parses the default data set.
 * @returns {Promise<{embeddings: {data: Float32Array, dims: [number, number]}, labels: string[]}>}
 */
export async function loadDefaultData(fetchFn = fetch) {
  const [vectors, metadata] = await Promise.all([
    fetchBytes(fetchFn, DEFAULT_DATA.vectors),
    fetchBytes(fetchFn, DEFAULT_DATA.metadata),
  ]);
  const [embeddings, table] = await Promise.all([
    parseEmbeddings(vectors, { name: 'digits.npy' }),
    parseMetadata(metadata, { name: 'labels.tsv' }),
  ]);
  return { embeddings, labels: itemLabels(table, 'digit', 'index') };
}

// "3 (#17)": the digit says what the item is, the row index tells apart the
// many items that share a digit.
export function itemLabels({ columns, rows }, labelColumn, indexColumn) {
  const label = columns.indexOf(labelColumn);
  const index = columns.indexOf(indexColumn);
  if (label < 0) throw new Error(`labels.tsv: no "${labelColumn}" column (columns: ${columns.join(', ')})`);
  return rows.map((row, i) => `${row[label]} (#${index < 0 ? i : row[index]})`);
}

async function fetchBytes(fetchFn, url) {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
