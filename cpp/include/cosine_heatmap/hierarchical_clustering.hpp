// Agglomerative clustering on cosine distance 1 − S(i, j), reduced to what
// the heatmap needs from it: the leaves in dendrogram order.
#pragma once

#include <cstdint>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

enum class Linkage { Average, Complete, Single };

// The condensed distance matrix holds n(n−1)/2 floats: 200 MB at this size,
// about what a browser tab can spare. Larger sets need the spectral order.
constexpr std::int32_t kMaxHierarchicalItems = 10000;

// Reorders items[0, count) (indices into x) in place into the leaf order of
// the dendrogram. Zero rows have similarity 0, so distance 1, to everything.
// Deterministic: ties go to the lowest position in `items`, and at each merge
// the cluster holding the smaller original index goes first. Fails when
// count > kMaxHierarchicalItems, with the memory it would need.
Status hierarchical_order(const NormalizedRows& x, Linkage linkage, std::int32_t* items,
                          std::int32_t count);

}  // namespace cosine_heatmap
