// Optimal leaf ordering (Bar-Joseph, Gifford & Jaakkola 2001): of the 2^(n−1)
// leaf orders a dendrogram allows (each merge may swap its two children),
// the one with the largest sum of similarities between adjacent leaves.
// Blocks stay where the tree puts them, and their borders line up with
// their nearest neighbours.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/progress.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// One n × n float matrix (100 MB at this size) and O(n³) time in the worst
// case (a balanced tree: about n³/6 add-and-max steps, vectorized). CPU time
// natively: 0.1 s at 1,000 items, 1.3 s at 3,000, 5 s at 5,000; the same
// size as 'auto' orders by average linkage.
constexpr std::int32_t kMaxOptimalLeafOrderItems = 5000;

// Reorders items[0, count) (indices into x) into the optimal leaf order of
// the dendrogram `merges` (hierarchical_merges of these items). Similarity is
// S = x̂ᵢ·x̂ⱼ as in the matrix. Of the two mirror images, the one whose first
// leaf has the smaller item index; ties between orders go to the first
// candidate in the dendrogram's own leaf order. Fails beyond
// kMaxOptimalLeafOrderItems, or with Cancelled when `progress` says stop.
Status optimal_leaf_order(const NormalizedRows& x, const std::vector<Merge>& merges, std::int32_t* items,
                          std::int32_t count, const ProgressCallback& progress = {});

// The same on a given count × count row-major similarity matrix (only
// entries i < j are read) of items 0..count−1: for tests and small trees.
std::vector<std::int32_t> optimal_leaf_order_of(const std::vector<Merge>& merges,
                                                const std::vector<float>& similarity, std::int32_t count);

// Σ S(order[k], order[k+1]), in double: what the ordering maximizes.
double adjacent_similarity_sum(const NormalizedRows& x, const std::int32_t* order, std::int32_t count);

}  // namespace cosine_heatmap
