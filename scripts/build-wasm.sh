#!/usr/bin/env bash
# Builds the WASM core (web/build/cosine-core.{js,wasm}) with Emscripten.
# Flags are grouped by purpose, as sql.js does, so each can be read and changed alone.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's emscripten runs its JS optimizer with the system node modules.
export NODE_PATH=/usr/share/nodejs

OUT=web/build
mkdir -p "$OUT"

COMPILE_FLAGS=(-std=c++17 -O3 -msimd128 -Icpp/include -I/usr/include/eigen3 -DNDEBUG -DEIGEN_NO_DEBUG)
# ES module factory; no Node environment: its Node path needs __dirname, which
# ES modules lack, so Node callers pass the .wasm bytes in (wasmBinary).
MODULE_FLAGS=(--bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createCosineCore
  -sENVIRONMENT=web,worker -sFILESYSTEM=0)
# The heap grows with the data, up to wasm32's 4 GB ceiling.
MEMORY_FLAGS=(-sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sMAXIMUM_MEMORY=4294967296)
EXPORT_FLAGS=(-sEXPORTED_FUNCTIONS=_malloc,_free)

SOURCES=(cpp/src/*.cpp cpp/bindings/*.cpp)

em++ "${COMPILE_FLAGS[@]}" "${SOURCES[@]}" "${MODULE_FLAGS[@]}" "${MEMORY_FLAGS[@]}" \
  "${EXPORT_FLAGS[@]}" -o "$OUT/cosine-core.js"
echo "built $OUT/cosine-core.js and $OUT/cosine-core.wasm ($(stat -c %s "$OUT/cosine-core.wasm") bytes)"
