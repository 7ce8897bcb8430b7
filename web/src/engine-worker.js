// Entry point of the engine's worker (a module Web Worker in browsers,
// worker_threads in Node). 'init' instantiates the core; every other action
// is an operation's (web/src/operations/), in arrival order.
import { EngineHost } from './engine-host.js';
import { CosineHeatmapError } from './errors.js';
import { instantiateCore } from './wasm-module.js';
import { serveRequests } from './worker-serve.js';

let hostReady = null;

await serveRequests(async (action, args, context) => {
  if (action === 'init') hostReady = instantiateCore(args).then((core) => new EngineHost(core));
  if (!hostReady) throw new CosineHeatmapError('the engine worker was not initialized');
  // Every action awaits the same promise, so they still run in arrival order.
  const host = await hostReady;
  return host.handle(action === 'init' ? 'info' : action, args, context);
});
