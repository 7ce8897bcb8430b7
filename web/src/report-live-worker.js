// The engine's worker inside a live report (report-live.js): the same
// operations as engine-worker.js, but the WASM bytes come inlined in this
// script (the build puts them in __COSINE_CORE_WASM_BASE64__), so a report
// opened from a file, a notebook or an e-mail fetches nothing.
import createCosineCore from '../build/cosine-core.js';
import { EngineHost } from './engine-host.js';
import { CosineHeatmapError } from './errors.js';
import { serveRequests } from './worker-serve.js';

// @ts-ignore: replaced by the report build (scripts/build-report-template.js)
const WASM_BASE64 = __COSINE_CORE_WASM_BASE64__;

function wasmBytes() {
  const binary = atob(WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return bytes;
}

let hostReady = null;

serveRequests(async (action, args, context) => {
  if (action === 'init') {
    // locateFile only keeps the glue from resolving a URL against this
    // blob's (which has no directory); with wasmBinary nothing is fetched.
    const core = createCosineCore({ wasmBinary: wasmBytes(), locateFile: (name) => name });
    hostReady = core.then((instance) => new EngineHost(instance));
  }
  if (!hostReady) throw new CosineHeatmapError('the engine worker was not initialized');
  const host = await hostReady;
  return host.handle(action === 'init' ? 'info' : action, args, context);
});
