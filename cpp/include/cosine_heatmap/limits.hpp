// Limits and sizes that JavaScript must know too. They are defined here
// only; the bindings export them (Embind constants) and the engine reads them
// from its workers when it starts, so no number is written twice.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cosine_heatmap/hierarchical_clustering.hpp"

namespace cosine_heatmap {

// What one engine worker holds of one set: wasm32 addresses 4 GiB, and the
// rest of the heap (workspaces, results, other sets) needs the last one.
constexpr std::size_t kMaxSetBytes = std::size_t{3} * 1024 * 1024 * 1024;

// The whole heap a wasm32 module can address.
constexpr double kMaxHeapBytes = 4294967296.0;

// Fine histogram behind analyze()'s quantiles: bins of width 1e-4 on
// [-1, 1], so a quantile read from it is off by less than 1e-4.
constexpr std::int32_t kQuantileBins = 20000;

}  // namespace cosine_heatmap
