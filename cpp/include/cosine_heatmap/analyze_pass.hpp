// The exact statistics pass of analyze() as one consumer: a coarse and a
// fine histogram, shares at or above thresholds, near-duplicates and each
// item's best neighbour, from a single read of each tile row. Equal, number
// for number, to feeding the five separate consumers through a TileFanOut
// (tests/cpp/analyze_pass_test.cpp), at a fraction of the per-pair cost:
// the moments are summed once for both histograms, the coarse counts are
// mostly read off the fine ones (NestedBins), and the row's largest
// value lets whole rows skip the threshold, near-duplicate and top-k work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "cosine_heatmap/near_duplicates.hpp"
#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/share_above.hpp"
#include "cosine_heatmap/tile_stream.hpp"
#include "cosine_heatmap/top_k.hpp"

namespace cosine_heatmap {

class AnalyzePassConsumer : public TileConsumer {
 public:
  // n items; `bins` and `fine_bins` histogram bins; near-duplicates at or
  // above duplicate_threshold (the best duplicate_bound kept); shares at or
  // above each of `thresholds`; the best neighbour (top-1) of every item.
  AnalyzePassConsumer(std::int32_t n, std::int32_t bins, std::int32_t fine_bins, float duplicate_threshold,
                      std::size_t duplicate_bound, std::vector<float> thresholds);

  void consume(const TileRange& tile, const float* data, std::size_t ld) override;

  // The coarse histogram (completed from the fine counts where its bins nest).
  PairHistogram histogram() const { return nested_ ? nested_->whole(coarse_, fine_) : coarse_; }
  const PairHistogram& fine() const { return fine_; }
  const NearDuplicateConsumer& duplicates() const { return duplicates_; }
  const TopKConsumer& best() const { return best_; }
  const ShareAboveConsumer& share() const { return share_; }

 private:
  PairHistogram coarse_;
  PairHistogram fine_;
  std::optional<NestedBins> nested_;  // when the coarse bins nest in the fine ones
  NearDuplicateConsumer duplicates_;
  TopKConsumer best_;
  ShareAboveConsumer share_;
};

}  // namespace cosine_heatmap
