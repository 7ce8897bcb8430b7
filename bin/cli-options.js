// The command line's words, checked before anything is read or computed:
// every mistake in them is a UsageError (exit 2, with the usage), so a long
// run never fails at its end for a typo.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CosineHeatmapError } from '../web/src/errors.js';
import { COLOR_SCALE_NAMES, resolveColorScale } from '../web/src/heatmap-color-scales.js';
import { ORDER_METHODS, RANGE_MODES } from '../web/src/heatmap-options.js';

// What reportData() accepts for its overview (web/src/report-data.js).
const SIZE = { min: 2, max: 2048, fallback: 512 };
// Each worker is a WASM instance of about 11 MiB holding its own copy of the
// set: 48 of them took 574 MiB on a small set. More workers than cores only
// cost memory.
export const MAX_WORKERS = 64;
const FORMATS = ['auto', 'npy', 'csv', 'tsv', 'json', 'jsonl', 'parquet', 'arrow', 'safetensors'];
// Tables that carry their own metadata columns (labels and groups without --labels).
const TABLE_NAME = /\.(parquet|pq|arrow|arrows|feather|ipc)$/i;

export const USAGE = `Usage: cosine-heatmap report <embeddings> [options] -o report.html

Writes one self-contained HTML file (data, Plotly and the view inlined; it
opens offline) with the similarity heatmap, the histogram of pairwise
similarities, the flags and the statistics.

  <embeddings>            .npy, .csv, .tsv, .json, .jsonl (one vector per row),
                          .parquet, .arrow/.arrows/.feather or .safetensors
  -o, --output FILE       the report to write (required unless --json is given)
  --json FILE             also write the statistics (set.analyze()) as JSON
  --labels FILE           metadata table (.tsv / .csv), one row per item
  --label-column NAME     metadata column for the labels (default: the first; a
                          Parquet/Arrow file's own columns too, default its first text column)
  --group-column NAME     metadata column for groups (group statistics, --order groups)
  --column NAME           Parquet/Arrow: the embeddings column (when several could be)
  --tensor NAME           safetensors: the embeddings tensor (when several could be)
  --clusters K            groups cut from the tree instead: K clusters of --order's
                          linkage (average by default; spectral above 10,000 items)
  --title TEXT            the report's title
  --order METHOD          ${ORDER_METHODS.join(' | ')}
                          (default auto: by group with --group-column, else
                          average linkage up to 5,000 items, spectral above)
  --color-scale NAME      e.g. Blues (default), RdBu, Viridis
  --range RANGE           ${RANGE_MODES.join(' | ')} (default robust: the 1st to
                          99th percentile of the cells; auto: lowest to
                          highest cell; fixed: −1 to 1); the colour bar says which
  --size N                cells per axis of the embedded overview, ${SIZE.min} to ${SIZE.max} (default ${SIZE.fallback})
  --format FORMAT         ${FORMATS.join(' | ')} (default auto)
  --workers N             engine workers, 1 to ${MAX_WORKERS} (default: the machine's cores, at most ${MAX_WORKERS})
  -q, --quiet             no progress line (it is shown only when stderr is a terminal)
  -h, --help              this help

Outputs may not name an input or each other, and are checked to be writable
before anything is computed.

Exit status: 0 on success; 1 on bad input (the message names the file and
the place) or a file that cannot be read or written; 2 on bad usage.`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'string' },
  labels: { type: 'string' },
  'label-column': { type: 'string' },
  'group-column': { type: 'string' },
  column: { type: 'string' },
  tensor: { type: 'string' },
  clusters: { type: 'string' },
  title: { type: 'string' },
  order: { type: 'string' },
  'color-scale': { type: 'string' },
  range: { type: 'string' },
  size: { type: 'string' },
  format: { type: 'string' },
  workers: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
};

export class UsageError extends Error {}

/**
 * @param {string[]} argv  the arguments after the script
 * @returns {{help: true} | {help: false, input: string, output?: string, json?: string, labels?: string, quiet: boolean, report: object}}
 *   `report`: the options of createReport() but `labels`
 */
export function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // Node's own words (unknown option, missing value), on one line.
    throw new UsageError(error.message.replace(/\s*\n\s*/g, ' '));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { help: true };
  const seen = new Set();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`${token.rawName} is given more than once`);
    seen.add(token.name);
  }
  const [command, input, ...extra] = positionals;
  if (command !== 'report') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (!input) throw new UsageError('report: no embeddings file given');
  if (extra.length > 0) throw new UsageError(`report: unexpected arguments ${extra.join(' ')}`);
  for (const name of ['output', 'json', 'labels']) {
    if (values[name] === '') throw new UsageError(`--${name} needs a file name`);
  }
  if (values.output === undefined && values.json === undefined) {
    throw new UsageError('report: say where to write it: -o report.html (and/or --json stats.json)');
  }
  const ownColumns = TABLE_NAME.test(input) || ['parquet', 'arrow'].includes(values.format);
  if (values.labels === undefined && !ownColumns) {
    for (const name of ['label-column', 'group-column']) {
      if (values[name] !== undefined) throw new UsageError(`--${name} needs a metadata table (--labels metadata.tsv)`);
    }
  }
  const order = oneOf(values.order, '--order', ORDER_METHODS) ?? 'auto';
  if (values.clusters !== undefined && values['group-column'] !== undefined) {
    throw new UsageError('--clusters and --group-column both give the groups: choose one');
  }
  if (order === 'groups' && values['group-column'] === undefined && values.clusters === undefined) {
    throw new UsageError('--order groups needs a group per item: --labels metadata.tsv --group-column NAME');
  }
  return {
    help: false,
    input,
    output: values.output,
    json: values.json,
    labels: values.labels,
    quiet: values.quiet === true,
    report: {
      labelColumn: values['label-column'],
      groupColumn: values['group-column'],
      column: values.column,
      tensor: values.tensor,
      clusters: wholeNumber(values.clusters, '--clusters', { min: 1, max: 2 ** 31 - 1 }),
      title: values.title,
      order,
      colorScale: colorScale(values['color-scale']),
      range: oneOf(values.range, '--range', RANGE_MODES) ?? 'robust',
      size: wholeNumber(values.size, '--size', SIZE) ?? SIZE.fallback,
      format: oneOf(values.format, '--format', FORMATS) ?? 'auto',
      workers: wholeNumber(values.workers, '--workers', { min: 1, max: MAX_WORKERS })
        ?? Math.min(availableParallelism(), MAX_WORKERS),
    },
  };
}

function wholeNumber(text, name, { min, max }) {
  if (text === undefined) return undefined;
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function oneOf(text, name, allowed) {
  if (text === undefined || allowed.includes(text)) return text;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')}; got "${text}"`);
}

// The view's own check decides (names are case-insensitive, _r reverses the
// ColorBrewer ones); the message speaks of the command line.
function colorScale(text) {
  if (text === undefined) return undefined;
  try {
    resolveColorScale(text);
  } catch (error) {
    if (!(error instanceof CosineHeatmapError)) throw error;
    throw new UsageError(
      `--color-scale must be one of ${COLOR_SCALE_NAMES.join(', ')} (add _r to reverse a ColorBrewer scale such as Blues_r); got "${text}"`,
    );
  }
  return text;
}
