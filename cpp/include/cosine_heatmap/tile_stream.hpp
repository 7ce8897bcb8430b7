// Streams the self-similarity matrix tile by tile to a consumer, so passes
// over all pairs (histograms, block max/min, top-k) never hold n×n.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/similarity.hpp"

namespace cosine_heatmap {

class TileConsumer {
 public:
  virtual ~TileConsumer() = default;
  // data[(i - tile.row_begin) * ld + (j - tile.col_begin)] = S(i, j).
  virtual void consume(const TileRange& tile, const float* data, std::size_t ld) = 0;
};

// Visits the lower triangle for rows [row_begin, row_end): tiles of those
// rows against columns [0, row_end). Tiles that straddle the diagonal also
// carry entries with j >= i; a consumer counting each pair once keeps j < i.
// Bands of rows are independent, which is how workers split a pass.
void stream_lower_tiles(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                        TileConsumer& consumer, GramWorkspace& workspace,
                        std::vector<float>& tile_buffer);

}  // namespace cosine_heatmap
