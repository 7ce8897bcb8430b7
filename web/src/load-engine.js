import { checkEngineOptions, Engine } from './engine.js';

const engines = new Map();

// options: {workers (default: the machine's cores), wasmUrl (default: next
// to the library), matrixBudgetBytes (default 1 GiB), copyBudgetBytes
// (worker memory all copies of one set may take; default 512 MiB or two
// copies, whichever is more)}.
// One engine per distinct options, created on first use and shared after:
// several views on a page, or several calls in a script, use one worker and
// one WASM instance. A failed start is not cached, so a retry can succeed.
export function loadEngine(options = {}) {
  let settings;
  try {
    settings = checkEngineOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  settings.wasmUrl = resolveUrl(settings.wasmUrl);
  // Infinity is a valid budget that JSON would write as null.
  const key = JSON.stringify({
    ...settings,
    matrixBudgetBytes: String(settings.matrixBudgetBytes),
    copyBudgetBytes: String(settings.copyBudgetBytes),
  });
  if (!engines.has(key)) {
    const created = Engine.create(settings, () => engines.delete(key));
    created.catch(() => engines.delete(key));
    engines.set(key, created);
  }
  return engines.get(key);
}

// The worker resolves relative URLs against its own location, not the
// page's, so make them absolute here.
function resolveUrl(url) {
  if (url === undefined || url === null) return undefined;
  if (url instanceof URL) return url.href;
  if (typeof location === 'object' && location?.href) return new URL(url, location.href).href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(url, `file://${process.cwd()}/`).href;
}
