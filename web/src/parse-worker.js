// Entry point of a parsing worker: parses one input off the page's thread
// and sends back the vectors (transferred, not copied), progress as it goes,
// or the error with its position.
import { parseEmbeddings } from './parse-embeddings.js';
import { parseMetadata } from './parse-metadata.js';
import { connectWorkerPort } from './worker-port.js';

const port = await connectWorkerPort();

port.onMessage(async ({ kind, input, options }) => {
  try {
    if (kind === 'metadata') {
      port.post({ result: await parseMetadata(input, options) });
      return;
    }
    let last = 0;
    const onProgress = (progress) => {
      const now = Date.now();
      if (now - last < 50 && progress.done < progress.total) return;
      last = now;
      port.post({ progress });
    };
    const result = await parseEmbeddings(input, { ...options, onProgress });
    port.post({ result }, [result.data.buffer]);
  } catch (error) {
    const { message, name, reason, file, line, column, offset, row } = error ?? {};
    port.post({ error: { message: message ?? String(error), name, reason, file, line, column, offset, row } });
  }
});
