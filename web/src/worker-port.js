// The worker side of a message channel, the same in a module Web Worker and
// in Node's worker_threads: onMessage, post (with transfers) and exit, which
// says why before it ends the worker (a worker that closes itself raises no
// event in the page).
export async function connectWorkerPort() {
  // @ts-ignore: WorkerGlobalScope exists only inside workers
  if (typeof WorkerGlobalScope !== 'undefined') {
    return {
      onMessage: (fn) => self.addEventListener('message', (event) => fn(event.data)),
      post: (message, transfer) => self.postMessage(message, transfer),
      exit: (reason) => {
        self.postMessage({ fatal: reason });
        self.close();
      },
    };
  }
  const { parentPort } = await import('node:worker_threads');
  return {
    onMessage: (fn) => parentPort.on('message', fn),
    post: (message, transfer) => parentPort.postMessage(message, transfer),
    exit: (reason) => {
      parentPort.postMessage({ fatal: reason });
      process.exit(1);
    },
  };
}
