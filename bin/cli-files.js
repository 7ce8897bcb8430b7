// Where the command line writes: never over one of its inputs, never two
// outputs in one file, and only where it can, checked before anything is
// read or computed so that a long run does not fail at its end.
import { closeSync, lstatSync, openSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './cli-options.js';

/** An output that cannot be written; its message is the whole story, one line. */
export class CannotWriteError extends Error {
  constructor(path, reason, cause) {
    super(`cannot write ${path}: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'CannotWriteError';
  }
}

/**
 * Refuses (UsageError) an output that is one of the inputs or another output,
 * by real path and by inode (so `./x.npy`, `x.npy`, symbolic and hard links
 * are caught), then checks that each output can be written (CannotWriteError).
 * Devices and pipes (/dev/null, /dev/stdout) are never "the same file".
 * @param {Array<{name: string, path: string}>} inputs  e.g. {name: 'embeddings file', path}
 * @param {Array<{name: string, path: string}>} outputs  e.g. {name: '-o', path}
 */
export function checkOutputs(inputs, outputs) {
  const known = inputs.map((file) => ({ ...file, id: identity(file.path) }));
  for (const output of outputs) {
    const id = identity(output.path);
    const clash = known.find((file) => same(id, file.id));
    if (clash) {
      const what = clash.input === false
        ? 'write them to two different files'
        : 'refusing to overwrite an input';
      throw new UsageError(`${output.name} ${output.path} is the ${clash.name} ${clash.path}: ${what}; nothing was written`);
    }
    known.push({ name: `${output.name} file`, path: output.path, id, input: false });
  }
  for (const output of outputs) probeWritable(output.path);
}

/** Writes one output; a failure is a CannotWriteError and leaves no partial new file. */
export async function writeOutput(path, data) {
  const existed = exists(path);
  try {
    await writeFile(path, data);
  } catch (error) {
    if (!existed) await rm(path, { force: true }).catch(() => {});
    throw new CannotWriteError(path, reason(path, error), error);
  }
}

function identity(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    // A new file: its directory's real path and its name.
    const resolved = resolve(path);
    try {
      return { real: join(realpathSync(dirname(resolved)), basename(resolved)) };
    } catch {
      return { real: resolved };
    }
  }
  if (!stats.isFile()) return null;
  return { real: realpathSync(path), dev: stats.dev, ino: stats.ino };
}

function same(a, b) {
  if (!a || !b) return false;
  return a.real === b.real || (a.ino !== undefined && a.ino === b.ino && a.dev === b.dev);
}

// Opens the file for writing without changing it: an existing one is not
// truncated, a new one is created and removed again.
function probeWritable(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (error.code !== 'ENOENT') throw new CannotWriteError(path, reason(path, error), error);
  }
  if (stats?.isDirectory()) throw new CannotWriteError(path, 'it is a directory');
  try {
    if (stats) {
      closeSync(openSync(path, 'r+'));
    } else {
      closeSync(openSync(path, 'wx'));
      try {
        unlinkSync(path);
      } catch {
        // Left empty; the write replaces it.
      }
    }
  } catch (error) {
    // EEXIST: a dangling link, or a file made meanwhile; the write will tell.
    if (error.code !== 'EEXIST') throw new CannotWriteError(path, reason(path, error), error);
  }
}

function exists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function reason(path, error) {
  switch (error.code) {
    case 'ENOENT': return `the directory ${dirname(path)} does not exist`;
    case 'ENOTDIR': return `${dirname(path)} is not a directory`;
    case 'EISDIR': return 'it is a directory';
    default: {
      // "EACCES: permission denied, open '…'" → "permission denied"
      const words = /^[A-Z0-9]+: ([^,]+)/.exec(error.message ?? '');
      return words ? words[1] : String(error.message ?? error);
    }
  }
}
