// Options are checked at the JavaScript edge: a wrong type or a NaN is
// refused with the option's name and value (issue 12, findings 1, 2, 6, 11, 12).
import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';
import { coreValue } from '../../web/src/core-result.js';
import { readDigits } from './helpers.js';

const digits = readDigits();

function refused(pattern) {
  return (error) => {
    assert.ok(error instanceof CosineHeatmapError, `${error}`);
    assert.equal(error.code, 'INVALID_ARGUMENT', error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

test('tiles() refuses sizes that are not positive integers, before any work', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const drain = async (options) => {
    for await (const tile of set.tiles(options)) assert.ok(tile);
  };
  for (const [tileSize, shown] of [[0, '0'], [-1, '-1'], [NaN, 'NaN'], [1.5, '1.5'], ['64', '"64" \\(a string\\)'], [1e9, '1000000000']]) {
    await assert.rejects(drain({ tileSize }), refused(new RegExp(`^tiles: tileSize must be an integer from 1 to 8192, got ${shown}$`)));
  }
  // A tiny tile size streams (lazily) instead of planning billions of tiles first.
  let count = 0;
  for await (const tile of set.tiles({ tileSize: 1 })) {
    assert.deepEqual(tile.dims, [1, 1]);
    if (++count === 50) break;
  }
  set.dispose();
});

test('analyze() of one item raises no pair-based flag: there are no pairs', async () => {
  const engine = await loadEngine({ workers: 2 });
  const one = await engine.embeddings([[0.3, -0.2, 0.9]]);
  const stats = await one.analyze();
  assert.equal(stats.pairCount, 0);
  assert.equal(stats.mean, null);
  assert.deepEqual(stats.flags, []);
  one.dispose();
});

test('numbers that are NaN or of the wrong type are refused, naming the option and the value', async () => {
  for (const budget of [NaN, 'abc', -1, null]) {
    await assert.rejects(loadEngine({ matrixBudgetBytes: budget }), refused(/^loadEngine: matrixBudgetBytes must be a number of bytes ≥ 0 \(Infinity: no budget\), got /));
  }
  await assert.rejects(loadEngine({ workers: 0 }), refused(/^loadEngine: workers must be an integer from 1 to 64, got 0$/));
  await assert.rejects(loadEngine({ workers: 1000 }), refused(/got 1000$/));
  const unlimited = await loadEngine({ workers: 1, matrixBudgetBytes: Infinity });
  assert.equal(unlimited.matrixBudgetBytes, Infinity);

  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings(digits);
  const cases = [
    [() => set.analyze({ duplicateThreshold: NaN }), /^analyze: duplicateThreshold must be a number from -1 to 1, got NaN$/],
    [() => set.analyze({ outlierThreshold: '0.5' }), /^analyze: outlierThreshold must be a number from -1 to 1, got "0\.5" \(a string\)$/],
    [() => set.analyze({ thresholds: 'abc' }), /^analyze: thresholds must be an array of numbers from -1 to 1, got "abc" \(a string\)$/],
    [() => set.analyze({ thresholds: null }), /^analyze: thresholds must be an array of numbers from -1 to 1, got null$/],
    [() => set.analyze({ thresholds: [0.5, NaN] }), /^analyze: thresholds\[1\] must be a number from -1 to 1, got NaN$/],
    [() => set.analyze({ flagThresholds: null }), /^analyze: flagThresholds must be an object, got null$/],
    [() => set.analyze({ flagThresholds: { silhuette: 0.1 } }), /^analyze: flagThresholds\.silhuette is not a flag threshold \(known: /],
    [() => set.analyze({ flagThresholds: { outlierShare: NaN } }), /^analyze: flagThresholds\.outlierShare must be a finite number, got NaN$/],
    [() => set.analyze({ bins: 2.5 }), /^analyze: bins must be an integer from 1 to 100000, got 2\.5$/],
    [() => set.analyze({ groups: 7 }), /^analyze: groups needs one group name per item \(1797\), got 7$/],
    [() => set.analyze(null), /^analyze: options must be an object, got null$/],
    [() => set.topK('5'), /^topK: k must be a positive integer, got "5" \(a string\)$/],
    [() => set.topK(0), /^topK: k must be a positive integer, got 0$/],
    [() => set.compare(set, { k: NaN }), /^compare: k must be a positive integer, got NaN$/],
    [() => set.order({ method: 'ward' }), /^order: method must be one of auto, original, average, complete, single, spectral, groups; got "ward" \(a string\)$/],
    [() => engine.embedTexts(['a b'], { dim: NaN }), /^embedTexts: dim must be an integer from 1 to 1048576, got NaN$/],
    [() => engine.embedTexts(['a b'], { bigrams: 'yes' }), /^embedTexts: bigrams must be true or false, got "yes" \(a string\)$/],
    [() => engine.embedTexts(['a b'], { dims: 8 }), /^embedTexts: unknown option "dims"/],
    [() => engine.embedTexts('a b'), /^embedTexts: no texts: pass a non-empty array of strings, got "a b" \(a string\)$/],
  ];
  for (const [call, pattern] of cases) await assert.rejects(call(), refused(pattern));
  set.dispose();
});

test('groups are accepted from any array-like, the same way the view takes them', async () => {
  const engine = await loadEngine({ workers: 2 });
  const set = await engine.embeddings([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]);
  const fromArray = await set.analyze({ groups: ['a', 'a', 'b', 'b'] });
  const fromTyped = await set.analyze({ groups: Int8Array.of(0, 0, 1, 1) });
  const fromArrayLike = await set.analyze({ groups: { length: 4, 0: 'a', 1: 'a', 2: 'b', 3: 'b' } });
  assert.equal(fromTyped.groups.silhouette, fromArray.groups.silhouette);
  assert.equal(fromArrayLike.groups.silhouette, fromArray.groups.silhouette);
  assert.deepEqual(await set.order({ method: 'groups', groups: Int8Array.of(1, 0, 1, 0) }), Int32Array.of(1, 3, 0, 2));
  set.dispose();
});

test('messages: one operation prefix, no internal ids, exact bytes when rounding would hide the excess', async () => {
  assert.throws(() => coreValue({ code: 'INVALID_ARGUMENT', message: 'compare: the two sets differ' }, 'compare'), (error) => {
    assert.equal(error.message, 'compare: the two sets differ');
    return true;
  });
  assert.throws(() => coreValue({ code: 'TOO_LARGE', message: 'too many' }, 'order'), (error) => {
    assert.equal(error.message, 'order: too many');
    assert.equal(error.code, 'TOO_LARGE');
    return true;
  });
  assert.deepEqual(coreValue({ count: 3 }, 'pairSummary'), { count: 3 });

  const engine = await loadEngine({ workers: 1, matrixBudgetBytes: 2 ** 30 });
  const n = 16385; // 16385² × 4 bytes = 1 GiB + 131,076 bytes: both print as 1.0 GiB
  const set = await engine.embeddings({ data: new Float32Array(n).fill(1), dims: [n, 1] });
  await assert.rejects(set.similarity(), (error) => {
    assert.equal(error.code, 'MATRIX_BUDGET');
    assert.match(error.message, /needs 1\.0 GiB \(1,073,872,900 bytes\), over the matrix budget of 1\.0 GiB \(1,073,741,824 bytes\)/);
    return true;
  });
  set.dispose();
  await assert.rejects(set.pairSummary(), (error) => {
    assert.equal(error.message, 'this embedding set was disposed');
    assert.equal(error.code, 'DISPOSED');
    return true;
  });
});
