// Streams the lower triangles of two self-similarity matrices of the same
// items side by side, tile for tile, for statistics that need both values
// of a pair at once (differences, rank correlation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/similarity.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

class TilePairConsumer {
 public:
  virtual ~TilePairConsumer() = default;
  // data_a[(i − row_begin)·ld + (j − col_begin)] = Sᴬ(i, j), data_b likewise
  // Sᴮ(i, j). As in stream_lower_tiles, tiles straddling the diagonal also
  // carry j >= i, which a consumer counting each pair once skips.
  virtual void consume(const TileRange& tile, const float* data_a, const float* data_b, std::size_t ld) = 0;
};

// Rows [row_begin, row_end) against columns [0, row_end), like
// stream_lower_tiles; bands are independent. Fails unless a and b have the
// same number of rows (their dims may differ).
Status stream_lower_tile_pairs(const NormalizedRows& a, const NormalizedRows& b, std::int32_t row_begin,
                               std::int32_t row_end, TilePairConsumer& consumer, GramWorkspace& workspace,
                               std::vector<float>& buffer_a, std::vector<float>& buffer_b);

}  // namespace cosine_heatmap
