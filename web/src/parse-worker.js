// Entry point of a parsing worker: parses one input off the page's thread
// and sends back the vectors (transferred, not copied), progress as it goes,
// or the error with its position, through the one worker protocol.
import { parseEmbeddings } from './parse-embeddings.js';
import { parseMetadata } from './parse-metadata.js';
import { serveRequests } from './worker-serve.js';

const PROGRESS_INTERVAL_MS = 50;

await serveRequests(async (action, { input, options }, { progress }) => {
  if (action === 'parseMetadata') return { result: await parseMetadata(input, options) };
  if (action !== 'parseEmbeddings') throw new Error(`unknown parsing action "${action}"`);
  let last = 0;
  const onProgress = ({ done, total }) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
    last = now;
    progress(done, total);
  };
  const result = await parseEmbeddings(input, { ...options, onProgress });
  return { result, transfer: [result.data.buffer] };
});
