// Exact counts of pairs j < i with S(i, j) >= each threshold: the share of
// highly similar pairs, without the rounding of histogram bins.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

class ShareAboveConsumer : public TileConsumer {
 public:
  // Thresholds in any order, duplicates allowed; results follow that order.
  explicit ShareAboveConsumer(std::vector<float> thresholds);

  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  // One row segment of `width` pairs whose largest value is row_max: only
  // thresholds at or below it are counted, each as one branch-free loop.
  void consume_row(const float* row, std::int32_t width, float row_max);
  // Same thresholds required.
  void merge(const ShareAboveConsumer& other);

  const std::vector<float>& thresholds() const { return thresholds_; }
  // Pairs with S >= thresholds()[t], and that over all pairs seen (0 when
  // none were).
  std::vector<std::uint64_t> counts_at_or_above() const;
  std::vector<double> shares() const;
  std::uint64_t pair_count() const { return pair_count_; }

 private:
  std::vector<float> thresholds_;
  std::vector<float> sorted_;  // ascending, unique
  // at_or_above_[k]: values v >= sorted_[k].
  std::vector<std::uint64_t> at_or_above_;
  std::uint64_t pair_count_ = 0;
};

}  // namespace cosine_heatmap
