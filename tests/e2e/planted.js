// Embeddings with planted clusters, in shuffled file order, as a .npy: the
// data set on which a mean overview in file order is flat and an ordered one
// shows one block per cluster. Deterministic for a seed.
//
// Item i of cluster c is 0.5·m + u_c + g_i: m a direction all items share
// (real embeddings are anisotropic), u_c the cluster's unit direction, g_i
// Gaussian noise of norm about 1. Cosine within a cluster ≈ 0.56, between ≈ 0.11.
// `shared` and `noise` change the 0.5 and the noise's norm (shared 0 and
// noise 0.06: tight clusters, cosine within ≈ 0.996, between ≈ 0 ± 1/√d).

/**
 * @param {{n: number, d: number, clusters: number, seed?: number, shared?: number, noise?: number}} shape
 * @returns {{bytes: Buffer, cluster: Int32Array}}  cluster: of each item, in file order
 */
export function plantedNpy({ n, d, clusters, seed = 7, shared: sharedWeight = 0.5, noise: noiseNorm = 1 }) {
  const { uniform, normal: random } = generator(seed);
  const unit = () => {
    const v = Float64Array.from({ length: d }, random);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const shared = unit();
  const centres = Array.from({ length: clusters }, unit);
  const cluster = Int32Array.from({ length: n }, (_, i) => i % clusters);
  // Fisher–Yates with the same generator: the file order mixes every cluster.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [cluster[i], cluster[j]] = [cluster[j], cluster[i]];
  }
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const bytes = Buffer.alloc(10 + header.length + n * d * 4);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  bytes.write(header, 10, 'latin1');
  const values = new Float32Array(bytes.buffer, bytes.byteOffset + 10 + header.length, n * d);
  const noise = noiseNorm / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const centre = centres[cluster[i]];
    for (let k = 0; k < d; k++) values[i * d + k] = sharedWeight * shared[k] + centre[k] + noise * random();
  }
  return { bytes, cluster };
}

// Uniform [0, 1) and standard normal numbers from a seed (mulberry32, Box–Muller).
function generator(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}
