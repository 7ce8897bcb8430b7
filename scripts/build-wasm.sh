#!/usr/bin/env bash
# Builds the WASM core (web/build/cosine-core.{js,wasm}): the Emscripten
# configuration of the CMakeLists.txt that also builds the native core and
# its tests, so both compile the same sources with the same flags and
# warnings. The em++ link flags are in CMakeLists.txt, grouped by purpose.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's emscripten runs its JS optimizer with the system node modules
# (CMakeLists.txt sets it for the link too; here it covers the configure).
export NODE_PATH=/usr/share/nodejs

emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$(nproc)"
echo "built web/build/cosine-core.js and web/build/cosine-core.wasm ($(stat -c %s web/build/cosine-core.wasm) bytes)"
