// Interactive requests go before background passes: an overview asked for
// while a pass over all pairs runs resolves while the pass is still going.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { randomTensor } from './helpers.js';

test('an overview asked for during passes resolves before the passes end', { timeout: 180_000 }, async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(randomTensor(12000, 256, 5));
  const events = [];
  let passJobsDone = 0;
  // Six passes at once: a worker-side FIFO would put six of their jobs per
  // worker ahead of the overview; the shared queue puts none.
  const count = () => ({ onProgress: ({ done }) => done > 0 && passJobsDone++ });
  const passes = Promise.all([
    ...[1, 2, 3].map(() => set.topK(5, count()).then(() => events.push('topK'))),
    ...[1, 2].map(() => set.pairSummary(count()).then(() => events.push('pairSummary'))),
    set.overview({ size: 64, reduce: 'max', ...count() }).then(() => events.push('max overview')),
  ]);
  // Let the passes fill the queue, then ask for what a person waits for.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const atRequest = passJobsDone;
  await set.overview({ size: 128 }).then(() => events.push('mean overview'));
  const jobsWaited = passJobsDone - atRequest;
  await passes;
  assert.equal(events[0], 'mean overview', `finished in this order: ${events.join(', ')}`);
  // Each worker finishes the job it holds, then takes the interactive one.
  assert.ok(jobsWaited <= 4, `the overview waited for ${jobsWaited} pass jobs`);
  set.dispose();
});

test('a refused order is refused before it queues behind a pass', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(randomTensor(10001, 16, 9));
  let passDone = false;
  const pass = set.topK(3).then(() => {
    passDone = true;
  });
  await assert.rejects(set.order({ method: 'average' }), (error) => error.code === 'TOO_LARGE');
  assert.equal(passDone, false, 'the refusal came while the pass was still running');
  await pass;
  set.dispose();
});
