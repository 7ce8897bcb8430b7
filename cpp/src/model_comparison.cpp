#include "cosine_heatmap/model_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kBlockRows = 256;
using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void add_block(const std::vector<float>& left, std::int32_t dl, const std::vector<float>& right,
               std::int32_t dr, std::int32_t count, std::vector<float>& scratch, Eigen::MatrixXd& into,
               GramWorkspace& workspace) {
  scratch.resize(static_cast<std::size_t>(dl) * dr);
  gram_tile(left.data(), dl, right.data(), dr, count, scratch.data(), dr, workspace);
  into += Eigen::Map<const RowMatrixF>(scratch.data(), dl, dr).cast<double>();
}

void add_column_sums(const std::vector<float>& transposed, std::int32_t d, std::int32_t count,
                     Eigen::VectorXd& into) {
  for (std::int32_t c = 0; c < d; ++c) {
    const float* column = transposed.data() + static_cast<std::size_t>(c) * count;
    double s = 0;
    for (std::int32_t r = 0; r < count; ++r) s += column[r];
    into[c] += s;
  }
}

}  // namespace

CrossMoments::CrossMoments(std::int32_t dim_a, std::int32_t dim_b)
    : a(dim_a), b(dim_b), cross(Eigen::MatrixXd::Zero(dim_a, dim_b)) {}

void CrossMoments::merge(const CrossMoments& other) {
  a.merge(other.a);
  b.merge(other.b);
  cross += other.cross;
  nonzero_in_both += other.nonzero_in_both;
}

Status accumulate_cross_moments(const NormalizedRows& a, const NormalizedRows& b, std::int32_t row_begin,
                                std::int32_t row_end, CrossMoments& moments, GramWorkspace& workspace) {
  if (a.rows != b.rows) {
    return Status::failure("compare: the two sets must hold the same items, got " + std::to_string(a.rows) +
                           " and " + std::to_string(b.rows) + " rows");
  }
  Status band = detail::check_band(a, row_begin, row_end, "compare");
  if (!band.ok) return band;
  if (moments.a.dim != a.dim || moments.b.dim != b.dim) {
    return Status::failure("compare: accumulator has dimensions " + std::to_string(moments.a.dim) + " and " +
                           std::to_string(moments.b.dim) + ", embeddings have " + std::to_string(a.dim) +
                           " and " + std::to_string(b.dim));
  }
  std::vector<float> ta, tb, scratch;
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kBlockRows) {
    const std::int32_t r1 = std::min(row_end, r0 + kBlockRows);
    const std::int32_t count = r1 - r0;
    detail::transpose_rows(a, r0, r1, ta);
    detail::transpose_rows(b, r0, r1, tb);
    detail::add_symmetric_gram(ta, a.dim, count, scratch, moments.a.gram, workspace);
    detail::add_symmetric_gram(tb, b.dim, count, scratch, moments.b.gram, workspace);
    add_block(ta, a.dim, tb, b.dim, count, scratch, moments.cross, workspace);
    add_column_sums(ta, a.dim, count, moments.a.column_sum);
    add_column_sums(tb, b.dim, count, moments.b.column_sum);
  }
  const std::int64_t rows = row_end - row_begin;
  const std::int64_t zero_a = detail::zero_rows_in(a, row_begin, row_end);
  const std::int64_t zero_b = detail::zero_rows_in(b, row_begin, row_end);
  std::int64_t zero_both = 0;
  for (std::int32_t r : a.zero_rows) {
    if (r >= row_begin && r < row_end &&
        std::find(b.zero_rows.begin(), b.zero_rows.end(), r) != b.zero_rows.end())
      ++zero_both;
  }
  moments.a.rows += rows;
  moments.b.rows += rows;
  moments.a.nonzero_rows += rows - zero_a;
  moments.b.nonzero_rows += rows - zero_b;
  // Non-zero in both = rows − (zero in A or zero in B).
  moments.nonzero_in_both += rows - (zero_a + zero_b - zero_both);
  return Status::success();
}

ModelComparison compare_models(const CrossMoments& moments) {
  ModelComparison out;
  out.a = pair_moments(moments.a);
  out.b = pair_moments(moments.b);
  out.sum_products = (moments.cross.squaredNorm() - static_cast<double>(moments.nonzero_in_both)) / 2;
  const double pairs = out.a.pair_count;
  const double covariance = out.sum_products / pairs - out.a.mean() * out.b.mean();
  const double scale = std::sqrt(out.a.variance() * out.b.variance());
  out.pearson = scale > 0 ? covariance / scale : std::nan("");

  // Centring in closed form: X̃ᵀỸ = X̂ᵀŶ − n μ_X μ_Yᵀ with μ = column sum / n.
  const double n = static_cast<double>(moments.a.rows);
  out.linear_cka = std::nan("");
  if (n > 0) {
    const Eigen::VectorXd& sa = moments.a.column_sum;
    const Eigen::VectorXd& sb = moments.b.column_sum;
    const double cross = (moments.cross - sa * sb.transpose() / n).squaredNorm();
    const double self_a = (moments.a.gram - sa * sa.transpose() / n).norm();
    const double self_b = (moments.b.gram - sb * sb.transpose() / n).norm();
    if (self_a > 0 && self_b > 0) out.linear_cka = cross / (self_a * self_b);
  }
  return out;
}

}  // namespace cosine_heatmap
