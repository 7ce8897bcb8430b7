#include "cosine_heatmap/spectral_clusters.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <queue>

#include "cosine_heatmap/fiedler_vector.hpp"
#include "cosine_heatmap/sweep_cut.hpp"

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kMinShareDenominator = 16;  // as spectral_ordering.cpp

struct Split {
  std::vector<std::int32_t> first, second;
  double height = 0.0;
};

void sum_rows(const NormalizedRows& x, const std::vector<std::int32_t>& items, std::vector<double>& sum) {
  sum.assign(x.dim, 0.0);
  for (std::int32_t item : items) {
    const float* row = x.row(item);
    for (std::int32_t k = 0; k < x.dim; ++k) sum[k] += row[k];
  }
}

// The cluster's best bisection and its height.
Split bisect(const NormalizedRows& x, const std::vector<std::int32_t>& items, FiedlerWorkspace& workspace) {
  const std::int32_t m = static_cast<std::int32_t>(items.size());
  const std::int32_t d = x.dim;
  std::vector<float> rows(static_cast<std::size_t>(m) * d);
  for (std::int32_t i = 0; i < m; ++i) std::copy(x.row(items[i]), x.row(items[i]) + d, rows.data() + static_cast<std::size_t>(i) * d);
  std::vector<double> sum;
  sum_rows(x, items, sum);
  std::vector<float> fiedler(m);
  const bool structured = fiedler_vector(rows.data(), m, d, sum.data(), fiedler.data(), workspace);
  std::vector<std::int32_t> from(m);
  std::iota(from.begin(), from.end(), 0);
  std::sort(from.begin(), from.end(), [&](std::int32_t a, std::int32_t b) {
    return fiedler[a] != fiedler[b] ? fiedler[a] < fiedler[b] : items[a] < items[b];
  });
  std::vector<float> sorted(rows.size());
  for (std::int32_t i = 0; i < m; ++i) {
    std::copy(rows.data() + static_cast<std::size_t>(from[i]) * d, rows.data() + static_cast<std::size_t>(from[i] + 1) * d,
              sorted.data() + static_cast<std::size_t>(i) * d);
  }
  const std::int32_t m1 = structured && m >= 4
                              ? best_normalized_cut(sorted.data(), m, d, sum.data(),
                                                    std::max(1, m / kMinShareDenominator))
                              : m / 2;
  Split split;
  for (std::int32_t i = 0; i < m; ++i) (i < m1 ? split.first : split.second).push_back(items[from[i]]);
  std::vector<double> s1, s2;
  sum_rows(x, split.first, s1);
  for (std::int32_t k = 0; k < d; ++k) s2.push_back(sum[k] - s1[k]);
  double dot = 0.0;
  for (std::int32_t k = 0; k < d; ++k) dot += s1[k] * s2[k];
  split.height = 1.0 - dot / (static_cast<double>(split.first.size()) * static_cast<double>(split.second.size()));
  return split;
}

}  // namespace

Status spectral_clusters(const NormalizedRows& x, std::int32_t k, double threshold,
                         std::vector<std::int32_t>& labels) {
  const std::int32_t n = x.rows;
  std::vector<std::vector<std::int32_t>> done;
  FiedlerWorkspace workspace;
  // Pending clusters by the height of their split, highest first; ties by
  // smallest item, so the order is fixed.
  struct Pending {
    Split split;
    std::int32_t smallest;
  };
  auto lower = [](const Pending& a, const Pending& b) {
    return a.split.height != b.split.height ? a.split.height < b.split.height : a.smallest > b.smallest;
  };
  std::priority_queue<Pending, std::vector<Pending>, decltype(lower)> queue(lower);
  auto add = [&](std::vector<std::int32_t> items) {
    if (items.size() < 2) {
      done.push_back(std::move(items));
      return;
    }
    const std::int32_t smallest = *std::min_element(items.begin(), items.end());
    queue.push({bisect(x, items, workspace), smallest});
  };
  std::vector<std::int32_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  add(std::move(all));
  while (!queue.empty()) {
    const bool more = k > 0 ? static_cast<std::int32_t>(done.size() + queue.size()) < k
                            : queue.top().split.height > threshold;
    if (!more) break;
    Pending top = queue.top();
    queue.pop();
    add(std::move(top.split.first));
    add(std::move(top.split.second));
  }
  while (!queue.empty()) {
    Split s = queue.top().split;
    queue.pop();
    s.first.insert(s.first.end(), s.second.begin(), s.second.end());
    done.push_back(std::move(s.first));
  }
  std::vector<std::int32_t> smallest(done.size());
  for (std::size_t c = 0; c < done.size(); ++c) smallest[c] = *std::min_element(done[c].begin(), done[c].end());
  std::vector<std::size_t> rank(done.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) { return smallest[a] < smallest[b]; });
  labels.assign(n, 0);
  for (std::size_t r = 0; r < rank.size(); ++r) {
    for (std::int32_t item : done[rank[r]]) labels[item] = static_cast<std::int32_t>(r);
  }
  return Status::success();
}

}  // namespace cosine_heatmap
