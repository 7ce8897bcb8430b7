// The matrix seen from afar: each overview cell reduces a block of the
// (ordered) similarity matrix to one number, so any n fits on a screen.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Cells along one axis: cell k covers ordered positions [edges[k], edges[k+1]).
// `order` maps a position to an item (a permutation of 0..n-1); null means
// the original order.
struct OverviewAxes {
  const std::int32_t* order = nullptr;
  std::vector<std::int32_t> row_edges;
  std::vector<std::int32_t> col_edges;
};

// Exact block means without visiting a single pair: the mean of x̂ᵢ·x̂ⱼ over
// A×B is (Σ_A x̂ᵢ)·(Σ_B x̂ⱼ) / (|A|·|B|). Cost O(n·d + cells·d).
// out: (row cells) × (col cells), row-major.
Status overview_mean(const NormalizedRows& x, const OverviewAxes& axes, float* out,
                     GramWorkspace& workspace);

// Block maxima (or minima) need every pair: computed from tiles of gathered
// rows. Only row cells [cell_begin, cell_end) are filled, so workers can
// share the rows; out holds those rows × all column cells.
Status overview_extreme(const NormalizedRows& x, const OverviewAxes& axes, bool maximum,
                        std::int32_t cell_begin, std::int32_t cell_end, float* out,
                        GramWorkspace& workspace);

}  // namespace cosine_heatmap
