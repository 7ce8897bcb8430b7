#!/usr/bin/env bash
# Builds the libFuzzer targets in tests/fuzz/ (clang, ASan + UBSan) and runs
# each for FUZZ_SECONDS (default 20; `npm run fuzz` runs them longer). Each
# target starts from its seed corpus in tests/fuzz/corpus/<target>/, which
# also holds every input that once crashed it, so a run is a regression test
# too. New interesting inputs go to build/fuzz/corpus/<target>/ (not checked
# in); crashes are written to build/fuzz/artifacts/ and fail the script.
#
#   scripts/fuzz.sh                       every target, FUZZ_SECONDS each
#   scripts/fuzz.sh normalize_fuzzer      one target
#   FUZZ_SECONDS=600 scripts/fuzz.sh      longer
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${FUZZ_SECONDS:-20}"
# Debian's clang-14 package installs clang++-14; the clang package adds clang++.
CXX="${FUZZ_CXX:-$(command -v clang++ || command -v clang++-14 || echo clang++)}"
EIGEN="${EIGEN_INCLUDE:-/usr/include/eigen3}"
OUT=build/fuzz
COMMON=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all -Icpp/include -I"$EIGEN")
# The core is compiled once, in parallel, with coverage instrumentation but
# without libFuzzer's main (fuzzer-no-link); each target links it with main.
CORE_FLAGS=("${COMMON[@]}" -fsanitize=fuzzer-no-link,address,undefined)
TARGET_FLAGS=("${COMMON[@]}" -fsanitize=fuzzer,address,undefined)

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in tests/fuzz/*_fuzzer.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

mkdir -p "$OUT/artifacts" "$OUT/obj"
echo "== fuzz: building the core with ASan + UBSan + coverage"
export CXX OUT
for o in "$OUT"/obj/*.o; do [ -e "$o" ] && [ ! -e "cpp/src/$(basename "$o" .o).cpp" ] && rm -f "$o"; done
printf '%s\n' cpp/src/*.cpp | xargs -P "$(nproc)" -I{} sh -c \
  'src="$1"; shift; o="$OUT/obj/$(basename "$src" .cpp).o"
   [ "$o" -nt "$src" ] && [ -z "$(find cpp/include -newer "$o" -print -quit)" ] || "$CXX" "$@" -c "$src" -o "$o"' \
  sh {} "${CORE_FLAGS[@]}"

failed=()
for target in "${targets[@]}"; do
  echo "== fuzz $target (${SECONDS_PER_TARGET}s)"
  "$CXX" "${TARGET_FLAGS[@]}" "$OUT"/obj/*.o "tests/fuzz/$target.cpp" -o "$OUT/$target"
  mkdir -p "$OUT/corpus/$target"
  # -max_len bounds an input (and so n, d and the texts); -timeout makes a
  # hang a failure; -rss_limit_mb catches runaway allocation.
  if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$OUT/$target" "$OUT/corpus/$target" "tests/fuzz/corpus/$target" \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$OUT/artifacts/$target-" -print_final_stats=1 2>"$OUT/$target.log"; then
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ *DONE)' "$OUT/$target.log" || true
  else
    tail -n 40 "$OUT/$target.log"
    echo "FAILED: $target (crash input in $OUT/artifacts/; log in $OUT/$target.log)"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets that failed: ${failed[*]}"
  exit 1
fi
