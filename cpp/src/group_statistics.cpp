#include "cosine_heatmap/group_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "cosine_heatmap/gram_statistics.hpp"

namespace cosine_heatmap {
namespace {

constexpr std::int32_t kBlockRows = 256;
using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Status check_groups(const NormalizedRows& x, const std::int32_t* groups, std::int32_t group_count,
                    std::int32_t row_begin, std::int32_t row_end) {
  Status band = detail::check_band(x, row_begin, row_end, "groups");
  if (!band.ok) return band;
  for (std::int32_t i = row_begin; i < row_end; ++i) {
    if (groups[i] < 0 || groups[i] >= group_count) {
      return Status::failure("groups: item " + std::to_string(i) + " has group id " + std::to_string(groups[i]) +
                             ", expected 0.." + std::to_string(group_count - 1));
    }
  }
  return Status::success();
}

}  // namespace

GroupSums::GroupSums(std::int32_t count, std::int32_t d)
    : group_count(count),
      dim(d),
      sums(Eigen::MatrixXd::Zero(count, d)),
      sizes(static_cast<std::size_t>(count), 0),
      nonzero(static_cast<std::size_t>(count), 0) {}

void GroupSums::merge(const GroupSums& other) {
  sums += other.sums;
  for (std::int32_t g = 0; g < group_count; ++g) {
    sizes[g] += other.sizes[g];
    nonzero[g] += other.nonzero[g];
  }
}

Status accumulate_group_sums(const NormalizedRows& x, const std::int32_t* groups, std::int32_t row_begin,
                             std::int32_t row_end, GroupSums& sums) {
  if (sums.dim != x.dim) {
    return Status::failure("groups: accumulator has dimension " + std::to_string(sums.dim) +
                           ", embeddings have " + std::to_string(x.dim));
  }
  Status valid = check_groups(x, groups, sums.group_count, row_begin, row_end);
  if (!valid.ok) return valid;
  for (std::int32_t i = row_begin; i < row_end; ++i) {
    const std::int32_t g = groups[i];
    const float* row = x.row(i);
    bool any = false;
    for (std::int32_t c = 0; c < x.dim; ++c) {
      sums.sums(g, c) += row[c];
      any = any || row[c] != 0.0f;
    }
    ++sums.sizes[g];
    if (any) ++sums.nonzero[g];
  }
  return Status::success();
}

GroupSimilarity group_similarity(const GroupSums& sums) {
  GroupSimilarity out;
  out.group_within_mean.assign(static_cast<std::size_t>(sums.group_count), std::nan(""));
  double within_sum = 0, n = 0, nonzero = 0;
  for (std::int32_t g = 0; g < sums.group_count; ++g) {
    const double size = static_cast<double>(sums.sizes[g]);
    const double pairs = size * (size - 1) / 2;
    const double sum = (sums.sums.row(g).squaredNorm() - static_cast<double>(sums.nonzero[g])) / 2;
    if (pairs > 0) out.group_within_mean[g] = sum / pairs;
    within_sum += sum;
    out.within_pairs += pairs;
    n += size;
    nonzero += static_cast<double>(sums.nonzero[g]);
  }
  const double total_sum = (sums.sums.colwise().sum().squaredNorm() - nonzero) / 2;
  out.between_pairs = n * (n - 1) / 2 - out.within_pairs;
  out.within_mean = out.within_pairs > 0 ? within_sum / out.within_pairs : std::nan("");
  out.between_mean = out.between_pairs > 0 ? (total_sum - within_sum) / out.between_pairs : std::nan("");
  return out;
}

Status silhouette_values(const NormalizedRows& x, const std::int32_t* groups, const GroupSums& sums,
                         std::int32_t row_begin, std::int32_t row_end, float* out) {
  if (sums.dim != x.dim) return Status::failure("silhouette: group sums have another dimension");
  Status valid = check_groups(x, groups, sums.group_count, row_begin, row_end);
  if (!valid.ok) return valid;
  const auto non_empty = std::count_if(sums.sizes.begin(), sums.sizes.end(), [](std::int64_t s) { return s > 0; });
  if (non_empty < 2) {
    return Status::failure("silhouette: needs at least 2 non-empty groups, got " + std::to_string(non_empty));
  }
  const Eigen::MatrixXd sums_t = sums.sums.transpose();
  Eigen::MatrixXd dots;
  for (std::int32_t r0 = row_begin; r0 < row_end; r0 += kBlockRows) {
    const std::int32_t r1 = std::min(row_end, r0 + kBlockRows);
    const Eigen::MatrixXd block =
        Eigen::Map<const RowMatrixF>(x.row(r0), r1 - r0, x.dim).cast<double>();
    dots.noalias() = block * sums_t;  // (r1 − r0) × groups: x̂ᵢ·S_h
    for (std::int32_t r = 0; r < r1 - r0; ++r) {
      const std::int32_t i = r0 + r;
      const std::int32_t own = groups[i];
      const std::int64_t own_size = sums.sizes[own];
      float& s = out[i - row_begin];
      if (own_size < 2) {
        s = 0;
        continue;
      }
      const double self = block.row(r).squaredNorm();
      const double a = 1.0 - (dots(r, own) - self) / static_cast<double>(own_size - 1);
      double b = std::numeric_limits<double>::infinity();
      for (std::int32_t h = 0; h < sums.group_count; ++h) {
        if (h == own || sums.sizes[h] == 0) continue;
        b = std::min(b, 1.0 - dots(r, h) / static_cast<double>(sums.sizes[h]));
      }
      const double denominator = std::max(a, b);
      s = denominator > 0 ? static_cast<float>((b - a) / denominator) : 0.0f;
    }
  }
  return Status::success();
}

Status silhouette_score(const NormalizedRows& x, const std::int32_t* groups, const GroupSums& sums,
                        double& score) {
  std::vector<float> values(static_cast<std::size_t>(x.rows));
  Status status = silhouette_values(x, groups, sums, 0, x.rows, values.data());
  if (!status.ok) return status;
  double total = 0;
  for (float v : values) total += v;
  score = x.rows > 0 ? total / x.rows : std::nan("");
  return Status::success();
}

}  // namespace cosine_heatmap
