// One tile stream feeding several consumers: the tile is computed once and
// read by each while it is still in cache, so a histogram, near-duplicates
// and top-k share a single pass.
#pragma once

#include <vector>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

class TileFanOut : public TileConsumer {
 public:
  // Not owned: the consumers must outlive the stream.
  void add(TileConsumer& consumer) { consumers_.push_back(&consumer); }
  void consume(const TileRange& tile, const float* data, std::size_t ld) override {
    for (TileConsumer* consumer : consumers_) consumer->consume(tile, data, ld);
  }

 private:
  std::vector<TileConsumer*> consumers_;
};

}  // namespace cosine_heatmap
