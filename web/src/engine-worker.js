// Entry point of the engine's worker (a module Web Worker in browsers,
// worker_threads in Node). Protocol, as sql.js's worker: requests
// {id, action, args}, answers {id, result} or {id, error: {message}}.
import { EngineHost } from './engine-host.js';
import { instantiateCore } from './wasm-module.js';

const port = await connect();
let hostReady = null;

port.onMessage(async ({ id, action, args }) => {
  try {
    if (action === 'init') hostReady = instantiateCore(args).then((core) => new EngineHost(core));
    if (!hostReady) throw new Error('the engine worker was not initialized');
    // Every action awaits the same promise, so they still run in arrival order.
    const host = await hostReady;
    const { result, transfer = [] } = host.handle(action === 'init' ? 'info' : action, args);
    port.post({ id, result }, transfer);
  } catch (error) {
    port.post({ id, error: { message: error?.message ?? String(error) } });
  }
});

async function connect() {
  if (typeof WorkerGlobalScope !== 'undefined') {
    return {
      onMessage: (fn) => self.addEventListener('message', (event) => fn(event.data)),
      post: (message, transfer) => self.postMessage(message, transfer),
    };
  }
  const { parentPort } = await import('node:worker_threads');
  return {
    onMessage: (fn) => parentPort.on('message', fn),
    post: (message, transfer) => parentPort.postMessage(message, transfer),
  };
}
