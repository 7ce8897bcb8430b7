#include "cosine_heatmap/normalize.hpp"

#include <cmath>
#include <string>

namespace cosine_heatmap {
namespace {

template <typename T>
Status non_finite_error(T value, std::int32_t row, std::int32_t col) {
  const char* what = std::isnan(value) ? "NaN" : (value > 0 ? "+Inf" : "-Inf");
  return Status::failure(std::string(what) + " at row " + std::to_string(row) + ", column " +
                         std::to_string(col) + " (0-based): embeddings must be finite numbers");
}

template <typename T>
Status normalize_rows_impl(const T* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  if (n <= 0 || d <= 0) {
    return Status::failure("embeddings must have at least one row and one column, got " +
                           std::to_string(n) + " x " + std::to_string(d));
  }
  out.rows = n;
  out.dim = d;
  out.data.assign(static_cast<std::size_t>(n) * d, 0.0f);
  out.zero_rows.clear();

  for (std::int32_t i = 0; i < n; ++i) {
    const T* in = x + static_cast<std::size_t>(i) * d;
    // Scaling by the largest magnitude first keeps the sum of squares finite
    // for values like 1e30 (float) or 1e200 (double), whose squares overflow.
    double scale = 0.0;
    for (std::int32_t j = 0; j < d; ++j) {
      const T v = in[j];
      if (!std::isfinite(v)) return non_finite_error(v, i, j);
      const double a = std::fabs(static_cast<double>(v));
      if (a > scale) scale = a;
    }
    if (scale == 0.0) {
      out.zero_rows.push_back(i);
      continue;
    }
    double sum = 0.0;
    for (std::int32_t j = 0; j < d; ++j) {
      const double s = static_cast<double>(in[j]) / scale;
      sum += s * s;
    }
    const double inv = 1.0 / std::sqrt(sum);
    float* dst = out.data.data() + static_cast<std::size_t>(i) * d;
    for (std::int32_t j = 0; j < d; ++j) {
      dst[j] = static_cast<float>(static_cast<double>(in[j]) / scale * inv);
    }
  }
  return Status::success();
}

}  // namespace

Status normalize_rows(const float* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  return normalize_rows_impl(x, n, d, out);
}

Status normalize_rows(const double* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  return normalize_rows_impl(x, n, d, out);
}

}  // namespace cosine_heatmap
