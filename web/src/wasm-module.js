// Instantiates the Emscripten build of the core. Runs inside the engine's
// worker. The build leaves Node out of its environments (its Node path needs
// __dirname, which ES modules lack), so in Node we read the .wasm ourselves
// and hand the bytes over.
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** @param {any} [options] @returns {Promise<import('./cosine-core.js').CosineCore>} */
export async function instantiateCore({ wasmUrl } = {}) {
  const { default: createCosineCore } = await import('../build/cosine-core.js');
  const moduleArgs = {};
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    moduleArgs.wasmBinary = await readFile(new URL(wasmUrl ?? '../build/cosine-core.wasm', import.meta.url));
  } else if (wasmUrl) {
    moduleArgs.locateFile = () => wasmUrl;
  }
  return createCosineCore(moduleArgs);
}
