// The worker side of the one worker protocol (the engine's workers and the
// parsing workers): requests {id, action, args}; answers {id, progress},
// then {id, result} (typed arrays transferred) or {id, error} with the
// error's class, code and position (worker-errors.js).
import { serializeError } from './worker-errors.js';
import { connectWorkerPort } from './worker-port.js';

// handle(action, args, {progress}) returns {result, transfer} or a promise of it.
export async function serveRequests(handle) {
  const port = await connectWorkerPort();
  port.onMessage(async ({ id, action, args }) => {
    // Test hook: die the way an out-of-memory or killed worker does.
    if (action === '_simulateCrash') port.exit('the worker crashed (simulated)');
    try {
      const progress = (done, total) => port.post({ id, progress: { done, total } });
      const { result, transfer = [] } = await handle(action, args, { progress });
      port.post({ id, result }, transfer);
    } catch (error) {
      port.post({ id, error: serializeError(error) });
      // A trap or abort inside WASM (out of memory, a bug) leaves the module
      // unusable: end the worker so the pool replaces it with a fresh one.
      if (error instanceof WebAssembly.RuntimeError) port.exit(`the WASM core failed: ${error.message}`);
    }
  });
}
