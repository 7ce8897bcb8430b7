// 'cosine-heatmap/element': importing it registers <cosine-heatmap> in browsers.
export { CosineHeatmapElement, defineCosineHeatmapElement, CosineHeatmapElementEventMap } from './index.js';
