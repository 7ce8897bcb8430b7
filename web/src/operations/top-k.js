import { coreValue } from '../core-result.js';
import { withTransfers } from '../worker-results.js';
import { triangleBands } from '../partition-rows.js';
import { positiveInteger } from '../validate-options.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  topKPass(host, { id, rows: [r0, r1], k }) {
    return withTransfers(coreValue(host.set(id)._topKPass(r0, r1, k), 'topK'));
  },
};

// Each item's k most similar items (self excluded), streamed over bands of
// the lower triangle in the workers; every pair lies in exactly one band, so
// merging is picking the best k of each item's candidates from all bands.
// Ties: higher score, then lower index. O(n·k) memory.
/** @param {any} [options] */
export async function topK(pool, set, k, options = {}) {
  const { signal, onProgress } = options;
  const n = set.size;
  positiveInteger(k, 'topK: k');
  const width = Math.min(k, n - 1);
  const indices = new Int32Array(n * width).fill(-1);
  const scores = new Float32Array(n * width).fill(NaN);
  if (width === 0) return { indices, scores, dims: [n, 0] };
  const parts = [];
  const jobs = triangleBands(n, set.dim, { minBands: pool.size, targetFlops: 4e9 }).map(([r0, r1]) => ({
    action: 'topKPass',
    args: { id: set._id, rows: [r0, r1], k: width },
    weight: (r1 - r0) * r1,
  }));
  await pool.run(jobs, { signal, onProgress, priority: 'background', onResult: (_, part) => parts.push(part) });
  const candidates = [];
  for (let item = 0; item < n; item++) {
    candidates.length = 0;
    for (const part of parts) {
      for (let c = item * width; c < (item + 1) * width; c++) {
        if (part.indices[c] < 0) break;
        candidates.push([part.scores[c], part.indices[c]]);
      }
    }
    candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let c = 0; c < Math.min(width, candidates.length); c++) {
      scores[item * width + c] = candidates[c][0];
      indices[item * width + c] = candidates[c][1];
    }
  }
  return { indices, scores, dims: [n, width] };
}
