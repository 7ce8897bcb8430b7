import { coreValue } from '../core-result.js';
import { withTransfers } from '../worker-results.js';
import { CosineHeatmapError } from '../errors.js';
import { integerIn, positiveInteger } from '../validate-options.js';
import { topK } from './top-k.js';

// Above this many items the passes over every pair (mean absolute
// difference, Spearman, top-k neighbourhoods) are skipped: they cost n² of
// each model's products. Pearson and
// CKA come from closed forms at any n.
export const COMPARE_PASS_LIMIT = 20000;
const CHANGED_SHOWN = 50;
// The closed forms are split over the workers by bands of rows when each
// band's partial moments (dA² + dB² + dA·dB doubles) stay small; at d = 4096
// they would be 400 MB each, and one worker does it all.
const SPLIT_MAX_DIM_PRODUCT = 1024 * 1024;

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  compareMoments(host, { id, otherId }) {
    return withTransfers(coreValue(host.set(id)._compareMoments(host.set(otherId)), 'compare'));
  },

  crossMomentsBand(host, { id, otherId, rows: [r0, r1] }) {
    return withTransfers(coreValue(host.set(id)._crossMomentsBand(host.set(otherId), r0, r1), 'compare'));
  },

  // The bands' partial moments, back to back in the heap, merged by the core.
  compareFromBands(host, { id, otherId, parts }) {
    const set = host.set(id);
    const other = host.set(otherId);
    const flat = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
    parts.reduce((offset, part) => (flat.set(part, offset), offset + part.length), 0);
    return withTransfers(
      host.lend(flat, 'compare', (pointer) => coreValue(set._compareFromBands(other, pointer, parts.length), 'compare')),
    );
  },

  comparePass(host, { id, otherId }) {
    return withTransfers(coreValue(host.set(id)._comparePass(host.set(otherId)), 'compare'));
  },
};

// Two models' embeddings of the same n items (dimensions may differ):
// representational similarity of their similarity matrices.
//  pearson, spearman: correlation of the two upper triangles (i < j);
//  linearCka: linear CKA of the centred unit-row embeddings (Kornblith et
//    al. 2019), equal to CKA of the two cosine-similarity matrices;
//  meanAbsoluteDifference: mean |S_A − S_B| over pairs;
//  neighbourhood: overlap of each item's top-k neighbour sets.
/** @param {any} [options] */
export async function compare(pool, a, b, options = {}) {
  const { k = 10, passLimit = COMPARE_PASS_LIMIT, signal, onProgress } = options;
  if (a.size !== b.size) {
    throw new CosineHeatmapError(
      `compare: both sets must hold the same items, in the same order: ${a.size} rows against ${b.size}`,
      { code: 'INVALID_ARGUMENT' },
    );
  }
  positiveInteger(k, 'compare: k');
  integerIn(passLimit, 0, Number.MAX_SAFE_INTEGER, 'compare: passLimit');
  const n = a.size;
  const withPass = n > 1 && n <= passLimit;
  const passJob = withPass ? [{ action: 'comparePass', args: { id: a._id, otherId: b._id }, weight: n * n }] : [];
  /** @type {any} */
  let moments = null;
  /** @type {any} */
  let pass = null;
  const parts = [];
  const split = pool.size > 1 && a.dim * b.dim <= SPLIT_MAX_DIM_PRODUCT && n >= 2 * pool.size;
  const momentJobs = split
    ? rowRanges(n, pool.size).map(([r0, r1]) => ({
        action: 'crossMomentsBand',
        args: { id: a._id, otherId: b._id, rows: [r0, r1] },
        weight: (r1 - r0) * (a.dim + b.dim),
      }))
    : [{ action: 'compareMoments', args: { id: a._id, otherId: b._id }, weight: n * (a.dim + b.dim) }];
  await pool.run([...momentJobs, ...passJob], {
    signal,
    onProgress,
    priority: 'background',
    onResult: ({ action }, result) => {
      if (action === 'compareMoments') moments = result;
      else if (action === 'crossMomentsBand') parts.push(result.moments);
      else pass = result;
    },
  });
  if (split) {
    await pool.run([{ action: 'compareFromBands', args: { id: a._id, otherId: b._id, parts } }], {
      signal,
      priority: 'background',
      onResult: (_, result) => {
        moments = result;
      },
    });
  }
  const neighbours = withPass ? await neighbourhoodOverlap(pool, a, b, Math.min(k, n - 1), { signal }) : null;
  return JSON.parse(JSON.stringify({
    n,
    dims: [a.dim, b.dim],
    pearson: moments.pearson,
    linearCka: moments.linearCka,
    spearman: pass ? pass.spearman : null,
    meanAbsoluteDifference: pass ? pass.meanAbsoluteDifference : null,
    maxAbsoluteDifference: pass ? pass.maxAbsoluteDifference : null,
    a: moments.a,
    b: moments.b,
    note: withPass ? undefined : `n = ${n} is above ${passLimit}: Spearman, the mean absolute difference and the neighbourhoods (passes over every pair) were skipped`,
    neighbourhood: neighbours,
  }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

async function neighbourhoodOverlap(pool, a, b, k, options) {
  const [na, nb] = [await topK(pool, a, k, options), await topK(pool, b, k, options)];
  const n = a.size;
  const overlaps = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const mine = new Set(na.indices.subarray(i * k, (i + 1) * k));
    let shared = 0;
    for (const j of nb.indices.subarray(i * k, (i + 1) * k)) if (mine.has(j)) shared++;
    overlaps[i] = shared / k;
    sum += overlaps[i];
  }
  const changed = Array.from(overlaps, (overlap, i) => ({ i, overlap }))
    .sort((x, y) => x.overlap - y.overlap || x.i - y.i)
    .slice(0, CHANGED_SHOWN);
  return { k, meanOverlap: sum / n, changed };
}

// count nearly equal ranges of rows covering 0..n.
function rowRanges(n, count) {
  return Array.from({ length: count }, (_, k) => [Math.floor((k * n) / count), Math.floor(((k + 1) * n) / count)]);
}
