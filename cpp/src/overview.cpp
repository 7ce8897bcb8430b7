#include "cosine_heatmap/overview.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kGatherTile = 256;

std::int32_t item_at(const OverviewAxes& axes, std::int32_t position) {
  return axes.order ? axes.order[position] : position;
}

Status check_edges(const std::vector<std::int32_t>& edges, std::int32_t n, const char* axis) {
  if (edges.size() < 2) return Status::failure(std::string(axis) + ": an overview needs at least one cell");
  if (edges.front() < 0 || edges.back() > n) {
    return Status::failure(std::string(axis) + " window [" + std::to_string(edges.front()) + ", " +
                           std::to_string(edges.back()) + ") is outside 0.." + std::to_string(n));
  }
  for (std::size_t k = 1; k < edges.size(); ++k) {
    if (edges[k] <= edges[k - 1]) return Status::failure(std::string(axis) + ": overview cells must be non-empty and increasing");
  }
  return Status::success();
}

Status check_axes(const NormalizedRows& x, const OverviewAxes& axes) {
  Status rows = check_edges(axes.row_edges, x.rows, "rows");
  if (!rows.ok) return rows;
  return check_edges(axes.col_edges, x.rows, "cols");
}

// Σ of the unit rows in each cell, accumulated in double (a cell may hold
// 100,000 rows), stored as float rows for the Gram kernel.
std::vector<float> cell_sums(const NormalizedRows& x, const OverviewAxes& axes,
                             const std::vector<std::int32_t>& edges) {
  const std::size_t d = static_cast<std::size_t>(x.dim);
  const std::size_t cells = edges.size() - 1;
  std::vector<float> sums(cells * d);
  std::vector<double> accumulator(d);
  for (std::size_t k = 0; k < cells; ++k) {
    std::fill(accumulator.begin(), accumulator.end(), 0.0);
    for (std::int32_t p = edges[k]; p < edges[k + 1]; ++p) {
      const float* row = x.row(item_at(axes, p));
      for (std::size_t j = 0; j < d; ++j) accumulator[j] += row[j];
    }
    for (std::size_t j = 0; j < d; ++j) sums[k * d + j] = static_cast<float>(accumulator[j]);
  }
  return sums;
}

void gather_rows(const NormalizedRows& x, const OverviewAxes& axes, std::int32_t begin,
                 std::int32_t end, std::vector<float>& dst) {
  const std::size_t d = static_cast<std::size_t>(x.dim);
  dst.resize(static_cast<std::size_t>(end - begin) * d);
  for (std::int32_t p = begin; p < end; ++p) {
    const float* row = x.row(item_at(axes, p));
    std::copy(row, row + d, dst.data() + static_cast<std::size_t>(p - begin) * d);
  }
}

// cell_of[p - edges.front()] = the cell holding position p.
std::vector<std::int32_t> cell_of_positions(const std::vector<std::int32_t>& edges) {
  std::vector<std::int32_t> cell_of(edges.back() - edges.front());
  for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
    std::fill(cell_of.begin() + (edges[k] - edges.front()), cell_of.begin() + (edges[k + 1] - edges.front()),
              static_cast<std::int32_t>(k));
  }
  return cell_of;
}

}  // namespace

Status overview_mean(const NormalizedRows& x, const OverviewAxes& axes, float* out,
                     GramWorkspace& workspace) {
  Status valid = check_axes(x, axes);
  if (!valid.ok) return valid;
  const std::int32_t rows = static_cast<std::int32_t>(axes.row_edges.size() - 1);
  const std::int32_t cols = static_cast<std::int32_t>(axes.col_edges.size() - 1);
  const std::vector<float> row_sums = cell_sums(x, axes, axes.row_edges);
  const std::vector<float> col_sums =
      axes.col_edges == axes.row_edges ? row_sums : cell_sums(x, axes, axes.col_edges);
  gram_tile(row_sums.data(), rows, col_sums.data(), cols, x.dim, out, static_cast<std::size_t>(cols),
            workspace);
  for (std::int32_t r = 0; r < rows; ++r) {
    const double row_size = axes.row_edges[r + 1] - axes.row_edges[r];
    for (std::int32_t c = 0; c < cols; ++c) {
      const double col_size = axes.col_edges[c + 1] - axes.col_edges[c];
      float& cell = out[static_cast<std::size_t>(r) * cols + c];
      cell = static_cast<float>(cell / (row_size * col_size));
    }
  }
  return Status::success();
}

Status overview_extreme(const NormalizedRows& x, const OverviewAxes& axes, bool maximum,
                        std::int32_t cell_begin, std::int32_t cell_end, float* out,
                        GramWorkspace& workspace) {
  Status valid = check_axes(x, axes);
  if (!valid.ok) return valid;
  const std::int32_t row_cells = static_cast<std::int32_t>(axes.row_edges.size() - 1);
  if (cell_begin < 0 || cell_begin >= cell_end || cell_end > row_cells) {
    return Status::failure("row cells [" + std::to_string(cell_begin) + ", " + std::to_string(cell_end) +
                           ") are outside 0.." + std::to_string(row_cells));
  }
  const std::int32_t cols = static_cast<std::int32_t>(axes.col_edges.size() - 1);
  const float initial = maximum ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
  std::fill(out, out + static_cast<std::size_t>(cell_end - cell_begin) * cols, initial);

  const std::vector<std::int32_t> row_cell = cell_of_positions(axes.row_edges);
  const std::vector<std::int32_t> col_cell = cell_of_positions(axes.col_edges);
  const std::int32_t r_first = axes.row_edges.front();
  const std::int32_t c_first = axes.col_edges.front();
  const std::int32_t c_last = axes.col_edges.back();

  // The column window is gathered once; row tiles are gathered as they come.
  std::vector<float> columns, rows, tile(static_cast<std::size_t>(kGatherTile) * kGatherTile);
  gather_rows(x, axes, c_first, c_last, columns);

  for (std::int32_t r0 = axes.row_edges[cell_begin]; r0 < axes.row_edges[cell_end]; r0 += kGatherTile) {
    const std::int32_t r1 = std::min(axes.row_edges[cell_end], r0 + kGatherTile);
    gather_rows(x, axes, r0, r1, rows);
    for (std::int32_t c0 = c_first; c0 < c_last; c0 += kGatherTile) {
      const std::int32_t c1 = std::min(c_last, c0 + kGatherTile);
      const std::size_t ld = static_cast<std::size_t>(c1 - c0);
      gram_tile(rows.data(), r1 - r0, columns.data() + static_cast<std::size_t>(c0 - c_first) * x.dim,
                c1 - c0, x.dim, tile.data(), ld, workspace);
      for (std::int32_t p = r0; p < r1; ++p) {
        float* out_row = out + static_cast<std::size_t>(row_cell[p - r_first] - cell_begin) * cols;
        const float* values = tile.data() + static_cast<std::size_t>(p - r0) * ld;
        for (std::int32_t q = c0; q < c1; ++q) {
          float& cell = out_row[col_cell[q - c_first]];
          const float v = values[q - c0];
          cell = maximum ? std::max(cell, v) : std::min(cell, v);
        }
      }
    }
  }
  return Status::success();
}

}  // namespace cosine_heatmap
