#!/usr/bin/env bash
# Builds everything the page and the package need: the WASM core and the
# browser copy of Plotly (served from our own origin, never a CDN).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-wasm.sh
mkdir -p web/build
cp node_modules/plotly.js-dist-min/plotly.min.js web/build/plotly.min.js
