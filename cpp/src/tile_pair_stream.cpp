#include "cosine_heatmap/tile_pair_stream.hpp"

#include <algorithm>
#include <string>

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kStreamTile = 256;

}  // namespace

Status stream_lower_tile_pairs(const NormalizedRows& a, const NormalizedRows& b, std::int32_t row_begin,
                               std::int32_t row_end, TilePairConsumer& consumer, GramWorkspace& workspace,
                               std::vector<float>& buffer_a, std::vector<float>& buffer_b) {
  if (a.rows != b.rows) {
    return Status::failure("compare: the two sets must hold the same items, got " + std::to_string(a.rows) +
                           " and " + std::to_string(b.rows) + " rows");
  }
  if (row_begin < 0 || row_end > a.rows || row_begin > row_end) {
    return Status::failure("compare: rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                           ") are outside 0.." + std::to_string(a.rows));
  }
  const std::size_t tile_size = static_cast<std::size_t>(kStreamTile) * kStreamTile;
  buffer_a.resize(tile_size);
  buffer_b.resize(tile_size);
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kStreamTile) {
    const std::int32_t r1 = std::min(row_end, r0 + kStreamTile);
    for (std::int32_t c0 = 0; c0 < r1; c0 += kStreamTile) {
      const std::int32_t c1 = std::min(r1, c0 + kStreamTile);
      const std::size_t ld = static_cast<std::size_t>(c1 - c0);
      gram_tile(a.row(r0), r1 - r0, a.row(c0), c1 - c0, a.dim, buffer_a.data(), ld, workspace);
      gram_tile(b.row(r0), r1 - r0, b.row(c0), c1 - c0, b.dim, buffer_b.data(), ld, workspace);
      consumer.consume(TileRange{r0, r1, c0, c1}, buffer_a.data(), buffer_b.data(), ld);
    }
  }
  return Status::success();
}

}  // namespace cosine_heatmap
