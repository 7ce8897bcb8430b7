#include "cosine_heatmap/tree_cut.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace cosine_heatmap {
namespace {

// The highest merge at or below each node (SciPy's maxdists): the height a
// cut must clear to keep the node's subtree whole, even if the tree is not
// monotone.
std::vector<double> max_heights(const std::vector<double>& z, std::int32_t n) {
  std::vector<double> height(n > 0 ? n - 1 : 0);
  for (std::int32_t r = 0; r + 1 < n; ++r) {
    double h = z[4 * r + 2];
    for (int c = 0; c < 2; ++c) {
      const auto child = static_cast<std::int32_t>(z[4 * r + c]);
      if (child >= n) h = std::max(h, height[child - n]);
    }
    height[r] = h;
  }
  return height;
}

// Labels in SciPy's order: a depth-first walk from the root, left (lower id)
// subtree before right, a node's leaf children after its subtrees; a node
// whose max height is within the cut starts a cluster holding all its leaves.
std::vector<std::int32_t> label_clusters(const std::vector<double>& z, std::int32_t n,
                                         const std::vector<double>& height, double cut) {
  std::vector<std::int32_t> labels(n, 0);
  if (n == 1) return labels;
  std::vector<std::int32_t> stack{2 * n - 2};
  std::vector<char> visited(2 * static_cast<std::size_t>(n) - 1, 0);
  std::int32_t leader = -1;
  std::int32_t clusters = 0;
  while (!stack.empty()) {
    const std::int32_t row = stack.back() - n;
    const auto left = static_cast<std::int32_t>(z[4 * row]);
    const auto right = static_cast<std::int32_t>(z[4 * row + 1]);
    if (leader == -1 && height[row] <= cut) {
      leader = row;
      ++clusters;
    }
    if (left >= n && !visited[left]) {
      visited[left] = 1;
      stack.push_back(left);
      continue;
    }
    if (right >= n && !visited[right]) {
      visited[right] = 1;
      stack.push_back(right);
      continue;
    }
    for (const std::int32_t child : {left, right}) {
      if (child >= n) continue;
      if (leader == -1) ++clusters;  // a leaf alone
      labels[child] = clusters - 1;
    }
    if (leader == row) leader = -1;
    stack.pop_back();
  }
  return labels;
}

}  // namespace

std::vector<std::int32_t> cut_at_distance(const std::vector<double>& z, std::int32_t n, double threshold) {
  return label_clusters(z, n, max_heights(z, n), threshold);
}

std::vector<std::int32_t> cut_into_clusters(const std::vector<double>& z, std::int32_t n, std::int32_t k) {
  const std::vector<double> height = max_heights(z, n);
  // A cut at height h leaves n − #{rows with max height <= h} clusters; max
  // heights only grow along the rows' subtrees, so sorted they give every
  // count a cut can make.
  std::vector<double> sorted = height;
  std::sort(sorted.begin(), sorted.end());
  double cut = -std::numeric_limits<double>::infinity();
  if (k < n) {
    // The (n − k)-th smallest height: at least n − k merges made; all merges
    // tied with it are made too.
    cut = sorted[static_cast<std::size_t>(n - std::max<std::int32_t>(k, 1)) - 1];
  }
  return label_clusters(z, n, height, cut);
}

}  // namespace cosine_heatmap
