import { CosineHeatmapError } from './errors.js';
import { WorkerClient } from './worker-client.js';

// parseEmbeddings / parseMetadata in a worker of their own, so a 100 MB file
// never freezes the page. Takes the same input and options, plus
// {onProgress, signal}; cancel terminates the worker. A File or Blob is
// handed to the worker as is (a handle, not its bytes). The worker speaks
// the engine's protocol (worker-serve.js), so a ParseError arrives with its
// position and a failure with its code.
export function parseEmbeddingsOffThread(input, options = {}) {
  return runParseWorker('parseEmbeddings', input, options);
}

export function parseMetadataOffThread(input, options = {}) {
  return runParseWorker('parseMetadata', input, options);
}

async function runParseWorker(action, input, { onProgress, signal, ...options } = {}) {
  if (signal?.aborted) throw abortError(signal);
  const client = await WorkerClient.spawn(
    new URL('./parse-worker.js', import.meta.url),
    () => new Worker(new URL('./parse-worker.js', import.meta.url), { type: 'module' }),
  );
  const onAbort = () => client.terminate(abortError(signal).message, 'ABORT_ERR');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Cancel may have come while the worker was starting.
    if (signal?.aborted) throw abortError(signal);
    return await client.request(action, { input, options }, [], { onProgress });
  } catch (error) {
    throw signal?.aborted ? abortError(signal) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    client.terminate();
  }
}

function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new CosineHeatmapError('parsing was cancelled', { code: 'ABORT_ERR' });
}
