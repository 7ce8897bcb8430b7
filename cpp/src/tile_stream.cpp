#include "cosine_heatmap/tile_stream.hpp"

#include <algorithm>

namespace cosine_heatmap {
namespace {

// 256 × 256 floats: a 256 KiB buffer, reused for every tile of the stream.
constexpr std::int32_t kStreamTile = 256;

}  // namespace

void stream_lower_tiles(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                        TileConsumer& consumer, GramWorkspace& workspace,
                        std::vector<float>& tile_buffer) {
  tile_buffer.resize(static_cast<std::size_t>(kStreamTile) * kStreamTile);
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kStreamTile) {
    const std::int32_t r1 = std::min(row_end, r0 + kStreamTile);
    for (std::int32_t c0 = 0; c0 < r1; c0 += kStreamTile) {
      const std::int32_t c1 = std::min(r1, c0 + kStreamTile);
      const std::size_t ld = static_cast<std::size_t>(c1 - c0);
      gram_tile(x.row(r0), r1 - r0, x.row(c0), c1 - c0, x.dim, tile_buffer.data(), ld, workspace);
      consumer.consume(TileRange{r0, r1, c0, c1}, tile_buffer.data(), ld);
    }
  }
}

}  // namespace cosine_heatmap
