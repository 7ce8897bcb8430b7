#include "cosine_heatmap/pair_summary.hpp"

#include <algorithm>

namespace cosine_heatmap {

void PairSummary::merge(const PairSummary& other) {
  count += other.count;
  sum += other.sum;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

void PairSummaryConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    float row_min = summary_.min, row_max = summary_.max;
    // Float partial sums per row stay accurate (at most one tile wide); the
    // running total is double.
    float row_sum = 0;
    for (std::int32_t j = tile.col_begin; j < j_end; ++j) {
      const float v = row[j - tile.col_begin];
      row_sum += v;
      row_min = std::min(row_min, v);
      row_max = std::max(row_max, v);
    }
    summary_.count += j_end - tile.col_begin;
    summary_.sum += row_sum;
    summary_.min = row_min;
    summary_.max = row_max;
  }
}

}  // namespace cosine_heatmap
