import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { CosineHeatmapError } from './errors.js';
import { loadEngine } from './load-engine.js';
import { parseEmbeddings } from './parse-embeddings.js';
import { attachMetadata, parseMetadata } from './parse-metadata.js';
import { clusterGroups } from './report-clusters.js';
import { reportData } from './report-data.js';
import { reportHtml } from './report-html.js';
import { announcing } from './report-progress.js';

// Node only: files in, one self-contained HTML report (and its statistics)
// out, computed by the same WASM engine as the page. The command line
// (bin/cosine-heatmap.js) is a thin layer over this.

/**
 * @param {string} embeddingsPath  .npy, .csv, .tsv, .json or .jsonl
 * @param {{labels?: string, labelColumn?: string, groupColumn?: string, clusters?: number, title?: string,
 *   column?: string, tensor?: string,
 *   order?: string, range?: string, size?: number, colorScale?: string, format?: string, workers?: number,
 *   onProgress?: (p: {phase: string, done?: number, total?: number, detail?: string}) => void}} [options]
 *   labels: a metadata table (.tsv / .csv), one row per item; order (default
 *   'auto') and range (default 'robust') as the view's options; onProgress:
 *   told when each phase starts ('read', 'parse', 'labels', 'engine', 'order',
 *   'overview', 'statistics', 'html') and, where the work is counted, how far it is;
 *   clusters: k, the groups cut from the tree (report-clusters.js) instead of groupColumn
 * @returns {Promise<{html: string, stats: object, payload: object}>}
 */
export async function createReport(embeddingsPath, options = {}) {
  const { labels: labelsPath, labelColumn, groupColumn, clusters, title, order = 'auto', range, size = 512, colorScale, format = 'auto', workers, column, tensor } = options;
  const onProgress = options.onProgress ?? (() => {});
  const counted = (phase) => (progress) => onProgress({ phase, ...progress });
  const name = basename(embeddingsPath);
  onProgress({ phase: 'read', detail: name });
  const bytes = await readInputFile(embeddingsPath);
  const embeddings = await parseEmbeddings(bytes, { name, format, column, tensor, onProgress: counted('parse') });
  let labels = embeddings.labels;
  let groups;
  // A Parquet or Arrow file's own columns serve as the metadata table when no --labels is given.
  const ownTable = !labelsPath && embeddings.metadata && (labelColumn !== undefined || groupColumn !== undefined);
  if (labelsPath || ownTable) {
    const metadataName = labelsPath ? basename(labelsPath) : name;
    if (labelsPath) onProgress({ phase: 'labels', detail: metadataName });
    const table = labelsPath ? await parseMetadata(await readInputFile(labelsPath), { name: metadataName }) : embeddings.metadata;
    if (labelsPath || labelColumn !== undefined) {
      labels = distinct(attachMetadata(embeddings, table, { file: name, metadataFile: metadataName, labelColumn: labelColumn ?? 0 }).labels);
    }
    if (groupColumn !== undefined) groups = attachMetadata(embeddings, table, { file: name, metadataFile: metadataName, labelColumn: groupColumn }).labels;
  } else if (labelColumn !== undefined || groupColumn !== undefined) {
    throw new CosineHeatmapError(`--label-column and --group-column need a metadata table (--labels metadata.tsv)${embeddings.metadata ? '' : `: ${name} has no other columns`}`);
  }
  onProgress({ phase: 'engine' });
  const engine = await loadEngine(workers === undefined ? {} : { workers });
  const set = await engine.embeddings(embeddings, { onProgress: counted('engine') });
  try {
    if (clusters !== undefined) groups = await clusterGroups(set, clusters, order);
    const source = labelsPath ? `${name} + ${basename(labelsPath)}` : name;
    const { payload, stats } = await reportData(announcing(set, onProgress), { labels, groups, title, order, range, size, colorScale, source });
    onProgress({ phase: 'html' });
    const html = await reportHtml(payload, await reportScripts());
    return { html, stats, payload };
  } finally {
    set.dispose();
  }
}

/** The sources the report inlines: Plotly from its npm package, and our renderer. */
export async function reportScripts() {
  const require = createRequire(import.meta.url);
  const [plotlySource, rendererSource] = await Promise.all([
    readFile(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8'),
    readFile(new URL('./report-renderer.js', import.meta.url), 'utf8'),
  ]);
  return { plotlySource, rendererSource };
}

async function readInputFile(path) {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a directory, not a file' : error.message;
    throw new CosineHeatmapError(`${path}: ${reason}`, { cause: error });
  }
}

// As the page does: a repeated label gets its row number, "3 (#17)".
function distinct(values) {
  return new Set(values).size === values.length ? values : values.map((value, i) => `${value} (#${i})`);
}
