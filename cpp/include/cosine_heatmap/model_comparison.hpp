// Two embeddings of the same n items compared through their similarity
// matrices, in closed form: O(n·dA·dB), no pass over the pairs.
#pragma once

#include <Eigen/Dense>
#include <cstdint>

#include "cosine_heatmap/gram_statistics.hpp"

namespace cosine_heatmap {

// Per-set moments of A and B plus C = X̂ᴬᵀX̂ᴮ (dA×dB), over the same rows;
// bands add up by merge.
struct CrossMoments {
  GramMoments a;
  GramMoments b;
  Eigen::MatrixXd cross;
  std::int64_t nonzero_in_both = 0;  // rows non-zero in A and in B

  CrossMoments(std::int32_t dim_a = 0, std::int32_t dim_b = 0);
  void merge(const CrossMoments& other);
};

// Fails unless a and b have the same rows and the accumulator their dims.
Status accumulate_cross_moments(const NormalizedRows& a, const NormalizedRows& b, std::int32_t row_begin,
                                std::int32_t row_end, CrossMoments& moments, GramWorkspace& workspace);

struct ModelComparison {
  PairMoments a;
  PairMoments b;
  // Σ_{i<j} sᴬ_ij sᴮ_ij = (‖C‖²_F − Σᵢ sᴬ_ii sᴮ_ii) / 2, and sᴬ_ii sᴮ_ii is 1
  // exactly when row i is non-zero in both.
  double sum_products = 0;
  // Pearson correlation of the two upper triangles (i < j): the
  // representational-similarity correlation. NaN when either is constant.
  double pearson = 0;
  // Linear CKA (Kornblith et al., 2019, eq. 5) of the row-normalized
  // embeddings with centred columns, X̃ = X̂ − 1μᵀ:
  //   CKA = ‖X̃ᴬᵀX̃ᴮ‖²_F / (‖X̃ᴬᵀX̃ᴬ‖_F ‖X̃ᴮᵀX̃ᴮ‖_F),
  // i.e. the CKA of the two full cosine-similarity matrices (diagonal
  // included) after double centering. 1 for a set with itself, invariant to
  // rotations and to isotropic scaling; NaN if a set is constant.
  double linear_cka = 0;
};

ModelComparison compare_models(const CrossMoments& moments);

}  // namespace cosine_heatmap
