// The report as one HTML document: the payload from reportData() as JSON in
// a non-executed <script type="application/json">, Plotly and the renderer
// inlined. Nothing is fetched: the Content-Security-Policy allows no network
// at all and runs only the two inline scripts it names by hash, so even a
// label that slipped past the escaping could not run as script.
//
// Runs in Node (it hashes with node:crypto); the browser half is
// report-renderer.js.

const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * JSON that can sit inside <script type="application/json"> : "<" never
 * appears raw, so no "</script>" or "<!--" can end or change the element.
 */
export function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// A script's source cannot hold "</script" (it would end the element); in
// JavaScript "<\/script" means the same inside strings and regular
// expressions, the only places the sequence can occur.
function inlineScript(source) {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * @param {object} payload  from reportData()
 * @param {{plotlySource: string, rendererSource: string}} scripts
 * @returns {Promise<string>}
 */
export async function reportHtml(payload, { plotlySource, rendererSource }) {
  return reportDocument({
    title: escapeHtml(payload.title),
    data: `<script type="application/json" id="report-data">${scriptJson(payload)}</script>`,
    scripts: [plotlySource, rendererSource],
  });
}

/** Where liveReportTemplate() leaves the input JSON and the escaped title. */
export const LIVE_INPUT_PLACEHOLDER = '__COSINE_HEATMAP_REPORT_INPUT__';
export const LIVE_TITLE_PLACEHOLDER = '__COSINE_HEATMAP_REPORT_TITLE__';

/**
 * The live report (report-live.js): the same document, computed in the page
 * from embeddings inlined where LIVE_INPUT_PLACEHOLDER stands (scriptJson of
 * {format, dims, data: base64 Float32, labels, groups, options}), titled
 * where LIVE_TITLE_PLACEHOLDER stands (HTML-escaped). Its policy adds only
 * what the engine needs: Embind's eval, the inlined WASM, workers from blob:.
 * @param {{plotlySource: string, rendererSource: string, liveSource: string}} scripts
 * @returns {Promise<string>}
 */
export async function liveReportTemplate({ plotlySource, rendererSource, liveSource }) {
  return reportDocument({
    title: LIVE_TITLE_PLACEHOLDER,
    data: `<script type="application/json" id="report-input">${LIVE_INPUT_PLACEHOLDER}</script>\n`
      + '<script type="application/json" id="report-data"></script>',
    scripts: [plotlySource, rendererSource, liveSource],
    // Embind builds its call wrappers with new Function, so the engine
    // needs 'unsafe-eval' (which also allows compiling the WASM); the page
    // still reaches no network: default-src 'none' covers connect-src.
    policy: ["'unsafe-eval'", "'wasm-unsafe-eval'"],
    workers: true,
    // Shown in a notebook's frame sized to fit it: no height from the viewport.
    bodyClass: 'live',
    // Painted while the data and the scripts below are still being read.
    summary: 'Reading the report and starting the engine in this browser…',
  });
}

async function reportDocument({ title, data, scripts, policy: scriptExtras = [], workers = false, bodyClass = '', summary = '' }) {
  const { createHash } = await import('node:crypto');
  const inlined = scripts.map(inlineScript);
  const hash = (source) => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
  const policy = [
    "default-src 'none'",
    `script-src ${[...inlined.map(hash), ...scriptExtras].join(' ')}`,
    ...(workers ? ['worker-src blob:'] : []),
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cosine-heatmap report">
<title>${title}</title>
<style>${REPORT_CSS}</style>
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ''}>
<header>
<h1 id="report-title">${title}</h1>
<p id="report-summary" class="summary">${escapeHtml(summary)}</p>
</header>
<main>
<section aria-labelledby="heatmap-heading"><h2 id="heatmap-heading">Similarity matrix</h2>
<p id="level" class="note"></p>
<div id="heatmap" class="plot heatmap"></div></section>
<section aria-labelledby="flags-heading"><h2 id="flags-heading">Flags</h2>
<ul id="flags" class="flags"></ul></section>
<section aria-labelledby="histogram-heading"><h2 id="histogram-heading">Distribution of pairwise similarities</h2>
<div id="histogram" class="plot histogram"></div></section>
<section aria-labelledby="stats-heading"><h2 id="stats-heading">Statistics</h2>
<table id="statistics" class="statistics"></table>
<h3>Closest pairs</h3><table id="near-duplicates" class="pairs"></table>
<h3>Most isolated items</h3><table id="outliers" class="pairs"></table></section>
</main>
${data}
${inlined.map((source) => `<script>${source}</script>`).join('\n')}
</body>
</html>
`;
}

const REPORT_CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
.summary,.note{color:#444;margin:.25rem 0}.error{color:#a40000;font-weight:600}
.heatmap{width:100%;height:min(80vh,860px);min-height:420px}.live .heatmap{height:760px}.histogram{width:100%;height:320px}
.flags{padding-left:1.2rem}.flags li{margin:.35rem 0}.flags .warning::marker{content:"⚠ "}.flags .info::marker{content:"ℹ "}
.flags .none{list-style:none;margin-left:-1.2rem;color:#2a6a2a}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.2rem .8rem .2rem 0;text-align:left;vertical-align:top}
th{font-weight:600}td.number{text-align:right}
`;
