// The library starts module workers
// (new Worker(new URL('./engine-worker.js', import.meta.url), {type: 'module'})):
// Vite must bundle them as ES modules. The .wasm is found by Emscripten's
// new URL('cosine-core.wasm', import.meta.url), which Vite emits as an asset.
export default {
  worker: { format: 'es' },
  build: { target: 'es2022' },
  // The dev server pre-bundles dependencies with esbuild, which would move the
  // library away from its workers and .wasm: serve it as it is.
  optimizeDeps: { exclude: ['cosine-heatmap'] },
  // Only because this example links the repository (file:../..): the dev
  // server may serve files from it. Not needed for a package from npm.
  server: { fs: { allow: ['../..'] } },
};
