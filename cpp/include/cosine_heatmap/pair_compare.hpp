// What the closed forms of model_comparison cannot give: the mean absolute
// difference |sᴬ − sᴮ| (exact) and the Spearman correlation of the two upper
// triangles (binned), from one pass over both tile streams.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/tile_pair_stream.hpp"

namespace cosine_heatmap {

// For each set, ascending interior edges that split its pair values into
// rank groups of about equal size: group(v) = number of edges <= v.
struct RankGrid {
  std::vector<float> edges_a;
  std::vector<float> edges_b;
};

// Edges at the 1/groups quantiles of the pairs among `sample_rows` rows
// spread evenly over the set (deterministic: every worker gets the same
// grid). groups is capped to 4096.
RankGrid sample_rank_grid(const NormalizedRows& a, const NormalizedRows& b, std::int32_t groups = 256,
                          std::int32_t sample_rows = 1024);

// Spearman, how exact: ranks are computed on groups, not values. Every pair
// gets its group's mid-rank (as for ties) and Spearman is the Pearson
// correlation of those mid-ranks, from a groups × groups joint histogram.
// With groups of about N/G pairs each, a rank moves by at most N/(2G), and
// the correlation by O(1/G²). Measured against exact average-rank Spearman
// (n = 1500, d = 24 and 384, ρ ≈ 0.08 and 0.56): |error| ≤ 3e-4 at G = 64,
// ≤ 2e-5 at G = 256 (the default), ≤ 3e-6 at G = 1024. Values are placed in groups through a
// 65,536-cell table on [−1, 1] (cells 3e-5 wide), so a group boundary can
// shift by up to one cell, which changes only group sizes, not correctness.
// Memory: G² counts (512 KiB at G = 256) per consumer.
class PairCompareConsumer : public TilePairConsumer {
 public:
  explicit PairCompareConsumer(const RankGrid& grid);

  void consume(const TileRange& tile, const float* data_a, const float* data_b, std::size_t ld) override;
  // Built from the same grid, over other bands.
  void merge(const PairCompareConsumer& other);

  std::uint64_t pair_count() const { return count_; }
  double mean_absolute_difference() const;
  float max_absolute_difference() const { return max_abs_; }
  double spearman() const;

 private:
  static constexpr std::int32_t kCells = 1 << 16;
  static std::int32_t cell_of(float v);
  static std::vector<std::uint16_t> group_table(const std::vector<float>& edges);

  std::int32_t groups_a_;
  std::int32_t groups_b_;
  std::vector<std::uint16_t> group_a_;  // kCells entries
  std::vector<std::uint16_t> group_b_;
  std::vector<std::uint64_t> joint_;    // groups_a_ × groups_b_
  std::uint64_t count_ = 0;
  double abs_sum_ = 0;
  float max_abs_ = 0;
};

}  // namespace cosine_heatmap
