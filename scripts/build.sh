#!/usr/bin/env bash
# Builds everything the page and the package need: the WASM core and the
# browser copy of Plotly (served from our own origin, never a CDN).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-wasm.sh
# The factory's type, so tsc checks the worker code against the raw core's
# declarations (web/src/cosine-core.d.ts) instead of reading the generated JS.
echo "export default function createCosineCore(moduleArgs?: object): Promise<import('../src/cosine-core.js').CosineCore>;" \
  > web/build/cosine-core.d.ts
mkdir -p web/build
cp node_modules/plotly.js-dist-min/plotly.min.js web/build/plotly.min.js

# The Parquet (hyparquet + hyparquet-compressors) and Arrow (apache-arrow)
# readers for the page's parsing worker, each bundled into one module: a
# module worker has no import map to resolve the npm names
# (web/src/load-table-libs.js falls back to these files).
for libs in parquet-libs arrow-libs; do
  node_modules/.bin/rolldown "web/src/$libs.js" --format esm --platform browser --minify \
    --file "web/build/$libs.js" > /dev/null
done

# Transformers.js for the page's Texts tab: its self-contained browser bundle
# and the ONNX Runtime wasm files from the same package (so their versions
# match), served from our origin instead of its default CDN.
TJS=node_modules/@huggingface/transformers/dist
if [ -f "$TJS/transformers.min.js" ]; then
  mkdir -p web/build/transformers
  cp "$TJS/transformers.min.js" "$TJS"/ort-wasm-simd-threaded.jsep.{mjs,wasm} web/build/transformers/
fi

# The live report template Python's cosine_heatmap package fills
# (python/cosine_heatmap/_static/, build output): `pip install ./python` after this.
node scripts/build-report-template.js
