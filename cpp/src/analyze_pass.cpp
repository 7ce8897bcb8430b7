#include "cosine_heatmap/analyze_pass.hpp"

#include <algorithm>
#include <utility>

namespace cosine_heatmap {

AnalyzePassConsumer::AnalyzePassConsumer(std::int32_t n, std::int32_t bins, std::int32_t fine_bins,
                                         float duplicate_threshold, std::size_t duplicate_bound,
                                         std::vector<float> thresholds)
    : coarse_(bins),
      fine_(fine_bins),
      duplicates_(duplicate_threshold, duplicate_bound),
      best_(n, 1),
      share_(std::move(thresholds)) {
  if (NestedBins::nests(bins, fine_bins)) nested_.emplace(bins, fine_bins);
}

void AnalyzePassConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  const float duplicate_threshold = duplicates_.threshold();
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    const std::int32_t width = j_end - tile.col_begin;
    // One read of the row for both histograms; its largest value then
    // spares the rows that reach no threshold the other consumers' loops.
    const float row_max =
        nested_ ? add_pair_row_nested(fine_, coarse_, *nested_, row, width) : add_pair_row(coarse_, &fine_, row, width);
    if (row_max >= duplicate_threshold) duplicates_.consume_row(i, tile.col_begin, row, width);
    share_.consume_row(row, width, row_max);
    best_.consume_row(i, tile.col_begin, row, width, row_max);
  }
}

}  // namespace cosine_heatmap
