#include "cosine_heatmap/ordering.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>

#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/optimal_leaf_order.hpp"
#include "cosine_heatmap/spectral_ordering.hpp"

namespace cosine_heatmap {
namespace {

// The dendrogram's leaves, in its optimal leaf order when asked for.
Status clustered_order(const NormalizedRows& x, Linkage linkage, bool optimal, std::int32_t* items,
                       std::int32_t count, const ProgressCallback& progress) {
  if (!optimal) return hierarchical_order(x, linkage, items, count);
  std::vector<Merge> merges;
  const Status status = hierarchical_merges(x, linkage, items, count, merges);
  if (!status.ok) return status;
  return optimal_leaf_order(x, merges, items, count, progress);
}

Status order_groups(const NormalizedRows& x, const std::vector<std::int32_t>& groups, bool optimal,
                    std::vector<std::int32_t>& permutation, const ProgressCallback& progress) {
  if (groups.size() != permutation.size()) {
    return Status::failure("order by groups: got " + std::to_string(groups.size()) +
                           " group ids for " + std::to_string(permutation.size()) + " items");
  }
  // (group, item) is a strict total order: the same result from any sort.
  std::sort(permutation.begin(), permutation.end(), [&](std::int32_t a, std::int32_t b) {
    return groups[a] != groups[b] ? groups[a] < groups[b] : a < b;
  });
  const std::int32_t n = static_cast<std::int32_t>(permutation.size());
  for (std::int32_t begin = 0; begin < n;) {
    std::int32_t end = begin + 1;
    while (end < n && groups[permutation[end]] == groups[permutation[begin]]) ++end;
    std::int32_t* items = permutation.data() + begin;
    const Status status = end - begin > kMaxHierarchicalItems
                              ? spectral_order(x, items, end - begin)
                              : clustered_order(x, Linkage::Average, optimal && end - begin <= kMaxOptimalLeafOrderItems,
                                                items, end - begin, progress);
    if (!status.ok) return status;
    begin = end;
  }
  return Status::success();
}

}  // namespace

Status order_items(const NormalizedRows& x, const OrderOptions& options,
                   std::vector<std::int32_t>& permutation, const ProgressCallback& progress) {
  if (x.rows < 0 || x.dim < 0 ||
      x.data.size() != static_cast<std::size_t>(x.rows) * static_cast<std::size_t>(x.dim)) {
    return Status::failure("order: the normalized rows hold " + std::to_string(x.data.size()) +
                           " values, not " + std::to_string(x.rows) + " x " +
                           std::to_string(x.dim));
  }
  permutation.resize(x.rows);
  std::iota(permutation.begin(), permutation.end(), 0);
  switch (options.method) {
    case OrderMethod::Original: return Status::success();
    case OrderMethod::Average:
      return clustered_order(x, Linkage::Average, options.optimal_leaf_ordering, permutation.data(), x.rows,
                             progress);
    case OrderMethod::Complete:
      return clustered_order(x, Linkage::Complete, options.optimal_leaf_ordering, permutation.data(), x.rows,
                             progress);
    case OrderMethod::Single:
      return clustered_order(x, Linkage::Single, options.optimal_leaf_ordering, permutation.data(), x.rows,
                             progress);
    case OrderMethod::Spectral: return spectral_order(x, permutation.data(), x.rows);
    case OrderMethod::Groups: return order_groups(x, options.groups, options.optimal_leaf_ordering, permutation, progress);
  }
  return Status::failure("order: unknown method");
}

double neighbour_block_agreement(const std::vector<std::int32_t>& permutation,
                                 const std::vector<std::int32_t>& block_of_item) {
  if (permutation.size() < 2) return 1.0;
  std::size_t same = 0;
  for (std::size_t k = 1; k < permutation.size(); ++k) {
    same += block_of_item[permutation[k - 1]] == block_of_item[permutation[k]] ? 1 : 0;
  }
  return static_cast<double>(same) / static_cast<double>(permutation.size() - 1);
}

}  // namespace cosine_heatmap
