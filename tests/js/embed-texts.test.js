import assert from 'node:assert/strict';
import test from 'node:test';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';

test('the built-in embedder is deterministic: frozen values for fixed texts', async () => {
  const engine = await loadEngine({ workers: 2 });
  const { data, dims } = await engine.embedTexts(['The cat sat on the mat.', 'Quarterly revenue grew.'], { dim: 64 });
  assert.deepEqual(dims, [2, 64]);
  // Frozen from the first build of the method (the C++ tests freeze digests
  // of the same method natively): any change of tokens, hash or weights shows.
  const frozen = [[1, 0.10720276832580566], [3, -0.15066975355148315], [4, -0.10720276832580566],
    [5, 0.10720276832580566], [7, 0.3013395071029663], [13, 0.10720276832580566]];
  for (const [k, value] of frozen) assert.equal(data[k], value, `component ${k}`);
  const again = await engine.embedTexts(['The cat sat on the mat.', 'Quarterly revenue grew.'], { dim: 64 });
  assert.deepEqual(Array.from(again.data), Array.from(data));
});

test('rows are unit vectors, near-identical texts score above unrelated ones, blank texts are zero rows', async () => {
  const engine = await loadEngine({ workers: 2 });
  const texts = ['The cat sat on the mat.', 'A cat sat on a mat!', 'Quarterly revenue grew by 5%.', '   '];
  const embedded = await engine.embedTexts(texts);
  assert.deepEqual(embedded.dims, [4, 4096]);
  const s = await engine.cosineSimilarity(embedded);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(s.data[i * 4 + i] - 1) < 1e-5);
  assert.ok(s.data[1] > 0.4 && s.data[1] > 5 * Math.abs(s.data[2]), `similar ${s.data[1]} vs unrelated ${s.data[2]}`);
  assert.deepEqual(s.zeroRows, [3]);
  const cafe = await engine.cosineSimilarity(await engine.embedTexts(['CAFÉ AU LAIT', 'café au lait']));
  assert.ok(cafe.data[1] > 0.9999, 'Latin-1 case folding');
});

test('Unicode, emoji, right-to-left text and long texts do not break it', async () => {
  const engine = await loadEngine({ workers: 2 });
  const texts = ['مرحبا بالعالم', 'שלום עולם', '你好，世界', '🙂🙃 emoji 👩‍👩‍👧', '\u0000\uFFFD\uD800 lone surrogate', 'x'.repeat(100000)];
  const { data, dims } = await engine.embedTexts(texts, { dim: 256 });
  assert.deepEqual(dims, [6, 256]);
  assert.ok(data.every(Number.isFinite));
});

test('progress is reported, SVD reduces the dimension, bad input is refused with a clear message', async () => {
  const engine = await loadEngine({ workers: 2 });
  const texts = Array.from({ length: 300 }, (_, i) => `document ${i} about ${['cats', 'markets', 'rivers'][i % 3]} and ${i % 7}`);
  const seen = [];
  const reduced = await engine.embedTexts(texts, { svdComponents: 16, onProgress: (p) => seen.push(p) });
  assert.deepEqual(reduced.dims, [300, 16]);
  assert.ok(seen.length >= 2 && seen.at(-1).done === seen.at(-1).total);
  await assert.rejects(engine.embedTexts([]), /no texts/);
  await assert.rejects(engine.embedTexts(['', ' \n ']), /all 2 texts are blank/);
  await assert.rejects(engine.embedTexts(['a', 3]), /text 1 is number, not a string/);
  await assert.rejects(engine.embedTexts(['a'], { dim: 0 }), (error) => error instanceof CosineHeatmapError && /dim/.test(error.message));
  const ok = await engine.embedTexts(['still works']);
  assert.equal(ok.dims[0], 1);
});
