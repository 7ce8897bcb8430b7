// How the pool hands jobs to workers, with fake workers whose answers the
// test releases one by one: a worker on an interactive run also holds that
// run's next job (so it starts it without a message round trip), never a
// background job ahead, and never another run's job out of queue order.
import assert from 'node:assert/strict';
import test from 'node:test';

import { WorkerPool } from '../../web/src/worker-pool.js';

function fakePool(workers) {
  const sent = [];
  const clients = Array.from({ length: workers }, (_, worker) => ({
    failure: null,
    request(action, args) {
      return new Promise((resolve) => sent.push({ worker, name: args.name, answer: () => resolve(args.name) }));
    },
    terminate() {},
  }));
  const pool = new WorkerPool(clients.map((client) => ({ client, info: { limits: {} } })), {});
  return { pool, sent };
}

const jobs = (names) => names.map((name) => ({ action: 'fake', args: { name } }));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
// Answers the oldest unanswered job of `worker`.
function answer(sent, worker) {
  const next = sent.find((entry) => entry.worker === worker && !entry.answered);
  next.answered = true;
  next.answer();
}

test("an interactive run's next job goes with the one a worker runs; a background pass's does not", async () => {
  const { pool, sent } = fakePool(1);
  const interactive = pool.run(jobs(['a1', 'a2', 'a3']));
  await settle();
  assert.deepEqual(sent.map((s) => s.name), ['a1', 'a2'], 'the worker holds the next job of its run');
  answer(sent, 0);
  await settle();
  assert.deepEqual(sent.map((s) => s.name), ['a1', 'a2', 'a3']);
  answer(sent, 0);
  answer(sent, 0);
  await interactive;

  sent.length = 0;
  const background = pool.run(jobs(['p1', 'p2']), { priority: 'background' });
  await settle();
  assert.deepEqual(sent.map((s) => s.name), ['p1'], 'one background job at a time');
  // An interactive request during the pass is next, not behind a second pass job.
  const request = pool.run(jobs(['o1']));
  answer(sent, 0);
  await settle();
  assert.deepEqual(sent.map((s) => s.name), ['p1', 'o1']);
  answer(sent, 0);
  await request;
  await settle();
  answer(sent, 0);
  await background;
});

test("a follow-up is only its own run's next job: another run's waits for a free worker", async () => {
  const { pool, sent } = fakePool(2);
  const first = pool.run(jobs(['a1', 'a2', 'a3', 'a4', 'a5']));
  await settle();
  assert.deepEqual(sent.map((s) => `${s.worker}:${s.name}`), ['0:a1', '0:a2', '1:a3', '1:a4']);
  const second = pool.run(jobs(['b1']));
  answer(sent, 0);
  await settle();
  // Worker 0 takes a5 (next in the queue, and its own run's) behind a2.
  assert.deepEqual(sent.slice(4).map((s) => `${s.worker}:${s.name}`), ['0:a5']);
  answer(sent, 1);
  await settle();
  assert.equal(sent.length, 5, "b1 is another run's: it is not queued behind a4 in worker 1");
  answer(sent, 1);
  await settle();
  assert.deepEqual(sent.slice(5).map((s) => `${s.worker}:${s.name}`), ['1:b1'], 'b1 goes to the first worker that is free');
  for (const entry of sent) if (!entry.answered) (entry.answered = true), entry.answer();
  await Promise.all([first, second]);
});
