// The raw Embind surface of the WASM core (cpp/bindings/bindings.cpp), as the
// worker code sees it. Not public API: web/src/operations/ builds the public
// API on it, and `tsc -p tests/types/tsconfig.core.json` checks that code
// against these declarations; tests/js/core-surface.test.js checks that the
// built module exports exactly what is declared here.

import type { TextEmbedderSettings } from '../types/index.js';

/** What every raw call that can fail returns instead of its value. */
export interface CoreFailure {
  code: 'INVALID_ARGUMENT' | 'TOO_LARGE' | 'OUT_OF_MEMORY' | 'ABORT_ERR';
  message: string;
}

/** A raw call's answer: its value, or why it failed. */
export type CoreResult<T> = T | CoreFailure;

/** A heap address, from _malloc or _reserve. */
export type Pointer = number;

/** An Embind enum value: compare with ===, its number is `.value`. */
export interface EnumValue<Name extends string> {
  readonly value: number;
  readonly constructor: { readonly name: Name };
}

export type OrderMethodName = 'original' | 'average' | 'complete' | 'single' | 'spectral' | 'groups';
export type OrderMethodValue = EnumValue<'OrderMethod_'>;

export type LinkageName = 'average' | 'complete' | 'single';
export type LinkageValue = EnumValue<'Linkage'>;

export interface PairSummaryPart {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** A band's histograms, moments and share counts: a random sample's (pairSample), or the exact pass's. */
export interface PairSamplePart {
  counts: Float64Array;
  count: number;
  sum: number;
  sumSquares: number;
  min: number;
  max: number;
  fineCounts: Float64Array;
  shareCounts: Float64Array;
}

/** The exact pass also finds near-duplicates and each item's best neighbour. */
export interface AnalyzePassPart extends PairSamplePart {
  nearDuplicateCount: number;
  pairI: Int32Array;
  pairJ: Int32Array;
  pairScore: Float32Array;
  bestScore: Float32Array;
  bestIndex: Int32Array;
}

export interface PairMomentsPart {
  pairCount: number;
  mean: number;
  std: number;
}

export interface GramStatisticsPart extends PairMomentsPart {
  participationRatio: number;
  entropyRank: number;
  nonzeroRows: number;
}

export interface GroupStatisticsPart {
  withinMean: number;
  betweenMean: number;
  withinPairs: number;
  betweenPairs: number;
  groupWithinMean: Float64Array;
  silhouette: number;
  /** Why the silhouette is undefined (it is NaN then); the rest stands. */
  silhouetteNote?: string;
}

export interface TopKPart {
  k: number;
  indices: Int32Array;
  scores: Float32Array;
}

export interface ModelComparisonPart {
  a: PairMomentsPart;
  b: PairMomentsPart;
  pearson: number;
  linearCka: number;
}

export interface ComparePassPart {
  pairCount: number;
  meanAbsoluteDifference: number;
  maxAbsoluteDifference: number;
  spearman: number;
}

export interface EmbeddedTexts {
  data: Float32Array;
  dims: [number, number];
}


/** One normalized set in the module's heap (delete() frees it). */
export interface RawEmbeddingSet {
  _reserve(n: number, d: number): CoreResult<Pointer>;
  _normalizeInPlace(): CoreResult<true>;
  _loadDouble(data: Pointer): CoreResult<true>;
  _size(): number;
  _dim(): number;
  _zeroRows(): Int32Array;
  _bandWithTranspose(rowBegin: number, rowEnd: number, out: Pointer): CoreResult<true>;
  _selfSimilarity(out: Pointer): void;
  _crossRows(other: RawEmbeddingSet, rowBegin: number, rowEnd: number, out: Pointer): CoreResult<true>;
  _pairSummary(rowBegin: number, rowEnd: number): CoreResult<PairSummaryPart>;
  _order(
    method: OrderMethodValue, groups: Pointer, groupCount: number, optimalLeafOrdering: boolean, out: Pointer,
    progress: ((done: number, total: number) => void) | undefined,
  ): CoreResult<true>;
  /** SciPy's linkage matrix, (n − 1) × 4 row-major. */
  _linkage(method: LinkageValue): CoreResult<Float64Array>;
  /** n labels at out; k clusters when k > 0, else splits above threshold. */
  _spectralClusters(k: number, threshold: number, out: Pointer): CoreResult<true>;
  _overviewMean(rowEdges: number[], colEdges: number[], order: Pointer, orderCount: number, out: Pointer): CoreResult<true>;
  _overviewExtreme(
    rowEdges: number[], colEdges: number[], order: Pointer, orderCount: number,
    maximum: boolean, cellBegin: number, cellEnd: number, out: Pointer,
  ): CoreResult<true>;
  _analyzePass(
    rowBegin: number, rowEnd: number, bins: number, duplicateThreshold: number,
    duplicateBound: number, thresholds: number[],
  ): CoreResult<AnalyzePassPart>;
  _pairSample(
    rowBegin: number, rowEnd: number, pairs: number, seed: number, stream: number, bins: number, thresholds: number[],
  ): CoreResult<PairSamplePart>;
  _gramStatistics(): CoreResult<GramStatisticsPart>;
  _gramMomentsBand(rowBegin: number, rowEnd: number): CoreResult<{ moments: Float64Array }>;
  _gramStatisticsFromBands(parts: Pointer, count: number): CoreResult<GramStatisticsPart>;
  _groupStatistics(groups: Pointer, count: number): CoreResult<GroupStatisticsPart>;
  _topKPass(rowBegin: number, rowEnd: number, k: number): CoreResult<TopKPart>;
  _compareMoments(other: RawEmbeddingSet): CoreResult<ModelComparisonPart>;
  _crossMomentsBand(other: RawEmbeddingSet, rowBegin: number, rowEnd: number): CoreResult<{ moments: Float64Array }>;
  _compareFromBands(other: RawEmbeddingSet, parts: Pointer, count: number): CoreResult<ModelComparisonPart>;
  _comparePass(other: RawEmbeddingSet): CoreResult<ComparePassPart>;
  _tile(other: RawEmbeddingSet, rowBegin: number, rowEnd: number, colBegin: number, colEnd: number, out: Pointer): CoreResult<true>;
  delete(): void;
}

/** The instantiated module (createCosineCore()). */
export interface CosineCore {
  EmbeddingSet: new () => RawEmbeddingSet;
  OrderMethod: Record<OrderMethodName, OrderMethodValue>;
  Linkage: Record<LinkageName, LinkageValue>;
  StatusCode: Record<'OK' | CoreFailure['code'], EnumValue<'StatusCode'>>;
  MAX_SET_BYTES: number;
  MAX_HEAP_BYTES: number;
  QUANTILE_BINS: number;
  MAX_HIERARCHICAL_ITEMS: number;
  MAX_OPTIMAL_LEAF_ORDER_ITEMS: number;
  _kernelIsa(): string;
  /** Labels of the n items of the linkage matrix at z: at most k clusters when k > 0, else cut at threshold. */
  _cutTree(z: Pointer, n: number, k: number, threshold: number, out: Pointer): true;
  _embedTexts(
    texts: string[], options: TextEmbedderSettings, progress: ((done: number, total: number) => void) | undefined,
  ): CoreResult<EmbeddedTexts>;
  /** Signed: an address above 2 GiB comes back negative (use `>>> 0`). */
  _malloc(bytes: number): number;
  _free(pointer: Pointer): void;
  HEAP8: Int8Array;
  HEAP32: Int32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}
