// Entry point of the engine's worker (a module Web Worker in browsers,
// worker_threads in Node). Protocol, as sql.js's worker: requests
// {id, action, args}, answers {id, result} or {id, error: {message}}.
import { EngineHost } from './engine-host.js';
import { instantiateCore } from './wasm-module.js';
import { connectWorkerPort } from './worker-port.js';

const port = await connectWorkerPort();
let hostReady = null;

port.onMessage(async ({ id, action, args }) => {
  // Test hook: die the way an out-of-memory or killed worker does.
  if (action === '_simulateCrash') port.exit('the engine worker crashed (simulated)');
  try {
    if (action === 'init') hostReady = instantiateCore(args).then((core) => new EngineHost(core));
    if (!hostReady) throw new Error('the engine worker was not initialized');
    // Every action awaits the same promise, so they still run in arrival order.
    const host = await hostReady;
    const progress = (done, total) => port.post({ id, progress: { done, total } });
    const { result, transfer = [] } = host.handle(action === 'init' ? 'info' : action, args, { progress });
    port.post({ id, result }, transfer);
  } catch (error) {
    port.post({ id, error: { message: error?.message ?? String(error) } });
    // A trap or abort inside WASM (out of memory, a bug) leaves the module
    // unusable: end the worker so the pool replaces it with a fresh one.
    if (error instanceof WebAssembly.RuntimeError) port.exit(`the WASM core failed: ${error.message}`);
  }
});
