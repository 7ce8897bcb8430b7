#!/usr/bin/env node
// cosine-heatmap report <embeddings> [options] -o report.html
// One self-contained HTML report (heatmap, histogram, flags, statistics) that
// opens offline, computed by the same WASM core the page uses.
//
// Every failure is one line on stderr: bad usage exits 2 (with the usage),
// bad input or a file that cannot be read or written exits 1. Only a bug
// (an error the library does not raise on purpose) prints a stack.
import { CosineHeatmapError } from '../web/src/errors.js';
import { createReport } from '../web/src/report-file.js';
import { CannotWriteError, checkOutputs, writeOutput } from './cli-files.js';
import { USAGE, UsageError, parseCommandLine } from './cli-options.js';
import { progressLine } from './cli-progress.js';

async function main(argv) {
  const command = parseCommandLine(argv);
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { input, output, json, labels } = command;
  // Before anything is read or computed.
  checkOutputs(
    [{ name: 'embeddings file', path: input }, ...(labels === undefined ? [] : [{ name: '--labels file', path: labels }])],
    [...(output === undefined ? [] : [{ name: '-o', path: output }]), ...(json === undefined ? [] : [{ name: '--json', path: json }])],
  );

  const progress = progressLine(process.stderr, { quiet: command.quiet });
  const write = (path, text) => {
    progress.update({ phase: 'write', detail: path });
    return writeOutput(path, text);
  };
  let stats;
  try {
    const report = await createReport(input, { ...command.report, labels, onProgress: progress.update });
    stats = report.stats;
    if (output !== undefined) await write(output, report.html);
    if (json !== undefined) await write(json, `${JSON.stringify(stats, null, 2)}\n`);
  } finally {
    // The summary, or a failure's message, on a clean line.
    progress.finish();
  }
  summary(stats, [output, json]);
}

function summary(stats, outputs) {
  const flags = stats.flags.length === 0 ? 'no flags' : stats.flags.map((flag) => `${flag.level} ${flag.id}`).join(', ');
  const written = outputs.filter((path) => path !== undefined).join(' and ');
  process.stderr.write(`cosine-heatmap: ${stats.n} items × ${stats.dim} dimensions; ${flags}; wrote ${written}\n`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`cosine-heatmap: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof CosineHeatmapError || error instanceof CannotWriteError) {
    // The library's message as the page shows it (a parser's names the
    // file, line and column), or which output could not be written and why.
    process.stderr.write(`cosine-heatmap: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`cosine-heatmap: unexpected failure: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  }
}
