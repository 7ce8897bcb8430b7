// The dendrogram's geometry and cut against SciPy (fixtures from
// scripts/make-dendrogram-fixtures.py): subtree spans along SciPy's leaf
// orders, fcluster's partitions, and the drawing collapsed at a resolution.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { cutTree, dendrogramLines, subtreeAt, treeOfLinkage } from '../../web/src/dendrogram-tree.js';

const fixture = (name) => {
  const f = JSON.parse(readFileSync(new URL(`../fixtures/dendrogram/${name}.json`, import.meta.url)));
  return { ...f, linkage: { data: Float64Array.from(f.z), dims: [f.n - 1, 4] }, olo: { data: Float64Array.from(f.oloZ), dims: [f.n - 1, 4] } };
};
const CASES = ['planted-average', 'planted-complete', 'ties-single'];

// Same partition whatever the label names: i, j together in one iff in the other.
function samePartition(a, b) {
  const forward = new Map();
  const backward = new Map();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

test('every subtree is one run of positions along SciPy\'s leaf order and its optimal leaf order', () => {
  for (const name of CASES) {
    const f = fixture(name);
    for (const [z, leaves] of [[f.linkage, f.leaves], [f.olo, f.oloLeaves]]) {
      const tree = treeOfLinkage(z, Int32Array.from(leaves));
      assert.equal(tree.n, f.n);
      assert.equal(tree.size[tree.root], f.n);
      assert.deepEqual([tree.lo[tree.root], tree.hi[tree.root]], [0, f.n - 1]);
      for (let v = 0; v < 2 * f.n - 1; v++) assert.equal(tree.hi[v] - tree.lo[v] + 1, tree.size[v], `${name}: node ${v}`);
    }
  }
});

test('an order that splits a subtree, and malformed linkages, are refused with the reason', () => {
  const f = fixture('planted-average');
  const shuffled = Int32Array.from(f.leaves);
  [shuffled[0], shuffled[f.n - 1]] = [shuffled[f.n - 1], shuffled[0]];
  assert.throws(() => treeOfLinkage(f.linkage, shuffled), /not the tree's leaf order/);
  assert.throws(() => treeOfLinkage({ data: new Float64Array(7), dims: [2, 4] }, null), /expected a linkage/);
  const reused = Float64Array.from(f.z);
  reused[4] = reused[0]; // row 1 merges a cluster row 0 already merged
  reused[5] = reused[1];
  assert.throws(() => treeOfLinkage({ data: reused, dims: f.linkage.dims }, Int32Array.from(f.leaves)), /row 1 merges .* not a free cluster/);
  const wrongSize = Float64Array.from(f.z);
  wrongSize[3] = 5;
  assert.throws(() => treeOfLinkage({ data: wrongSize, dims: f.linkage.dims }, Int32Array.from(f.leaves)), /row 0 says 5 items/);
});

test('cuts equal SciPy\'s fcluster (maxclust and distance), ties included', () => {
  for (const name of CASES) {
    const f = fixture(name);
    const order = Int32Array.from(f.leaves);
    for (const [k, expected] of Object.entries(f.fcluster.k)) {
      // SciPy's maxclust search never tries fewer than two merges: for k ≥ n − 1
      // it still merges the two closest pairs. Here no merge is needed there.
      if (Number(k) >= f.n - 1) {
        assert.equal(cutTree(f.linkage, { k: Number(k) }, order).count, f.n, `${name}: k = ${k}: every item alone`);
        continue;
      }
      const cut = cutTree(f.linkage, { k: Number(k) }, order);
      assert.ok(samePartition(cut.labels, expected), `${name}: k = ${k}`);
      assert.equal(cut.count, new Set(expected).size, `${name}: k = ${k}`);
    }
    for (const [t, expected] of Object.entries(f.fcluster.threshold)) {
      const cut = cutTree(f.linkage, { threshold: Number(t) }, order);
      assert.ok(samePartition(cut.labels, expected), `${name}: threshold ${t}`);
    }
    // Labels number the clusters along the order: the first item's is 0, and each new one is the next.
    const { labels } = cutTree(f.linkage, { k: 3 }, order);
    let seen = -1;
    for (const item of order) {
      assert.ok(labels[item] <= seen + 1);
      seen = Math.max(seen, labels[item]);
    }
  }
  const f = fixture('planted-average');
  assert.throws(() => cutTree(f.linkage, { k: 0 }), /k must be a whole number ≥ 1/);
  assert.throws(() => cutTree(f.linkage, { threshold: Number.NaN }), /threshold must be a finite number/);
});

test('drawn at a resolution: subtrees of at most one cell collapse to a line; a window draws what it shows', () => {
  const f = fixture('planted-average');
  const tree = treeOfLinkage(f.linkage, Int32Array.from(f.leaves));
  const full = dendrogramLines(tree, { window: [0, f.n], cellItems: 1 });
  assert.equal(full.nodes.at.length, f.n - 1, 'single items: every merge is a node');
  const coarse = dendrogramLines(tree, { window: [0, f.n], cellItems: 10 });
  const expanded = Array.from(tree.size.slice(f.n)).filter((s) => s > 10).length;
  const collapsedChildren = coarse.nodes.size.filter((s) => s <= 10).length;
  assert.equal(coarse.nodes.at.length, expanded + collapsedChildren);
  assert.ok(coarse.nodes.at.length < f.n / 2, `${coarse.nodes.at.length} nodes at 10 items per cell`);
  // Collapsed subtrees end at height 0 (a line down to their cell).
  const tree0 = coarse.lines.get('tree');
  const bottoms = tree0.h.filter((h, k) => h === 0 && tree0.at[k] !== null).length;
  assert.ok(bottoms > 0);
  // A window of the first 5 positions: only merges that reach into it.
  const part = dendrogramLines(tree, { window: [0, 5], cellItems: 1 });
  for (let k = 0; k < part.nodes.at.length; k++) assert.ok(part.nodes.at[k] - (part.nodes.size[k] - 1) / 2 < 5);
  assert.ok(part.nodes.at.length < full.nodes.at.length);
});

test('a cut colours the links under it by cluster, the rest stays the tree\'s colour', () => {
  const f = fixture('planted-average');
  const order = Int32Array.from(f.leaves);
  const tree = treeOfLinkage(f.linkage, order);
  const { labels, threshold } = cutTree(f.linkage, { k: 4 }, order);
  const drawn = dendrogramLines(tree, { window: [0, f.n], cellItems: 1, cut: { threshold, labels, itemAt: (p) => order[p] } });
  assert.deepEqual([...drawn.lines.keys()].sort(), ['tree', 0, 1, 2, 3].sort());
  for (const [colour, { h }] of drawn.lines) {
    if (colour !== 'tree') assert.ok(h.every((v) => v === null || v <= threshold), `cluster ${colour} stays under the cut`);
  }
});

test('clusterLabelsCsv: index, label, cluster numbered from 1 (the public entry exports it)', async () => {
  const { clusterLabelsCsv: fromIndex } = await import('../../web/src/index.js');
  assert.equal(fromIndex(Int32Array.of(0, 1, 0), ['a', 'b, c', '=d']), 'index,label,cluster\n0,a,1\n1,"b, c",2\n2,=d,1\n');
});

test('subtreeAt: the deepest merge over a position at or above the height clicked', () => {
  const f = fixture('planted-average');
  const order = Int32Array.from(f.leaves);
  const tree = treeOfLinkage(f.linkage, order);
  assert.deepEqual(subtreeAt(tree, 7, Infinity), [0, f.n], 'above the root: the root');
  const top = tree.height[tree.root];
  const [lo, hi] = subtreeAt(tree, 7, top * 0.999);
  const child = [tree.left[tree.root - f.n], tree.right[tree.root - f.n]].find((c) => tree.lo[c] <= 7 && 7 <= tree.hi[c]);
  assert.deepEqual([lo, hi], [tree.lo[child], tree.hi[child] + 1], 'just under the root: its child over position 7');
  assert.deepEqual(subtreeAt(tree, 7, 0), [7, 8], 'at the foot: the item');
  const [a, b] = subtreeAt(tree, 7, top);
  assert.deepEqual([a, b], [0, f.n], 'on the root\'s bar: the root');
});
