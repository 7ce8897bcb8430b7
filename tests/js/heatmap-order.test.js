// The view's default order 'auto' in Node with the real engine and a
// recording stand-in for Plotly: the original order is drawn first, the
// ordered picture replaces it, orderStatus says which is shown, and a choice
// the caller makes is never overridden by an order that arrives late.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CosineSimilarityHeatmap, loadEngine } from '../../web/src/index.js';
import { describeOrder } from '../../web/src/heatmap-order.js';

function fakePlotly() {
  const calls = [];
  const record = (name) => async (...args) => { calls.push({ name, args }); };
  return { calls, newPlot: record('newPlot'), react: record('react'), update: record('update'), purge: record('purge') };
}

// n items in k planted directions, interleaved (item i in cluster i % k),
// so the file order mixes every cluster.
function planted(n, k = 4, d = 16) {
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    data[i * d + (i % k)] = 1;
    data[i * d + k + ((i * 7) % (d - k))] = 0.3;
  }
  return { data, dims: [n, d], cluster: (i) => i % k };
}

// A set whose order() waits for release(): the test decides when the
// engine's answer arrives.
async function gatedSet(x) {
  const set = await (await loadEngine()).embeddings(x);
  const real = set.order.bind(set);
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const asked = [];
  set.order = async (options) => {
    asked.push(options.method);
    await gate;
    return real(options);
  };
  return { set, release, asked };
}

const sameClusterShare = (order, cluster) => {
  let same = 0;
  for (let p = 1; p < order.length; p++) if (cluster(order[p]) === cluster(order[p - 1])) same++;
  return same / (order.length - 1);
};

test("order 'auto' (the default): file order first, the ordered picture replaces it, the status says which", async () => {
  const Plotly = fakePlotly();
  const x = planted(200);
  const { set, release, asked } = await gatedSet(x);
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly });
  const statuses = [];
  view.addEventListener('order', (event) => statuses.push(event.detail));
  await view.setEmbeddings(set);

  assert.deepEqual(asked, ['average'], "'auto' is average linkage for 200 items without groups");
  assert.deepEqual(Array.from(view.order.slice(0, 4)), [0, 1, 2, 3], 'the first picture is in file order');
  assert.deepEqual(Plotly.calls.map((c) => c.name), ['newPlot']);
  assert.deepEqual(view.orderStatus, { requested: 'auto', method: 'average', shown: 'original', pending: true, ms: null, error: null });
  assert.equal(describeOrder(view.orderStatus), 'in file order — ordering by average linkage (auto)…');

  release();
  const status = await view.whenOrdered();
  assert.equal(status.shown, 'average');
  assert.equal(status.pending, false);
  assert.ok(status.ms >= 0);
  assert.match(describeOrder(status), /^ordered by average linkage \(auto\) in [\d,]+ ms$/);
  assert.deepEqual(Plotly.calls.map((c) => c.name), ['newPlot', 'react'], 'the ordered picture replaced the first');
  assert.ok(sameClusterShare(view.order, x.cluster) >= 0.9, 'the order keeps clusters together');
  assert.ok(sameClusterShare(Int32Array.from({ length: 200 }, (_, k) => k), x.cluster) < 0.1, 'the file order does not');
  assert.deepEqual(statuses.map((s) => [s.shown, s.pending]), [['original', true], ['average', false]]);
  view.dispose();
  set.dispose();
});

test('auto is by group when groups are given', async () => {
  const Plotly = fakePlotly();
  const x = planted(120, 3);
  const groups = Array.from({ length: 120 }, (_, i) => `g${x.cluster(i)}`);
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly });
  await view.setEmbeddings({ data: x.data, dims: x.dims }, { groups });
  const status = await view.whenOrdered();
  assert.deepEqual([status.requested, status.method, status.shown], ['auto', 'groups', 'groups']);
  assert.equal(describeOrder(status).split(' in ')[0], 'ordered by group (auto)');
  assert.equal(sameClusterShare(view.order, x.cluster), 119 / 119 - 2 / 119, 'three contiguous groups: two changes');
  view.dispose();
});

test("the caller's choice sticks: an auto order that arrives later is dropped", async () => {
  const Plotly = fakePlotly();
  const x = planted(200);
  const { set, release } = await gatedSet(x);
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly });
  await view.setEmbeddings(set);
  assert.equal(view.orderStatus.pending, true);

  await view.update({ order: 'original' });
  assert.deepEqual(view.orderStatus, { requested: 'original', method: 'original', shown: 'original', pending: false, ms: null, error: null });
  const calls = Plotly.calls.length;

  release(); // the auto order arrives now
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(Array.from(view.order.slice(0, 4)), [0, 1, 2, 3], 'still the original order');
  assert.equal(view.options.order, 'original');
  assert.equal(view.orderStatus.shown, 'original');
  assert.equal(Plotly.calls.length, calls, 'nothing was drawn for the late answer');
  view.dispose();
  set.dispose();
});

test('a new data set drops the order still computing for the previous one', async () => {
  const Plotly = fakePlotly();
  const first = await gatedSet(planted(200));
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly });
  await view.setEmbeddings(first.set);
  const second = planted(60, 3);
  await view.setEmbeddings({ data: second.data, dims: second.dims });
  const status = await view.whenOrdered();
  first.release();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(view.embeddings.size, 60);
  assert.equal(view.order.length, 60);
  assert.equal(status.shown, 'average');
  view.dispose();
  first.set.dispose();
});

test('an order that fails in the background leaves the file order, says why and emits error', async () => {
  const Plotly = fakePlotly();
  const { data, dims } = planted(50);
  const set = await (await loadEngine()).embeddings({ data, dims });
  set.order = async () => { throw new Error('no order today'); };
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly, order: 'spectral' });
  const errors = [];
  view.addEventListener('error', (event) => errors.push(event.detail.message));
  await view.setEmbeddings(set);
  const status = await view.whenOrdered();
  assert.deepEqual([status.shown, status.pending, status.error], ['original', false, 'no order today']);
  assert.deepEqual(errors, ['no order today']);
  assert.equal(describeOrder(status), 'in file order (ordering by spectral bisection failed: no order today)');
  assert.deepEqual(Array.from(view.order.slice(0, 3)), [0, 1, 2]);
  view.dispose();
  set.dispose();
});

test("an explicit update({order}) is awaited and reported; 'original' needs no computing", async () => {
  const Plotly = fakePlotly();
  const x = planted(100);
  const view = new CosineSimilarityHeatmap({ id: 'plot' }, { Plotly, order: 'original' });
  await view.setEmbeddings({ data: x.data, dims: x.dims });
  assert.deepEqual(view.orderStatus, { requested: 'original', method: 'original', shown: 'original', pending: false, ms: null, error: null });
  const seen = [];
  view.addEventListener('order', (event) => seen.push([event.detail.shown, event.detail.pending]));
  await view.update({ order: 'spectral' });
  assert.deepEqual(seen, [['original', true], ['spectral', false]]);
  assert.ok(sameClusterShare(view.order, x.cluster) >= 0.9);
  assert.equal(describeOrder(view.orderStatus).split(' in ')[0], 'ordered by spectral bisection');

  // Back to the file order: a redraw, said while it runs.
  seen.length = 0;
  const words = [];
  view.addEventListener('order', (event) => words.push(describeOrder(event.detail)));
  await view.update({ order: 'original' });
  assert.deepEqual(seen, [['spectral', true], ['original', false]]);
  assert.deepEqual(words, ['ordered by spectral bisection — back to file order…', 'in file order']);
  assert.deepEqual(Array.from(view.order.slice(0, 3)), [0, 1, 2]);
  view.dispose();
});
