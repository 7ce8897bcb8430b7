// Flat clusters from a linkage matrix (linkage_matrix.hpp), as SciPy's
// fcluster makes them: labels 0..m−1 equal fcluster's 1..m minus one.
#pragma once

#include <cstdint>
#include <vector>

namespace cosine_heatmap {

// z: (n − 1) × 4 in SciPy's convention, monotone (each merge at least as
// high as its children's, as average, complete and single linkage are).
// Items whose cophenetic distance is at most `threshold` share a cluster:
// fcluster(Z, threshold, 'distance').
std::vector<std::int32_t> cut_at_distance(const std::vector<double>& z, std::int32_t n, double threshold);

// The lowest cut (at one of the merge heights, or below all) that leaves at
// most k clusters: fcluster(Z, k, 'maxclust'). Merges tied at the cut
// height are all made or none, so ties can give fewer than k clusters.
std::vector<std::int32_t> cut_into_clusters(const std::vector<double>& z, std::int32_t n, std::int32_t k);

}  // namespace cosine_heatmap
