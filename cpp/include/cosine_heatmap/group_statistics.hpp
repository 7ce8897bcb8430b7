// Similarity within and between labelled groups, and the silhouette score,
// all in closed form from per-group sums of unit rows: S_g = Σ_{i∈g} x̂ᵢ.
//   Σ over pairs i < j inside g of s_ij = (‖S_g‖² − n′_g) / 2,
//   mean cosine distance from item i to group h = 1 − (x̂ᵢ·S_h − [i∈h]‖x̂ᵢ‖²) / (|h| − [i∈h]).
// Cost O(n·d) for the sums and O(n·G·d) for the silhouette, never a pair pass.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Group ids are 0 … group_count − 1, one per item; every item has a group.
struct GroupSums {
  std::int32_t group_count = 0;
  std::int32_t dim = 0;
  Eigen::MatrixXd sums;  // group_count × dim
  std::vector<std::int64_t> sizes;
  std::vector<std::int64_t> nonzero;

  GroupSums(std::int32_t group_count = 0, std::int32_t dim = 0);
  void merge(const GroupSums& other);
};

// Adds rows [row_begin, row_end); groups points at all n ids.
Status accumulate_group_sums(const NormalizedRows& x, const std::int32_t* groups, std::int32_t row_begin,
                             std::int32_t row_end, GroupSums& sums);

// Means over pairs i < j (pairs with a zero row count, with s = 0). NaN
// where there is no such pair.
struct GroupSimilarity {
  double within_mean = 0;
  double between_mean = 0;
  double within_pairs = 0;
  double between_pairs = 0;
  std::vector<double> group_within_mean;  // per group; NaN for groups of < 2 items
};

GroupSimilarity group_similarity(const GroupSums& sums);

// Silhouette of each item in [row_begin, row_end) on cosine distance 1 − s,
// exact, as scikit-learn's silhouette_samples(metric="cosine") on the same
// unit rows: a = mean distance to the rest of its group, b = the smallest
// mean distance to another non-empty group, s = (b − a) / max(a, b); 0 for
// an item alone in its group (and where max(a, b) = 0). `sums` must be
// complete (all rows). out holds row_end − row_begin values. Fails when fewer
// than 2 groups are non-empty (the score is undefined).
Status silhouette_values(const NormalizedRows& x, const std::int32_t* groups, const GroupSums& sums,
                         std::int32_t row_begin, std::int32_t row_end, float* out);

// The silhouette score: the mean of silhouette_values over all items.
Status silhouette_score(const NormalizedRows& x, const std::int32_t* groups, const GroupSums& sums,
                        double& score);

}  // namespace cosine_heatmap
