// Statistics of all pairs that need no pass over the pairs. With unit rows
// x̂ᵢ, n′ non-zero rows, G = X̂ᵀX̂ (d×d) and c = Σᵢ x̂ᵢ:
//   Σ_{i<j} s_ij  = (‖c‖² − n′) / 2,     Σ_{i<j} s_ij² = (‖G‖²_F − n′) / 2,
// since Σ_{i,j} s_ij = ‖c‖², Σ_{i,j} s_ij² = ‖X̂X̂ᵀ‖²_F = ‖X̂ᵀX̂‖²_F and the
// diagonal holds n′ ones (a zero row's s_ii is 0). Cost O(n·d²), memory O(d²).
#pragma once

#include <Eigen/Dense>
#include <cstdint>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Σ x̂ᵢ and X̂ᵀX̂ over some rows, in double; bands add up by merge.
struct GramMoments {
  std::int32_t dim = 0;
  std::int64_t rows = 0;
  std::int64_t nonzero_rows = 0;
  Eigen::VectorXd column_sum;
  Eigen::MatrixXd gram;

  explicit GramMoments(std::int32_t dim = 0);
  void merge(const GramMoments& other);
};

// Adds rows [row_begin, row_end) of x. The products run on the project's
// SIMD kernel in float over blocks of 256 rows (Eigen has no WASM SIMD path)
// and each block is added to the double totals, so rounding stays that of a
// 256-term float sum.
Status accumulate_gram_moments(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                               GramMoments& moments, GramWorkspace& workspace);

// Over the n(n − 1)/2 off-diagonal pairs i < j. Pairs that involve a zero
// row count, with s = 0: that is the value the heatmap shows for them.
struct PairMoments {
  double pair_count = 0;
  double sum = 0;
  double sum_squares = 0;

  double mean() const;      // the anisotropy: mean pairwise similarity; NaN for n < 2
  double variance() const;  // population variance of the pair values
  double std_dev() const;
};

PairMoments pair_moments(const GramMoments& moments);

// Two readings of "how many directions the embeddings use", from the
// eigenvalues λ of X̂ᵀX̂ (squared singular values of X̂, uncentred):
// - participation ratio (Σλ)² / Σλ² = (tr G)² / ‖G‖²_F: no decomposition;
// - entropy effective rank exp(H(p)), p = λ / Σλ (Roy & Vetterli, 2007).
// Both lie in [1, rank X̂]; 1 when every row points the same way.
struct EffectiveDimension {
  double participation_ratio = 0;
  double entropy_rank = 0;
};

EffectiveDimension effective_dimension(const GramMoments& moments);

namespace detail {

// Transposes rows [row_begin, row_end) of x into dim × (row_end − row_begin)
// row-major, the layout that turns X̂ᵀX̂ into gram_tile's A·Bᵀ.
void transpose_rows(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end,
                    std::vector<float>& out);

// Counts zero rows of x inside [row_begin, row_end).
std::int64_t zero_rows_in(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end);

// into += TᵀT-style Gram block of `transposed` (dim × count, row-major):
// only panel pairs on and above the diagonal are computed (about 58% of the
// work at d = 384) and mirrored, since the result is symmetric.
void add_symmetric_gram(const std::vector<float>& transposed, std::int32_t dim, std::int32_t count,
                        std::vector<float>& scratch, Eigen::MatrixXd& into, GramWorkspace& workspace);

Status check_band(const NormalizedRows& x, std::int32_t row_begin, std::int32_t row_end, const char* what);

}  // namespace detail

}  // namespace cosine_heatmap
