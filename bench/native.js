// The native counterpart: bench/native-kernel.cpp (our C++ kernel and Eigen's
// SYRK/GEMM) built with g++ -O3 -msse2, i.e. 128-bit SIMD like WASM SIMD and
// no AVX. A second build with AVX2 and FMA (256-bit fused multiply-add, which
// WASM SIMD128 does not have) shows what the instruction set itself costs:
// its rows are the ceiling no WASM build can reach on the same machine.
// Built into build/bench/ when missing, older than a source, or built with
// other flags.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { resultRow } from './measure.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'build', 'bench');

// name: what the rows are called; flags: the instruction set.
export const NATIVE_BUILDS = {
  sse2: { name: 'native g++ -msse2', flags: ['-msse2', '-mno-avx'] },
  fma: { name: 'native g++ -mavx2 -mfma', flags: ['-mavx2', '-mfma'] },
};

function compileArgs(binary, flags) {
  const sources = readdirSync(join(ROOT, 'cpp', 'src'))
    .filter((name) => name.endsWith('.cpp'))
    .sort()
    .map((name) => join('cpp', 'src', name));
  return ['-O3', ...flags, '-std=c++17', '-DNDEBUG', '-Icpp/include', '-I/usr/include/eigen3',
    'bench/native-kernel.cpp', ...sources, '-o', binary];
}

function newestSourceMs() {
  const files = [join(ROOT, 'bench', 'native-kernel.cpp')];
  for (const dir of [join(ROOT, 'cpp', 'src'), join(ROOT, 'cpp', 'include', 'cosine_heatmap')]) {
    for (const name of readdirSync(dir)) files.push(join(dir, name));
  }
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

export async function buildNative(build = 'sse2') {
  const binary = join(OUT_DIR, build === 'sse2' ? 'native-kernel' : `native-kernel-${build}`);
  const stamp = `${binary}.cmd`;
  const args = compileArgs(binary, NATIVE_BUILDS[build].flags);
  const command = ['g++', ...args].join(' ');
  const fresh = existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === command &&
    statSync(binary).mtimeMs >= newestSourceMs();
  if (fresh) return binary;
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    await run('g++', args, { cwd: ROOT });
  } catch (error) {
    throw new Error(`native bench build failed (${command}): ${error.stderr || error.message}`, { cause: error });
  }
  writeFileSync(stamp, command);
  return binary;
}

// One process per size, one after the other, so runs never share the cores.
export async function benchNative(sizes, { repeats = 5, build = 'sse2' } = {}) {
  const binary = await buildNative(build);
  const { name } = NATIVE_BUILDS[build];
  const rows = [];
  for (const { n, d } of sizes) {
    const { stdout } = await run(binary, [String(n), String(d), String(repeats)]);
    const result = JSON.parse(stdout.trim().split('\n').pop());
    const flops = 2 * n * n * d;
    rows.push(
      resultRow(`${name}, our kernel`, n, d, result.kernelSeconds * 1e3, repeats),
      resultRow(`${name}, Eigen SYRK`, n, d, result.eigenSyrkSeconds * 1e3, repeats),
      // The binary prints GEMM's rate only; its time follows from it.
      resultRow(`${name}, Eigen GEMM`, n, d, flops / result.eigenGemmGflops / 1e6, repeats),
    );
  }
  return rows;
}
