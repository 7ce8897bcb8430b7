// Count, mean, min and max of S(i, j) over pairs i < j: one streamed pass
// over bands of the lower triangle, nothing n×n held.
import { coreValue } from '../core-result.js';
import { triangleBands } from '../partition-rows.js';

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  pairSummary(host, { id, rows: [r0, r1] }) {
    return { result: coreValue(host.set(id)._pairSummary(r0, r1), 'pairSummary') };
  },
};

export async function pairSummary(engine, set, options) {
  const total = { count: 0, sum: 0, min: Infinity, max: -Infinity };
  const jobs = triangleBands(set.size, set.dim, { minBands: engine.workers }).map(([r0, r1]) => ({
    action: 'pairSummary',
    args: { id: set._id, rows: [r0, r1] },
    weight: (r1 - r0) * r1,
  }));
  await engine._pool.run(jobs, {
    ...options,
    priority: 'background',
    onResult: (_, part) => {
      total.count += part.count;
      total.sum += part.sum;
      total.min = Math.min(total.min, part.min);
      total.max = Math.max(total.max, part.max);
    },
  });
  const { count, sum, min, max } = total;
  return count === 0 ? { count, mean: NaN, min: NaN, max: NaN } : { count, mean: sum / count, min, max };
}
