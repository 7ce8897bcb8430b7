// Is relaxed SIMD's fused multiply-add reachable with this toolchain
// (emscripten 3.1.6)? Compiles one f32x4 multiply-add with -mrelaxed-simd
// and asks this Node's V8 to compile the result, as built and with the
// instruction re-encoded to the standardized opcode, with and without
// --experimental-wasm-relaxed-simd. Prints what happened; changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = `#include <wasm_simd128.h>
__attribute__((export_name("madd"))) v128_t madd(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_fma_f32x4((__f32x4)a, (__f32x4)b, (__f32x4)c);
}
`;
// The prototype encoding clang 14 emits (f32x4.fma, 0xfd 0xaf 0x01) and the
// standardized one V8 decodes (f32x4.relaxed_madd, 0x105: 0xfd 0x85 0x02).
const PROTOTYPE = Buffer.from([0xfd, 0xaf, 0x01]);
const STANDARD = Buffer.from([0xfd, 0x85, 0x02]);

function validates(file, flags) {
  try {
    execFileSync(process.execPath, [...flags, '-e', `new WebAssembly.Module(require('fs').readFileSync(${JSON.stringify(file)}))`],
      { stdio: 'pipe' });
    return 'compiles';
  } catch (error) {
    return String(error.stderr).match(/CompileError: (.*)/)?.[1] ?? 'fails';
  }
}

export function probeRelaxedSimd() {
  const dir = mkdtempSync(join(tmpdir(), 'relaxed-simd-'));
  try {
    writeFileSync(join(dir, 'madd.c'), SOURCE);
    let version;
    try {
      version = execFileSync('emcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
      execFileSync('emcc', ['-O2', '-msimd128', '-mrelaxed-simd', 'madd.c', '-o', 'madd.wasm', '--no-entry'], { cwd: dir, stdio: 'pipe' });
    } catch (error) {
      return { built: false, reason: `emcc could not build it: ${String(error.stderr ?? error.message).trim().split('\n')[0]}` };
    }
    const built = readFileSync(join(dir, 'madd.wasm'));
    const at = built.indexOf(PROTOTYPE);
    const opcode = at >= 0 ? '0xfd 0xaf 0x01 (f32x4.fma, the pre-standard encoding)' : 'no prototype f32x4.fma found';
    const standard = Buffer.from(built);
    if (at >= 0) STANDARD.copy(standard, at);
    writeFileSync(join(dir, 'standard.wasm'), standard);
    const file = (name) => join(dir, name);
    return {
      built: true,
      version,
      opcode,
      asBuilt: validates(file('madd.wasm'), []),
      asBuiltFlag: validates(file('madd.wasm'), ['--experimental-wasm-relaxed-simd']),
      standard: validates(file('standard.wasm'), []),
      standardFlag: validates(file('standard.wasm'), ['--experimental-wasm-relaxed-simd']),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(probeRelaxedSimd());
