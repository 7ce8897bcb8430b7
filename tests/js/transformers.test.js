// embedWithTransformers in Node, offline: the committed tiny model
// (tests/fixtures/tiny-bert, written by scripts/make-tiny-model.py) through
// Transformers.js and onnxruntime-node, checked against its embedding table.
import assert from 'node:assert/strict';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { CosineHeatmapError, loadEngine } from '../../web/src/index.js';
import { embedWithTransformers } from '../../web/src/transformers.js';
import { expectedVectors, maxAbsDifference, TEXTS } from '../fixtures/tiny-bert/reference.js';
import { readJson } from './helpers.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const offline = { model: 'tiny-bert', localModelPath: fixtures, allowRemoteModels: false, dtype: 'fp32' };
const expected = expectedVectors(
  readJson('tests/fixtures/tiny-bert/tokenizer.json'),
  readJson('tests/fixtures/tiny-bert/table.json'),
);

test('tiny model: mean-pooled, normalized vectors match the embedding table', async (t) => {
  const progress = [];
  const result = await embedWithTransformers(TEXTS, {
    ...offline,
    batchSize: 3, // batches of unequal lengths: padding must not leak into the means
    onProgress: (p) => progress.push(p),
  });
  assert.ok(result.data instanceof Float32Array);
  assert.deepEqual(result.dims, expected.dims);
  const worst = maxAbsDifference(result.data, expected.data);
  t.diagnostic(`max |transformers.js - table| = ${worst.toExponential(2)} over ${expected.data.length} values`);
  assert.ok(worst < 1e-6, `max abs difference ${worst}`);
  const embed = progress.filter((p) => p.phase === 'embed').map((p) => p.done);
  assert.deepEqual(embed, [0, 3, 6, 7]);
});

test('batch size does not change the vectors', async () => {
  const one = await embedWithTransformers(TEXTS, { ...offline, batchSize: 1 });
  const all = await embedWithTransformers(TEXTS, { ...offline, batchSize: 64 });
  assert.ok(maxAbsDifference(one.data, all.data) < 1e-6);
});

test('normalize: false keeps the plain means', async () => {
  const raw = await embedWithTransformers(TEXTS.slice(0, 1), { ...offline, normalize: false });
  const norm = Math.hypot(...raw.data);
  assert.ok(Math.abs(norm - 1) > 1e-3, `norm ${norm}`);
  const unit = raw.data.map((v) => v / norm);
  assert.ok(maxAbsDifference(unit, expected.data.subarray(0, raw.dims[1])) < 1e-6);
});

test("pooling: 'cls' gives the [CLS] row for every text", async () => {
  const table = readJson('tests/fixtures/tiny-bert/table.json');
  const cls = readJson('tests/fixtures/tiny-bert/tokenizer.json').model.vocab['[CLS]'];
  const row = table.rows[cls].map((k) => k / table.scale);
  const norm = Math.hypot(...row);
  const result = await embedWithTransformers(TEXTS.slice(0, 3), { ...offline, pooling: 'cls' });
  const d = row.length;
  for (let i = 0; i < 3; i++) {
    assert.ok(maxAbsDifference(result.data.subarray(i * d, (i + 1) * d), row.map((v) => v / norm)) < 1e-6);
  }
});

test('the result plugs straight into the engine', async () => {
  const engine = await loadEngine();
  const result = await embedWithTransformers(TEXTS, offline);
  const s = await engine.cosineSimilarity(result);
  const [n, d] = expected.dims;
  assert.deepEqual(s.dims, [n, n]);
  const reference = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += expected.data[i * d + k] * expected.data[j * d + k];
      reference[i * n + j] = dot;
    }
  }
  assert.ok(maxAbsDifference(s.data, reference) < 1e-5);
  assert.ok(Math.abs(s.data[0 * n + 6] - 1) < 1e-6, 'the repeated sentence scores 1');
});

test('no texts, blank texts and bad options are clear errors', async () => {
  await assert.rejects(embedWithTransformers([], offline), (e) => e instanceof CosineHeatmapError && /no texts/.test(e.message));
  await assert.rejects(embedWithTransformers(['', '  ', '\t'], offline), /all 3 texts are blank/);
  await assert.rejects(embedWithTransformers(['a', ' ', 'b'], offline), /texts\[1\] is blank/);
  await assert.rejects(embedWithTransformers('one text', offline), /array of strings/);
  await assert.rejects(embedWithTransformers(['a', 3], offline), /texts\[1\] is number/);
  await assert.rejects(embedWithTransformers(['a'], { ...offline, model: '' }), /options\.model/);
  await assert.rejects(embedWithTransformers(['a'], { ...offline, pooling: 'none' }), /pooling "none"/);
  await assert.rejects(embedWithTransformers(['a'], { ...offline, batchSize: 0 }), /batchSize/);
});

test('a missing model folder names the model and the file', async () => {
  await assert.rejects(
    embedWithTransformers(['a text'], { ...offline, model: 'no-such-model' }),
    (error) => {
      assert.ok(error instanceof CosineHeatmapError);
      assert.equal(error.code, 'MODEL_LOAD');
      assert.match(error.message, /"no-such-model"/);
      assert.match(error.message, /no-such-model\/(tokenizer|tokenizer_config|config)\.json/);
      assert.match(error.message, /allowRemoteModels: false/);
      return true;
    },
  );
});

test('a model folder without its ONNX file names that file', async () => {
  // tests/fixtures/tiny-bert has onnx/model.onnx only: dtype q8 asks for model_quantized.onnx.
  await assert.rejects(
    embedWithTransformers(['a text'], { ...offline, dtype: 'q8' }),
    (error) => error instanceof CosineHeatmapError && /"tiny-bert"/.test(error.message) &&
      /model_quantized\.onnx/.test(error.message),
  );
});

test('an aborted signal stops before any work', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    embedWithTransformers(TEXTS, { ...offline, signal: controller.signal }),
    (error) => error.name === 'AbortError' || error.code === 'ABORT_ERR',
  );
});
