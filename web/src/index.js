export { loadEngine } from './load-engine.js';
export { Engine } from './engine.js';
export { EmbeddingSet } from './embedding-set.js';
export { CosineHeatmapError } from './errors.js';
export { CosineSimilarityHeatmap } from './heatmap.js';
export { parseEmbeddings } from './parse-embeddings.js';
export { parseMetadata, attachMetadata } from './parse-metadata.js';
export { ParseError } from './parse-error.js';
export { detectFormat } from './parse-format.js';
