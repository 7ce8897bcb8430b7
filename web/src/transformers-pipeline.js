import { importError, loadError } from './transformers-load-error.js';

// Loads (once per model and settings) a Transformers.js `feature-extraction`
// pipeline. The library is imported here, lazily, so the default bundle of
// cosine-heatmap never contains it; a page without a bundler maps the bare
// specifier in an import map.
//
// Transformers.js keeps its settings in one shared `env` object. Only the
// settings the caller passes are written there, so a page that configures
// `env` itself keeps its own values.

let library;
const pipelines = new Map();

function importTransformers() {
  library ??= import('@huggingface/transformers').catch((error) => {
    library = undefined;
    throw importError(error);
  });
  return library;
}

/**
 * @param {{model: string, localModelPath?: string, allowRemoteModels?: boolean,
 *          wasmPaths?: string|object, dtype?: string|object, device?: string,
 *          onProgress?: Function}} options
 * @returns {Promise<Function>} the pipeline
 */
export async function loadPipeline(options) {
  const { model, localModelPath, allowRemoteModels, wasmPaths, dtype, device, onProgress } = options;
  const key = JSON.stringify([model, localModelPath, allowRemoteModels, wasmPaths, dtype, device]);
  let entry = pipelines.get(key);
  if (!entry) {
    entry = { listeners: new Set(), files: new Set(), sizes: new Map() };
    entry.promise = create(entry, options).catch((error) => {
      pipelines.delete(key);
      throw error;
    });
    pipelines.set(key, entry);
  }
  if (onProgress) entry.listeners.add(onProgress);
  try {
    return await entry.promise;
  } finally {
    entry.listeners.delete(onProgress);
  }
}

async function create(entry, { model, localModelPath, allowRemoteModels, wasmPaths, dtype, device }) {
  const { env, pipeline } = await importTransformers();
  if (localModelPath !== undefined) {
    env.allowLocalModels = true;
    env.localModelPath = withTrailingSlash(localModelPath);
  }
  if (allowRemoteModels !== undefined) env.allowRemoteModels = allowRemoteModels;
  // Only the browser build has a wasm backend; Node uses onnxruntime-node.
  if (wasmPaths !== undefined && env.backends?.onnx?.wasm) {
    env.backends.onnx.wasm.wasmPaths = absoluteWasmPaths(wasmPaths);
  }
  const pipelineOptions = {
    progress_callback: (event) => progress(entry, event),
    ...(dtype === undefined ? {} : { dtype }),
    ...(device === undefined ? {} : { device }),
  };
  try {
    return await pipeline('feature-extraction', model, pipelineOptions);
  } catch (error) {
    throw loadError(error, {
      model,
      pending: [...entry.files],
      lastDone: entry.lastDone,
      localModelPath: localModelPath === undefined ? undefined : withTrailingSlash(localModelPath),
      allowRemoteModels: allowRemoteModels ?? env.allowRemoteModels,
    });
  }
}

// Transformers.js events: initiate / download / progress / done per file,
// then ready. Files started but not done are the suspects when loading fails.
function progress(entry, event) {
  if (event.status === 'initiate') entry.files.add(event.file);
  if (event.status === 'done') {
    entry.files.delete(event.file);
    entry.lastDone = event.file;
  }
  if (event.status !== 'progress' && event.status !== 'done') return;
  // total is 0 when the server sent no Content-Length.
  const size = event.total ?? entry.sizes.get(event.file) ?? 0;
  entry.sizes.set(event.file, size);
  const done = event.status === 'done' ? size : (event.loaded ?? 0);
  const report = { phase: 'load', file: event.file, done, total: size };
  for (const listener of entry.listeners) listener(report);
}

// ONNX Runtime imports its .mjs relative to the Transformers.js bundle, not
// to the page, so a relative wasmPaths ('./build/transformers/') would point
// into the bundle's folder; resolve it against the page first.
function absoluteWasmPaths(paths) {
  const base = globalThis.location?.href;
  if (!base) return paths;
  const resolve = (path) => (typeof path === 'string' ? new URL(path, base).href : path);
  if (typeof paths === 'string') return resolve(withTrailingSlash(paths));
  if (paths && typeof paths === 'object') {
    return Object.fromEntries(Object.entries(paths).map(([key, path]) => [key, resolve(path)]));
  }
  return paths;
}

function withTrailingSlash(path) {
  const text = String(path);
  return text.endsWith('/') ? text : `${text}/`;
}
