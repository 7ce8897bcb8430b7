#include "cosine_heatmap/share_above.hpp"

#include <algorithm>

namespace cosine_heatmap {

ShareAboveConsumer::ShareAboveConsumer(std::vector<float> thresholds)
    : thresholds_(std::move(thresholds)), sorted_(thresholds_) {
  std::sort(sorted_.begin(), sorted_.end());
  sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
  slot_counts_.assign(sorted_.size() + 1, 0);
}

void ShareAboveConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  const float* first = sorted_.data();
  const float* last = first + sorted_.size();
  // Most pairs fall below the smallest threshold (thresholds flag high
  // similarity); they skip the search.
  const float lowest = sorted_.empty() ? 0.0f : sorted_.front();
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    const std::int32_t width = j_end - tile.col_begin;
    pair_count_ += static_cast<std::uint64_t>(width);
    if (sorted_.empty()) continue;
    for (std::int32_t j = 0; j < width; ++j) {
      const float v = row[j];
      if (v < lowest) continue;
      ++slot_counts_[static_cast<std::size_t>(std::upper_bound(first, last, v) - first)];
    }
  }
}

void ShareAboveConsumer::merge(const ShareAboveConsumer& other) {
  for (std::size_t k = 0; k < slot_counts_.size() && k < other.slot_counts_.size(); ++k)
    slot_counts_[k] += other.slot_counts_[k];
  pair_count_ += other.pair_count_;
}

std::vector<std::uint64_t> ShareAboveConsumer::counts_at_or_above() const {
  // at_or_above[k] for sorted_[k]: values with more than k thresholds <= v.
  std::vector<std::uint64_t> at_or_above(sorted_.size(), 0);
  std::uint64_t running = 0;
  for (std::size_t k = sorted_.size(); k-- > 0;) {
    running += slot_counts_[k + 1];
    at_or_above[k] = running;
  }
  std::vector<std::uint64_t> out;
  out.reserve(thresholds_.size());
  for (float t : thresholds_) {
    const auto k = std::lower_bound(sorted_.begin(), sorted_.end(), t) - sorted_.begin();
    out.push_back(at_or_above[static_cast<std::size_t>(k)]);
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
