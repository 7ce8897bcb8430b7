import { CosineHeatmapError } from './errors.js';

// Transformers.js reports a model that cannot be loaded in words that rarely
// name the file or the model ("Unexpected token '<'" for a missing file that
// a server answered with an HTML page, "Failed to fetch" offline). This turns
// such an error into one message naming the model, the file and the likely
// cause. Its progress events fill in the file when its message lacks one:
// `pending` are the files started but not finished; `lastDone` is the last
// file finished, the one a JSON parse error is about (Transformers.js parses
// a JSON file right after reporting it done).

/**
 * @param {unknown} error  what Transformers.js threw
 * @param {{model: string, pending?: string[], lastDone?: string,
 *          localModelPath?: string, allowRemoteModels?: boolean}} context
 */
export function loadError(error, { model, pending = [], lastDone, localModelPath, allowRemoteModels }) {
  const message = String(error?.message ?? error);
  const { file, reading, reason } = explain(message, { pending, lastDone, localModelPath, allowRemoteModels });
  const source = localModelPath === undefined ? '' : ` from the local folder ${localModelPath}`;
  // A bare file name from the progress events: give its address when it can
  // only have come from the local folder.
  const local = localModelPath !== undefined && allowRemoteModels === false;
  const where = file && local && !/^(\/|[a-z]+:)/i.test(file) ? `${localModelPath}${model}/${file}` : file;
  const what = where ?? (reading ? `reading ${reading}` : undefined);
  return new CosineHeatmapError(
    `could not load the Transformers.js model "${model}"${source}${what ? `: ${what}` : ''}: ${reason}`,
    { cause: error, code: 'MODEL_LOAD' },
  );
}

/** The library itself could not be imported (not installed, or no import map in a page). */
export function importError(error) {
  return new CosineHeatmapError(
    'could not import @huggingface/transformers: install it (npm install @huggingface/transformers@3) ' +
      'or, in a page without a bundler, map it in an import map ' +
      `(${String(error?.message ?? error)})`,
    { cause: error, code: 'MODEL_LOAD' },
  );
}

function explain(message, { pending, lastDone, localModelPath, allowRemoteModels }) {
  const reading = pending.length > 0 ? pending.join(', ') : undefined;
  if (/Unexpected token|is not valid JSON|JSON\.parse|Unexpected end of JSON|Unexpected non-whitespace/.test(message)) {
    return {
      file: lastDone,
      reading,
      reason: 'not valid JSON; most likely the file is missing and the server answered with an HTML page ' +
        `(a 404 page or an app's fallback page) (${message})`,
    };
  }
  const local = message.match(/file was not found locally at "([^"]+)"/);
  if (local) {
    const remote = allowRemoteModels === false ? ' and remote models are off (allowRemoteModels: false)' : '';
    return { file: local[1], reason: `the file does not exist${remote}${dtypeHint(local[1])}` };
  }
  const remote = message.match(/Could not locate file:? "([^"]+)"/);
  if (remote) {
    return {
      file: remote[1],
      reason: 'the model host has no such file: a wrong model id, a private model, ' +
        `or a model without this ONNX file${dtypeHint(remote[1])}`,
    };
  }
  const wasm = message.match(/[^\s'"]*ort-wasm[^\s'"]*\.(?:m?js|wasm)/);
  if (wasm || /no available backend/i.test(message)) {
    return {
      file: wasm?.[0],
      reason: 'the ONNX Runtime WebAssembly files could not be loaded: serve them yourself and pass ' +
        `wasmPaths (Transformers.js defaults to a CDN) (${message})`,
    };
  }
  if (/fetch|network|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Load failed/i.test(message)) {
    const hint = localModelPath === undefined ? '; for offline use pass localModelPath and allowRemoteModels: false' : '';
    return { reading, reason: `network error: offline, or the host is blocked${hint} (${message})` };
  }
  if (/Unsupported model type/i.test(message)) {
    return { file: 'config.json', reason: `a model type Transformers.js does not support (${message})` };
  }
  return { reading, reason: message };
}

// Which ONNX file is loaded depends on dtype (browser default 'q8' →
// onnx/model_quantized.onnx; 'fp32' → onnx/model.onnx).
function dtypeHint(file) {
  return /\/onnx\/model_\w+\.onnx$|^onnx\/model_\w+\.onnx$/.test(file)
    ? " (the dtype option picks the ONNX file: dtype 'fp32' loads onnx/model.onnx)"
    : '';
}
