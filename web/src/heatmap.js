export class CosineSimilarityHeatmap {}
