#include "cosine_heatmap/gram_statistics.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kBlockRows = 256;

}  // namespace

namespace detail {

void transpose_rows(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                    std::vector<float>& out) {
  const std::int32_t count = row_end - row_begin;
  out.resize(static_cast<std::size_t>(count) * x.dim);
  for (std::int32_t r = 0; r < count; ++r) {
    const float* row = x.row(row_begin + r);
    for (std::int32_t c = 0; c < x.dim; ++c) out[static_cast<std::size_t>(c) * count + r] = row[c];
  }
}

std::int64_t zero_rows_in(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end) {
  return std::count_if(x.zero_rows.begin(), x.zero_rows.end(),
                       [&](std::int32_t r) { return r >= row_begin && r < row_end; });
}

void add_symmetric_gram(const std::vector<float>& transposed, std::int32_t dim, std::int32_t count,
                        std::vector<float>& scratch, Eigen::MatrixXd& into, GramWorkspace& workspace) {
  // 64-wide panels: small enough to skip most of the lower triangle, wide
  // enough that repacking each panel costs little next to its products.
  constexpr std::int32_t kPanel = 64;
  scratch.resize(static_cast<std::size_t>(dim) * dim);
  for (std::int32_t p0 = 0; p0 < dim; p0 += kPanel) {
    const std::int32_t p1 = std::min(dim, p0 + kPanel);
    for (std::int32_t q0 = p0; q0 < dim; q0 += kPanel) {
      const std::int32_t q1 = std::min(dim, q0 + kPanel);
      gram_tile(transposed.data() + static_cast<std::size_t>(p0) * count, p1 - p0,
                transposed.data() + static_cast<std::size_t>(q0) * count, q1 - q0, count,
                scratch.data() + static_cast<std::size_t>(p0) * dim + q0, dim, workspace);
    }
  }
  for (std::int32_t i = 0; i < dim; ++i) {
    // Panel-aligned: entries right of the diagonal inside a diagonal panel
    // were computed too; use only i <= j and mirror.
    into(i, i) += scratch[static_cast<std::size_t>(i) * dim + i];
    for (std::int32_t j = i + 1; j < dim; ++j) {
      const double v = scratch[static_cast<std::size_t>(i) * dim + j];
      into(i, j) += v;
      into(j, i) += v;
    }
  }
}

Status check_band(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end, const char* what) {
  if (row_begin < 0 || row_end > x.rows || row_begin > row_end) {
    return Status::failure(std::string(what) + ": rows [" + std::to_string(row_begin) + ", " +
                           std::to_string(row_end) + ") are outside 0.." + std::to_string(x.rows));
  }
  return Status::success();
}

}  // namespace detail

GramMoments::GramMoments(std::int32_t d)
    : dim(d), column_sum(Eigen::VectorXd::Zero(d)), gram(Eigen::MatrixXd::Zero(d, d)) {}

void GramMoments::merge(const GramMoments& other) {
  rows += other.rows;
  nonzero_rows += other.nonzero_rows;
  column_sum += other.column_sum;
  gram += other.gram;
}

Status accumulate_gram_moments(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                               GramMoments& moments, GramWorkspace& workspace) {
  Status band = detail::check_band(x, row_begin, row_end, "gram moments");
  if (!band.ok) return band;
  if (moments.dim != x.dim) {
    return Status::failure("gram moments: accumulator has dimension " + std::to_string(moments.dim) +
                           ", embeddings have " + std::to_string(x.dim));
  }
  const std::int32_t d = x.dim;
  std::vector<float> transposed;
  std::vector<float> block_gram(static_cast<std::size_t>(d) * d);
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kBlockRows) {
    const std::int32_t r1 = std::min(row_end, r0 + kBlockRows);
    detail::transpose_rows(x, r0, r1, transposed);
    detail::add_symmetric_gram(transposed, d, r1 - r0, block_gram, moments.gram, workspace);
    for (std::int32_t c = 0; c < d; ++c) {
      const float* column = transposed.data() + static_cast<std::size_t>(c) * (r1 - r0);
      double s = 0;
      for (std::int32_t r = 0; r < r1 - r0; ++r) s += column[r];
      moments.column_sum[c] += s;
    }
  }
  moments.rows += row_end - row_begin;
  moments.nonzero_rows += (row_end - row_begin) - detail::zero_rows_in(x, row_begin, row_end);
  return Status::success();
}

double PairMoments::mean() const { return pair_count > 0 ? sum / pair_count : std::nan(""); }

double PairMoments::variance() const {
  if (!(pair_count > 0)) return std::nan("");
  const double m = mean();
  return std::max(0.0, sum_squares / pair_count - m * m);
}

double PairMoments::std_dev() const { return std::sqrt(variance()); }

PairMoments pair_moments(const GramMoments& moments) {
  PairMoments out;
  const double n = static_cast<double>(moments.rows);
  const double nonzero = static_cast<double>(moments.nonzero_rows);
  out.pair_count = n * (n - 1) / 2;
  out.sum = (moments.column_sum.squaredNorm() - nonzero) / 2;
  out.sum_squares = (moments.gram.squaredNorm() - nonzero) / 2;
  return out;
}

EffectiveDimension effective_dimension(const GramMoments& moments) {
  EffectiveDimension out;
  const double trace = moments.gram.trace();
  const double frobenius2 = moments.gram.squaredNorm();
  if (!(trace > 0) || !(frobenius2 > 0)) return out;
  out.participation_ratio = trace * trace / frobenius2;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(moments.gram, Eigen::EigenvaluesOnly);
  double entropy = 0;
  for (Eigen::Index k = 0; k < solver.eigenvalues().size(); ++k) {
    // Rounding leaves tiny negative eigenvalues of a PSD matrix; they are 0.
    const double p = std::max(0.0, solver.eigenvalues()[k]) / trace;
    if (p > 0) entropy -= p * std::log(p);
  }
  out.entropy_rank = std::exp(entropy);
  return out;
}

}  // namespace cosine_heatmap
