// Module workers ('es'): the library starts its workers with
// new Worker(new URL('./engine-worker.js', import.meta.url), {type: 'module'}).
export default {
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', minify: false, reportCompressedSize: false, chunkSizeWarningLimit: 8000 },
  logLevel: 'warn',
};
