#include "cosine_heatmap/normalize.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <type_traits>

namespace cosine_heatmap {
namespace {

Status check_shape(std::int32_t n, std::int32_t d) {
  if (n <= 0 || d <= 0) {
    return Status::failure("embeddings must have at least one row and one column, got " +
                           std::to_string(n) + " x " + std::to_string(d));
  }
  return Status::success();
}

template <typename T>
Status non_finite_error(T value, std::int32_t row, std::int32_t col) {
  const char* what = std::isnan(value) ? "NaN" : (value > 0 ? "+Inf" : "-Inf");
  return Status::failure(std::string(what) + " at row " + std::to_string(row) + ", column " +
                         std::to_string(col) + " (0-based): embeddings must be finite numbers");
}

// Row by row, for double rows: scaled by the largest magnitude first, since
// squares of values like 1e200 overflow. `out` is never the input here.
template <typename T>
Status normalize_into(const T* x, std::int32_t n, std::int32_t d, float* out,
                      std::vector<std::int32_t>& zero_rows) {
  zero_rows.clear();
  for (std::int32_t i = 0; i < n; ++i) {
    const T* in = x + static_cast<std::size_t>(i) * d;
    float* dst = out + static_cast<std::size_t>(i) * d;
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
      zero_rows.push_back(i);
      std::fill(dst, dst + d, 0.0f);
      continue;
    }
    const double inv_scale = 1.0 / scale;
    if (!std::isfinite(inv_scale)) {
      // Subnormal magnitudes: divide instead, 1/scale would overflow.
      double sum = 0.0;
      for (std::int32_t j = 0; j < d; ++j) {
        const double s = static_cast<double>(in[j]) / scale;
        sum += s * s;
      }
      const double root = std::sqrt(sum);
      for (std::int32_t j = 0; j < d; ++j) dst[j] = static_cast<float>(static_cast<double>(in[j]) / scale / root);
      continue;
    }
    double sum = 0.0;
    for (std::int32_t j = 0; j < d; ++j) {
      const double s = static_cast<double>(in[j]) * inv_scale;
      sum += s * s;
    }
    const double factor = inv_scale / std::sqrt(sum);
    for (std::int32_t j = 0; j < d; ++j) dst[j] = static_cast<float>(static_cast<double>(in[j]) * factor);
  }
  return Status::success();
}

// Float rows, the common case: a float's square is exact in double and can
// neither overflow nor underflow there (FLT_MAX² ≈ 1.2e77, the smallest
// subnormal's square ≈ 2e-90), so no scaling pass is needed, and four
// partial sums break the chain of dependent additions that made loading
// cost as much as a small matrix (2–5 ms at 2,000 × 384 in WASM). A NaN or
// ±Inf makes the sum non-finite; only then is the row searched for it.
Status normalize_float_into(const float* x, std::int32_t n, std::int32_t d, float* out,
                            std::vector<std::int32_t>& zero_rows) {
  zero_rows.clear();
  for (std::int32_t i = 0; i < n; ++i) {
    const float* in = x + static_cast<std::size_t>(i) * d;
    float* dst = out + static_cast<std::size_t>(i) * d;
    double partial[4] = {0.0, 0.0, 0.0, 0.0};
    std::int32_t j = 0;
    for (; j + 4 <= d; j += 4) {
      for (int lane = 0; lane < 4; ++lane) {
        const double v = in[j + lane];
        partial[lane] += v * v;
      }
    }
    for (; j < d; ++j) partial[0] += static_cast<double>(in[j]) * in[j];
    const double sum = (partial[0] + partial[1]) + (partial[2] + partial[3]);
    if (!std::isfinite(sum)) {
      for (j = 0; j < d; ++j) {
        if (!std::isfinite(in[j])) return non_finite_error(in[j], i, j);
      }
    }
    if (sum == 0.0) {
      zero_rows.push_back(i);
      std::fill(dst, dst + d, 0.0f);
      continue;
    }
    const double factor = 1.0 / std::sqrt(sum);
    for (j = 0; j < d; ++j) dst[j] = static_cast<float>(static_cast<double>(in[j]) * factor);
  }
  return Status::success();
}

template <typename T>
Status normalize_rows_impl(const T* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  Status shape = check_shape(n, d);
  if (!shape.ok) return shape;
  out.rows = n;
  out.dim = d;
  out.data.resize(static_cast<std::size_t>(n) * d);
  if constexpr (std::is_same_v<T, float>) {
    return normalize_float_into(x, n, d, out.data.data(), out.zero_rows);
  } else {
    return normalize_into(x, n, d, out.data.data(), out.zero_rows);
  }
}

}  // namespace

Status normalize_rows(const float* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  return normalize_rows_impl(x, n, d, out);
}

Status normalize_rows(const double* x, std::int32_t n, std::int32_t d, NormalizedRows& out) {
  return normalize_rows_impl(x, n, d, out);
}

Status normalize_rows_in_place(NormalizedRows& rows) {
  Status shape = check_shape(rows.rows, rows.dim);
  if (!shape.ok) return shape;
  if (rows.data.size() != static_cast<std::size_t>(rows.rows) * rows.dim) {
    return Status::failure("normalize_rows_in_place: data holds " + std::to_string(rows.data.size()) +
                           " values, not " + std::to_string(rows.rows) + " x " + std::to_string(rows.dim));
  }
  return normalize_float_into(rows.data.data(), rows.rows, rows.dim, rows.data.data(), rows.zero_rows);
}

}  // namespace cosine_heatmap
