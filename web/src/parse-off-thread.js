import { CosineHeatmapError } from './errors.js';
import { ParseError } from './parse-error.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// parseEmbeddings / parseMetadata in a worker of their own, so a 100 MB file
// never freezes the page. Takes the same input and options, plus
// {onProgress, signal}; cancel terminates the worker. A File or Blob is
// handed to the worker as is (a handle, not its bytes).
export function parseEmbeddingsOffThread(input, options = {}) {
  return runParseWorker('embeddings', input, options);
}

export function parseMetadataOffThread(input, options = {}) {
  return runParseWorker('metadata', input, options);
}

async function runParseWorker(kind, input, { onProgress, signal, ...options }) {
  if (signal?.aborted) throw abortError(signal);
  const worker = await spawn();
  // Cancel may have come while the worker was starting.
  if (signal?.aborted) {
    worker.terminate();
    throw abortError(signal);
  }
  return new Promise((resolve, reject) => {
    const finish = (settle, value) => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      settle(value);
    };
    const onAbort = () => finish(reject, abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onMessage(({ progress, result, error }) => {
      if (progress) onProgress?.(progress);
      else if (error) finish(reject, rebuildError(error));
      else finish(resolve, result);
    });
    worker.onError((error) => finish(reject, new CosineHeatmapError(`the parsing worker failed: ${error?.message ?? error}`)));
    worker.post({ kind, input, options });
  });
}

async function spawn() {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url));
    return {
      onMessage: (fn) => worker.on('message', fn),
      onError: (fn) => worker.on('error', fn),
      post: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
  }
  const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { type: 'module' });
  return {
    onMessage: (fn) => worker.addEventListener('message', (event) => fn(event.data)),
    onError: (fn) => worker.addEventListener('error', (event) => fn(event)),
    post: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
}

function rebuildError(error) {
  return error.name === 'ParseError' ? ParseError.revive(error) : new CosineHeatmapError(error.message);
}

function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new CosineHeatmapError('parsing was cancelled', { code: 'ABORT_ERR' });
}
