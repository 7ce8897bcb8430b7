// Ten data sets opened one after another in one page: the page's JS heap and
// the engine workers' WASM memory must not grow with each, and the workers
// must not keep the sets they no longer show.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useBrowser } from './fixture.js';
import { settle } from './page-actions.js';

// A .npy of n × d float32 values, made here.
function npy(n, d, seed) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const bytes = Buffer.alloc(10 + header.length + n * d * 4);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  bytes.write(header, 10, 'latin1');
  let state = seed;
  for (let k = 0; k < n * d; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes.writeFloatLE(state / 2 ** 32 - 0.5, 10 + header.length + 4 * k);
  }
  return bytes;
}

const e2e = useBrowser({ open: '/' });

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

function open(name, buffer) {
  return settle(e2e.page, () => e2e.page.setInputFiles('#embeddings-file', { name, mimeType: 'application/octet-stream', buffer }), 60_000);
}

test('ten data sets in a row: heap and worker memory stay flat, old sets are released', async (t) => {
  const cdp = await e2e.page.context().newCDPSession(e2e.page);
  const workerStats = () => e2e.page.evaluate(async () => {
    const { loadEngine } = await import('/src/index.js');
    return (await loadEngine()).stats();
  });
  const heaps = [];
  const wasm = [];
  for (let k = 0; k < 10; k++) {
    await open(`set-${k}.npy`, npy(3000, 48, k + 1));
    heaps.push(await heapUsed(cdp));
    wasm.push(await workerStats());
  }
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  t.diagnostic(`JS heap after each load (MiB): ${heaps.map(mb).join(', ')}`);
  t.diagnostic(`WASM heap of worker 0 (MiB): ${wasm.map((w) => mb(w[0].heapBytes)).join(', ')}; sets held: ${wasm.at(-1).map((w) => w.sets).join(', ')}`);
  // The limit: after the third load, no load adds more than 8 MiB of JS heap
  // in all (one 3,000 × 48 set is 0.55 MiB; its 512² overview cells 1 MiB).
  assert.ok(heaps.at(-1) - heaps[2] < 8 * 2 ** 20, `JS heap grew ${mb(heaps.at(-1) - heaps[2])} MiB over 7 loads`);
  for (const worker of wasm.at(-1)) assert.ok(worker.sets <= 2, `a worker holds ${worker.sets} sets`);
  // WASM memory grows in steps of a fifth and never shrinks, so its size is
  // the allocator's high-water mark: whether one load's jobs overlap the
  // previous set's disposal (timing) can cost one more step, once, at any
  // load (seen in fresh-clone runs: 41.6 MiB until the 5th load, 50.0 from
  // then on; until the 7th in another). A leak would keep growing: after the
  // third load, at most one growth step, and no more than one step's size.
  const heap = wasm.map((w) => w[0].heapBytes);
  const growths = heap.slice(2).filter((bytes, k, later) => k > 0 && bytes > later[k - 1]).length;
  assert.ok(growths <= 1, `WASM memory grew ${growths} times after the third load (MiB: ${heap.map(mb).join(', ')})`);
  assert.ok(heap.at(-1) <= heap[2] * 1.25, `WASM memory grew more than one step after the third load (MiB: ${heap.map(mb).join(', ')})`);
  assert.deepEqual(e2e.errors, []);
});
