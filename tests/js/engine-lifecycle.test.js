// Handles belong to their engine, and a disposed engine stays disposed.
import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';

const x = [[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1]];
const y = [[0, 0, 1], [0, 1, 0], [1, 0, 0], [0.5, 0.5, 0]];

test("a set from another engine is refused by compare() and crossSimilarity(), not looked up by number", async () => {
  // Distinct options give two engines.
  const first = await loadEngine({ workers: 1 });
  const second = await loadEngine({ workers: 2 });
  assert.notEqual(first, second);
  const a = await first.embeddings(x);
  const b = await second.embeddings(y);
  for (const call of [() => a.compare(b), () => a.crossSimilarity(b), () => b.compare(a)]) {
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof CosineHeatmapError);
      assert.equal(error.code, 'OTHER_ENGINE');
      assert.match(error.message, /belongs to another engine; load it into this one with engine\.embeddings\(\)/);
      return true;
    });
  }
  // Loaded into the same engine, the same data compares.
  const bHere = await first.embeddings(y);
  const comparison = await a.compare(bHere);
  assert.equal(comparison.n, 4);
  for (const set of [a, b, bHere]) set.dispose();
});

test('after engine.dispose() every call on the engine and on its sets rejects, and no worker starts again', async () => {
  const engine = await loadEngine({ workers: 2, matrixBudgetBytes: 12345 });
  const set = await engine.embeddings(x);
  const other = await engine.embeddings(y);
  const pending = set.pairSummary();
  engine.dispose();
  await pending.then(
    () => {},
    (error) => assert.equal(error.code, 'DISPOSED'),
  );
  const calls = {
    'engine.embeddings': () => engine.embeddings(x),
    'engine.cosineSimilarity': () => engine.cosineSimilarity(x),
    'engine.embedTexts': () => engine.embedTexts(['a b']),
    'engine.stats': () => engine.stats(),
    'set.similarity': () => set.similarity(),
    'set.crossSimilarity': () => set.crossSimilarity(other),
    'set.pairSummary': () => set.pairSummary(),
    'set.order': () => set.order({ method: 'spectral' }),
    'set.overview': () => set.overview(),
    'set.analyze': () => set.analyze(),
    'set.topK': () => set.topK(2),
    'set.compare': () => set.compare(other),
    'set.tiles': async () => {
      for await (const tile of set.tiles()) assert.fail(`a tile came back: ${tile.rows}`);
    },
    'pool.run': () => engine._pool.run([{ action: 'info', args: {} }]),
  };
  for (const [name, call] of Object.entries(calls)) {
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof CosineHeatmapError, name);
      assert.equal(error.code, 'DISPOSED', name);
      assert.equal(error.message, 'this engine was disposed', name);
      return true;
    });
  }
  set.dispose(); // harmless
  engine.dispose(); // twice is harmless
  // loadEngine with the same options starts a new engine.
  const fresh = await loadEngine({ workers: 2, matrixBudgetBytes: 12345 });
  assert.notEqual(fresh, engine);
  const again = await fresh.embeddings(x);
  assert.equal((await again.pairSummary()).count, 6);
  fresh.dispose();
});

test('error codes survive the worker boundary', async () => {
  const engine = await loadEngine({ workers: 1 });
  const many = await engine.embeddings({ data: new Float32Array(10001 * 2).fill(1), dims: [10001, 2] });
  await assert.rejects(many.order({ method: 'average' }), (error) => {
    assert.ok(error instanceof CosineHeatmapError);
    assert.equal(error.code, 'TOO_LARGE');
    assert.match(error.message, /^order: average linkage of 10001 items needs O\(n\^2\) memory/);
    return true;
  });
  await assert.rejects(engine.embedTexts(['a'], { dim: 1 << 20, svdComponents: 0, charNgramMax: 70 }), (error) => {
    assert.equal(error.code, 'INVALID_ARGUMENT');
    return true;
  });
  await assert.rejects(engine.embedTexts(['a', 'b'], { charNgramMin: 5, charNgramMax: 3 }), (error) => {
    assert.equal(error.code, 'INVALID_ARGUMENT');
    // One prefix, the public name, and the public option names.
    assert.match(error.message, /^embedTexts: character n-gram sizes must satisfy 1 <= charNgramMin <= charNgramMax/);
    return true;
  });
  many.dispose();
});
