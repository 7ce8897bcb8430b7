// Flat clusters where the linkage matrix does not fit (more than
// kMaxHierarchicalItems items): recursive spectral bisection, matrix-free.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Each split is the spectral order's (fiedler_vector.hpp, cut where the
// normalized cut is lowest, each side at least 1/16), and its height is the
// average cosine distance between the two halves, 1 − (Σa·Σb)/(|a||b|):
// the height average linkage would give their merge. With k > 0, the split
// with the greatest height is made first until there are k clusters (or no
// cluster has two items); otherwise every split higher than `threshold` is
// made. Labels 0..m−1 number the clusters by their smallest item.
// O(n·d) memory; deterministic across builds.
Status spectral_clusters(const NormalizedRows& x, std::int32_t k, double threshold,
                         std::vector<std::int32_t>& labels);

}  // namespace cosine_heatmap
