// The hot path: dot products between two sets of unit rows, A·Bᵀ, computed
// by a register-blocked micro-kernel over packed panels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cosine_heatmap {

// Scratch space for the packed panels; keep one per thread and reuse it so a
// stream of tiles allocates once.
struct GramWorkspace {
  std::vector<float> packed_a;
  std::vector<float> packed_b;
};

// out[i * ldo + j] = dot(a_i, b_j) for i < na, j < nb. Rows of a and b are
// contiguous, row-major, d floats each.
void gram_tile(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
               float* out, std::size_t ldo, GramWorkspace& workspace);

// Which SIMD path this build compiled ("wasm-simd128", "sse2" or "scalar").
const char* gram_kernel_isa();

}  // namespace cosine_heatmap
