#include "cosine_heatmap/linkage_matrix.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>

namespace cosine_heatmap {
namespace {

// Which cluster id holds an item now: ids n + j are given in row order, as
// SciPy's relabelling does after sorting its merges by distance.
class ClusterIds {
 public:
  explicit ClusterIds(std::int32_t n) : parent_(2 * static_cast<std::size_t>(n) - 1, -1), size_(parent_.size(), 1) {}

  std::int32_t find(std::int32_t x) {
    std::int32_t root = x;
    while (parent_[root] != -1) root = parent_[root];
    while (parent_[x] != -1) {  // path compression
      const std::int32_t up = parent_[x];
      parent_[x] = root;
      x = up;
    }
    return root;
  }

  std::int32_t merge(std::int32_t a, std::int32_t b, std::int32_t id) {
    parent_[a] = id;
    parent_[b] = id;
    size_[id] = size_[a] + size_[b];
    return size_[id];
  }

 private:
  std::vector<std::int32_t> parent_;
  std::vector<std::int32_t> size_;
};

}  // namespace

std::vector<double> linkage_from_merges(const std::vector<Merge>& merges, std::int32_t n) {
  std::vector<std::size_t> rows(merges.size());
  std::iota(rows.begin(), rows.end(), 0);
  // Stable: merges at equal distances keep the chain's order, so a cluster
  // is always made before a merge that uses it.
  std::stable_sort(rows.begin(), rows.end(),
                   [&](std::size_t a, std::size_t b) { return merges[a].distance < merges[b].distance; });
  std::vector<double> z(4 * merges.size());
  ClusterIds ids(n);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Merge& m = merges[rows[r]];
    const std::int32_t a = ids.find(m.retired), b = ids.find(m.kept);
    z[4 * r] = std::min(a, b);
    z[4 * r + 1] = std::max(a, b);
    z[4 * r + 2] = m.distance;
    z[4 * r + 3] = ids.merge(a, b, n + static_cast<std::int32_t>(r));
  }
  return z;
}

Status linkage_matrix(const NormalizedRows& x, Linkage linkage, std::vector<double>& z) {
  std::vector<std::int32_t> items(x.rows);
  std::iota(items.begin(), items.end(), 0);
  std::vector<Merge> merges;
  const Status status = hierarchical_merges(x, linkage, items.data(), x.rows, merges);
  if (!status.ok) return status;
  z = linkage_from_merges(merges, x.rows);
  return Status::success();
}

}  // namespace cosine_heatmap
