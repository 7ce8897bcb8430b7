// Quantiles of S(i, j) over pairs j < i, refined by a second pass over the
// tiles: the histogram of the first pass says which bin holds each wanted
// rank, and this pass looks only inside those bins.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

// Definition: numpy's default ("linear"): with N pairs sorted ascending,
// rank h = q·(N − 1), and the quantile interpolates linearly between the
// order statistics floor(h) and ceil(h).
//
// How exact: a bin holding at most kMaxCollectedPerBin pairs is collected
// and the order statistic is the exact float32 S value (what the heatmap
// shows). A fuller bin is sub-histogrammed with at least 4096 sub-bins and
// sub-bins no wider than 5e-5; the order statistic is its sub-bin's
// midpoint, off by at most half a sub-bin: ≤ 2.5e-5. Memory is
// O(bins + wanted bins × max(kMaxCollectedPerBin, sub-bins)), never O(N).
class QuantileRefineConsumer : public TileConsumer {
 public:
  static constexpr std::uint64_t kMaxCollectedPerBin = 1u << 16;

  // `histogram` is the complete (merged) first pass over the same pairs.
  // Every worker builds its consumer from the same histogram, so all agree
  // on which bins are collected and which sub-histogrammed.
  QuantileRefineConsumer(const PairHistogram& histogram, std::vector<double> probabilities);

  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  void merge(const QuantileRefineConsumer& other);

  // One value per probability, in the order given; NaN when there are no
  // pairs.
  std::vector<double> quantiles() const;
  // The largest error bound among the bins used (0 when every wanted bin was
  // collected; float32 rounding of S itself aside).
  double max_error() const;

 private:
  struct BinState {
    std::int32_t bin = 0;
    std::uint64_t expected = 0;
    bool collect = true;
    std::vector<float> values;
    std::vector<std::uint64_t> sub_counts;
  };
  struct OrderStatistic {
    std::int32_t slot = -1;
    std::uint64_t rank_in_bin = 0;
  };

  double order_statistic(const OrderStatistic& s) const;
  std::int32_t sub_bin_of(const BinState& state, float value) const;

  PairHistogram histogram_;  // counts, min, max of the first pass; never updated
  std::vector<double> probabilities_;
  std::vector<std::int32_t> slot_of_bin_;  // −1: no wanted rank in that bin
  std::vector<BinState> slots_;
  std::vector<OrderStatistic> lower_, upper_;  // per probability
  std::int32_t sub_bins_ = 4096;
};

}  // namespace cosine_heatmap
