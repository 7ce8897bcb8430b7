// The report (command line and Python notebook) writes cosines within
// [−1, 1]: the cells it inlines and the statistics it shows and writes with
// --json, for a set whose float32 self-similarities round above 1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEngine } from '../../web/src/load-engine.js';
import { reportData } from '../../web/src/report-data.js';

test('report cells and statistics: no cosine outside [−1, 1]', async () => {
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const rows = Array.from({ length: 40 }, () => Array.from({ length: 7 }, random));
  rows[5] = rows[4].map((v) => v * 3.7);
  const engine = await loadEngine({ workers: 1 });
  const set = await engine.embeddings(rows);
  try {
    const { data } = await set.similarity();
    assert.ok(Array.from({ length: 40 }, (_, i) => data[i * 41]).some((v) => v > 1), 'the engine gives values above 1: the test can fail');
    const { payload, stats } = await reportData(set, { order: 'original', size: 64 });
    const cells = new Float32Array(Buffer.from(payload.heatmap.z, 'base64').buffer.slice(0));
    assert.equal(cells.length, 40 * 40);
    assert.ok(cells.every((v) => v >= -1 && v <= 1), `max ${Math.max(...cells)}`);
    assert.ok(Array.from({ length: 40 }, (_, i) => cells[i * 41]).some((v) => v === 1), 'a diagonal cell that was above 1 reads 1');
    const cosines = [stats.mean, stats.min, stats.max, ...stats.quantiles.map((q) => q.value), ...stats.nearDuplicates.map((p) => p.score)];
    assert.ok(cosines.every((v) => v >= -1 && v <= 1), JSON.stringify(cosines));
    assert.equal(payload.stats, stats);
  } finally {
    set.dispose();
  }
});
