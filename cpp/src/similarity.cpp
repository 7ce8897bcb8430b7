#include "cosine_heatmap/similarity.hpp"

#include <algorithm>
#include <string>

namespace cosine_heatmap {
namespace {

// Square tiles of this many rows keep both packed operands (2 × 256 × d
// floats) inside a typical L2 cache for d up to about 1,000.
constexpr std::int32_t kTile = 256;

Status check_same_dim(const NormalizedRows& a, const NormalizedRows& b) {
  if (a.dim != b.dim) {
    return Status::failure("x and y must have the same dimension: x has d = " +
                           std::to_string(a.dim) + ", y has d = " + std::to_string(b.dim));
  }
  return Status::success();
}

bool inside(std::int32_t begin, std::int32_t end, std::int32_t size) {
  return 0 <= begin && begin <= end && end <= size;
}

// Mirrors tile [r0, r1) × [c0, c1) of the lower triangle into the upper
// one; on a diagonal tile only its own lower half, so S(i, j) and S(j, i)
// are always the same float. In 32 × 32 blocks: a column of writes then
// stays within 32 cache lines that the next rows reuse (unblocked, each
// write of a 256-row tile fell on another line).
void mirror_tile(float* out, std::size_t ld, std::int32_t r0, std::int32_t r1, std::int32_t c0, std::int32_t c1) {
  constexpr std::int32_t kBlock = 32;
  for (std::int32_t i0 = r0; i0 < r1; i0 += kBlock) {
    const std::int32_t i1 = std::min(r1, i0 + kBlock);
    for (std::int32_t j0 = c0; j0 < std::min(c1, i1); j0 += kBlock) {
      const std::int32_t j1 = std::min(c1, j0 + kBlock);
      for (std::int32_t i = i0; i < i1; ++i) {
        const std::size_t row = static_cast<std::size_t>(i) * ld;
        for (std::int32_t j = j0; j < std::min(j1, i); ++j) out[static_cast<std::size_t>(j) * ld + i] = out[row + j];
      }
    }
  }
}

}  // namespace

Status similarity_tile(const NormalizedRows& a, const NormalizedRows& b, const TileRange& tile,
                       float* out, std::size_t ldo, GramWorkspace& workspace) {
  Status same = check_same_dim(a, b);
  if (!same.ok) return same;
  if (!inside(tile.row_begin, tile.row_end, a.rows) ||
      !inside(tile.col_begin, tile.col_end, b.rows) ||
      ldo < static_cast<std::size_t>(tile.col_end - tile.col_begin)) {
    return Status::failure("tile [" + std::to_string(tile.row_begin) + ", " +
                           std::to_string(tile.row_end) + ") x [" +
                           std::to_string(tile.col_begin) + ", " + std::to_string(tile.col_end) +
                           ") is outside the " + std::to_string(a.rows) + " x " +
                           std::to_string(b.rows) + " matrix");
  }
  gram_tile(a.row(tile.row_begin), tile.row_end - tile.row_begin, b.row(tile.col_begin),
            tile.col_end - tile.col_begin, a.dim, out, ldo, workspace);
  return Status::success();
}

void self_similarity(const NormalizedRows& x, float* out) {
  const std::int32_t n = x.rows;
  const std::size_t ld = static_cast<std::size_t>(n);
  GramWorkspace workspace;
  for (std::int32_t r0 = 0; r0 < n; r0 += kTile) {
    const std::int32_t r1 = std::min(n, r0 + kTile);
    for (std::int32_t c0 = 0; c0 <= r0; c0 += kTile) {
      const std::int32_t c1 = std::min(n, c0 + kTile);
      float* corner = out + static_cast<std::size_t>(r0) * ld + c0;
      gram_tile_lower(x.row(r0), r1 - r0, x.row(c0), c1 - c0, x.dim, corner, ld, workspace, r0 - c0);
      mirror_tile(out, ld, r0, r1, c0, c1);
    }
  }
}

namespace {

// Rows [row_begin, row_end) of a against rows [0, col_end) of b, in tiles;
// with `lower` (a and b the same set), only what reaches the diagonal or
// below it: tiles wholly right of it are skipped, and tiles it crosses skip
// their micro-tiles right of it (what is right of the diagonal may be left
// unwritten).
void rows_against_prefix(const NormalizedRows& a, const NormalizedRows& b, std::int32_t row_begin,
                         std::int32_t row_end, std::int32_t col_end, float* out,
                         GramWorkspace& workspace, bool lower = false) {
  const std::size_t ld = static_cast<std::size_t>(col_end);
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kTile) {
    const std::int32_t r1 = std::min(row_end, r0 + kTile);
    const std::int32_t last = lower ? std::min(col_end, r1) : col_end;
    for (std::int32_t c0 = 0; c0 < last; c0 += kTile) {
      const std::int32_t c1 = std::min(last, c0 + kTile);
      float* corner = out + static_cast<std::size_t>(r0 - row_begin) * ld + c0;
      if (lower) {
        gram_tile_lower(a.row(r0), r1 - r0, b.row(c0), c1 - c0, a.dim, corner, ld, workspace, r0 - c0);
      } else {
        gram_tile(a.row(r0), r1 - r0, b.row(c0), c1 - c0, a.dim, corner, ld, workspace);
      }
    }
  }
}

Status check_rows(std::int32_t row_begin, std::int32_t row_end, std::int32_t rows) {
  if (inside(row_begin, row_end, rows)) return Status::success();
  return Status::failure("rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                         ") are outside 0.." + std::to_string(rows));
}

}  // namespace

Status similarity_band(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                       float* out, GramWorkspace& workspace) {
  Status rows = check_rows(row_begin, row_end, x.rows);
  if (!rows.ok) return rows;
  rows_against_prefix(x, x, row_begin, row_end, row_end, out, workspace);
  return Status::success();
}

Status similarity_band_with_transpose(const NormalizedRows& x, std::int32_t row_begin,
                                      std::int32_t row_end, float* out, GramWorkspace& workspace) {
  Status rows = check_rows(row_begin, row_end, x.rows);
  if (!rows.ok) return rows;
  const std::size_t height = static_cast<std::size_t>(row_end - row_begin);
  const std::size_t width = static_cast<std::size_t>(row_end);
  // Only tiles that reach the diagonal or below: the band's own upper part
  // is copied from its mirror afterwards, so the band costs its share of
  // the triangle and no more.
  rows_against_prefix(x, x, row_begin, row_end, row_end, out, workspace, true);
  // Blocked so both the reads and the writes stay within a few cache lines.
  constexpr std::size_t kBlock = 32;
  const std::size_t first = static_cast<std::size_t>(row_begin);
  for (std::size_t i0 = 0; i0 < height; i0 += kBlock) {
    const std::size_t i1 = std::min(height, i0 + kBlock);
    for (std::size_t j0 = i0; j0 < height; j0 += kBlock) {
      const std::size_t j1 = std::min(height, j0 + kBlock);
      for (std::size_t i = i0; i < i1; ++i)
        for (std::size_t j = std::max(j0, i + 1); j < j1; ++j) out[i * width + first + j] = out[j * width + first + i];
    }
  }
  float* transposed = out + height * width;
  for (std::size_t i0 = 0; i0 < height; i0 += kBlock) {
    const std::size_t i1 = std::min(height, i0 + kBlock);
    for (std::size_t j0 = 0; j0 < first; j0 += kBlock) {
      const std::size_t j1 = std::min(first, j0 + kBlock);
      for (std::size_t i = i0; i < i1; ++i)
        for (std::size_t j = j0; j < j1; ++j) transposed[j * height + i] = out[i * width + j];
    }
  }
  return Status::success();
}

Status cross_similarity_rows(const NormalizedRows& x, const NormalizedRows& y,
                             std::int32_t row_begin, std::int32_t row_end, float* out,
                             GramWorkspace& workspace) {
  Status same = check_same_dim(x, y);
  if (!same.ok) return same;
  Status rows = check_rows(row_begin, row_end, x.rows);
  if (!rows.ok) return rows;
  rows_against_prefix(x, y, row_begin, row_end, y.rows, out, workspace);
  return Status::success();
}

Status cross_similarity(const NormalizedRows& x, const NormalizedRows& y, float* out) {
  GramWorkspace workspace;
  return cross_similarity_rows(x, y, 0, x.rows, out, workspace);
}

}  // namespace cosine_heatmap
