// The dendrogram as SciPy writes it (scipy.cluster.hierarchy.linkage), so
// tools that read a linkage matrix (dendrogram plots, fcluster, cophenet)
// take ours unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// (n − 1) × 4 doubles, row-major. Row i merges clusters z[4i] < z[4i+1] (ids
// below n are items, n + j the cluster made at row j) at cosine distance
// z[4i+2] (the linkage distance on 1 − S), giving z[4i+3] items. Rows come
// in increasing distance; equal distances keep the order of the merges.
std::vector<double> linkage_from_merges(const std::vector<Merge>& merges, std::int32_t n);

// The linkage matrix of all of x's rows (zero rows at distance 1 from
// everything). Fails beyond kMaxHierarchicalItems items.
Status linkage_matrix(const NormalizedRows& x, Linkage linkage, std::vector<double>& z);

}  // namespace cosine_heatmap
