// The lower triangle streamed tile by tile, a few tiles in flight at a time:
// memory stays at a few tiles whatever n is.
import { transferred } from '../worker-results.js';
import { integerIn } from '../validate-options.js';

// A tile of 8192² float32 values is 256 MiB, already more than anyone reads at once.
export const MAX_TILE_SIZE = 8192;

/** @type {Record<string, import('../engine-host.js').WorkerAction>} */
export const actions = {
  tile(host, { id, otherId, rows: [r0, r1], cols: [c0, c1] }) {
    const a = host.set(id);
    const b = host.set(otherId ?? id);
    const data = host.output((r1 - r0) * (c1 - c0), 'tiles', (out) => a._tile(b, r0, r1, c0, c1, out));
    const { result, transfer } = transferred(data);
    return { result: { data: result, dims: [r1 - r0, c1 - c0] }, transfer };
  },
};

// Tiles with cols[0] <= rows[0] (entries j < i are the pairs), as
// {rows: [r0, r1], cols: [c0, c1], data, dims}. Tile ranges are made as they
// are needed, so a small tileSize streams slowly but never fills memory.
/** @param {any} [options] */
export async function* tiles(engine, set, options = {}) {
  const { tileSize = 512, signal, onProgress } = options;
  integerIn(tileSize, 1, MAX_TILE_SIZE, 'tiles: tileSize');
  const n = set.size;
  const perSide = Math.ceil(n / tileSize);
  const total = (perSide * (perSide + 1)) / 2;
  const window = 2 * engine.workers;
  let done = 0;
  for (const batch of batchesOf(lowerTileRanges(n, tileSize), window)) {
    const results = [];
    await engine._pool.run(
      batch.map(([rows, cols]) => ({ action: 'tile', args: { id: set._id, rows, cols } })),
      { signal, priority: 'background', onResult: ({ args }, tile) => results.push({ rows: args.rows, cols: args.cols, ...tile }) },
    );
    done += batch.length;
    onProgress?.({ done, total });
    yield* results;
  }
}

function* lowerTileRanges(n, tileSize) {
  for (let r0 = 0; r0 < n; r0 += tileSize) {
    for (let c0 = 0; c0 <= r0; c0 += tileSize) {
      yield [[r0, Math.min(n, r0 + tileSize)], [c0, Math.min(n, c0 + tileSize)]];
    }
  }
}

function* batchesOf(items, size) {
  let batch = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
