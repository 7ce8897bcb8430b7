// The page half of a live report: the report that Python's cosine_heatmap
// package shows in a notebook. The embeddings come inlined (base64 Float32
// in <script type="application/json" id="report-input">), the engine runs in
// workers started from a blob of the inlined worker bundle (WASM included),
// and the payload reportData() makes is drawn by report-renderer.js exactly
// as the command line's report is. Nothing is fetched.
import { loadEngine } from './load-engine.js';
import { reportData } from './report-data.js';
import { announcing } from './report-progress.js';

// @ts-ignore: replaced by the report build (scripts/build-report-template.js)
const WORKER_SOURCE = __COSINE_REPORT_WORKER_SOURCE__;

const LIVE_INPUT_FORMAT = 1;

function decodeFloat32(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return new Float32Array(bytes.buffer);
}

// A notebook shows the report in an iframe; cosine_heatmap's output script
// sets the frame's height from this message, so the report needs no
// scroll bar of its own. Only a number leaves the frame.
function tellHeight() {
  if (window.parent === window) return;
  window.parent.postMessage({ cosineHeatmapReportHeight: document.documentElement.scrollHeight }, '*');
}

function status(text) {
  document.getElementById('report-summary').textContent = text;
}

const PHASE_WORDS = { engine: 'loading the embeddings', order: 'ordering', overview: 'the overview', statistics: 'the statistics' };

// "2,000 items × 384 dimensions: computing in this browser: the statistics 42% · 3 s"
function progressLine(size, started) {
  return ({ phase, detail, done, total }) => {
    const percent = total ? ` ${Math.floor((100 * done) / total)}%` : '';
    const seconds = Math.round((performance.now() - started) / 1000);
    status(`${size}: computing in this browser: ${PHASE_WORDS[phase] ?? phase}${detail ? ` ${detail}` : ''}${percent} · ${seconds} s`);
  };
}

async function run() {
  const input = JSON.parse(document.getElementById('report-input').textContent);
  if (input.format !== LIVE_INPUT_FORMAT) {
    throw new Error(`this report template reads input format ${LIVE_INPUT_FORMAT}, got ${input.format}: reinstall the package`);
  }
  const [n, dim] = input.dims;
  const onProgress = progressLine(`${n.toLocaleString('en-US')} items × ${dim.toLocaleString('en-US')} dimensions`, performance.now());
  onProgress({ phase: 'engine' });
  const data = decodeFloat32(input.data);
  const workerUrl = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  // worker-pool.js starts its workers from this URL in the report bundle.
  globalThis.__cosineHeatmapEngineWorker = workerUrl;
  const cores = navigator.hardwareConcurrency || 2;
  const engine = await loadEngine({ workers: Math.max(1, Math.min(4, cores - 1)) });
  const set = await engine.embeddings({ data, dims: [n, dim] }, { onProgress: (p) => onProgress({ phase: 'engine', ...p }) });
  try {
    const options = { ...input.options, labels: input.labels, groups: input.groups ?? undefined };
    const { payload } = await reportData(announcing(set, onProgress), options);
    document.getElementById('report-data').textContent = JSON.stringify(payload);
    await globalThis.cosineHeatmapRenderReport(payload);
    tellHeight();
    window.addEventListener('resize', tellHeight);
  } finally {
    set.dispose();
  }
}

run().catch((error) => {
  document.body.dataset.state = 'error';
  const message = document.createElement('p');
  message.className = 'error';
  message.setAttribute('role', 'alert');
  message.textContent = `The report could not be computed: ${error && error.message}`;
  document.body.prepend(message);
  tellHeight();
});
