#include "cosine_heatmap/ordering.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>

#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/spectral_ordering.hpp"

namespace cosine_heatmap {
namespace {

Status order_groups(const NormalizedRows& x, const std::vector<std::int32_t>& groups,
                    std::vector<std::int32_t>& permutation) {
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
                              : hierarchical_order(x, Linkage::Average, items, end - begin);
    if (!status.ok) return status;
    begin = end;
  }
  return Status::success();
}

}  // namespace

Status order_items(const NormalizedRows& x, const OrderOptions& options,
                   std::vector<std::int32_t>& permutation) {
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
      return hierarchical_order(x, Linkage::Average, permutation.data(), x.rows);
    case OrderMethod::Complete:
      return hierarchical_order(x, Linkage::Complete, permutation.data(), x.rows);
    case OrderMethod::Single:
      return hierarchical_order(x, Linkage::Single, permutation.data(), x.rows);
    case OrderMethod::Spectral: return spectral_order(x, permutation.data(), x.rows);
    case OrderMethod::Groups: return order_groups(x, options.groups, permutation);
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
