// Cell edges along one ordered axis: `cells` nearly equal runs covering
// positions [begin, end), at most one cell per position.
export function cellEdges(begin, end, size) {
  const span = end - begin;
  const cells = Math.max(1, Math.min(size, span));
  const edges = new Int32Array(cells + 1);
  for (let k = 0; k <= cells; k++) edges[k] = begin + Math.floor((k * span) / cells);
  return edges;
}
