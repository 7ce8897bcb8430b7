export { loadEngine } from './load-engine.js';
export { Engine } from './engine.js';
export { EmbeddingSet } from './embedding-set.js';
export { CosineHeatmapError } from './errors.js';
export { CosineSimilarityHeatmap } from './heatmap.js';
