// Type declarations for 'cosine-heatmap' (web/src/index.js). Hand-written to
// match the JavaScript sources; tests/types/example.ts checks them with tsc.

/** Embeddings the engine takes: rows of numbers, or a row-major tensor. */
export type EmbeddingsInput =
  | number[][]
  | { data: Float32Array | Float64Array | ArrayLike<number>; dims: readonly number[]; labels?: readonly string[] }
  | { data: Float32Array | Float64Array | ArrayLike<number>; shape: readonly number[] };

export interface Progress {
  done: number;
  total: number;
}

export interface LongCallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * A row-major matrix from the engine. A copy: the caller owns it. Where
 * SharedArrayBuffer exists (Node; cross-origin isolated pages) and `shared`
 * is not false, `data` is a view of a SharedArrayBuffer the workers wrote in
 * place; otherwise of a plain ArrayBuffer.
 */
export interface SimilarityMatrix {
  data: Float32Array;
  dims: [number, number];
  /** Rows that were zero vectors (their similarity with everything is 0). */
  zeroRows: number[];
  /** crossSimilarity only: the zero rows of y. */
  zeroColumns?: number[];
}

export interface MatrixOptions {
  /**
   * 'auto' (default): the workers write the matrix straight into a
   * SharedArrayBuffer where there is one. false: a plain ArrayBuffer (the
   * main thread places each band: one more copy). true: shared or refused.
   * With `out`, its buffer decides (true refuses a plain one).
   */
  shared?: boolean | 'auto';
  /**
   * Write the result into this array (exactly rows × cols values) and
   * return it as `data`, instead of a fresh array: reusing memory saves the
   * page faults of a fresh n×n array. Not subject to matrixBudgetBytes. Its
   * contents are unspecified after a cancel or an error.
   */
  out?: Float32Array;
}

export interface LoadEngineOptions {
  /** Where cosine-core.wasm is (default: next to the library's JavaScript). For CDNs and bundlers. */
  wasmUrl?: string | URL;
  /** Engine workers, 1 to 64 (default: the machine's cores, at most 64). */
  workers?: number;
  /** Largest n × m matrix similarity() builds, in bytes (default 1 GiB; Infinity: no budget). */
  matrixBudgetBytes?: number;
  /**
   * Worker memory all copies of one set may take, in bytes: a set is held by as many workers as
   * this pays for, at least one (default: 512 MiB, or two copies when that is more; Infinity: every worker).
   */
  copyBudgetBytes?: number;
}

/** The engine, shared: the same options give the same promise. */
export function loadEngine(options?: LoadEngineOptions): Promise<Engine>;

export class Engine {
  private constructor();
  /** The kernel the core was built with. */
  readonly kernel: string;
  readonly workers: number;
  readonly matrixBudgetBytes: number;
  /** loadEngine's copyBudgetBytes, or null for the default. */
  readonly copyBudgetBytes: number | null;
  /** The core's limits, read from the workers when the engine started. */
  readonly limits: EngineLimits;
  /** True after dispose(): every call on the engine and its sets rejects with code 'DISPOSED'. */
  readonly disposed: boolean;
  /** S = cos(x, x) or cos(x, y), whole. */
  cosineSimilarity(
    x: EmbeddingsInput,
    y?: EmbeddingsInput | null,
    options?: LongCallOptions & { transfer?: boolean } & MatrixOptions,
  ): Promise<SimilarityMatrix>;
  /** Validates and normalizes x once; keep it for views and statistics; dispose() when done. */
  embeddings(x: EmbeddingsInput, options?: { transfer?: boolean }): Promise<EmbeddingSet>;
  /** The built-in text embedder (hashed TF-IDF in the core; nothing leaves the machine). */
  embedTexts(texts: ArrayLike<string>, options?: EmbedTextsOptions): Promise<{ data: Float32Array; dims: [number, number] }>;
  /** Each worker's state, for monitoring memory. */
  stats(): Promise<WorkerStats[]>;
  /** Stops the workers for good. */
  dispose(): void;
}

export interface EngineLimits {
  /** Bytes of float32 rows one worker holds of one set (3 GiB). */
  maxSetBytes: number;
  /** The whole heap of one worker (wasm32: 4 GiB). */
  maxHeapBytes: number;
  /** Bins of analyze()'s fine histogram behind the quantiles. */
  quantileBins: number;
  /** Most items a hierarchical order (and linkage()) takes. */
  maxHierarchicalItems: number;
  /** Most items an optimal leaf ordering takes. */
  maxOptimalLeafOrderItems: number;
}

export interface WorkerStats {
  kernel: string;
  sets: number;
  heapBytes: number;
  limits: EngineLimits;
}

export interface EmbedTextsOptions extends TextEmbedderSettings, LongCallOptions {}

/** The built-in embedder's settings (see the README for the method). */
export interface TextEmbedderSettings {
  /** Output dimension (default 4096). */
  dim?: number;
  charNgramMin?: number;
  charNgramMax?: number;
  bigrams?: boolean;
  lowercase?: boolean;
  /** Randomized SVD components (0: off). */
  svdComponents?: number;
}

/** 'auto': by group when groups are given, average linkage up to 5,000 items, spectral above. */
export type OrderMethod = 'auto' | 'original' | 'average' | 'complete' | 'single' | 'spectral' | 'groups';
/** A permutation (position -> item); `method` names the method used ('auto' resolved). */
export type Order = Int32Array & { method: Exclude<OrderMethod, 'auto'>; optimalLeafOrdering: boolean };

export type LinkageMethod = 'average' | 'complete' | 'single';

/** SciPy's linkage matrix on cosine distance 1 − S: row i merges data[4i] < data[4i+1] (ids < n items, n + j the cluster of row j) at distance data[4i+2], giving data[4i+3] items. */
export interface Linkage {
  data: Float64Array;
  dims: [number, 4];
}

/** n labels 0..m−1; method 'spectral' when the set is beyond the hierarchical limit. */
export type ClusterLabels = Int32Array & { method: LinkageMethod | 'spectral' };

export type ClustersOptions = { method?: LinkageMethod } & ({ k: number; threshold?: undefined } | { threshold: number; k?: undefined }) & LongCallOptions;
export type Reduce = 'mean' | 'max' | 'min';

export interface Window {
  rows?: [number, number];
  cols?: [number, number];
}

export interface Overview {
  data: Float32Array;
  dims: [number, number];
  rowStarts: Int32Array;
  colStarts: Int32Array;
  rowEnds: Int32Array;
  colEnds: Int32Array;
  reduce: Reduce;
}

export interface Tile {
  rows: [number, number];
  cols: [number, number];
  data: Float32Array;
  dims: [number, number];
}

export interface AnalyzeOptions extends LongCallOptions {
  bins?: number;
  duplicateThreshold?: number;
  outlierThreshold?: number;
  thresholds?: number[];
  groups?: ArrayLike<unknown>;
  flagThresholds?: Partial<FlagThresholds>;
  /** Histogram, quantiles and shares from a uniform random sample of pairs (`exact: false`), fast. */
  estimate?: boolean;
  /** With `estimate`: pairs to draw (a positive integer; default 10,000,000). All pairs or more: the exact result. */
  samplePairs?: number;
  /** With `estimate`: the sample's seed (an integer from 0 to 2^53 − 1; default 1). */
  seed?: number;
}

export interface FlagThresholds {
  highMeanSimilarity: number;
  strongNegativeSimilarity: number;
  strongNegativeShare: number;
  nearDuplicateShare: number;
  outlierShare: number;
  effectiveDimensionShare: number;
  silhouette: number;
}

export interface Flag {
  id: 'high-similarity' | 'strong-dissimilarity' | 'near-duplicates' | 'outliers' | 'low-effective-dimension' | 'zero-vectors' | 'groups-not-separated' | (string & {});
  level: 'warning' | 'info';
  message: string;
  value: number;
  threshold: number;
}

/** set.analyze(): plain JSON (non-finite numbers are null). */
export interface Statistics {
  n: number;
  dim: number;
  pairCount: number;
  /** false for an estimate ({estimate: true} with fewer sampled pairs than pairs). */
  exact: boolean;
  /** The pairs behind histogram, quantiles and shares: pairCount when exact. */
  sampledPairs: number;
  /** The fields an estimate estimated (empty when exact). */
  estimated: string[];
  /** The fields an estimate left null: they need the exact pass (empty when exact). */
  notComputed: string[];
  /** What an estimate holds, in words; null when exact. */
  note: string | null;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  anisotropy: number | null;
  effectiveDimension: number | null;
  effectiveDimensionEntropy: number | null;
  histogram: { edges: number[]; counts: number[] };
  /** standardError: of the sample (order statistics); 0 when exact. */
  quantiles: { q: number; value: number | null; standardError: number | null }[];
  quantilePrecision: number;
  /** count: null in an estimate; standardError: binomial, 0 when exact. */
  shareAbove: { threshold: number; share: number; count: number | null; standardError: number | null }[];
  duplicateThreshold: number;
  /** null in an estimate (as are the counts below, min and max). */
  nearDuplicates: { i: number; j: number; score: number }[] | null;
  nearDuplicateCount: number | null;
  nearDuplicateBound: number;
  outlierThreshold: number;
  outliers: { i: number; bestNeighbour: number; score: number | null }[] | null;
  outlierCount: number | null;
  zeroRows: number;
  groups?: {
    withinMean: number | null;
    betweenMean: number | null;
    silhouette: number | null;
    perGroup: { name: string; size: number; withinMean: number | null }[];
    note?: string;
  };
  flags: Flag[];
}

export interface TopK {
  indices: Int32Array;
  scores: Float32Array;
  dims: [number, number];
}

export interface Comparison {
  n: number;
  dims: [number, number];
  pearson: number | null;
  linearCka: number | null;
  spearman: number | null;
  meanAbsoluteDifference: number | null;
  maxAbsoluteDifference: number | null;
  note?: string;
  neighbourhood: { k: number; meanOverlap: number; changed: unknown[] } | null;
  [key: string]: unknown;
}

/** A set of embeddings held by the engine's workers until dispose(). */
export class EmbeddingSet {
  private constructor();
  readonly size: number;
  readonly dim: number;
  readonly zeroRows: number[];
  readonly disposed: boolean;
  similarity(options?: LongCallOptions & MatrixOptions): Promise<SimilarityMatrix>;
  crossSimilarity(other: EmbeddingSet, options?: LongCallOptions & MatrixOptions): Promise<SimilarityMatrix>;
  pairSummary(options?: LongCallOptions): Promise<{ count: number; mean: number; min: number; max: number }>;
  order(options?: { method?: OrderMethod; groups?: ArrayLike<unknown>; optimalLeafOrdering?: boolean | 'auto' } & LongCallOptions): Promise<Order>;
  /** The dendrogram (up to maxHierarchicalItems items), cached per method. */
  linkage(options?: { method?: LinkageMethod } & LongCallOptions): Promise<Linkage>;
  /** Flat clusters: fcluster(Z, k, 'maxclust') or fcluster(Z, threshold, 'distance'), minus one. */
  clusters(options: ClustersOptions): Promise<ClusterLabels>;
  overview(options?: { size?: number; reduce?: Reduce; order?: ArrayLike<number>; window?: Window } & LongCallOptions): Promise<Overview>;
  analyze(options?: AnalyzeOptions): Promise<Statistics>;
  topK(k?: number, options?: LongCallOptions): Promise<TopK>;
  /** One item's k nearest other items (default 10), from its row alone: milliseconds at any n. */
  neighbours(item: number, options?: { k?: number; signal?: AbortSignal }): Promise<{ item: number; indices: Int32Array; scores: Float32Array }>;
  compare(other: EmbeddingSet | EmbeddingsInput, options?: { k?: number; passLimit?: number } & LongCallOptions): Promise<Comparison>;
  tiles(options?: { tileSize?: number } & LongCallOptions): AsyncGenerator<Tile>;
  dispose(): void;
}

export class CosineHeatmapError extends Error {
  constructor(message: string, options?: { cause?: unknown; code?: string });
  code?: string;
}

export class ParseError extends CosineHeatmapError {
  constructor(reason: string, where?: { file?: string; line?: number; column?: number | string; offset?: number; row?: number; columnUnit?: string; rowGroup?: number });
  readonly reason: string;
  readonly file: string;
  readonly line?: number;
  /** 1-based for text formats; the column's name for Parquet and Arrow. */
  readonly column?: number | string;
  readonly offset?: number;
  readonly row?: number;
  /** Parquet row group or Arrow record batch, 0-based. */
  readonly rowGroup?: number;
  /** With code 'AMBIGUOUS_COLUMN' or 'AMBIGUOUS_TENSOR': the columns or tensors that could be the embeddings. */
  readonly candidates?: string[];
}

export type ParseInput = Blob | ArrayBuffer | ArrayBufferView | string;
export type EmbeddingsFormat = 'auto' | 'npy' | 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet' | 'arrow' | 'safetensors';

export interface MetadataTable {
  columns: string[];
  rows: string[][];
}

export interface ParsedEmbeddings {
  data: Float32Array;
  dims: [number, number];
  labels?: string[];
  metadata?: MetadataTable;
}

export interface ParseEmbeddingsOptions {
  format?: EmbeddingsFormat;
  name?: string;
  labelColumn?: string | number;
  header?: boolean;
  delimiter?: string;
  embeddingField?: string;
  labelField?: string;
  /** Parquet / Arrow: the list<float|double> column, or several float columns in this order. */
  column?: string | string[];
  /** safetensors: the tensor's name (default: the only 2-D float tensor). */
  tensor?: string;
  maxBytes?: number;
  onProgress?: (progress: Progress) => void;
  metadata?: MetadataTable;
  metadataName?: string;
}

export function parseEmbeddings(input: ParseInput, options?: ParseEmbeddingsOptions): Promise<ParsedEmbeddings>;
export function parseMetadata(input: ParseInput, options?: { name?: string; maxBytes?: number; delimiter?: string }): Promise<MetadataTable>;
export function attachMetadata<T extends { data: ArrayLike<number>; dims: readonly number[] }>(
  embeddings: T,
  metadata: MetadataTable,
  options?: { file?: string; metadataFile?: string; labelColumn?: string | number },
): T & { metadata: MetadataTable; labels: string[] };
export function parseEmbeddingsOffThread(input: ParseInput, options?: ParseEmbeddingsOptions & { signal?: AbortSignal }): Promise<ParsedEmbeddings>;
export function parseMetadataOffThread(
  input: ParseInput,
  options?: { name?: string; maxBytes?: number; delimiter?: string; signal?: AbortSignal; onProgress?: (progress: Progress) => void },
): Promise<MetadataTable>;
export function detectFormat(bytes: Uint8Array, name?: string): { format: Exclude<EmbeddingsFormat, 'auto'>; delimiter?: string; [key: string]: unknown };

/** A Plotly colour scale: a name, or [fraction, colour] pairs. */
export type ColorScale = string | [number, string][];

export interface HeatmapOptions {
  title?: string;
  colorLabel?: string;
  xaxisTitle?: string;
  yaxisTitle?: string;
  colorScale?: ColorScale;
  reverseScale?: boolean;
  zmin?: number;
  zmax?: number;
  zmid?: number | null;
  textMaxSize?: number;
  valueFormat?: string;
  hoverFormat?: string;
  autosize?: boolean;
  width?: number;
  height?: number;
  order?: OrderMethod;
  reduce?: Reduce;
  /** 'robust' (default): 1st–99th percentile of the cells shown; 'auto': lowest to highest cell; 'fixed': zmin..zmax (−1..1). */
  range?: 'robust' | 'fixed' | 'auto';
  maskDiagonal?: boolean;
  itemsMax?: number | 'auto';
  overviewSize?: number;
  tickSpacing?: number;
  labelMaxLength?: number;
  zoomDebounce?: number;
}

export interface Level {
  kind: 'overview' | 'items';
  cellSize: number;
  cellRows: number;
  cellCols: number;
  dims: [number, number];
  window: { rows: [number, number]; cols: [number, number] };
  full: boolean;
  reduce: Reduce;
  warning?: string;
}

export interface Selection {
  row: number;
  col: number;
  rowItems: [number, number];
  colItems: [number, number];
  rowIndices: Int32Array;
  colIndices: Int32Array;
  value: number;
  kind: 'overview' | 'items';
  /** The items selected by this click (the clicked row's; with shift, every row from the last click's), ascending. */
  indices: Int32Array;
  source?: undefined;
}

/** A 'select' event's detail from view.select() or a drag along an axis: the items selected (null: cleared). */
export interface ItemSelectionDetail {
  indices: Int32Array | null;
  source: 'api' | 'drag' | string;
  // No cell: these are for code written against a click's detail.
  row?: undefined;
  col?: undefined;
  rowItems?: undefined;
  colItems?: undefined;
  rowIndices?: undefined;
  colIndices?: undefined;
  value?: undefined;
  kind?: undefined;
}

/** A match of view.find(). */
export interface FindMatch {
  item: number;
  /** Where the item is in the order shown. */
  position: number;
  label: string;
}

/** A categorical column for view.annotate(): one value per item. */
export interface AnnotationColumn {
  name: string;
  values: ArrayLike<unknown>;
}

export interface AnnotationStrip {
  name: string;
  /** Most frequent first; past 12, the rest share "(other)". */
  categories: { name: string; colour: string; count: number }[];
}

/** SciPy's linkage matrix convention: row i merges data[4i] and data[4i+1] at distance data[4i+2] into data[4i+3] items. */
export interface Linkage {
  data: Float64Array;
  dims: [number, 4];
}

/** view.cut()'s result (and 'cut' events): labels 0..k−1 numbered along the order shown. */
export interface Clusters {
  method: 'average' | 'complete' | 'single';
  k: number;
  /** The largest merge distance joined (the threshold given, for a cut at a height). */
  threshold: number;
  /** Where the cut line is drawn on the dendrogram. */
  lineAt: number;
  labels: Int32Array;
}

export interface ShownMatrix {
  data: Float32Array;
  dims: [number, number];
  rowStarts: Int32Array;
  rowEnds: Int32Array;
  colStarts: Int32Array;
  colEnds: Int32Array;
  zeroRows: number[];
  kind: 'overview' | 'items';
  [key: string]: unknown;
}

/** Which order is requested and which is drawn (view.orderStatus, 'order' events). */
export interface OrderStatus {
  requested: OrderMethod;
  method: Exclude<OrderMethod, 'auto'>;
  shown: Exclude<OrderMethod, 'auto'>;
  pending: boolean;
  ms: number | null;
  error: string | null;
}

export interface HeatmapEventMap {
  level: CustomEvent<Level>;
  order: CustomEvent<OrderStatus>;
  select: CustomEvent<Selection | ItemSelectionDetail>;
  cut: CustomEvent<Clusters | null>;
  /** A tree is drawn (detail: view.dendrogram) or went away (null). */
  dendrogram: CustomEvent<{ method: string; z: Linkage; n: number; maxHeight: number } | null>;
  progress: CustomEvent<Progress>;
  error: CustomEvent<Error>;
}

export class CosineSimilarityHeatmap extends EventTarget {
  constructor(
    element: HTMLElement | string,
    options?: HeatmapOptions & {
      engine?: Engine | Promise<Engine>;
      Plotly?: unknown;
      onLevelChange?: (level: Level) => void;
      onSelect?: (selection: Selection) => void;
    },
  );
  readonly element: HTMLElement | string;
  readonly options: Readonly<Required<Omit<HeatmapOptions, 'width' | 'height' | 'zmid'>> & Pick<HeatmapOptions, 'width' | 'height' | 'zmid'>>;
  readonly embeddings: EmbeddingSet | null;
  readonly order: Int32Array | null;
  matrix: ShownMatrix | null;
  labels: string[] | null;
  groups: string[] | null;
  level: Level | null;
  /** Milliseconds of the first picture: into the engine, the overview cells, both, and drawing. */
  timings: { load: number; cells: number; compute: number; render: number } | null;
  readonly orderStatus: OrderStatus | null;
  /** Resolves once no order is being computed (the ordered picture has replaced the file-order one). */
  whenOrdered(): Promise<OrderStatus | null>;
  setEmbeddings(x: EmbeddingsInput | EmbeddingSet, options?: { labels?: ArrayLike<unknown>; groups?: ArrayLike<unknown>; signal?: AbortSignal }): Promise<this>;
  update(changes?: HeatmapOptions & { labels?: ArrayLike<unknown> | null; groups?: ArrayLike<unknown> | null }): Promise<this>;
  /** Items whose label contains the query (case-insensitive), in the order shown; `total` counts every match. */
  find(query: string, options?: { limit?: number }): FindMatch[] & { total: number };
  /** Zooms to `span` (default 40) items around the item, its row and column outlined; null removes the outline. */
  reveal(item: number | null, options?: { span?: number }): Promise<{ item: number; position: number; window: { rows: [number, number]; cols: [number, number] } } | null>;
  /** The selected items, ascending, or null. */
  readonly selection: Int32Array | null;
  /** Selects items (null clears): highlighted, and a 'select' event with detail.indices. */
  select(indices: ArrayLike<number> | null, options?: { source?: string }): Promise<Int32Array | null>;
  /** Up to three categorical columns as colour strips along both axes (null or [] removes them). */
  annotate(columns: AnnotationColumn[] | null): Promise<AnnotationStrip[]>;
  /** The tree drawn beside a hierarchical order (from set.linkage), or null. */
  readonly dendrogram: { method: string; z: Linkage; n: number; maxHeight: number } | null;
  /** Cuts the tree drawn into clusters, which become the groups; null undoes the cut. */
  cut(options: { k: number } | { threshold: number } | null): Promise<Clusters | null>;
  readonly clusters: Clusters | null;
  /** Zooms to a window of ordered positions and recomputes it. */
  zoomTo(window: { rows: [number, number]; cols: [number, number] }): Promise<void>;
  /** For add-ons: extra traces, shapes and side bands drawn with every picture (see heatmap-decorations.js); null removes. */
  decorate(name: string, decoration: object | null): Promise<void>;
  dispose(): void;
  addEventListener<K extends keyof HeatmapEventMap>(type: K, listener: (event: HeatmapEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

// Exports (web/src/exports.js).
export function exportImage(
  view: CosineSimilarityHeatmap | HTMLElement,
  options?: { format?: 'png' | 'svg'; width?: number; height?: number; scale?: number; Plotly?: unknown },
): Promise<Blob>;
export function matrixCsv(
  set: EmbeddingSet,
  options?: { labels?: ArrayLike<unknown>; order?: ArrayLike<number> } & LongCallOptions,
): Promise<string>;
export function visibleMatrixCsv(view: CosineSimilarityHeatmap): string;
export function figureJson(view: CosineSimilarityHeatmap | HTMLElement): string;
export function statisticsJson(source: Statistics | EmbeddingSet, options?: AnalyzeOptions): Promise<string>;
export function downloadFile(content: Blob | string, filename: string, type?: string): void;

// A selection's numbers (web/src/selection-statistics.js) and the cut's labels (web/src/dendrogram-tree.js).
/** Mean similarity over pairs i < j of the items (exact, one block mean); null below two items. */
export function meanWithin(set: EmbeddingSet, indices: Int32Array, options?: { signal?: AbortSignal }): Promise<number | null>;
/** The k outside items with the highest mean similarity to the items, best first; null above 200,000 items. */
export function nearestOutside(
  set: EmbeddingSet,
  indices: Int32Array,
  options?: { k?: number } & LongCallOptions,
): Promise<{ indices: Int32Array; scores: Float32Array } | null>;
/** index,label[,group] per selected item. */
export function selectionCsv(indices: ArrayLike<number>, labels?: ArrayLike<string> | null, groups?: ArrayLike<string> | null): string;
/** index,label,cluster (1-based) per item. */
export function clusterLabelsCsv(labels: Int32Array, itemLabels?: ArrayLike<string> | null): string;

// The <cosine-heatmap> element (web/src/cosine-heatmap-element.js).
export interface CosineHeatmapElementEventMap extends HTMLElementEventMap {
  ready: CustomEvent<{ size: number; dim: number; level: Level; order: OrderStatus | null }>;
  order: CustomEvent<OrderStatus>;
  select: CustomEvent<Selection | ItemSelectionDetail>;
  /** message: the words also shown in the element's error box ("Could not open the data: …"). */
  error: CustomEvent<{ message: string; error: unknown }> & ErrorEvent;
}

export class CosineHeatmapElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** {data, dims} or number[][]; setting it draws (the src attribute is then ignored). */
  embeddings: EmbeddingsInput | null;
  /** One label per item for the embeddings property. */
  labels: readonly string[] | null;
  /** The engine in use once drawn (shared by the page's instances), or one to use, set before drawing. */
  engine: Engine | Promise<Engine> | null;
  readonly view: CosineSimilarityHeatmap | null;
  addEventListener<K extends keyof CosineHeatmapElementEventMap>(
    type: K,
    listener: (this: CosineHeatmapElement, event: CosineHeatmapElementEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Registers <cosine-heatmap> (a no-op without a custom element registry, e.g. in Node). */
export function defineCosineHeatmapElement(tagName?: string): boolean;

declare global {
  interface HTMLElementTagNameMap {
    'cosine-heatmap': CosineHeatmapElement;
  }
}
