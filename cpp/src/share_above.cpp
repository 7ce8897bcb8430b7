#include "cosine_heatmap/share_above.hpp"

#include <algorithm>

namespace cosine_heatmap {

ShareAboveConsumer::ShareAboveConsumer(std::vector<float> thresholds)
    : thresholds_(std::move(thresholds)), sorted_(thresholds_) {
  std::sort(sorted_.begin(), sorted_.end());
  sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
  at_or_above_.assign(sorted_.size(), 0);
}

void ShareAboveConsumer::consume_row(const float* row, std::int32_t width, float row_max) {
  pair_count_ += static_cast<std::uint64_t>(width);
  // A count per threshold, not a search per value: the default thresholds
  // include -0.5, which nearly every pair passes.
  for (std::size_t k = 0; k < sorted_.size() && sorted_[k] <= row_max; ++k) {
    const float t = sorted_[k];
    std::uint32_t above = 0;
    for (std::int32_t j = 0; j < width; ++j) above += row[j] >= t ? 1u : 0u;
    at_or_above_[k] += above;
  }
}

void ShareAboveConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    const std::int32_t width = j_end - tile.col_begin;
    float row_max = row[0];
    for (std::int32_t j = 1; j < width; ++j) row_max = std::max(row_max, row[j]);
    consume_row(row, width, row_max);
  }
}

void ShareAboveConsumer::merge(const ShareAboveConsumer& other) {
  for (std::size_t k = 0; k < at_or_above_.size() && k < other.at_or_above_.size(); ++k)
    at_or_above_[k] += other.at_or_above_[k];
  pair_count_ += other.pair_count_;
}

std::vector<std::uint64_t> ShareAboveConsumer::counts_at_or_above() const {
  std::vector<std::uint64_t> out;
  out.reserve(thresholds_.size());
  for (float t : thresholds_) {
    const auto k = std::lower_bound(sorted_.begin(), sorted_.end(), t) - sorted_.begin();
    out.push_back(at_or_above_[static_cast<std::size_t>(k)]);
  }
  return out;
}

std::vector<double> ShareAboveConsumer::shares() const {
  std::vector<double> out;
  for (std::uint64_t c : counts_at_or_above())
    out.push_back(pair_count_ ? static_cast<double>(c) / static_cast<double>(pair_count_) : 0.0);
  return out;
}

}  // namespace cosine_heatmap
