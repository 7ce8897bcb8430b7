import { detectFormat } from '../src/index.js';

// Tells an embeddings file from a metadata table when files arrive together
// (or alone) by drag and drop: by name first ("metadata.tsv", "labels.csv",
// "vectors.tsv"), then by content: rows of numbers are vectors, rows of words
// are metadata. Only the first 64 KB are read.
const SNIFF_BYTES = 1 << 16;
const METADATA_NAME = /(^|[-_. ])(metadata|meta|labels?)([-_. ]|\.|$)/i;
const VECTORS_NAME = /(^|[-_. ])(vectors?|embeddings?|tensors?|features?)([-_. ]|\.|$)/i;
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$|^\s*[-+]?(nan|inf|infinity)\s*$/i;

/**
 * @param {File[]} files  one or two files
 * @returns {Promise<{embeddings: File|null, metadata: File|null}>}
 */
export async function classifyFiles(files) {
  if (files.length === 0) throw new Error('no file was dropped');
  if (files.length > 2) {
    throw new Error(`${files.length} files were dropped; drop one embeddings file and, optionally, one metadata file`);
  }
  const scored = await Promise.all(files.map(async (file) => ({ file, score: await metadataScore(file) })));
  if (scored.length === 1) {
    const [{ file, score }] = scored;
    return score > 0 ? { embeddings: null, metadata: file } : { embeddings: file, metadata: null };
  }
  // The likelier metadata table of the two; on a tie, the smaller file.
  scored.sort((a, b) => b.score - a.score || a.file.size - b.file.size);
  const [metadata, embeddings] = scored;
  if (metadata.score === -Infinity) {
    throw new Error(`${files[0].name} and ${files[1].name} both hold vectors; drop one embeddings file and, optionally, one metadata table (.tsv or .csv)`);
  }
  return { embeddings: embeddings.file, metadata: metadata.file };
}

// > 0: looks like metadata; < 0: looks like vectors; -Infinity: cannot be metadata.
async function metadataScore(file) {
  const bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (bytes.length === 0) return 0; // the embeddings parser names the problem
  let format;
  try {
    format = detectFormat(bytes, file.name).format;
  } catch {
    return -Infinity; // e.g. a zip archive: the embeddings parser explains
  }
  if (format !== 'csv' && format !== 'tsv') return -Infinity;
  let score = 0;
  if (METADATA_NAME.test(file.name)) score += 2;
  if (VECTORS_NAME.test(file.name)) score -= 2;
  score += looksLikeVectors(bytes, format === 'csv' ? ',' : '\t') ? -1 : 1;
  return score;
}

// A data row (the second line, as the first may be a header) with two or
// more numbers and at most one other cell (a label) is a vector.
function looksLikeVectors(bytes, delimiter) {
  const lines = new TextDecoder().decode(bytes).split(/\r?\n/).filter((line) => line.trim() !== '');
  const row = lines[Math.min(1, lines.length - 1)] ?? '';
  const cells = row.split(delimiter);
  const numbers = cells.filter((cell) => NUMBER.test(cell)).length;
  return numbers >= 2 && cells.length - numbers <= 1;
}
