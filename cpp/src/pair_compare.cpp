#include "cosine_heatmap/pair_compare.hpp"

#include <algorithm>
#include <cmath>

#include "cosine_heatmap/gram_kernel.hpp"

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kMaxGroups = 4096;

// Pair values among the sampled rows (j < i), sorted.
std::vector<float> sample_pairs(const NormalizedRows& x, const std::vector<std::int32_t>& rows) {
  const std::int32_t m = static_cast<std::int32_t>(rows.size());
  std::vector<float> gathered(static_cast<std::size_t>(m) * x.dim);
  for (std::int32_t r = 0; r < m; ++r) std::copy(x.row(rows[r]), x.row(rows[r]) + x.dim, gathered.data() + static_cast<std::size_t>(r) * x.dim);
  std::vector<float> full(static_cast<std::size_t>(m) * m);
  GramWorkspace workspace;
  gram_tile(gathered.data(), m, gathered.data(), m, x.dim, full.data(), m, workspace);
  std::vector<float> values;
  values.reserve(static_cast<std::size_t>(m) * (m - 1) / 2);
  for (std::int32_t i = 0; i < m; ++i)
    for (std::int32_t j = 0; j < i; ++j) values.push_back(full[static_cast<std::size_t>(i) * m + j]);
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<float> quantile_edges(const std::vector<float>& sorted, std::int32_t groups) {
  std::vector<float> edges;
  if (sorted.empty()) return edges;
  for (std::int32_t g = 1; g < groups; ++g) {
    const std::size_t at = sorted.size() * static_cast<std::size_t>(g) / static_cast<std::size_t>(groups);
    edges.push_back(sorted[std::min(at, sorted.size() - 1)]);
  }
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return edges;
}

}  // namespace

RankGrid sample_rank_grid(const NormalizedRows& a, const NormalizedRows& b, std::int32_t groups,
                          std::int32_t sample_rows) {
  groups = std::max(1, std::min(groups, kMaxGroups));
  const std::int32_t n = std::min(a.rows, b.rows);
  const std::int32_t m = std::max(0, std::min(n, sample_rows));
  std::vector<std::int32_t> rows(static_cast<std::size_t>(m));
  for (std::int32_t r = 0; r < m; ++r) rows[r] = static_cast<std::int32_t>(static_cast<std::int64_t>(r) * n / m);
  return RankGrid{quantile_edges(sample_pairs(a, rows), groups), quantile_edges(sample_pairs(b, rows), groups)};
}

std::int32_t PairCompareConsumer::cell_of(float v) {
  const float scaled = (v + 1.0f) * (0.5f * kCells);
  if (!(scaled > 0.0f)) return 0;
  return std::min(kCells - 1, static_cast<std::int32_t>(scaled));
}

std::vector<std::uint16_t> PairCompareConsumer::group_table(const std::vector<float>& edges) {
  std::vector<std::uint16_t> table(static_cast<std::size_t>(kCells));
  for (std::int32_t c = 0; c < kCells; ++c) {
    const float center = -1.0f + (static_cast<float>(c) + 0.5f) * (2.0f / kCells);
    table[c] = static_cast<std::uint16_t>(std::upper_bound(edges.begin(), edges.end(), center) - edges.begin());
  }
  return table;
}

PairCompareConsumer::PairCompareConsumer(const RankGrid& grid)
    : groups_a_(static_cast<std::int32_t>(grid.edges_a.size()) + 1),
      groups_b_(static_cast<std::int32_t>(grid.edges_b.size()) + 1),
      group_a_(group_table(grid.edges_a)),
      group_b_(group_table(grid.edges_b)),
      joint_(static_cast<std::size_t>(groups_a_) * groups_b_, 0) {}

void PairCompareConsumer::consume(const TileRange& tile, const float* data_a, const float* data_b,
                                  std::size_t ld) {
  const std::uint16_t* group_a = group_a_.data();
  const std::uint16_t* group_b = group_b_.data();
  std::uint64_t* joint = joint_.data();
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t width = std::min(tile.col_end, i) - tile.col_begin;
    if (width <= 0) continue;
    const float* row_a = data_a + static_cast<std::size_t>(i - tile.row_begin) * ld;
    const float* row_b = data_b + static_cast<std::size_t>(i - tile.row_begin) * ld;
    float row_abs = 0, row_max = max_abs_;
    for (std::int32_t j = 0; j < width; ++j) {
      const float difference = std::fabs(row_a[j] - row_b[j]);
      row_abs += difference;
      row_max = std::max(row_max, difference);
      ++joint[static_cast<std::size_t>(group_a[cell_of(row_a[j])]) * groups_b_ + group_b[cell_of(row_b[j])]];
    }
    abs_sum_ += row_abs;
    max_abs_ = row_max;
    count_ += static_cast<std::uint64_t>(width);
  }
}

void PairCompareConsumer::merge(const PairCompareConsumer& other) {
  if (other.joint_.size() == joint_.size())
    for (std::size_t k = 0; k < joint_.size(); ++k) joint_[k] += other.joint_[k];
  count_ += other.count_;
  abs_sum_ += other.abs_sum_;
  max_abs_ = std::max(max_abs_, other.max_abs_);
}

double PairCompareConsumer::mean_absolute_difference() const {
  return count_ ? abs_sum_ / static_cast<double>(count_) : std::nan("");
}

double PairCompareConsumer::spearman() const {
  if (count_ < 2) return std::nan("");
  std::vector<double> count_a(static_cast<std::size_t>(groups_a_), 0), count_b(static_cast<std::size_t>(groups_b_), 0);
  for (std::int32_t g = 0; g < groups_a_; ++g)
    for (std::int32_t h = 0; h < groups_b_; ++h) {
      const double c = static_cast<double>(joint_[static_cast<std::size_t>(g) * groups_b_ + h]);
      count_a[g] += c;
      count_b[h] += c;
    }
  // Mid-ranks (1-based) centred on the mean rank (N + 1) / 2.
  const double centre = (static_cast<double>(count_) + 1) / 2;
  auto centred_ranks = [&](const std::vector<double>& counts) {
    std::vector<double> ranks(counts.size());
    double below = 0;
    for (std::size_t g = 0; g < counts.size(); ++g) {
      ranks[g] = below + (counts[g] + 1) / 2 - centre;
      below += counts[g];
    }
    return ranks;
  };
  const std::vector<double> rank_a = centred_ranks(count_a), rank_b = centred_ranks(count_b);
  double covariance = 0, variance_a = 0, variance_b = 0;
  for (std::int32_t g = 0; g < groups_a_; ++g) {
    variance_a += count_a[g] * rank_a[g] * rank_a[g];
    double row = 0;
    for (std::int32_t h = 0; h < groups_b_; ++h)
      row += static_cast<double>(joint_[static_cast<std::size_t>(g) * groups_b_ + h]) * rank_b[h];
    covariance += rank_a[g] * row;
  }
  for (std::int32_t h = 0; h < groups_b_; ++h) variance_b += count_b[h] * rank_b[h] * rank_b[h];
  const double scale = std::sqrt(variance_a * variance_b);
  return scale > 0 ? covariance / scale : std::nan("");
}

}  // namespace cosine_heatmap
