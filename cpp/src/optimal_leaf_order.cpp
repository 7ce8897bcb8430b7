#include "cosine_heatmap/optimal_leaf_order.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/linkage_matrix.hpp"
#include "cosine_heatmap/row_arithmetic.hpp"

namespace cosine_heatmap {
namespace {

constexpr float kNone = -std::numeric_limits<float>::infinity();
constexpr std::int32_t kTile = 256;

// The dendrogram laid out in its own leaf order: every subtree is a range of
// positions, node r (row r of the linkage matrix) spans [begin, end) with its
// first child on [begin, split). Positions, not items, index everything
// below, so a subtree's leaves are contiguous in memory.
struct LaidOutTree {
  std::int32_t n = 0;
  std::vector<std::int32_t> leaf_at;  // position -> leaf id (position in items)
  std::vector<std::int32_t> begin, split, end;
  std::vector<std::int32_t> first, second;  // child node ids (< n: leaves)
};

LaidOutTree lay_out(const std::vector<double>& z, std::int32_t n) {
  LaidOutTree t;
  t.n = n;
  t.leaf_at.resize(n);
  t.begin.resize(n - 1);
  t.split.resize(n - 1);
  t.end.resize(n - 1);
  t.first.resize(n - 1);
  t.second.resize(n - 1);
  std::vector<std::int32_t> size(2 * n - 1, 1);
  for (std::int32_t r = 0; r + 1 < n; ++r) {
    t.first[r] = static_cast<std::int32_t>(z[4 * r]);
    t.second[r] = static_cast<std::int32_t>(z[4 * r + 1]);
    size[n + r] = size[t.first[r]] + size[t.second[r]];
  }
  // Top-down: a node's range is known before its children's.
  std::vector<std::int32_t> start(2 * n - 1, 0);
  for (std::int32_t r = n - 2; r >= 0; --r) {
    const std::int32_t b = start[n + r];
    t.begin[r] = b;
    t.split[r] = b + size[t.first[r]];
    t.end[r] = b + size[n + r];
    start[t.first[r]] = b;
    start[t.second[r]] = t.split[r];
  }
  for (std::int32_t leaf = 0; leaf < n; ++leaf) t.leaf_at[start[leaf]] = leaf;
  return t;
}

// One n × n buffer holds both matrices the recursion needs, each symmetric:
// above the diagonal S(p, q), p < q; below it M(p, q), the best sum of an
// order of the subtree where p and q first meet that starts at p and ends at
// q. Each pair has one such subtree, so each M entry is written once.
class OrderTable {
 public:
  OrderTable(std::int32_t n, std::vector<float>& buffer) : n_(n), b_(buffer) {}

  float* row(std::int32_t p) { return b_.data() + static_cast<std::size_t>(p) * n_; }
  float s(std::int32_t p, std::int32_t q) const { return p < q ? at(p, q) : at(q, p); }
  float m(std::int32_t p, std::int32_t q) const { return p == q ? 0.0f : p > q ? at(p, q) : at(q, p); }
  void set_m(std::int32_t p, std::int32_t q, float v) { (p > q ? b_[idx(p, q)] : b_[idx(q, p)]) = v; }

 private:
  std::size_t idx(std::int32_t p, std::int32_t q) const { return static_cast<std::size_t>(p) * n_ + q; }
  float at(std::int32_t p, std::int32_t q) const { return b_[idx(p, q)]; }

  std::int32_t n_;
  std::vector<float>& b_;
};

// The positions an order of `node` may end at when it starts at p (p inside
// it): the other child's range, or p itself for a leaf.
void other_side(const LaidOutTree& t, std::int32_t node, std::int32_t p, std::int32_t& lo, std::int32_t& hi) {
  if (node < t.n) {
    lo = p;
    hi = p + 1;
    return;
  }
  const std::int32_t r = node - t.n;
  if (p < t.split[r]) {
    lo = t.split[r];
    hi = t.end[r];
  } else {
    lo = t.begin[r];
    hi = t.split[r];
  }
}


// max over i of a[i] + b[i]. Eight independent lanes: a single running max
// is a chain the compiler may not vectorize (max is exact, so the lanes give
// the same value in every build).
float max_of_sums(const float* a, const float* b, std::int32_t count) {
  constexpr std::int32_t kLanes = 8;
  float lane[kLanes];
  std::fill(lane, lane + kLanes, kNone);
  std::int32_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    for (std::int32_t l = 0; l < kLanes; ++l) lane[l] = std::max(lane[l], a[i + l] + b[i + l]);
  }
  float v = kNone;
  for (; i < count; ++i) v = std::max(v, a[i] + b[i]);
  for (std::int32_t l = 0; l < kLanes; ++l) v = std::max(v, lane[l]);
  return v;
}

// Work of node r in add-and-max steps: for progress.
double node_work(const LaidOutTree& t, std::int32_t r) {
  auto halves = [&](std::int32_t node) {
    if (node < t.n) return 1.0;
    const std::int32_t q = node - t.n;
    return 2.0 * (t.split[q] - t.begin[q]) * (t.end[q] - t.split[q]);
  };
  const double a = t.split[r] - t.begin[r], b = t.end[r] - t.split[r];
  return halves(t.first[r]) * b + a * halves(t.second[r]) + a * b;
}

// Starts taken together: each row of S or M the inner loops stream is read
// once for all of them, from cache, instead of once per start from memory
// (the table outgrows the caches past a few thousand items).
constexpr std::int32_t kStarts = 8;

// Fills M for every pair that first meets at node r: for each start p in the
// first child, best[m] = max over k (p's other side) of M(p, k) + S(k, m)
// for every m in the second child, then M(p, q) = max over m (q's other side)
// of best[m] + M(m, q). Inner loops run over contiguous rows.
void fill_node(const LaidOutTree& t, std::int32_t r, OrderTable& table, std::vector<float>& best,
               std::vector<float>& out) {
  const std::int32_t a0 = t.begin[r], b0 = t.split[r], b1 = t.end[r];
  const std::int32_t nb = b1 - b0;
  const std::int32_t second = t.second[r];
  const bool second_is_leaf = second < t.n;
  const std::int32_t bs = second_is_leaf ? b1 : t.split[second - t.n];
  const std::int32_t nb1 = bs - b0;
  best.resize(static_cast<std::size_t>(kStarts) * nb);
  out.resize(static_cast<std::size_t>(kStarts) * nb);
  for (std::int32_t p0 = a0; p0 < b0;) {
    // A block of starts that share their other side.
    std::int32_t k0, k1;
    other_side(t, t.first[r], p0, k0, k1);
    std::int32_t p1 = p0 + 1;
    while (p1 < b0 && p1 - p0 < kStarts) {
      std::int32_t l0, l1;
      other_side(t, t.first[r], p1, l0, l1);
      if (l0 != k0 || l1 != k1) break;
      ++p1;
    }
    const std::int32_t starts = p1 - p0;
    std::fill(best.begin(), best.begin() + static_cast<std::size_t>(starts) * nb, kNone);
    for (std::int32_t k = k0; k < k1; ++k) {
      const float* s = table.row(k) + b0;  // S(k, m), k < m
      for (std::int32_t j = 0; j < starts; ++j) {
        const float base = table.m(p0 + j, k);
        float* bm = best.data() + static_cast<std::size_t>(j) * nb;
        for (std::int32_t i = 0; i < nb; ++i) bm[i] = std::max(bm[i], base + s[i]);
      }
    }
    if (second_is_leaf) {
      for (std::int32_t j = 0; j < starts; ++j) out[static_cast<std::size_t>(j) * nb] = best[static_cast<std::size_t>(j) * nb];
    } else {
      // Ends q in the second half of `second` come from m in its first half:
      // M(m, q) = row q, columns [b0, bs).
      for (std::int32_t q = bs; q < b1; ++q) {
        const float* mq = table.row(q) + b0;
        for (std::int32_t j = 0; j < starts; ++j) {
          out[static_cast<std::size_t>(j) * nb + (q - b0)] =
              max_of_sums(best.data() + static_cast<std::size_t>(j) * nb, mq, nb1);
        }
      }
      // Ends q in the first half come from m in the second: M(m, q) = row m,
      // columns [b0, bs).
      for (std::int32_t j = 0; j < starts; ++j) {
        std::fill(out.begin() + static_cast<std::size_t>(j) * nb, out.begin() + static_cast<std::size_t>(j) * nb + nb1, kNone);
      }
      for (std::int32_t m = bs; m < b1; ++m) {
        const float* mm = table.row(m) + b0;
        for (std::int32_t j = 0; j < starts; ++j) {
          const float bm = best[static_cast<std::size_t>(j) * nb + (m - b0)];
          float* o = out.data() + static_cast<std::size_t>(j) * nb;
          for (std::int32_t i = 0; i < nb1; ++i) o[i] = std::max(o[i], bm + mm[i]);
        }
      }
    }
    // M(p, q), p < q, lives in row q: the block's starts are adjacent there.
    for (std::int32_t q = b0; q < b1; ++q) {
      for (std::int32_t j = 0; j < starts; ++j) table.set_m(p0 + j, q, out[static_cast<std::size_t>(j) * nb + (q - b0)]);
    }
    p0 = p1;
  }
}

// Reads the best order back, top-down: at each node, the split (k, m) that
// reaches the value kept for the node's ends.
std::vector<std::int32_t> read_order(const LaidOutTree& t, const OrderTable& table) {
  const std::int32_t n = t.n;
  const std::int32_t root = n - 2;
  std::int32_t left = t.begin[root], right = t.split[root];
  float top = kNone;
  for (std::int32_t p = t.begin[root]; p < t.split[root]; ++p) {
    for (std::int32_t q = t.split[root]; q < t.end[root]; ++q) {
      if (table.m(p, q) > top) {
        top = table.m(p, q);
        left = p;
        right = q;
      }
    }
  }
  struct Frame {
    std::int32_t node, left, right;
  };
  std::vector<std::int32_t> order;
  order.reserve(n);
  std::vector<Frame> stack{{2 * n - 2, left, right}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    if (f.node < n) {
      order.push_back(f.left);
      continue;
    }
    const std::int32_t r = f.node - n;
    const bool first_left = f.left < t.split[r];
    const std::int32_t node_l = first_left ? t.first[r] : t.second[r];
    const std::int32_t node_r = first_left ? t.second[r] : t.first[r];
    std::int32_t k0, k1, m0, m1;
    other_side(t, node_l, f.left, k0, k1);
    other_side(t, node_r, f.right, m0, m1);
    float value = kNone;
    std::int32_t bk = k0, bm = m0;
    for (std::int32_t k = k0; k < k1; ++k) {
      for (std::int32_t m = m0; m < m1; ++m) {
        const float v = table.m(f.left, k) + table.s(k, m) + table.m(m, f.right);
        if (v > value) {
          value = v;
          bk = k;
          bm = m;
        }
      }
    }
    stack.push_back({node_r, bm, f.right});
    stack.push_back({node_l, f.left, bk});
  }
  return order;  // positions
}

// Runs the recursion on a table whose upper triangle holds S in the laid-out
// positions; returns the order as positions. False when cancelled.
bool solve(const LaidOutTree& t, OrderTable& table, const ProgressCallback& progress,
           std::vector<std::int32_t>& positions) {
  const std::int32_t n = t.n;
  double total = 0.0;
  for (std::int32_t r = 0; r + 1 < n; ++r) total += node_work(t, r);
  const double unit = std::max(1.0, total / 1e6);
  ProgressReporter reporter(progress, static_cast<std::size_t>(total / unit) + 1);
  std::vector<float> best, out;
  double done = 0.0;
  std::size_t reported = 0;
  // Rows come children first (a linkage matrix's rows are in merge order).
  for (std::int32_t r = 0; r + 1 < n; ++r) {
    fill_node(t, r, table, best, out);
    done += node_work(t, r);
    const auto now = static_cast<std::size_t>(done / unit);
    if (!reporter.advance(now - reported)) return false;
    reported = now;
  }
  positions = read_order(t, table);
  return reporter.finish();
}

std::vector<double> tree_of(const std::vector<Merge>& merges, std::int32_t count) {
  return linkage_from_merges(merges, count);
}

// items_by_position[p] = what leaf position p stands for; the mirror image
// that starts at the smaller of its two ends.
void orient(std::vector<std::int32_t>& order_items) {
  if (order_items.size() > 1 && order_items.back() < order_items.front()) {
    std::reverse(order_items.begin(), order_items.end());
  }
}

}  // namespace

Status optimal_leaf_order(const NormalizedRows& x, const std::vector<Merge>& merges, std::int32_t* items,
                          std::int32_t count, const ProgressCallback& progress) {
  if (count > kMaxOptimalLeafOrderItems) {
    return Status::failure("optimal leaf ordering of " + std::to_string(count) +
                               " items needs an n x n table; it is limited to " +
                               std::to_string(kMaxOptimalLeafOrderItems) + " items",
                           StatusCode::TooLarge);
  }
  if (count < 3) {
    dendrogram_leaf_order(merges, items, count);
    return Status::success();
  }
  const LaidOutTree t = lay_out(tree_of(merges, count), count);
  const std::int32_t d = x.dim;
  // Rows in laid-out order, so each S tile is one Gram product.
  std::vector<float> rows(static_cast<std::size_t>(count) * d);
  for (std::int32_t p = 0; p < count; ++p) {
    const float* source = x.row(items[t.leaf_at[p]]);
    std::copy(source, source + d, rows.data() + static_cast<std::size_t>(p) * d);
  }
  std::vector<float> buffer(static_cast<std::size_t>(count) * count, 0.0f);
  GramWorkspace workspace;
  for (std::int32_t r0 = 0; r0 < count; r0 += kTile) {
    const std::int32_t r1 = std::min(count, r0 + kTile);
    for (std::int32_t c0 = r0; c0 < count; c0 += kTile) {
      const std::int32_t c1 = std::min(count, c0 + kTile);
      gram_tile(rows.data() + static_cast<std::size_t>(r0) * d, r1 - r0,
                rows.data() + static_cast<std::size_t>(c0) * d, c1 - c0, d,
                buffer.data() + static_cast<std::size_t>(r0) * count + c0, count, workspace);
    }
  }
  rows.clear();
  rows.shrink_to_fit();
  OrderTable table(count, buffer);
  std::vector<std::int32_t> positions;
  if (!solve(t, table, progress, positions)) {
    return Status::failure("optimal leaf ordering cancelled", StatusCode::Cancelled);
  }
  const std::vector<std::int32_t> original(items, items + count);
  std::vector<std::int32_t> ordered(count);
  for (std::int32_t k = 0; k < count; ++k) ordered[k] = original[t.leaf_at[positions[k]]];
  orient(ordered);
  std::copy(ordered.begin(), ordered.end(), items);
  return Status::success();
}

std::vector<std::int32_t> optimal_leaf_order_of(const std::vector<Merge>& merges,
                                                const std::vector<float>& similarity, std::int32_t count) {
  std::vector<std::int32_t> items(count);
  std::iota(items.begin(), items.end(), 0);
  if (count < 3) {
    dendrogram_leaf_order(merges, items.data(), count);
    return items;
  }
  const LaidOutTree t = lay_out(tree_of(merges, count), count);
  std::vector<float> buffer(static_cast<std::size_t>(count) * count, 0.0f);
  for (std::int32_t p = 0; p < count; ++p) {
    for (std::int32_t q = p + 1; q < count; ++q) {
      const std::int32_t i = t.leaf_at[p], j = t.leaf_at[q];
      buffer[static_cast<std::size_t>(p) * count + q] =
          similarity[static_cast<std::size_t>(std::min(i, j)) * count + std::max(i, j)];
    }
  }
  OrderTable table(count, buffer);
  std::vector<std::int32_t> positions;
  solve(t, table, {}, positions);
  for (std::int32_t k = 0; k < count; ++k) items[k] = t.leaf_at[positions[k]];
  orient(items);
  return items;
}

double adjacent_similarity_sum(const NormalizedRows& x, const std::int32_t* order, std::int32_t count) {
  double sum = 0.0;
  for (std::int32_t k = 0; k + 1 < count; ++k) sum += row_dot(x.row(order[k]), x.row(order[k + 1]), x.dim);
  return sum;
}

}  // namespace cosine_heatmap
