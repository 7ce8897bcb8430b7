// Requests carry their own state: overlapping calls with different orders,
// windows and reduces on one set each give what they give alone.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { readDigits } from './helpers.js';

const digits = readDigits();

test('200 overlapping overviews with different orders, windows and reduces equal their sequential results', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const n = set.size;
  const orders = [
    undefined,
    await set.order({ method: 'spectral' }),
    Int32Array.from({ length: n }, (_, k) => n - 1 - k),
    Int32Array.from({ length: n }, (_, k) => (k * 7) % n), // 7 and 1797 are coprime
  ];
  const requests = Array.from({ length: 200 }, (_, k) => {
    const start = (k * 37) % (n - 100);
    return {
      order: orders[k % orders.length],
      window: k % 3 === 0 ? {} : { rows: [start, start + 100], cols: [0, n] },
      size: k % 2 ? 16 : 33,
      reduce: ['mean', 'mean', 'max', 'min'][k % 4],
    };
  });
  const sequential = [];
  for (const request of requests.slice(0, 24)) sequential.push(await set.overview(request));
  const concurrent = await Promise.all(requests.map((request) => set.overview(request)));
  let wrong = 0;
  for (let k = 0; k < requests.length; k++) {
    const expected = k < 24 ? sequential[k] : sequential[k % 24];
    // requests k and k % 24 share order, window kind, size and reduce only when k ≡ k % 24 (mod 12) and the start matches;
    // so compare against each request's own sequential answer where it was computed, else recompute below.
    if (k >= 24) continue;
    if (!sameCells(concurrent[k], expected)) wrong++;
  }
  for (let k = 24; k < requests.length; k += 11) {
    if (!sameCells(concurrent[k], await set.overview(requests[k]))) wrong++;
  }
  assert.equal(wrong, 0, `${wrong} concurrent overviews differ from the same request made alone`);
  set.dispose();
});

test('an order changed by its caller after the call started does not change the call', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const reversed = Int32Array.from({ length: set.size }, (_, k) => set.size - 1 - k);
  const alone = await set.overview({ order: reversed, size: 8 });
  const order = reversed.slice();
  const pending = set.overview({ order, size: 8 });
  order.sort();
  assert.ok(sameCells(await pending, alone));
  set.dispose();
});

test('overlapping orders, analyze, topK and similarity on two sets give their sequential results', async () => {
  const engine = await loadEngine({ workers: 2 });
  const a = await engine.embeddings(digits);
  const half = { data: digits.data.slice(0, 900 * 64), dims: [900, 64] };
  const b = await engine.embeddings(half);
  const jobs = () => [
    a.topK(3),
    b.topK(3),
    b.order({ method: 'average' }),
    a.pairSummary(),
    b.similarity(),
    a.overview({ size: 20, reduce: 'max' }),
    b.overview({ size: 20 }),
  ];
  const sequential = [];
  for (const job of jobs()) sequential.push(await job);
  const concurrent = await Promise.all([...jobs(), ...jobs()]);
  for (let k = 0; k < concurrent.length; k++) {
    assert.deepEqual(concurrent[k], sequential[k % sequential.length], `call ${k % sequential.length} differs`);
  }
  a.dispose();
  b.dispose();
});

function sameCells(x, y) {
  if (x.dims[0] !== y.dims[0] || x.dims[1] !== y.dims[1]) return false;
  for (let k = 0; k < y.data.length; k++) if (x.data[k] !== y.data[k]) return false;
  return x.rowStarts.every((v, k) => v === y.rowStarts[k]) && x.colStarts.every((v, k) => v === y.colStarts[k]);
}
