// Contracting a*b+c into one fused multiply-add would change the last bits
// wherever the target has FMA (e.g. -march=native, ARM64), and so break the
// bit-identical results between builds. Both compilers contract by default.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "cosine_heatmap/truncated_svd.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cosine_heatmap {
namespace {

// Four running sums, combined in a fixed pattern: the order is part of the
// code, not the compiler's vectorizer.
double dot(const double* a, const double* b, std::size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

// Columns of m made orthonormal by modified Gram–Schmidt, run twice ("twice
// is enough", Giraud et al. 2005) on a column-major copy so each projection
// streams two contiguous columns. A column that was (numerically) in the
// span of the ones before it becomes zero rather than amplified noise.
void orthonormalize_columns(RowMatrixXd& m) {
  Eigen::MatrixXd c = m;
  const std::size_t n = static_cast<std::size_t>(c.rows());
  std::vector<bool> kept(static_cast<std::size_t>(c.cols()), false);
  for (Eigen::Index j = 0; j < c.cols(); ++j) {
    double* v = c.col(j).data();
    const double original = std::sqrt(dot(v, v, n));
    for (int pass = 0; pass < 2; ++pass) {
      for (Eigen::Index k = 0; k < j; ++k) {
        if (!kept[static_cast<std::size_t>(k)]) continue;
        const double* q = c.col(k).data();
        const double r = dot(q, v, n);
        for (std::size_t i = 0; i < n; ++i) v[i] -= r * q[i];
      }
    }
    const double norm = std::sqrt(dot(v, v, n));
    if (original == 0.0 || norm <= 1e-10 * original) {
      std::fill(v, v + n, 0.0);
      continue;
    }
    kept[static_cast<std::size_t>(j)] = true;
    for (std::size_t i = 0; i < n; ++i) v[i] /= norm;
  }
  m = c;
}

// y = A·w (rows × l): each output row gathers the rows of w its entries name.
bool multiply(const SparseRows& a, const RowMatrixXd& w, ProgressReporter& progress,
              RowMatrixXd& y) {
  const Eigen::Index l = w.cols();
  y.setZero(a.rows, l);
  for (std::int32_t i = 0; i < a.rows; ++i) {
    double* out = y.row(i).data();
    for (std::size_t e = a.row_start[i]; e < a.row_start[i + 1]; ++e) {
      const double v = a.value[e];
      const double* in = w.row(a.col[e]).data();
      for (Eigen::Index j = 0; j < l; ++j) out[j] += v * in[j];
    }
    if (!progress.advance(1)) return false;
  }
  return true;
}

// z = Aᵀ·q (cols × l): each input row scatters into the rows its entries name.
bool multiply_transposed(const SparseRows& a, const RowMatrixXd& q, ProgressReporter& progress,
                         RowMatrixXd& z) {
  const Eigen::Index l = q.cols();
  z.setZero(a.cols, l);
  for (std::int32_t i = 0; i < a.rows; ++i) {
    const double* in = q.row(i).data();
    for (std::size_t e = a.row_start[i]; e < a.row_start[i + 1]; ++e) {
      const double v = a.value[e];
      double* out = z.row(a.col[e]).data();
      for (Eigen::Index j = 0; j < l; ++j) out[j] += v * in[j];
    }
    if (!progress.advance(1)) return false;
  }
  return true;
}

}  // namespace

std::size_t truncated_svd_work(std::int32_t rows) {
  return static_cast<std::size_t>(rows) * (3 + 2 * kSvdPowerIterations);
}

Status truncated_svd_project(const SparseRows& a, std::int32_t components,
                             ProgressReporter& progress, RowMatrixXd& out) {
  const Status cancelled = Status::failure("cancelled", StatusCode::Cancelled);
  // More directions than min(rows, cols) cannot add rank.
  const std::int32_t l = std::max(
      components, std::min(components + kSvdOversampling, std::min(a.rows, a.cols)));

  RowMatrixXd omega(a.cols, l);
  SplitMix64 rng(kSvdSeed);
  for (Eigen::Index r = 0; r < omega.rows(); ++r) {
    for (Eigen::Index j = 0; j < l; ++j) omega(r, j) = rng.next_symmetric();
  }

  RowMatrixXd q;
  RowMatrixXd w;
  if (!multiply(a, omega, progress, q)) return cancelled;
  orthonormalize_columns(q);
  for (std::int32_t it = 0; it < kSvdPowerIterations; ++it) {
    if (!multiply_transposed(a, q, progress, w)) return cancelled;
    orthonormalize_columns(w);
    if (!multiply(a, w, progress, q)) return cancelled;
    orthonormalize_columns(q);
  }
  RowMatrixXd bt;  // Bᵀ = Aᵀ·Q, cols × l
  if (!multiply_transposed(a, q, progress, bt)) return cancelled;

  // B·Bᵀ = Σ over rows r of Bᵀ of the outer products, in row order.
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(l, l);
  for (Eigen::Index r = 0; r < bt.rows(); ++r) {
    const double* z = bt.row(r).data();
    for (std::int32_t i = 0; i < l; ++i) {
      if (z[i] == 0.0) continue;
      for (std::int32_t j = i; j < l; ++j) gram(i, j) += z[i] * z[j];
    }
  }
  for (std::int32_t i = 0; i < l; ++i) {
    for (std::int32_t j = 0; j < i; ++j) gram(i, j) = gram(j, i);
  }

  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  symmetric_eigen(gram, values, vectors);

  // P = U_k·Σ_k (l × k), each column's sign fixed by its largest entry.
  RowMatrixXd p = RowMatrixXd::Zero(l, components);
  for (std::int32_t t = 0; t < components && t < l; ++t) {
    const double sigma = std::sqrt(std::max(values(t), 0.0));
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < l; ++i) {
      if (std::fabs(vectors(i, t)) > std::fabs(vectors(largest, t))) largest = i;
    }
    const double sign = vectors(largest, t) < 0.0 ? -1.0 : 1.0;
    for (std::int32_t i = 0; i < l; ++i) p(i, t) = sign * vectors(i, t) * sigma;
  }

  out.setZero(a.rows, components);
  for (std::int32_t i = 0; i < a.rows; ++i) {
    const double* qi = q.row(i).data();
    double* dst = out.row(i).data();
    for (std::int32_t j = 0; j < l; ++j) {
      if (qi[j] == 0.0) continue;
      const double* pj = p.row(j).data();
      for (std::int32_t t = 0; t < components; ++t) dst[t] += qi[j] * pj[t];
    }
    if (!progress.advance(1)) return cancelled;
  }
  return Status::success();
}

void symmetric_eigen(const Eigen::MatrixXd& m, Eigen::VectorXd& values, Eigen::MatrixXd& vectors) {
  const Eigen::Index n = m.rows();
  Eigen::MatrixXd a = m;
  Eigen::MatrixXd v = Eigen::MatrixXd::Identity(n, n);
  double frobenius2 = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) frobenius2 += dot(a.col(j).data(), a.col(j).data(), n);
  // Off-diagonal entries below this are rounding noise of the rotations;
  // dropping them is what lets the sweeps stop.
  const double negligible = 1e-17 * std::sqrt(frobenius2);

  for (int sweep = 0; sweep < 100; ++sweep) {
    bool rotated = false;
    for (Eigen::Index p = 0; p + 1 < n; ++p) {
      for (Eigen::Index q = p + 1; q < n; ++q) {
        const double apq = a(p, q);
        if (std::fabs(apq) <= negligible) {
          a(p, q) = 0.0;
          a(q, p) = 0.0;
          continue;
        }
        rotated = true;
        // The smaller rotation angle t = tan φ that zeroes a(p, q)
        // (Golub & Van Loan, algorithm 8.5.2).
        const double theta = (a(q, q) - a(p, p)) / (2.0 * apq);
        const double t = std::fabs(theta) > 1e150
                             ? 0.5 / theta
                             : (theta >= 0.0 ? 1.0 : -1.0) /
                                   (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0);
        const double s = t * c;
        for (Eigen::Index k = 0; k < n; ++k) {
          const double akp = a(k, p);
          const double akq = a(k, q);
          a(k, p) = c * akp - s * akq;
          a(k, q) = s * akp + c * akq;
        }
        for (Eigen::Index k = 0; k < n; ++k) {
          const double apk = a(p, k);
          const double aqk = a(q, k);
          a(p, k) = c * apk - s * aqk;
          a(q, k) = s * apk + c * aqk;
        }
        a(p, q) = 0.0;
        a(q, p) = 0.0;
        for (Eigen::Index k = 0; k < n; ++k) {
          const double vkp = v(k, p);
          const double vkq = v(k, q);
          v(k, p) = c * vkp - s * vkq;
          v(k, q) = s * vkp + c * vkq;
        }
      }
    }
    if (!rotated) break;
  }

  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&a](Eigen::Index x, Eigen::Index y) { return a(x, x) > a(y, y); });
  values.resize(n);
  vectors.resize(n, n);
  for (Eigen::Index t = 0; t < n; ++t) {
    values(t) = a(order[t], order[t]);
    vectors.col(t) = v.col(order[t]);
  }
}

}  // namespace cosine_heatmap
