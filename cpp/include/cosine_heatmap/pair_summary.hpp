// Count, sum, minimum and maximum of S(i, j) over pairs j < i: the simplest
// consumer of the tile stream, mergeable across bands and workers.
#pragma once

#include <cstdint>
#include <limits>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

struct PairSummary {
  double count = 0;
  double sum = 0;
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();

  void merge(const PairSummary& other);
};

class PairSummaryConsumer : public TileConsumer {
 public:
  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  const PairSummary& summary() const { return summary_; }

 private:
  PairSummary summary_;
};

}  // namespace cosine_heatmap
