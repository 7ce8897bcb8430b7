import { attachMetadata, parseEmbeddingsOffThread, parseMetadataOffThread } from '../src/index.js';
import { chooseColumn } from './choose-column.js';

// Parses the files of a data set off the page's thread. A data set is
// {name, metadataName?, embeddings: {data, dims, labels?}, metadata?, labelColumn?, parseMs}.
// A Parquet or Arrow file brings its own metadata (its other columns), used
// unless a metadata file comes with it; `labelColumn` is then the column its
// labels came from (the first text column).
const now = () => performance.now();

/**
 * @param {{embeddings: File, metadata?: File|null, format?: string}} files
 * @param {{signal?: AbortSignal, onProgress?: Function}} [options]
 */
export async function parseDataSet({ embeddings, metadata, format = 'auto' }, { signal, onProgress } = {}) {
  const started = now();
  const asked = { ms: 0 }; // time spent in the "which column?" dialog is not parsing
  const [vectors, table] = await together(signal, (inner) => [
    parseAsking(embeddings, { name: embeddings.name, format, onProgress, signal: inner }, asked),
    metadata ? parseMetadataOffThread(metadata, { name: metadata.name, signal: inner }) : undefined,
  ]);
  if (table) checkRowCounts(vectors, table, embeddings.name, metadata.name);
  const own = !table && vectors.metadata;
  return {
    name: embeddings.name,
    metadataName: metadata?.name,
    embeddings: vectors,
    metadata: table ?? vectors.metadata,
    labelColumn: own ? labelsColumn(vectors) : undefined,
    parseMs: now() - started - asked.ms,
  };
}

// Several candidate columns (or tensors): ask which, then parse again with it.
async function parseAsking(file, options, asked) {
  try {
    return await parseEmbeddingsOffThread(file, options);
  } catch (error) {
    if (!error?.candidates || options.signal?.aborted) throw error;
    const askedAt = now();
    const choice = await chooseColumn(error, { signal: options.signal });
    asked.ms += now() - askedAt;
    if (choice === null) throw error;
    const pick = error.code === 'AMBIGUOUS_TENSOR' ? { tensor: choice } : { column: choice };
    return parseEmbeddingsOffThread(file, { ...options, ...pick });
  }
}

function labelsColumn({ labels, metadata }) {
  if (!labels) return undefined;
  const index = metadata.columns.findIndex((_, c) => metadata.rows.every((row, i) => row[c] === labels[i]));
  return index >= 0 ? metadata.columns[index] : undefined;
}

/** The data set shown, relabelled by a new metadata table of the same length. */
export async function withMetadata(dataSet, metadata, { signal } = {}) {
  if (!dataSet) {
    throw new Error(`${metadata.name} looks like a metadata table; open it together with its embeddings file`);
  }
  const started = now();
  const table = await parseMetadataOffThread(metadata, { name: metadata.name, signal });
  checkRowCounts(dataSet.embeddings, table, dataSet.name, metadata.name);
  return { ...dataSet, metadataName: metadata.name, metadata: table, parseMs: now() - started };
}

// "row count mismatch: vectors.tsv has 10 rows but metadata.tsv has 9 rows"
function checkRowCounts(vectors, table, file, metadataFile) {
  attachMetadata(vectors, table, { file, metadataFile });
}

// Promise.all over parses that share one cancel: the first failure stops the
// other worker instead of letting it run on.
async function together(signal, start) {
  const inner = new AbortController();
  const forward = () => inner.abort(signal.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    return await Promise.all(start(inner.signal).map((p) => p?.catch((error) => {
      inner.abort(error);
      throw error;
    })));
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
