// Orders of the items that make the heatmap readable: similar items next to
// each other, so blocks show up along the diagonal.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/progress.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

enum class OrderMethod { Original, Average, Complete, Single, Spectral, Groups };

struct OrderOptions {
  OrderMethod method = OrderMethod::Original;
  // Groups only: one group id per item. Groups come in ascending id order,
  // so the caller decides the order of groups by how it numbers them (e.g.
  // by first appearance, or by sorted label).
  std::vector<std::int32_t> groups;
  // Average / Complete / Single (refused beyond kMaxOptimalLeafOrderItems),
  // and Groups inside each group of at most that many items: flip the dendrogram's merges into its optimal leaf order
  // (optimal_leaf_order.hpp) instead of its plain one.
  bool optimal_leaf_ordering = false;
};

// permutation[position] = item, a permutation of 0..n-1 (n = x.rows).
// Original: the identity. Average / Complete / Single: leaves of the
// hierarchical clustering on 1 − S in dendrogram order
// (hierarchical_clustering.hpp); fails beyond kMaxHierarchicalItems items,
// suggesting 'spectral'. Spectral: recursive spectral bisection
// (spectral_ordering.hpp), O(n·d) memory. Groups: each group contiguous,
// ordered inside by average linkage, or spectrally when a group is larger
// than kMaxHierarchicalItems. Every method is deterministic: the same input
// gives the same permutation natively and in WASM.
// `progress` hears from the optimal leaf ordering, the one long step.
Status order_items(const NormalizedRows& x, const OrderOptions& options,
                   std::vector<std::int32_t>& permutation, const ProgressCallback& progress = {});

// Share of adjacent positions whose two items lie in the same block
// (block_of_item[item]); 1 when there are fewer than two items. A score for
// how well an order recovers known blocks.
double neighbour_block_agreement(const std::vector<std::int32_t>& permutation,
                                 const std::vector<std::int32_t>& block_of_item);

}  // namespace cosine_heatmap
