// Cosine similarity matrices from normalized rows: whole (self, cross) or
// one tile at a time, the unit that workers and streaming consumers share.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Half-open index ranges of a tile: rows [row_begin, row_end) of `a` against
// rows [col_begin, col_end) of `b`.
struct TileRange {
  std::int32_t row_begin = 0;
  std::int32_t row_end = 0;
  std::int32_t col_begin = 0;
  std::int32_t col_end = 0;
};

// Writes the tile row-major into out with row stride ldo (>= its width).
Status similarity_tile(const NormalizedRows& a, const NormalizedRows& b, const TileRange& tile,
                       float* out, std::size_t ldo, GramWorkspace& workspace);

// out: n×n, row-major. Computes the lower triangle tile by tile and mirrors
// it, so the result is exactly symmetric and costs about half the product.
void self_similarity(const NormalizedRows& x, float* out);

// One band of the lower triangle: rows [row_begin, row_end) against columns
// [0, row_end), written row-major with stride row_end. Entries right of the
// diagonal inside the band are computed too but carry no guarantee of
// matching their mirror image bit for bit. Workers split self-similarity
// into such bands.
Status similarity_band(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                       float* out, GramWorkspace& workspace);

// The whole of rows [row_begin, row_end) left of column row_end, exactly
// symmetric (the band's entries right of the diagonal are copies of their
// mirrors, not computed), followed by the transpose of its first row_begin
// columns (row_begin × band height): rows [0, row_begin) of the matrix at
// columns [row_begin, row_end). So the caller places a band with
// contiguous row copies and no strided mirror. out holds
// (row_end - row_begin) × (row_end + row_begin) floats. Computes only tiles
// on or below the diagonal: about the band's share of the triangle.
Status similarity_band_with_transpose(const NormalizedRows& x, std::int32_t row_begin,
                                      std::int32_t row_end, float* out, GramWorkspace& workspace);

// Rows [row_begin, row_end) of x against all rows of y: out is
// (row_end - row_begin) × y.rows, row-major.
Status cross_similarity_rows(const NormalizedRows& x, const NormalizedRows& y,
                             std::int32_t row_begin, std::int32_t row_end, float* out,
                             GramWorkspace& workspace);

// out: n×m, row-major. Fails when the dimensions differ.
Status cross_similarity(const NormalizedRows& x, const NormalizedRows& y, float* out);

}  // namespace cosine_heatmap
