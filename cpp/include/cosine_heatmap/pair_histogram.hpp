// Distribution of S(i, j) over pairs j < i: equal-width bins on [−1, 1] plus
// the exact moments and extremes, mergeable across bands and workers.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

struct PairHistogram {
  // counts[b] covers [−1 + b·w, −1 + (b + 1)·w), w = 2 / bins; the last bin
  // also holds 1. Values outside [−1, 1] (float rounding of unit dot
  // products can give 1.0000001) are clamped into the end bins.
  std::vector<std::uint64_t> counts;
  std::uint64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();

  explicit PairHistogram(std::int32_t bins = 100);

  std::int32_t bins() const { return static_cast<std::int32_t>(counts.size()); }
  double bin_width() const { return 2.0 / static_cast<double>(counts.size()); }
  double edge(std::int32_t b) const { return -1.0 + b * bin_width(); }
  // bins + 1 edges, edges()[0] = −1, edges()[bins] = 1.
  std::vector<double> edges() const;
  // The one place a value is assigned a bin, shared with the quantile pass
  // so both passes agree on which bin every value lies in. Inline: it runs
  // for every pair of a pass.
  std::int32_t bin_of(float value) const {
    const std::int32_t last = bins() - 1;
    // float arithmetic, written once: bins are compared against each other
    // across passes, so the mapping must be identical, not merely close.
    const float scaled = (value + 1.0f) * (0.5f * static_cast<float>(counts.size()));
    if (!(scaled > 0.0f)) return 0;
    const std::int32_t b = static_cast<std::int32_t>(scaled);
    return b > last ? last : b;
  }

  double mean() const { return count ? sum / static_cast<double>(count) : 0.0; }
  // Population standard deviation of the pair values.
  double std_dev() const;

  // Approximate quantile (q in [0, 1]) by linear interpolation inside the
  // bin holding the rank: error up to one bin width. QuantileRefineConsumer
  // gives the exact version.
  double approximate_quantile(double q) const;

  // Same bin count required (the caller guarantees it).
  void merge(const PairHistogram& other);
};

// Pair values row[0..width) (width >= 1) into `first` and, unless null,
// `second`, in one read; each gets exactly what it would alone. Returns
// the largest value.
float add_pair_row(PairHistogram& first, PairHistogram* second, const float* row, std::int32_t width);

// A coarse histogram whose bins are unions of `ratio` fine bins (fine bins =
// ratio × coarse bins, ratio >= 3), counted mostly by the fine one. A value
// whose fine bin is neither the first nor the last of its coarse bin lies in
// that coarse bin whatever rounding bin_of meets: its scaled value is at
// least 1/ratio of a coarse bin from either edge, the rounding error under
// 1e-6 of one. So only values in those edge fine bins are binned on their
// own, and the coarse counts are the same, count for count, as binning every
// value: one bin_of and one increment per value instead of two.
class NestedBins {
 public:
  // Whether `coarse` bins nest this way in `fine` ones.
  static bool nests(std::int32_t coarse, std::int32_t fine) { return coarse > 0 && fine % coarse == 0 && fine / coarse >= 3; }
  NestedBins(std::int32_t coarse, std::int32_t fine);
  bool at_edge(std::int32_t fine_bin) const { return at_edge_[static_cast<std::size_t>(fine_bin)] != 0; }
  const std::uint8_t* edges() const { return at_edge_.data(); }
  // `coarse` fed only the edge values (add_pair_row_nested), plus the fine
  // counts of every other fine bin.
  PairHistogram whole(const PairHistogram& coarse, const PairHistogram& fine) const;

 private:
  std::int32_t ratio_;
  std::vector<std::uint8_t> at_edge_;
};

// Like add_pair_row(fine, &coarse, ...), but coarse.counts receive only the
// values in edge fine bins (`nested`); NestedBins::whole completes them.
float add_pair_row_nested(PairHistogram& fine, PairHistogram& coarse, const NestedBins& nested, const float* row,
                          std::int32_t width);

class PairHistogramConsumer : public TileConsumer {
 public:
  explicit PairHistogramConsumer(std::int32_t bins = 100) : histogram_(bins) {}
  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  void merge(const PairHistogramConsumer& other) { histogram_.merge(other.histogram_); }
  const PairHistogram& histogram() const { return histogram_; }

 private:
  PairHistogram histogram_;
};

}  // namespace cosine_heatmap
