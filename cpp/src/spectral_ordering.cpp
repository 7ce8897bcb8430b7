#include "cosine_heatmap/spectral_ordering.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "cosine_heatmap/fiedler_vector.hpp"
#include "cosine_heatmap/hierarchical_clustering.hpp"
#include "cosine_heatmap/row_arithmetic.hpp"
#include "cosine_heatmap/sweep_cut.hpp"

namespace cosine_heatmap {
namespace {

// Each half keeps at least 1/kMinShareDenominator of the subset: peeling off
// a few outliers per level would make the depth, and the cost, grow with n.
// (1/8 measured worse on many small clusters: the forced cut lands inside
// one more often.)
constexpr std::int32_t kMinShareDenominator = 16;
constexpr std::int32_t kBlock = 256;

// A pending subset: positions [begin, end) of the items (and of the working
// rows), and the sum of its rows (the Fiedler step needs it, and the halves'
// means orient the split).
struct Subset {
  std::int32_t begin = 0;
  std::int32_t end = 0;
  std::vector<double> sum;
};

void add_rows(const float* rows, std::int32_t count, std::int32_t d, std::vector<float>& block,
              double* sum) {
  for (std::int32_t b0 = 0; b0 < count; b0 += kBlock) {
    const std::int32_t b1 = std::min(count, b0 + kBlock);
    std::fill(block.begin(), block.end(), 0.0f);
    for (std::int32_t i = b0; i < b1; ++i) {
      row_axpy(1.0f, rows + static_cast<std::size_t>(i) * d, block.data(), d);
    }
    for (std::int32_t k = 0; k < d; ++k) sum[k] += block[k];
  }
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
  return s;
}

// Reorders items and their rows so that new position i holds old position
// from[i], following cycles with one spare row: no second n×d buffer.
void permute_in_place(std::int32_t* items, float* rows, std::int32_t d,
                      const std::vector<std::int32_t>& from, std::vector<char>& done,
                      std::vector<float>& spare) {
  const std::int32_t m = static_cast<std::int32_t>(from.size());
  const std::size_t row_bytes = static_cast<std::size_t>(d);
  done.assign(m, 0);
  for (std::int32_t start = 0; start < m; ++start) {
    if (done[start]) continue;
    const std::int32_t item = items[start];
    std::copy(rows + start * row_bytes, rows + (start + 1) * row_bytes, spare.data());
    std::int32_t to = start;
    for (;;) {
      done[to] = 1;
      const std::int32_t source = from[to];
      if (source == start) {
        items[to] = item;
        std::copy(spare.begin(), spare.end(), rows + to * row_bytes);
        break;
      }
      items[to] = items[source];
      std::copy(rows + source * row_bytes, rows + (source + 1) * row_bytes, rows + to * row_bytes);
      to = source;
    }
  }
}

}  // namespace

Status spectral_order(const NormalizedRows& x, std::int32_t* items, std::int32_t count) {
  if (count < 2) return Status::success();
  const std::int32_t d = x.dim;
  // A working copy of the rows, kept in the order of `items`: every subset is
  // then one contiguous block, and the passes over it stream from memory
  // (gathering scattered rows measured several times slower at n = 100,000).
  std::vector<float> rows(static_cast<std::size_t>(count) * d);
  for (std::int32_t i = 0; i < count; ++i) {
    std::copy(x.row(items[i]), x.row(items[i]) + d, rows.data() + static_cast<std::size_t>(i) * d);
  }
  std::vector<float> block(d), spare(d), fiedler(count);
  std::vector<std::int32_t> from;
  std::vector<char> done;
  FiedlerWorkspace workspace;

  std::vector<Subset> stack(1);
  stack[0].begin = 0;
  stack[0].end = count;
  stack[0].sum.assign(d, 0.0);
  add_rows(rows.data(), count, d, block, stack[0].sum.data());

  // What lies left of the subset being split: the mean of the last leaf
  // written, and its last item.
  std::vector<double> left_mean;
  std::int32_t last_item = -1;

  while (!stack.empty()) {
    Subset node = std::move(stack.back());
    stack.pop_back();
    const std::int32_t m = node.end - node.begin;
    std::int32_t* its = items + node.begin;
    float* node_rows = rows.data() + static_cast<std::size_t>(node.begin) * d;

    if (m <= kSpectralLeafSize) {
      const Status status = hierarchical_order(x, Linkage::Average, its, m);
      if (!status.ok) return status;
      if (last_item >= 0 && m > 1 &&
          row_dot(x.row(last_item), x.row(its[m - 1]), d) >
              row_dot(x.row(last_item), x.row(its[0]), d)) {
        std::reverse(its, its + m);
      }
      last_item = its[m - 1];
      left_mean = node.sum;
      for (double& v : left_mean) v /= m;
      continue;
    }

    // Lay the subset out along its Fiedler vector ((f, item) is a strict
    // total order, so any sort agrees) and cut where the normalized cut is
    // lowest; without structure, at the median.
    const bool structured = fiedler_vector(node_rows, m, d, node.sum.data(), fiedler.data(), workspace);
    from.resize(m);
    for (std::int32_t i = 0; i < m; ++i) from[i] = i;
    const float* f = fiedler.data();
    std::sort(from.begin(), from.end(), [&](std::int32_t a, std::int32_t b) {
      return f[a] != f[b] ? f[a] < f[b] : its[a] < its[b];
    });
    permute_in_place(its, node_rows, d, from, done, spare);
    const std::int32_t m1 =
        structured ? best_normalized_cut(node_rows, m, d, node.sum.data(), m / kMinShareDenominator)
                   : m / 2;
    const std::int32_t m2 = m - m1;
    float* rows2 = node_rows + static_cast<std::size_t>(m1) * d;

    // Sum the smaller half and subtract: half a pass at most.
    std::vector<double> sum1(d, 0.0), sum2(d, 0.0);
    if (m1 <= m2) {
      add_rows(node_rows, m1, d, block, sum1.data());
      for (std::int32_t k = 0; k < d; ++k) sum2[k] = node.sum[k] - sum1[k];
    } else {
      add_rows(rows2, m2, d, block, sum2.data());
      for (std::int32_t k = 0; k < d; ++k) sum1[k] = node.sum[k] - sum2[k];
    }

    // Put first the half whose mean leans towards the left neighbour and away
    // from the right one (the next pending subset), so the seams between
    // subsets join similar items. With neither, the half holding the smaller
    // original index.
    std::vector<double> lean(d, 0.0);
    for (std::int32_t k = 0; k < d; ++k) lean[k] = sum1[k] / m1 - sum2[k] / m2;
    double score = 0.0;
    if (!left_mean.empty()) score += dot(lean, left_mean);
    if (!stack.empty()) {
      const Subset& right = stack.back();
      score -= dot(lean, right.sum) / (right.end - right.begin);
    }
    bool keep = score > 0.0;
    if (score == 0.0) keep = *std::min_element(its, its + m1) < *std::min_element(its + m1, its + m);
    if (!keep) {
      std::rotate(its, its + m1, its + m);
      std::rotate(node_rows, rows2, node_rows + static_cast<std::size_t>(m) * d);
      std::swap(sum1, sum2);
    }
    const std::int32_t first_size = keep ? m1 : m2;
    stack.push_back(Subset{node.begin + first_size, node.end, std::move(sum2)});
    stack.push_back(Subset{node.begin, node.begin + first_size, std::move(sum1)});
  }
  return Status::success();
}

}  // namespace cosine_heatmap
