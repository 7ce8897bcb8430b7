// Agglomerative clustering on cosine distance 1 − S(i, j), reduced to what
// the heatmap needs from it: the leaves in dendrogram order.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

enum class Linkage { Average, Complete, Single };

// The condensed distance matrix holds n(n−1)/2 floats: 200 MB at this size,
// about what a browser tab can spare. Larger sets need the spectral order.
constexpr std::int32_t kMaxHierarchicalItems = 10000;

// One merge, in the order the nearest-neighbour chain made it (not sorted by
// distance): the clusters living at positions `retired` < `kept` of items (a
// cluster lives at the largest position among its members; after the merge,
// at `kept`), at `distance`, the linkage distance between them.
struct Merge {
  std::int32_t retired;
  std::int32_t kept;
  float distance;
};

// TOO_LARGE, with the memory it would need, when count > kMaxHierarchicalItems.
Status hierarchical_size_check(Linkage linkage, std::int32_t count);

// The count − 1 merges of the clustering of items[0, count) (indices into
// x), same ties and limit as hierarchical_order.
Status hierarchical_merges(const NormalizedRows& x, Linkage linkage, const std::int32_t* items,
                           std::int32_t count, std::vector<Merge>& merges);

// Reorders items[0, count) in place into the leaf order of the dendrogram
// that `merges` (of these items, as hierarchical_merges made them) describe.
void dendrogram_leaf_order(const std::vector<Merge>& merges, std::int32_t* items, std::int32_t count);

// Reorders items[0, count) (indices into x) in place into the leaf order of
// the dendrogram. Zero rows have similarity 0, so distance 1, to everything.
// Deterministic: ties go to the lowest position in `items`, and at each merge
// the cluster holding the smaller original index goes first. Fails when
// count > kMaxHierarchicalItems, with the memory it would need.
Status hierarchical_order(const NormalizedRows& x, Linkage linkage, std::int32_t* items,
                          std::int32_t count);

}  // namespace cosine_heatmap
