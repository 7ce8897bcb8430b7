#include "cosine_heatmap/hierarchical_clustering.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kTile = 256;

const char* linkage_name(Linkage linkage) {
  switch (linkage) {
    case Linkage::Average: return "average";
    case Linkage::Complete: return "complete";
    case Linkage::Single: return "single";
  }
  return "hierarchical";
}

// Row i of the condensed upper triangle starts so that (i, j), i < j, sits at
// row_start[i] + j (unsigned wrap-around makes row_start[0] = −1 work).
struct CondensedDistances {
  std::int32_t n = 0;
  std::vector<float> values;
  std::vector<std::size_t> row_start;

  float& at(std::int32_t i, std::int32_t j) {
    return i < j ? values[row_start[i] + j] : values[row_start[j] + i];
  }
};

// Similarities come from the SIMD Gram kernel tile by tile; only the strict
// upper triangle of each tile is kept.
void fill_distances(const NormalizedRows& x, const std::int32_t* items, std::int32_t n,
                    CondensedDistances& dist) {
  const std::int32_t d = x.dim;
  std::vector<float> rows(static_cast<std::size_t>(n) * d);
  for (std::int32_t i = 0; i < n; ++i) {
    std::copy(x.row(items[i]), x.row(items[i]) + d, rows.data() + static_cast<std::size_t>(i) * d);
  }
  dist.n = n;
  dist.values.resize(static_cast<std::size_t>(n) * (n - 1) / 2);
  dist.row_start.resize(n);
  for (std::int32_t i = 0; i < n; ++i) {
    const std::size_t si = static_cast<std::size_t>(i);
    dist.row_start[i] = si * n - si * (si + 1) / 2 - si - 1;
  }
  std::vector<float> tile(static_cast<std::size_t>(kTile) * kTile);
  GramWorkspace workspace;
  for (std::int32_t r0 = 0; r0 < n; r0 += kTile) {
    const std::int32_t r1 = std::min(n, r0 + kTile);
    for (std::int32_t c0 = r0; c0 < n; c0 += kTile) {
      const std::int32_t c1 = std::min(n, c0 + kTile);
      gram_tile(rows.data() + static_cast<std::size_t>(r0) * d, r1 - r0,
                rows.data() + static_cast<std::size_t>(c0) * d, c1 - c0, d, tile.data(), kTile,
                workspace);
      for (std::int32_t i = r0; i < r1; ++i) {
        const float* s = tile.data() + static_cast<std::size_t>(i - r0) * kTile;
        const std::size_t start = dist.row_start[i];
        for (std::int32_t j = std::max(c0, i + 1); j < c1; ++j) {
          dist.values[start + j] = 1.0f - s[j - c0];
        }
      }
    }
  }
}

float lance_williams(Linkage linkage, float d_ix, float d_iy, std::int32_t nx, std::int32_t ny) {
  switch (linkage) {
    case Linkage::Single: return std::min(d_ix, d_iy);
    case Linkage::Complete: return std::max(d_ix, d_iy);
    case Linkage::Average: break;
  }
  // In double, then rounded once, so both builds store the same float.
  return static_cast<float>((static_cast<double>(nx) * d_ix + static_cast<double>(ny) * d_iy) /
                            static_cast<double>(nx + ny));
}

// Nearest-neighbour chain (Murtagh 1983; as in scipy's nn_chain): valid for
// the reducible linkages average, complete and single, O(n²) time. Clusters
// live at the index of their larger member; the smaller index is retired.
void nn_chain(CondensedDistances& dist, Linkage linkage, std::vector<Merge>& merges) {
  const std::int32_t n = dist.n;
  merges.clear();
  merges.reserve(n - 1);
  std::vector<std::int32_t> size(n, 1), next(n), prev(n);
  for (std::int32_t i = 0; i < n; ++i) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  std::int32_t head = 0;  // lowest active cluster
  std::vector<std::int32_t> chain;
  chain.reserve(n);

  for (std::int32_t k = 0; k < n - 1; ++k) {
    if (chain.empty()) chain.push_back(head);
    std::int32_t a = 0, b = 0;
    float best = 0.0f;
    for (;;) {
      a = chain.back();
      // Preferring the previous link on a tie is what makes the chain end.
      best = std::numeric_limits<float>::infinity();
      b = -1;
      if (chain.size() >= 2) {
        b = chain[chain.size() - 2];
        best = dist.at(a, b);
      }
      for (std::int32_t i = head; i != -1; i = next[i]) {
        if (i == a) continue;
        const float v = dist.at(a, i);
        if (v < best) {
          best = v;
          b = i;
        }
      }
      if (chain.size() >= 2 && b == chain[chain.size() - 2]) break;
      chain.push_back(b);
    }
    chain.pop_back();
    chain.pop_back();
    const std::int32_t x = std::min(a, b), y = std::max(a, b);
    const std::int32_t nx = size[x], ny = size[y];
    merges.push_back({x, y, best});

    size[x] = 0;
    size[y] = nx + ny;
    if (prev[x] == -1) head = next[x]; else next[prev[x]] = next[x];
    if (next[x] != -1) prev[next[x]] = prev[x];
    for (std::int32_t i = head; i != -1; i = next[i]) {
      if (i == y) continue;
      float& d_iy = dist.at(i, y);
      d_iy = lance_williams(linkage, dist.at(i, x), d_iy, nx, ny);
    }
  }
}

// The merge tree: nodes [0, n) are leaves (positions in items), node n + k is
// the k-th merge. `first` is the child whose smallest original index is lower.
struct MergeTree {
  std::vector<std::int32_t> first;
  std::vector<std::int32_t> second;
  std::vector<std::int32_t> min_item;
};

MergeTree merge_tree(const std::vector<Merge>& merges, std::int32_t n, const std::int32_t* items) {
  MergeTree tree;
  tree.first.assign(2 * n - 1, -1);
  tree.second.assign(2 * n - 1, -1);
  tree.min_item.resize(2 * n - 1);
  std::vector<std::int32_t> node_of(n);
  for (std::int32_t i = 0; i < n; ++i) {
    node_of[i] = i;
    tree.min_item[i] = items[i];
  }
  for (std::int32_t k = 0; k < n - 1; ++k) {
    const std::int32_t p = node_of[merges[k].retired], q = node_of[merges[k].kept], t = n + k;
    const bool p_first = tree.min_item[p] < tree.min_item[q];
    tree.first[t] = p_first ? p : q;
    tree.second[t] = p_first ? q : p;
    tree.min_item[t] = std::min(tree.min_item[p], tree.min_item[q]);
    node_of[merges[k].kept] = t;
  }
  return tree;
}

// Iterative depth-first walk: the WASM stack is too small for recursion
// thousands of merges deep (single linkage makes such chains).
void leaf_order(const MergeTree& tree, std::int32_t n, const std::vector<std::int32_t>& original,
                std::int32_t* items) {
  std::vector<std::int32_t> stack;
  stack.push_back(2 * n - 2);
  std::int32_t out = 0;
  while (!stack.empty()) {
    const std::int32_t node = stack.back();
    stack.pop_back();
    if (node < n) {
      items[out++] = original[node];
      continue;
    }
    stack.push_back(tree.second[node]);
    stack.push_back(tree.first[node]);
  }
}

}  // namespace

Status hierarchical_size_check(Linkage linkage, std::int32_t count) {
  if (count <= kMaxHierarchicalItems) return Status::success();
  const double megabytes = static_cast<double>(count) * (count - 1) / 2 * sizeof(float) / 1e6;
  return Status::failure(std::string(linkage_name(linkage)) + " linkage of " + std::to_string(count) +
                             " items needs O(n^2) memory (" +
                             std::to_string(static_cast<long long>(megabytes)) +
                             " MB of pairwise distances); hierarchical orders are limited to " +
                             std::to_string(kMaxHierarchicalItems) +
                             " items: use 'spectral' for larger sets",
                         StatusCode::TooLarge);
}

Status hierarchical_merges(const NormalizedRows& x, Linkage linkage, const std::int32_t* items,
                           std::int32_t count, std::vector<Merge>& merges) {
  const Status size = hierarchical_size_check(linkage, count);
  if (!size.ok) return size;
  merges.clear();
  if (count < 2) return Status::success();
  CondensedDistances dist;
  fill_distances(x, items, count, dist);
  nn_chain(dist, linkage, merges);
  return Status::success();
}

void dendrogram_leaf_order(const std::vector<Merge>& merges, std::int32_t* items, std::int32_t count) {
  if (count < 2) return;
  const std::vector<std::int32_t> original(items, items + count);
  const MergeTree tree = merge_tree(merges, count, items);
  leaf_order(tree, count, original, items);
}

Status hierarchical_order(const NormalizedRows& x, Linkage linkage, std::int32_t* items,
                          std::int32_t count) {
  std::vector<Merge> merges;
  const Status status = hierarchical_merges(x, linkage, items, count, merges);
  if (!status.ok) return status;
  dendrogram_leaf_order(merges, items, count);
  return Status::success();
}

}  // namespace cosine_heatmap
