#include "cosine_heatmap/fiedler_vector.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cosine_heatmap/row_arithmetic.hpp"

namespace cosine_heatmap {
namespace {

// A split needs the direction, not digits: a Ritz residual of 1e-3 of the
// eigenvalue is plenty. Many similar clusters make the top eigenvalues
// nearly equal and convergence slow, but any vector in their span separates
// clusters, so the step limit is low: measured on 200 planted clusters,
// 12 steps order as well as 24, at half the time. The limit bounds the cost
// at 14 passes over the rows per subset.
constexpr std::int32_t kMaxSteps = 12;
constexpr double kTolerance = 1e-3;
// Below this second eigenvalue the subset is one point (or all zeros): for
// unstructured random unit vectors it is still about 1/d.
constexpr double kNoStructure = 1e-6;
// Rows summed in float per block, blocks in double: float speed, without
// letting a million-term float sum drift.
constexpr std::int32_t kBlock = 256;

// Plain loops over doubles: compilers keep their order without -ffast-math.
double dot(const double* a, const double* b, std::int32_t p) {
  double s = 0.0;
  for (std::int32_t k = 0; k < p; ++k) s += a[k] * b[k];
  return s;
}

void subtract_projection(const double* q, double* w, std::int32_t p) {
  const double c = dot(q, w, p);
  for (std::int32_t k = 0; k < p; ++k) w[k] -= c * q[k];
}

bool normalize(double* w, std::int32_t p) {
  const double norm = std::sqrt(dot(w, w, p));
  if (!(norm > 0.0)) return false;
  for (std::int32_t k = 0; k < p; ++k) w[k] /= norm;
  return true;
}

// A fixed pseudo-random start (splitmix64 of the coordinate): not orthogonal
// to anything in particular, and the same bits on every platform, which a
// std:: distribution would not guarantee.
double start_component(std::uint64_t k) {
  std::uint64_t z = (k + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

// out = Bᵀ B v with B = D^{-1/2} [X̂ 1] / √2, i.e. Σᵢ [x̂ᵢ 1] ([x̂ᵢ 1]·v) / (2 dᵢ):
// one pass, each row loaded once for its dot product and its update.
void apply_gram(const float* rows, std::int32_t count, std::int32_t d, const double* v,
                double* out, FiedlerWorkspace& ws) {
  for (std::int32_t k = 0; k <= d; ++k) ws.z[k] = static_cast<float>(v[k]);
  std::fill(out, out + d + 1, 0.0);
  const float* z = ws.z.data();
  float* acc = ws.block_sum.data();
  for (std::int32_t b0 = 0; b0 < count; b0 += kBlock) {
    const std::int32_t b1 = std::min(count, b0 + kBlock);
    std::fill(acc, acc + d, 0.0f);
    float ones = 0.0f;
    for (std::int32_t i = b0; i < b1; ++i) {
      const float* r = rows + static_cast<std::size_t>(i) * d;
      const float a = (row_dot(r, z, d) + z[d]) * ws.half_inv_degree[i];
      row_axpy(a, r, acc, d);
      ones += a;
    }
    for (std::int32_t k = 0; k < d; ++k) out[k] += acc[k];
    out[d] += ones;
  }
}

// Number of eigenvalues below `at` of the symmetric tridiagonal matrix with
// diagonal a and off-diagonal b (Sturm sequence).
std::int32_t count_below(const double* a, const double* b, std::int32_t k, double at) {
  constexpr double kPivotMin = 1e-200;
  std::int32_t below = 0;
  double q = 1.0;
  for (std::int32_t i = 0; i < k; ++i) {
    q = a[i] - at - (i > 0 ? b[i - 1] * b[i - 1] / q : 0.0);
    if (std::fabs(q) < kPivotMin) q = -kPivotMin;
    if (q < 0.0) ++below;
  }
  return below;
}

// Largest eigenpair of the Lanczos matrix: bisection for the value, then
// inverse iteration, whose shifted matrix σI − T is positive definite, so the
// elimination needs no pivoting. O(k) per step, cheap enough to run after
// every Lanczos step, and free of any library's vectorized reductions.
double top_eigenpair(const double* a, const double* b, std::int32_t k, double* y) {
  double lo = a[0], hi = a[0];
  for (std::int32_t i = 0; i < k; ++i) {
    const double r = (i > 0 ? std::fabs(b[i - 1]) : 0.0) + (i + 1 < k ? std::fabs(b[i]) : 0.0);
    lo = std::min(lo, a[i] - r);
    hi = std::max(hi, a[i] + r);
  }
  hi += 1e-12 * (1.0 + std::fabs(hi));
  lo -= 1e-12 * (1.0 + std::fabs(lo));
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (count_below(a, b, k, mid) == k) hi = mid; else lo = mid;
  }
  const double sigma = hi + 1e-14 * (1.0 + std::fabs(hi));
  const double guard = 1e-18 * (1.0 + std::fabs(sigma));
  double cp[kMaxSteps];
  double dp[kMaxSteps];
  for (std::int32_t i = 0; i < k; ++i) y[i] = 1.0;
  for (int it = 0; it < 3; ++it) {
    double piv = std::max(sigma - a[0], guard);
    cp[0] = k > 1 ? -b[0] / piv : 0.0;
    dp[0] = y[0] / piv;
    for (std::int32_t i = 1; i < k; ++i) {
      piv = std::max((sigma - a[i]) + b[i - 1] * cp[i - 1], guard);
      cp[i] = i + 1 < k ? -b[i] / piv : 0.0;
      dp[i] = (y[i] + b[i - 1] * dp[i - 1]) / piv;
    }
    y[k - 1] = dp[k - 1];
    for (std::int32_t i = k - 2; i >= 0; --i) y[i] = dp[i] - cp[i] * y[i + 1];
    normalize(y, k);
  }
  return hi;
}

}  // namespace

bool fiedler_vector(const float* rows, std::int32_t count, std::int32_t d, const double* sum,
                    float* fiedler, FiedlerWorkspace& ws) {
  std::fill(fiedler, fiedler + count, 0.0f);
  const std::int32_t p = d + 1;
  auto row = [&](std::int32_t i) { return rows + static_cast<std::size_t>(i) * d; };
  const std::int32_t max_steps = std::min({kMaxSteps, p - 1, count - 1});
  if (max_steps < 1) return false;

  ws.z.resize(p);
  ws.block_sum.resize(d);
  ws.half_inv_degree.resize(count);
  for (std::int32_t k = 0; k < d; ++k) ws.z[k] = static_cast<float>(sum[k]);
  // 2 dᵢ = Σⱼ (1 + S(i, j)) = count + x̂ᵢ·Σ x̂ⱼ ≥ 1; the floor only absorbs
  // rounding in sums of a million terms.
  for (std::int32_t i = 0; i < count; ++i) {
    const float twice_degree = row_dot(row(i), ws.z.data(), d) + static_cast<float>(count);
    ws.half_inv_degree[i] = 1.0f / std::max(twice_degree, 0.5f);
  }

  // The trivial eigenvector (eigenvalue 1), kept out of every Lanczos vector.
  std::vector<double> trivial(sum, sum + d);
  trivial.push_back(static_cast<double>(count));
  normalize(trivial.data(), p);

  ws.basis.assign(static_cast<std::size_t>(max_steps + 1) * p, 0.0);
  auto q = [&](std::int32_t j) { return ws.basis.data() + static_cast<std::size_t>(j) * p; };
  for (std::int32_t k = 0; k < p; ++k) q(0)[k] = start_component(k);
  subtract_projection(trivial.data(), q(0), p);
  subtract_projection(trivial.data(), q(0), p);
  if (!normalize(q(0), p)) return false;

  double alpha[kMaxSteps], beta[kMaxSteps], y[kMaxSteps];
  std::vector<double> w(p);
  std::int32_t steps = 0;
  double theta = 0.0;
  for (std::int32_t j = 0; j < max_steps; ++j) {
    apply_gram(rows, count, d, q(j), w.data(), ws);
    alpha[j] = dot(q(j), w.data(), p);
    // Full reorthogonalization, twice: the basis is at most 13 × (d + 1),
    // negligible next to a pass over the rows, and float products would
    // otherwise let lost orthogonality bring back converged directions.
    for (int rep = 0; rep < 2; ++rep) {
      subtract_projection(trivial.data(), w.data(), p);
      for (std::int32_t l = 0; l <= j; ++l) subtract_projection(q(l), w.data(), p);
    }
    beta[j] = std::sqrt(dot(w.data(), w.data(), p));
    steps = j + 1;
    theta = top_eigenpair(alpha, beta, steps, y);
    if (beta[j] * std::fabs(y[steps - 1]) <= kTolerance * theta || beta[j] <= 1e-10) break;
    for (std::int32_t k = 0; k < p; ++k) q(j + 1)[k] = w[k] / beta[j];
  }
  if (theta <= kNoStructure) return false;

  // Ritz vector c in the (d+1)-space, oriented so its largest component
  // (lowest index on ties) is positive; then fᵢ ∝ [x̂ᵢ 1]·c / dᵢ.
  std::vector<double> c(p, 0.0);
  for (std::int32_t l = 0; l < steps; ++l) {
    for (std::int32_t k = 0; k < p; ++k) c[k] += y[l] * q(l)[k];
  }
  std::int32_t largest = 0;
  for (std::int32_t k = 1; k < p; ++k) {
    if (std::fabs(c[k]) > std::fabs(c[largest])) largest = k;
  }
  const double sign = c[largest] < 0.0 ? -1.0 : 1.0;
  for (std::int32_t k = 0; k <= d; ++k) ws.z[k] = static_cast<float>(sign * c[k]);
  for (std::int32_t i = 0; i < count; ++i) {
    fiedler[i] = (row_dot(row(i), ws.z.data(), d) + ws.z[d]) * ws.half_inv_degree[i];
  }
  return true;
}

}  // namespace cosine_heatmap
