#include "cosine_heatmap/sweep_cut.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "cosine_heatmap/row_arithmetic.hpp"

namespace cosine_heatmap {
namespace {

// The running sum is kept in double and copied to float every so many rows:
// float dot products, without a million-term float sum drifting.
constexpr std::int32_t kResync = 256;

}  // namespace

std::int32_t best_normalized_cut(const float* rows, std::int32_t count, std::int32_t d,
                                 const double* sum, std::int32_t min_side) {
  min_side = std::max<std::int32_t>(1, std::min(min_side, count / 2));
  std::vector<float> s(d), prefix(d, 0.0f);
  std::vector<double> prefix_exact(d, 0.0);
  double ss = 0.0;
  for (std::int32_t k = 0; k < d; ++k) {
    s[k] = static_cast<float>(sum[k]);
    ss += sum[k] * sum[k];
  }
  const double m = count;
  double a_s = 0.0;   // s_A·s
  double a_a = 0.0;   // s_A·s_A
  double best = std::numeric_limits<double>::infinity();
  std::int32_t best_k = count / 2;
  for (std::int32_t i = 0; i + 1 < count; ++i) {
    if (i > 0 && i % kResync == 0) {
      for (std::int32_t k = 0; k < d; ++k) prefix[k] = static_cast<float>(prefix_exact[k]);
    }
    const float* r = rows + static_cast<std::size_t>(i) * d;
    a_a += 2.0 * row_dot(r, prefix.data(), d) + row_dot(r, r, d);
    a_s += row_dot(r, s.data(), d);
    row_axpy(1.0f, r, prefix.data(), d);
    for (std::int32_t k = 0; k < d; ++k) prefix_exact[k] += r[k];
    const std::int32_t size_a = i + 1;
    if (size_a < min_side || count - size_a < min_side) continue;
    const double a = size_a, b = m - a;
    const double cut = 0.5 * (a * b + (a_s - a_a));
    const double vol_a = 0.5 * (a * m + a_s);
    const double vol_b = 0.5 * (b * m + (ss - a_s));
    const double ncut = cut / std::max(vol_a, 0.5) + cut / std::max(vol_b, 0.5);
    if (ncut < best) {
      best = ncut;
      best_k = size_a;
    }
  }
  return best_k;
}

}  // namespace cosine_heatmap
