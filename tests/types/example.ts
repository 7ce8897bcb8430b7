// A small typed program against the published entry points, resolved the
// way a user's TypeScript resolves them: by package name, through the
// "exports" map and its "types" conditions. tests/js/types.test.js runs
// tsc --noEmit on it; nothing here is executed.
import {
  CosineHeatmapError,
  CosineSimilarityHeatmap,
  ParseError,
  defineCosineHeatmapElement,
  exportImage,
  figureJson,
  loadEngine,
  matrixCsv,
  parseEmbeddings,
  parseMetadata,
  attachMetadata,
  statisticsJson,
  visibleMatrixCsv,
  type EmbeddingSet,
  type Flag,
  type Level,
  type Statistics,
} from 'cosine-heatmap';
import { embedWithTransformers } from 'cosine-heatmap/transformers';

export async function headless(bytes: Uint8Array): Promise<number> {
  const engine = await loadEngine({ workers: 2, wasmUrl: new URL('https://cdn.example/cosine-core.wasm') });
  const parsed = await parseEmbeddings(bytes, { name: 'vectors.npy' });
  const fromParquet = await parseEmbeddings(bytes, { format: 'parquet', column: 'embedding', labelColumn: 'text' });
  const fromColumns = await parseEmbeddings(bytes, { format: 'arrow', column: ['x', 'y'] });
  const fromTensors = await parseEmbeddings(bytes, { format: 'safetensors', tensor: 'embeddings' });
  const tableColumns: string[] = fromParquet.metadata?.columns ?? fromColumns.metadata?.columns ?? [];
  void tableColumns; void fromTensors;
  // @ts-expect-error: not a format
  await parseEmbeddings(bytes, { format: 'feather1' });
  const table = await parseMetadata('label\nA\nB\n');
  const labelled = attachMetadata(parsed, table, { labelColumn: 'label' });
  const labels: string[] = labelled.labels;
  const set: EmbeddingSet = await engine.embeddings(labelled);
  const { data, dims } = await set.similarity();
  const placed = await set.crossSimilarity(set, { shared: false });
  void placed.data;
  // @ts-expect-error: shared is true, false or 'auto'
  await set.similarity({ shared: 'yes' });
  const reused = new Float32Array(new SharedArrayBuffer(set.size * set.size * 4));
  const into: Float32Array = (await set.similarity({ out: reused })).data;
  void (await engine.cosineSimilarity(labelled, null, { out: into }));
  // @ts-expect-error: out is a Float32Array
  await set.similarity({ out: new Float64Array(4) });
  const first: number = data[0] + dims[0] + labels.length;
  const stats: Statistics = await set.analyze({ bins: 50, groups: labels });
  const warnings: Flag[] = stats.flags.filter((flag) => flag.level === 'warning');
  const order: Int32Array = await set.order({ method: 'average' });
  const overview = await set.overview({ size: 256, order, reduce: 'mean' });
  for await (const tile of set.tiles({ tileSize: 128 })) void tile.rows[0];
  const csv: string = await matrixCsv(set, { labels, order });
  const json: string = await statisticsJson(stats);
  // @ts-expect-error: not an order method
  await set.order({ method: 'alphabetical' });
  // Every documented method of the engine and the set, called once.
  const whole = await engine.cosineSimilarity([[1, 0], [0, 1]], null, { transfer: false });
  const other = await engine.embeddings(parsed);
  const cross = await set.crossSimilarity(other);
  const summary = await set.pairSummary();
  const nearest = await set.topK(5);
  const row = await set.neighbours(0, { k: 3 });
  void row.scores[0];
  const tree = await set.linkage({ method: 'complete' });
  const merged: number = tree.data[4 * (tree.dims[0] - 1) + 3];
  const cut = await set.clusters({ method: 'average', k: 8 });
  const byHeight = await set.clusters({ threshold: 0.4 });
  const how: 'average' | 'complete' | 'single' | 'spectral' = cut.method;
  const olo = await set.order({ method: 'average', optimalLeafOrdering: true });
  const flipped: boolean = olo.optimalLeafOrdering;
  void [merged, byHeight[0], how, flipped];
  // @ts-expect-error: k or threshold, not both
  await set.clusters({ k: 2, threshold: 0.5 });
  const comparison = await set.compare(other, { k: 5 });
  const texts = await engine.embedTexts(['a b', 'b c'], { dim: 64, bigrams: false });
  const workers = await engine.stats();
  const limit: number = engine.limits.maxSetBytes + workers[0].heapBytes;
  const gone: boolean = engine.disposed || set.disposed;
  // @ts-expect-error: internal, not part of the API
  engine.checkMatrixBudget(2, 2);
  other.dispose();
  set.dispose();
  engine.dispose();
  return first + warnings.length + overview.dims[0] + csv.length + json.length + whole.dims[0] + cross.dims[1] +
    summary.count + nearest.dims[1] + comparison.n + texts.dims[1] + limit + Number(gone);
}

export async function view(element: HTMLElement): Promise<Blob> {
  const heatmap = new CosineSimilarityHeatmap(element, { order: 'spectral', colorScale: 'RdBu', zmin: -1, zmax: 1, maskDiagonal: true });
  heatmap.addEventListener('level', (event) => {
    const level: Level = event.detail;
    void level.cellSize;
  });
  heatmap.addEventListener('select', (event) => void event.detail.rowIndices);
  await heatmap.setEmbeddings([[1, 0], [0, 1]], { labels: ['a', 'b'] });
  await heatmap.update({ title: 'Two items', range: 'auto' });
  heatmap.addEventListener('order', (event) => void event.detail.pending);
  const ordered = await heatmap.whenOrdered();
  void (ordered?.shown ?? heatmap.orderStatus?.method);
  void heatmap.timings?.cells;
  await heatmap.update({ range: 'robust', order: 'auto' });
  // @ts-expect-error: colour ranges are numbers
  await heatmap.update({ zmin: 'low' });
  const matches = heatmap.find('a', { limit: 5 });
  if (matches.total > 0) await heatmap.reveal(matches[0].item);
  heatmap.addEventListener('select', (event) => void event.detail.indices?.length);
  const selected: Int32Array | null = await heatmap.select([1, 0]);
  void (selected ?? heatmap.selection);
  await heatmap.annotate([{ name: 'kind', values: ['x', 'y'] }]);
  const clusters = heatmap.dendrogram ? await heatmap.cut({ k: 2 }) : heatmap.clusters;
  void clusters?.labels;
  // @ts-expect-error: a cut needs k or a threshold
  await heatmap.cut({});
  const figure: string = figureJson(heatmap);
  const window: string = visibleMatrixCsv(heatmap);
  void figure;
  void window;
  return exportImage(heatmap, { format: 'svg' });
}

export function element(): void {
  defineCosineHeatmapElement();
  const heatmap = document.createElement('cosine-heatmap');
  heatmap.setAttribute('src', 'vectors.npy');
  heatmap.embeddings = { data: new Float32Array(4), dims: [2, 2] };
  heatmap.labels = ['a', 'b'];
  heatmap.addEventListener('ready', (event) => void event.detail.size);
  heatmap.addEventListener('select', (event) => void event.detail.value);
  heatmap.addEventListener('error', (event) => console.log(event.detail.message));
  document.body.append(heatmap);
}

export async function texts(): Promise<number> {
  const { data, dims } = await embedWithTransformers(['a cat', 'a dog'], { model: 'Xenova/all-MiniLM-L6-v2', pooling: 'mean' });
  return data.length + dims[1];
}

export function errors(error: unknown): string {
  if (error instanceof ParseError) return `${error.file}:${error.line ?? ''} ${error.reason}`;
  if (error instanceof CosineHeatmapError) return error.message;
  return String(error);
}
