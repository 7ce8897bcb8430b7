import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { randomTensor, readDigits } from './helpers.js';

test("neighbours(item) equals that item's row of topK(), from one row", async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(readDigits());
  const all = await set.topK(7);
  for (const item of [0, 1, 900, 1796]) {
    const one = await set.neighbours(item, { k: 7 });
    assert.deepEqual(Array.from(one.indices), Array.from(all.indices.subarray(item * 7, item * 7 + 7)), `item ${item}`);
    assert.deepEqual(Array.from(one.scores), Array.from(all.scores.subarray(item * 7, item * 7 + 7)));
  }
  await assert.rejects(set.neighbours(1797), /^CosineHeatmapError: neighbours: item must be an integer from 0 to 1796, got 1797$/);
  await assert.rejects(set.neighbours(0, { k: 0 }), /neighbours: k must be a positive integer, got 0/);
  const few = await engine.embeddings(randomTensor(3, 4, 2));
  assert.equal((await few.neighbours(1, { k: 10 })).indices.length, 2, 'k is capped at n − 1');
  set.dispose();
  few.dispose();
});
