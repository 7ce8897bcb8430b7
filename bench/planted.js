// Embeddings with planted clusters, in shuffled file order: what a model's
// output for a labelled data set looks like before anyone orders it.
export function plantedClusters(n, d, { clusters = 16, noise = 0.8, seed = 7 } = {}) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const centres = Float32Array.from({ length: clusters * d }, random);
  const data = new Float32Array(n * d);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((random() + 0.5) * clusters) % clusters;
    cluster[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centres[c * d + j] + noise * random();
  }
  return { data, dims: [n, d], cluster };
}
