// The native counterpart: bench/native-kernel.cpp (our C++ kernel and Eigen's
// SYRK/GEMM) built with g++ -O3 -msse2, i.e. 128-bit SIMD like WASM SIMD and
// no AVX. Built into build/bench/ when missing, older than a source, or built
// with other flags.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { resultRow } from './measure.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'build', 'bench');
const BINARY = join(OUT_DIR, 'native-kernel');
const STAMP = `${BINARY}.cmd`;

function compileArgs() {
  const sources = readdirSync(join(ROOT, 'cpp', 'src'))
    .filter((name) => name.endsWith('.cpp'))
    .sort()
    .map((name) => join('cpp', 'src', name));
  return ['-O3', '-msse2', '-mno-avx', '-std=c++17', '-DNDEBUG', '-Icpp/include', '-I/usr/include/eigen3',
    'bench/native-kernel.cpp', ...sources, '-o', BINARY];
}

function newestSourceMs() {
  const files = [join(ROOT, 'bench', 'native-kernel.cpp')];
  for (const dir of [join(ROOT, 'cpp', 'src'), join(ROOT, 'cpp', 'include', 'cosine_heatmap')]) {
    for (const name of readdirSync(dir)) files.push(join(dir, name));
  }
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

export async function buildNative() {
  const args = compileArgs();
  const command = ['g++', ...args].join(' ');
  const fresh = existsSync(BINARY) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === command &&
    statSync(BINARY).mtimeMs >= newestSourceMs();
  if (fresh) return BINARY;
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    await run('g++', args, { cwd: ROOT });
  } catch (error) {
    throw new Error(`native bench build failed (${command}): ${error.stderr || error.message}`, { cause: error });
  }
  writeFileSync(STAMP, command);
  return BINARY;
}

// One process per size, one after the other, so runs never share the cores.
export async function benchNative(sizes, { repeats = 5 } = {}) {
  const binary = await buildNative();
  const rows = [];
  for (const { n, d } of sizes) {
    const { stdout } = await run(binary, [String(n), String(d), String(repeats)]);
    const result = JSON.parse(stdout.trim().split('\n').pop());
    const flops = 2 * n * n * d;
    rows.push(
      resultRow('native g++ -msse2, our kernel', n, d, result.kernelSeconds * 1e3, repeats),
      resultRow('native g++ -msse2, Eigen SYRK', n, d, result.eigenSyrkSeconds * 1e3, repeats),
      // The binary prints GEMM's rate only; its time follows from it.
      resultRow('native g++ -msse2, Eigen GEMM', n, d, flops / result.eigenGemmGflops / 1e6, repeats),
    );
  }
  return rows;
}
