#!/usr/bin/env bash
# Runs every suite: C++ (Catch2 through ctest), JavaScript (node's test
# runner) and browser end to end (headless Chromium). All suites run even if
# one fails; the exit status says whether all passed.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()

echo "== C++ core (Catch2 via ctest)"
if cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null &&
  cmake --build build/native -j"$(nproc)" >/dev/null &&
  ctest --test-dir build/native --output-on-failure; then :; else failed+=("C++"); fi

echo "== C++ core under AddressSanitizer + UndefinedBehaviorSanitizer"
if cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOSINE_HEATMAP_SANITIZE=ON >/dev/null &&
  cmake --build build/sanitize -j"$(nproc)" >/dev/null &&
  ctest --test-dir build/sanitize --output-on-failure; then :; else failed+=("C++ sanitizers"); fi

echo "== C++ fuzz targets (libFuzzer, ASan + UBSan, ${FUZZ_SECONDS:-20}s each)"
bash scripts/fuzz.sh || failed+=("C++ fuzzing")

echo "== JavaScript (node --test tests/js)"
node --test tests/js/ || failed+=("JavaScript")

echo "== Python package (unittest; a notebook run by nbconvert, opened in headless Chromium)"
if PYTHONPATH=python "${PYTHON:-/usr/bin/python3}" -m unittest discover -s tests/python &&
  node --test --test-concurrency=1 tests/python/; then :; else failed+=("Python"); fi

echo "== Browser end to end (node --test tests/e2e)"
node --test --test-concurrency=1 tests/e2e/ || failed+=("browser")

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all suites passed"
