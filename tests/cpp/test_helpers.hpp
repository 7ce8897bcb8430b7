// Shared by the core tests: random data and the plain (Eigen) reference.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <vector>

#include "cosine_heatmap/normalize.hpp"

namespace test_helpers {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

inline std::vector<float> random_matrix(std::int32_t n, std::int32_t d, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(static_cast<std::size_t>(n) * d);
  for (float& v : x) v = normal(rng);
  return x;
}

inline cosine_heatmap::NormalizedRows normalized(const std::vector<float>& x, std::int32_t n,
                                                 std::int32_t d) {
  cosine_heatmap::NormalizedRows rows;
  const auto status = cosine_heatmap::normalize_rows(x.data(), n, d, rows);
  if (!status.ok) throw std::runtime_error(status.message);
  return rows;
}

// The plain path: Eigen's product of the same unit rows, in double.
inline Eigen::MatrixXd reference_product(const cosine_heatmap::NormalizedRows& a,
                                         const cosine_heatmap::NormalizedRows& b) {
  Eigen::Map<const RowMatrix> ma(a.data.data(), a.rows, a.dim);
  Eigen::Map<const RowMatrix> mb(b.data.data(), b.rows, b.dim);
  return ma.cast<double>() * mb.cast<double>().transpose();
}

}  // namespace test_helpers
