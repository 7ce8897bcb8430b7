import { loadEngine } from '../src/index.js';
import { embedWithTransformers } from '../src/transformers.js';

// The Texts tab's two embedders behind one call: the engine's built-in one,
// or a Transformers.js model from a folder served beside the page (offline)
// or from the Hugging Face hub.

// ONNX Runtime's .wasm/.mjs, copied here by scripts/build.sh; the import map
// in index.html maps '@huggingface/transformers' to the bundle beside them.
export const TRANSFORMERS_FILES = './build/transformers/';

const count = new Intl.NumberFormat('en-US');
// The built-in embedder returns dense rows: n × dim floats, copied between
// the worker and the page. Past this the tab asks for fewer dimensions.
const MAX_EMBEDDING_BYTES = 2 ** 30;

/**
 * A folder URL ("./models/all-MiniLM-L6-v2/", "/models/x", "https://…") is
 * loaded offline from that folder; anything else ("Xenova/all-MiniLM-L6-v2")
 * is a hub model id.
 * @returns {{model: string, localModelPath?: string, allowRemoteModels: boolean, dtype?: string}}
 */
export function modelOptions(value, base = location.href) {
  const text = value.trim();
  if (!/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(text) && !text.endsWith('/')) {
    return { model: text, allowRemoteModels: true };
  }
  const folder = new URL(text.endsWith('/') ? text : `${text}/`, base);
  const parts = folder.pathname.split('/').filter(Boolean);
  const model = decodeURIComponent(parts.at(-1) ?? '');
  const parent = new URL(`/${parts.slice(0, -1).map((p) => `${p}/`).join('')}`, folder).href;
  // Exported folders hold onnx/model.onnx; the browser default (q8) would ask
  // for onnx/model_quantized.onnx.
  return { model, localModelPath: parent, allowRemoteModels: false, dtype: 'fp32' };
}

/** "the built-in embedder (4,096 dimensions)", "the model tiny-bert" */
export function describeEmbedder(settings) {
  if (settings.kind === 'builtin') {
    const d = settings.svdComponents > 0 ? `${count.format(settings.svdComponents)} SVD components` : `${count.format(settings.dim)} dimensions`;
    return `the built-in embedder (${d})`;
  }
  return `the model ${settings.model.trim()}`;
}

/**
 * @param {string[]} texts
 * @param {{kind: 'builtin', dim: number, svdComponents: number} | {kind: 'transformers', model: string}} settings
 * @param {{signal?: AbortSignal, onProgress?: (p: {phase: 'load'|'embed', done: number, total: number, file?: string}) => void}} options
 * @returns {Promise<{data: Float32Array, dims: [number, number]}>}
 */
export async function embedTexts(texts, settings, { signal, onProgress }) {
  if (settings.kind === 'builtin') {
    checkSize(texts.length, settings);
    const engine = await loadEngine();
    return engine.embedTexts(texts, {
      dim: settings.dim,
      svdComponents: settings.svdComponents,
      signal,
      onProgress: (p) => onProgress?.({ phase: 'embed', ...p }),
    });
  }
  const options = modelOptions(settings.model);
  await configureTransformers(options);
  return embedWithTransformers(texts, {
    ...options,
    pooling: 'mean',
    normalize: true,
    wasmPaths: TRANSFORMERS_FILES,
    signal,
    onProgress,
  });
}

function checkSize(n, { dim, svdComponents }) {
  const d = svdComponents > 0 ? svdComponents : dim;
  const bytes = n * d * 4;
  if (bytes > MAX_EMBEDDING_BYTES) {
    throw new Error(
      `${count.format(n)} texts × ${count.format(d)} dimensions would take ${(bytes / 2 ** 30).toFixed(1)} GiB ` +
        `(at most 1 GiB): choose a smaller dimension, or SVD components`,
    );
  }
}

// Settings embedWithTransformers leaves to the page. If the library cannot
// be imported, embedWithTransformers says so in its own words.
async function configureTransformers({ localModelPath }) {
  let env;
  try {
    ({ env } = await import('@huggingface/transformers'));
  } catch {
    return;
  }
  // ONNX Runtime then compiles its WebAssembly in a worker started from the
  // same-origin bundle, so the page's policy needs no 'wasm-unsafe-eval', and
  // a model that takes seconds per batch does not freeze the page.
  if (env.backends?.onnx?.wasm) env.backends.onnx.wasm.proxy = true;
  // A hub id is looked up on the hub only, not first in a folder used before.
  if (localModelPath === undefined) env.allowLocalModels = false;
}
