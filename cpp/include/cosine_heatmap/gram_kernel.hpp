// The hot path: dot products between two sets of unit rows, A·Bᵀ, computed
// by a register-blocked micro-kernel over packed panels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cosine_heatmap {

// Depth block: each dot product is summed in float over at most this many
// dimensions, and the blocks are added up in double, so the error does not
// grow with d. For unit rows x, y stored in float, |computed − exact cos| ≤
// (kGramDepthBlock + 3)·2⁻²⁴ ≈ 7.8e-6 at any d: Σ|xₖyₖ| ≤ 1 (Cauchy–Schwarz),
// a float sum of k products errs by at most k·2⁻²⁴ times its Σ|xₖyₖ|, storing
// x and y in float and rounding the result add 3·2⁻²⁴, and the double sums
// of up to 2²⁴ blocks add under 2e-9. Rows of other lengths (sums of rows):
// the same bound times ‖a‖·‖b‖.
constexpr std::int32_t kGramDepthBlock = 128;

// Scratch space for the packed panels and the double sums; keep one per
// thread and reuse it so a stream of tiles allocates once.
struct GramWorkspace {
  std::vector<float> packed_a;
  std::vector<float> packed_b;
  std::vector<double> sums;
};

// out[i * ldo + j] = dot(a_i, b_j) for i < na, j < nb. Rows of a and b are
// contiguous, row-major, d floats each. Every entry is summed in the same
// order in every build (WASM SIMD128, SSE2, scalar), so all get the same
// bits; for d ≤ kGramDepthBlock it is one float sum.
void gram_tile(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
               float* out, std::size_t ldo, GramWorkspace& workspace);

// The part of gram_tile on or left of a diagonal, for tiles the symmetric
// product crosses: every out[i * ldo + j] with j ≤ i + diagonal, summed as
// gram_tile sums it (the same bits). Entries right of it may be written too
// (the micro-tiles that straddle it) or left as they were. A diagonal tile
// of a set against itself has diagonal 0; at nb − 1 or more it is gram_tile.
void gram_tile_lower(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
                     float* out, std::size_t ldo, GramWorkspace& workspace, std::int32_t diagonal);

// Which SIMD path this build compiled ("wasm-simd128", "sse2" or "scalar").
const char* gram_kernel_isa();

}  // namespace cosine_heatmap
