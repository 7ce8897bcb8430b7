#!/usr/bin/env node
// cosine-heatmap report <embeddings> [options] -o report.html
// One self-contained HTML report (heatmap, histogram, flags, statistics) that
// opens offline, computed by the same WASM core the page uses.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CosineHeatmapError } from '../web/src/errors.js';
import { createReport } from '../web/src/report-file.js';

const USAGE = `Usage: cosine-heatmap report <embeddings> [options] -o report.html

Writes one self-contained HTML file (data, Plotly and the view inlined; it
opens offline) with the similarity heatmap, the histogram of pairwise
similarities, the flags and the statistics.

  <embeddings>            .npy, .csv, .tsv, .json or .jsonl (one vector per row)
  -o, --output FILE       the report to write (required unless --json is given)
  --json FILE             also write the statistics (set.analyze()) as JSON
  --labels FILE           metadata table (.tsv / .csv), one row per item
  --label-column NAME     metadata column for the labels (default: the first)
  --group-column NAME     metadata column for groups (group statistics, --order groups)
  --title TEXT            the report's title
  --order METHOD          original | average | complete | single | spectral | groups
  --color-scale NAME      e.g. Blues (default), RdBu, Viridis
  --size N                cells per axis of the embedded overview (default 512)
  --format FORMAT         auto (default) | npy | csv | tsv | json | jsonl
  --workers N             engine workers (default: the machine's cores)
  -h, --help              this help

Exit status: 0 on success, 1 on bad input (the message names the file and
the place), 2 on bad usage.`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'string' },
  labels: { type: 'string' },
  'label-column': { type: 'string' },
  'group-column': { type: 'string' },
  title: { type: 'string' },
  order: { type: 'string' },
  'color-scale': { type: 'string' },
  size: { type: 'string' },
  format: { type: 'string' },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

class UsageError extends Error {}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, input, ...extra] = positionals;
  if (command !== 'report') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (!input) throw new UsageError('report: no embeddings file given');
  if (extra.length > 0) throw new UsageError(`report: unexpected arguments ${extra.join(' ')}`);
  if (!values.output && !values.json) throw new UsageError('report: say where to write it: -o report.html (and/or --json stats.json)');

  const { html, stats } = await createReport(input, {
    labels: values.labels,
    labelColumn: values['label-column'],
    groupColumn: values['group-column'],
    title: values.title,
    order: values.order ?? 'original',
    colorScale: values['color-scale'],
    size: integer(values.size, '--size', 512),
    format: values.format ?? 'auto',
    workers: values.workers === undefined ? undefined : integer(values.workers, '--workers'),
  });
  if (values.output) await writeFile(values.output, html);
  if (values.json) await writeFile(values.json, `${JSON.stringify(stats, null, 2)}\n`);
  const flags = stats.flags.length === 0 ? 'no flags' : stats.flags.map((flag) => `${flag.level} ${flag.id}`).join(', ');
  const written = [values.output, values.json].filter(Boolean).join(' and ');
  process.stderr.write(`cosine-heatmap: ${stats.n} items × ${stats.dim} dimensions; ${flags}; wrote ${written}\n`);
}

function integer(text, name, fallback) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a positive integer, got "${text}"`);
  return value;
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`cosine-heatmap: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof CosineHeatmapError) {
    // The parser's message as the page shows it: file, line and column.
    process.stderr.write(`cosine-heatmap: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`cosine-heatmap: unexpected failure: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  }
}
