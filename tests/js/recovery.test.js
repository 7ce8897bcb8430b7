import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';

test('a worker that dies surfaces an error, and the next data set works', async () => {
  const engine = await loadEngine({ workers: 2, matrixBudgetBytes: 2 ** 30 + 1 });
  const before = await engine.embeddings([[1, 0], [0, 1], [1, 1]]);
  await engine._pool._crashWorker(0);
  // The set lived partly in the dead worker: it says so instead of answering wrong.
  await assert.rejects(before.similarity(), (error) => {
    assert.ok(error instanceof CosineHeatmapError);
    assert.match(error.message, /lost when an engine worker failed \(the worker crashed \(simulated\)\)/);
    return true;
  });
  const after = await engine.embeddings([[1, 0], [1, 1]]);
  const s = await after.similarity();
  assert.ok(Math.abs(s.data[1] - Math.SQRT1_2) < 1e-6);
  assert.equal(engine.workers, 2);
  after.dispose();
  engine.dispose();
});
