import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';

// 6 planted clusters of 50 items (d = 24), shuffled: a good order brings
// each cluster back into one run.
function plantedClusters({ clusters = 6, size = 50, d = 24, noise = 0.35, seed = 3 } = {}) {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, random));
  const n = clusters * size;
  const shuffled = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor((random() + 0.5) * (k + 1)) % (k + 1);
    [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
  }
  const data = new Float32Array(n * d);
  const block = new Int32Array(n);
  shuffled.forEach((source, item) => {
    const c = Math.floor(source / size);
    block[item] = c;
    for (let j = 0; j < d; j++) data[item * d + j] = centres[c][j] + noise * random();
  });
  return { x: { data, dims: [n, d] }, block };
}

function adjacentAgreement(order, block) {
  let same = 0;
  for (let k = 1; k < order.length; k++) same += block[order[k]] === block[order[k - 1]] ? 1 : 0;
  return same / (order.length - 1);
}

function assertPermutation(order, n) {
  assert.ok(order instanceof Int32Array);
  assert.equal(order.length, n);
  assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: n }, (_, k) => k));
}

test('every order is a permutation that brings planted clusters back together', async () => {
  const engine = await loadEngine({ workers: 2 });
  const { x, block } = plantedClusters();
  const set = await engine.embeddings(x);
  const shuffledScore = adjacentAgreement(Int32Array.from({ length: 300 }, (_, k) => k), block);
  assert.ok(shuffledScore < 0.3);
  for (const method of ['average', 'complete', 'single', 'spectral']) {
    const order = await set.order({ method });
    assertPermutation(order, 300);
    const score = adjacentAgreement(order, block);
    assert.ok(score >= 0.9, `${method}: ${score}`);
    assert.deepEqual(await set.order({ method }), order, `${method} is deterministic`);
  }
  assertPermutation(await set.order(), 300);
  set.dispose();
});

test("'groups' keeps each group contiguous, in natural order of names", async () => {
  const engine = await loadEngine({ workers: 2 });
  const { x, block } = plantedClusters();
  const set = await engine.embeddings(x);
  const groups = Array.from(block, (b) => `g${b * 5}`); // g0, g5, g10, ... sorts numerically
  const order = await set.order({ method: 'groups', groups });
  assertPermutation(order, 300);
  const runs = [];
  for (const item of order) if (runs.at(-1) !== groups[item]) runs.push(groups[item]);
  assert.deepEqual(runs, ['g0', 'g5', 'g10', 'g15', 'g20', 'g25']);
  await assert.rejects(set.order({ method: 'groups', groups: ['a'] }), /one group name per item \(300\), got 1/);
  await assert.rejects(set.order({ method: 'ward' }), /method must be one of auto, original, average/);
  set.dispose();
});

test('hierarchical orders are refused above 10,000 items, pointing to spectral', async () => {
  const engine = await loadEngine({ workers: 2 });
  const n = 10001;
  const data = new Float32Array(n * 4).map((_, k) => Math.sin(k));
  const set = await engine.embeddings({ data, dims: [n, 4] });
  await assert.rejects(set.order({ method: 'average' }), /spectral/);
  assertPermutation(await set.order({ method: 'spectral' }), n);
  set.dispose();
});

test("'auto' orders by group when groups are given, by average linkage up to 5,000 items, spectrally above", { timeout: 180_000 }, async () => {
  const engine = await loadEngine({ workers: 2 });
  for (const [clusters, size, expected] of [[10, 300, 'average'], [16, 1875, 'spectral']]) {
    const { x, block } = plantedClusters({ clusters, size, d: 32, noise: 0.5, seed: 11 });
    const set = await engine.embeddings(x);
    const order = await set.order({ method: 'auto' });
    assert.equal(order.method, expected, `${set.size} items`);
    assertPermutation(order, set.size);
    const agreement = adjacentAgreement(order, block);
    assert.ok(agreement >= 0.9, `${set.size} items: ${agreement} of adjacent pairs in one cluster`);
    const byGroup = await set.order({ method: 'auto', groups: Array.from(block, (b) => `c${b}`) });
    assert.equal(byGroup.method, 'groups');
    assert.ok(adjacentAgreement(byGroup, block) > 0.99);
    set.dispose();
  }
});
