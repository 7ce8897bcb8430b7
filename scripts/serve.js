// Serves web/ as a static site (the demo page, the library sources, the WASM
// build and the default data set), and examples/ at /examples/. Any static
// file server would do; this one exists so `npm start` needs nothing else,
// and tests reuse it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../web/', import.meta.url)));
const REPO = resolve(fileURLToPath(new URL('../', import.meta.url)));

// The examples are written to run from a checkout, reaching the library as
// ../../web/src/… and Plotly as ../../node_modules/plotly.js-dist-min/…; from
// /examples/<name>/ those resolve to /web/ and /node_modules/…, so both are
// mounted too and every example runs unchanged from the demo server.
export const EXAMPLE_MOUNTS = {
  '/examples/': join(REPO, 'examples'),
  '/web/': ROOT,
  '/node_modules/plotly.js-dist-min/': join(REPO, 'node_modules', 'plotly.js-dist-min'),
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.npy': 'application/octet-stream',
};

// What makes a page cross-origin isolated, so it has SharedArrayBuffer and
// the engine's workers write whole matrices straight into their place.
// Every request here is same-origin, so nothing the page loads is blocked.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// {headers}: sent with every file (e.g. ISOLATION_HEADERS).
export function createStaticServer(root = ROOT, { headers = {} } = {}) {
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://localhost');
      const path = decodeURIComponent(url.pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) return send(response, 403, 'forbidden');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        // A folder's page needs its URL to end in '/', or its relative links
        // miss; relative, so it also holds under a mount prefix.
        if (!path.endsWith('/')) return redirect(response, `${basename(path)}/${url.search}`);
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(response, 404, `not found: ${path}`);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).pipe(response);
    } catch (error) {
      send(response, 400, `bad request: ${error.message}`);
    }
  });
}

/**
 * `top` at /, each mounted directory at its prefix (which starts and ends
 * with '/'): {'/examples/': '/path/to/examples'}.
 * @param {import('node:http').Server} top  e.g. createStaticServer()
 * @param {Record<string, string>} mounts
 */
export function createMountServer(top, mounts) {
  const servers = Object.entries(mounts).map(([prefix, dir]) => {
    if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`mount prefix must be /…/: ${prefix}`);
    return [prefix, createStaticServer(resolve(dir))];
  });
  return createServer((request, response) => {
    const mount = servers.find(([prefix]) => request.url.startsWith(prefix));
    const bare = servers.find(([prefix]) => request.url.split('?')[0] === prefix.slice(0, -1));
    if (bare) return redirect(response, bare[0]);
    if (!mount) return top.emit('request', request, response);
    request.url = request.url.slice(mount[0].length - 1);
    mount[1].emit('request', request, response);
  });
}

/** What `npm start` serves: web/ at /, the examples at /examples/. */
export function createDemoServer() {
  return createMountServer(createStaticServer(), EXAMPLE_MOUNTS);
}

function redirect(response, location) {
  response.writeHead(301, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`moved to ${location}`);
}

function send(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

export function listen(server, port, host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePort(server.address().port));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? 'localhost';
  const actual = await listen(createDemoServer(), port, host);
  console.log(`cosine-heatmap demo: http://localhost:${actual}/ (examples: http://localhost:${actual}/examples/)`);
}
