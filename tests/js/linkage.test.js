// set.linkage(), set.clusters() and optimal leaf ordering against SciPy
// (tests/fixtures/linkage/, made by scripts/make-linkage-fixtures.py).
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine } from '../../web/src/index.js';
import { AUTO_OPTIMAL_LEAF_ORDER_MAX_ITEMS } from '../../web/src/operations/order.js';
import { readJson } from './helpers.js';

const FIXTURES = ['planted-80', 'random-300', 'ties-23', 'small-7'];
const WITHOUT_TIES = new Set(['planted-80', 'random-300', 'small-7']);
const METHODS = ['average', 'complete', 'single'];
const TOLERANCE = 1e-5;

const engine = await loadEngine({ workers: 2 });
test.after(() => engine.dispose());

const fixtures = new Map();
async function fixture(name) {
  if (!fixtures.has(name)) {
    const f = readJson(`tests/fixtures/linkage/${name}.json`);
    const set = await engine.embeddings({ data: Float32Array.from(f.data), dims: f.dims });
    fixtures.set(name, { ...f, set, n: f.dims[0] });
  }
  return fixtures.get(name);
}
test.after(() => fixtures.forEach(({ set }) => set.dispose()));

// Each subtree's leaves, by node id (items < n, n + j the cluster of row j).
function leavesOf(z, n) {
  const leaves = Array.from({ length: n }, (_, i) => [i]);
  for (let r = 0; r < n - 1; r++) leaves.push([...leaves[z[4 * r]], ...leaves[z[4 * r + 1]]]);
  return leaves;
}

// Condensed cophenetic distances (SciPy's order: (0,1), (0,2), ...).
function cophenetic(z, n) {
  const c = new Float64Array((n * (n - 1)) / 2);
  const at = (i, j) => (i < j ? n * i - (i * (i + 1)) / 2 + j - i - 1 : at(j, i));
  const leaves = leavesOf(z, n);
  for (let r = 0; r < n - 1; r++) {
    for (const i of leaves[z[4 * r]]) for (const j of leaves[z[4 * r + 1]]) c[at(i, j)] = z[4 * r + 2];
  }
  return c;
}

// Labels equal up to their names: one-to-one both ways.
function assertSamePartition(actual, expected, what) {
  assert.equal(actual.length, expected.length, what);
  const forward = new Map();
  const backward = new Map();
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!forward.has(a)) forward.set(a, e);
    if (!backward.has(e)) backward.set(e, a);
    assert.ok(forward.get(a) === e && backward.get(e) === a, `${what}: item ${i} is in cluster ${a}, SciPy's ${e}`);
  }
}

function unitRows({ data, dims: [n, d] }) {
  return Array.from({ length: n }, (_, i) => {
    const row = Array.from(data.slice(i * d, (i + 1) * d));
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  });
}

function adjacentSum(rows, order) {
  let sum = 0;
  for (let k = 1; k < order.length; k++) {
    const a = rows[order[k - 1]];
    const b = rows[order[k]];
    for (let j = 0; j < a.length; j++) sum += a[j] * b[j];
  }
  return sum;
}

// Whether `order` is one of the tree's leaf orders: every subtree contiguous.
function isLeafOrderOf(z, n, order) {
  const position = new Int32Array(n);
  order.forEach((item, k) => (position[item] = k));
  return leavesOf(z, n).every((leaves) => {
    const places = leaves.map((i) => position[i]);
    return Math.max(...places) - Math.min(...places) + 1 === leaves.length;
  });
}

test('linkage equals SciPy: heights within 1e-5, the same tree up to tied merges', async () => {
  for (const name of FIXTURES) {
    const f = await fixture(name);
    for (const method of METHODS) {
      const what = `${name} ${method}`;
      const z = await f.set.linkage({ method });
      const expected = f.methods[method].linkage;
      assert.ok(z.data instanceof Float64Array, what);
      assert.deepEqual(z.dims, [f.n - 1, 4], what);
      for (let r = 0; r < f.n - 1; r++) {
        assert.ok(Math.abs(z.data[4 * r + 2] - expected[4 * r + 2]) <= TOLERANCE, `${what}: row ${r} height`);
        assert.ok(z.data[4 * r] < z.data[4 * r + 1], `${what}: row ${r} lists the smaller id first`);
      }
      if (WITHOUT_TIES.has(name)) {
        for (let r = 0; r < f.n - 1; r++) {
          const row = [0, 1, 3].map((c) => z.data[4 * r + c]);
          assert.deepEqual(row, [0, 1, 3].map((c) => expected[4 * r + c]), `${what}: row ${r}`);
        }
      }
      if (f.methods[method].cophenetic) {
        const ours = cophenetic(z.data, f.n);
        const theirs = f.methods[method].cophenetic;
        const worst = ours.reduce((w, v, k) => Math.max(w, Math.abs(v - theirs[k])), 0);
        assert.ok(worst <= TOLERANCE, `${what}: cophenetic distances differ by ${worst}`);
      }
    }
  }
});

test("clusters equal fcluster(Z, k, 'maxclust') and fcluster(Z, t, 'distance') up to label names", async () => {
  for (const name of FIXTURES) {
    const f = await fixture(name);
    for (const method of METHODS) {
      for (const [k, expected] of Object.entries(f.methods[method].maxclust)) {
        // SciPy's maxclust never cuts below its second-lowest merge, so it
        // answers n − 2 clusters for k >= n − 1; we give what was asked.
        if (Number(k) >= f.n - 1) continue;
        const labels = await f.set.clusters({ method, k: Number(k) });
        assert.ok(labels instanceof Int32Array);
        assert.equal(labels.method, method);
        assertSamePartition(labels, expected, `${name} ${method} k = ${k}`);
        assert.equal(Math.max(...labels) + 1, Math.max(...expected), `${name} ${method} k = ${k}: labels 0..m−1`);
      }
      for (const [t, expected] of Object.entries(f.methods[method].distance)) {
        const labels = await f.set.clusters({ method, threshold: Number(t) });
        assertSamePartition(labels, expected, `${name} ${method} threshold ${t}`);
      }
    }
  }
});

test('clusters: k >= n − 1 gives what was asked (where SciPy gives n − 2)', async () => {
  const f = await fixture('planted-80');
  assert.equal(Math.max(...(await f.set.clusters({ k: 79 }))) + 1, 79);
  assert.equal(Math.max(...(await f.set.clusters({ k: 80 }))) + 1, 80);
  assert.equal(Math.max(...(await f.set.clusters({ k: 1000 }))) + 1, 80);
});

test("optimal leaf ordering: a leaf order of the same tree, its sum >= SciPy's optimal_leaf_ordering", async () => {
  for (const name of FIXTURES) {
    const f = await fixture(name);
    const rows = unitRows({ data: f.data, dims: f.dims });
    for (const method of METHODS) {
      const what = `${name} ${method}`;
      const z = await f.set.linkage({ method });
      const order = await f.set.order({ method, optimalLeafOrdering: true });
      assert.equal(order.optimalLeafOrdering, true);
      assert.ok(isLeafOrderOf(z.data, f.n, order), `${what}: a leaf order of the linkage tree`);
      const plain = await f.set.order({ method });
      const ours = adjacentSum(rows, order);
      assert.ok(ours >= adjacentSum(rows, plain) - 1e-9, `${what}: no worse than the plain leaf order`);
      if (WITHOUT_TIES.has(name)) {
        // The same tree as SciPy's (the linkage test checks the rows), so the
        // same 2^(n−1) orders to choose from.
        const scipy = f.methods[method].optimalLeafOrder;
        assert.ok(isLeafOrderOf(f.methods[method].linkage, f.n, scipy));
        const theirs = adjacentSum(rows, scipy);
        assert.ok(ours >= theirs - 1e-5, `${what}: adjacent similarity ${ours} < SciPy's ${theirs}`);
      }
    }
  }
});

test('optimal leaf ordering equals brute force over all flips on 7 items', async () => {
  const f = await fixture('small-7');
  const rows = unitRows({ data: f.data, dims: f.dims });
  for (const method of METHODS) {
    const { data: z } = await f.set.linkage({ method });
    const n = f.n;
    let best = -Infinity;
    for (let flips = 0; flips < 2 ** (n - 1); flips++) {
      const order = Array.from({ length: n }, (_, i) => [i]);
      for (let r = 0; r < n - 1; r++) {
        const [a, b] = [order[z[4 * r]], order[z[4 * r + 1]]];
        order.push(flips & (1 << r) ? [...b, ...a] : [...a, ...b]);
      }
      best = Math.max(best, adjacentSum(rows, order[2 * n - 2]));
    }
    const ours = adjacentSum(rows, await f.set.order({ method, optimalLeafOrdering: true }));
    assert.ok(Math.abs(ours - best) <= 1e-5, `${method}: ${ours} vs brute force ${best}`);
  }
});

test("'auto' orders use optimal leaf ordering where it applies", async () => {
  const f = await fixture('planted-80');
  const auto = await f.set.order({ method: 'auto' });
  assert.equal(auto.method, 'average');
  assert.equal(auto.optimalLeafOrdering, true);
  assert.deepEqual(auto, await f.set.order({ method: 'average', optimalLeafOrdering: true }));
  const plain = await f.set.order({ method: 'auto', optimalLeafOrdering: false });
  assert.equal(plain.optimalLeafOrdering, false);
  assert.deepEqual(plain, await f.set.order({ method: 'average' }));
  const groups = Array.from({ length: f.n }, (_, i) => `g${i % 3}`);
  const byGroup = await f.set.order({ method: 'auto', groups });
  assert.equal(byGroup.method, 'groups');
  assert.equal(byGroup.optimalLeafOrdering, true);
});

test('refusals: bad options, and sets beyond the limits, with the reason', async () => {
  const f = await fixture('small-7');
  await assert.rejects(f.set.linkage({ method: 'ward' }), { code: 'INVALID_ARGUMENT', message: /linkage: method must be one of average, complete, single; got "ward"/ });
  await assert.rejects(f.set.clusters({ method: 'average' }), { code: 'INVALID_ARGUMENT', message: /either k .* or threshold .*, not neither/ });
  await assert.rejects(f.set.clusters({ k: 2, threshold: 0.5 }), { message: /not both/ });
  await assert.rejects(f.set.clusters({ k: 0 }), { code: 'INVALID_ARGUMENT', message: /clusters: k must be an integer from 1/ });
  await assert.rejects(f.set.clusters({ k: 2.5 }), { message: /clusters: k/ });
  await assert.rejects(f.set.clusters({ threshold: Number.NaN }), { message: /clusters: threshold must be a number from 0 to 2/ });
  await assert.rejects(f.set.order({ method: 'average', optimalLeafOrdering: 'yes' }), { message: /order: optimalLeafOrdering/ });

  const limits = engine.limits;
  assert.equal(limits.maxHierarchicalItems, 10000);
  const big = await engine.embeddings({ data: new Float32Array((limits.maxHierarchicalItems + 1) * 2).fill(1), dims: [limits.maxHierarchicalItems + 1, 2] });
  await assert.rejects(big.linkage(), { code: 'TOO_LARGE', message: /linkage: average linkage of 10001 items .* limited to 10000 items/ });
  big.dispose();
  const olo = limits.maxOptimalLeafOrderItems;
  const many = await engine.embeddings({ data: new Float32Array((olo + 1) * 2).fill(1), dims: [olo + 1, 2] });
  await assert.rejects(many.order({ method: 'average', optimalLeafOrdering: true }), {
    code: 'TOO_LARGE',
    message: new RegExp(`optimal leaf ordering of ${olo + 1} items .* limited to ${olo} items`),
  });
  many.dispose();
});

test('beyond 10,000 items clusters come from spectral bisection, and say so', async () => {
  const n = 10_500;
  const d = 8;
  const data = new Float32Array(n * d);
  let state = 7;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 2;
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    for (let j = 0; j < d; j++) data[i * d + j] = (j % 4 === c ? 3 : 0) + random();
  }
  const set = await engine.embeddings({ data, dims: [n, d] });
  try {
    const labels = await set.clusters({ method: 'average', k: 4 });
    assert.equal(labels.method, 'spectral');
    assert.equal(labels.length, n);
    assert.equal(Math.max(...labels) + 1, 4);
    let agree = 0;
    for (let i = 4; i < n; i++) agree += labels[i] === labels[i % 4] ? 1 : 0;
    assert.ok(agree / (n - 4) > 0.95, `planted clusters recovered: ${agree / (n - 4)}`);
    const cut = await set.clusters({ threshold: 0.3 });
    assert.equal(cut.method, 'spectral');
    assert.ok(Math.max(...cut) + 1 >= 4);
  } finally {
    set.dispose();
  }
});

test("optimalLeafOrdering 'auto': where it applies, plain above the limit", async () => {
  const f = await fixture('planted-80');
  const auto = await f.set.order({ method: 'complete', optimalLeafOrdering: 'auto' });
  assert.equal(auto.optimalLeafOrdering, true);
  assert.deepEqual(auto, await f.set.order({ method: 'complete', optimalLeafOrdering: true }));
  const n = engine.limits.maxOptimalLeafOrderItems + 1;
  const data = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) [data[2 * i], data[2 * i + 1]] = [Math.cos(i), Math.sin(i)];
  const many = await engine.embeddings({ data, dims: [n, 2] });
  const plain = await many.order({ method: 'single', optimalLeafOrdering: 'auto' });
  assert.equal(plain.optimalLeafOrdering, false);
  many.dispose();
});

test('optimal leaf ordering reports its progress', async () => {
  const f = await fixture('random-300');
  const set = await engine.embeddings({ data: Float32Array.from(f.data), dims: f.dims }); // nothing cached
  const seen = [];
  await set.order({ method: 'single', optimalLeafOrdering: true, onProgress: (p) => seen.push(p) });
  set.dispose();
  assert.ok(seen.length >= 1, 'progress was reported');
  const last = seen.at(-1);
  assert.equal(last.done, last.total);
});

test("optimalLeafOrdering 'auto' stops at 3,000 items, where it would add seconds", async () => {
  const n = AUTO_OPTIMAL_LEAF_ORDER_MAX_ITEMS + 1;
  const data = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) [data[2 * i], data[2 * i + 1]] = [Math.cos(i), Math.sin(i)];
  const set = await engine.embeddings({ data, dims: [n, 2] });
  assert.equal((await set.order({ method: 'auto' })).optimalLeafOrdering, false);
  const halves = Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : 'even'));
  assert.equal((await set.order({ method: 'auto', groups: halves })).optimalLeafOrdering, true);
  const one = Array.from({ length: n }, () => 'all');
  assert.equal((await set.order({ method: 'groups', groups: one, optimalLeafOrdering: 'auto' })).optimalLeafOrdering, false);
  set.dispose();
});
