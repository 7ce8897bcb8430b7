import { CosineHeatmapError } from './errors.js';
import { loadPipeline } from './transformers-pipeline.js';

// Text embeddings from a Transformers.js `feature-extraction` model, returned
// as the {data, dims} tensor the engine takes (engine.cosineSimilarity(x),
// engine.embeddings(x)). Exported as 'cosine-heatmap/transformers', not from
// the main entry, so that only callers who want it load Transformers.js.
//
// Offline: pass localModelPath (a folder holding <model>/config.json,
// tokenizer.json, tokenizer_config.json, onnx/model.onnx), allowRemoteModels:
// false, and in a browser wasmPaths pointing at your own copy of the ONNX
// Runtime .wasm/.mjs files (Transformers.js defaults to a CDN).

const POOLINGS = new Set(['mean', 'cls', 'first_token', 'last_token', 'eos']);

/**
 * @param {string[]} texts  one text per row; none may be blank
 * @param {{model: string, pooling?: string, normalize?: boolean,
 *          onProgress?: (p: {phase: 'load'|'embed', done: number, total: number, file?: string}) => void,
 *          signal?: AbortSignal, localModelPath?: string, allowRemoteModels?: boolean,
 *          wasmPaths?: string|object, batchSize?: number, dtype?: string|object,
 *          device?: string}} options
 *   dtype / device go to Transformers.js as they are (its browser default
 *   dtype is 'q8', i.e. onnx/model_quantized.onnx; pass 'fp32' for model.onnx).
 * @returns {Promise<{data: Float32Array, dims: [number, number]}>}
 */
export async function embedWithTransformers(texts, options = {}) {
  const { model, pooling = 'mean', normalize = true, onProgress, signal, batchSize = 32 } = options;
  checkTexts(texts);
  if (typeof model !== 'string' || model.trim() === '') {
    throw new CosineHeatmapError('embedWithTransformers: options.model must be a model id or local folder name');
  }
  if (!POOLINGS.has(pooling)) {
    throw new CosineHeatmapError(
      `embedWithTransformers: pooling "${pooling}" is not one of ${[...POOLINGS].join(', ')} ` +
        '(each text must become one vector)',
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CosineHeatmapError(`embedWithTransformers: batchSize must be a positive integer, got ${batchSize}`);
  }
  throwIfAborted(signal);

  const extractor = await untilAborted(loadPipeline({ ...options, model }), signal);
  const n = texts.length;
  let data;
  let d = 0;
  onProgress?.({ phase: 'embed', done: 0, total: n });
  for (let start = 0; start < n; start += batchSize) {
    throwIfAborted(signal);
    const batch = texts.slice(start, start + batchSize);
    const output = await extractor(batch, { pooling, normalize });
    const values = floatValues(output);
    if (output.dims?.length !== 2 || output.dims[0] !== batch.length) {
      throw new CosineHeatmapError(
        `model "${model}" returned dims [${output.dims}] for ${batch.length} texts; expected [${batch.length}, d]`,
      );
    }
    if (data === undefined) {
      d = output.dims[1];
      data = new Float32Array(n * d);
    }
    data.set(values, start * d);
    output.dispose?.();
    onProgress?.({ phase: 'embed', done: Math.min(n, start + batchSize), total: n });
  }
  return { data, dims: [n, d] };
}

function checkTexts(texts) {
  if (!Array.isArray(texts)) {
    throw new CosineHeatmapError(`embedWithTransformers: texts must be an array of strings, got ${typeof texts}`);
  }
  if (texts.length === 0) throw new CosineHeatmapError('embedWithTransformers: no texts to embed');
  let blank = -1;
  for (let i = 0; i < texts.length; i++) {
    if (typeof texts[i] !== 'string') {
      throw new CosineHeatmapError(`embedWithTransformers: texts[${i}] is ${typeof texts[i]}, not a string`);
    }
    if (blank < 0 && texts[i].trim() === '') blank = i;
  }
  if (blank >= 0 && texts.every((text) => text.trim() === '')) {
    throw new CosineHeatmapError(`embedWithTransformers: all ${texts.length} texts are blank; nothing to embed`);
  }
  if (blank >= 0) {
    // Each text becomes one row (and one label), so dropping it here would
    // shift every label after it; the caller decides.
    throw new CosineHeatmapError(
      `embedWithTransformers: texts[${blank}] is blank; remove blank lines before embedding`,
    );
  }
}

// fp16 models give float16 tensors; the engine wants float32.
function floatValues(output) {
  if (output.data instanceof Float32Array) return output.data;
  if (typeof output.to === 'function' && output.type !== 'float32') return output.to('float32').data;
  return Float32Array.from(output.data, Number);
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw abortReason(signal);
}

// Loading cannot be interrupted inside Transformers.js; the caller stops
// waiting at once and the loaded pipeline stays cached for the next call.
function untilAborted(promise, signal) {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortReason(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return new CosineHeatmapError('embedding the texts was cancelled', { code: 'ABORT_ERR' });
}
