// The Fiedler vector of the similarity graph of a subset of items, found
// without forming the graph: the step that spectral ordering repeats.
#pragma once

#include <cstdint>
#include <vector>


namespace cosine_heatmap {

// Scratch reused from one subset to the next.
struct FiedlerWorkspace {
  std::vector<float> half_inv_degree;
  std::vector<double> basis;
  std::vector<float> z;
  std::vector<float> block_sum;
};

// Affinity W = (S + 1) / 2: non-negative, and still X̂X̂ᵀ/2 plus a constant,
// so W·v costs two passes over the rows (max(S, 0) would need every pair).
// Every degree is at least 1/2 (W(i, i) ≥ 1/2), zero rows included.
//
// rows: count × d unit rows (or zero rows), contiguous, row-major: a subset
// gathered together, since passes over scattered rows run at a fraction of
// the memory bandwidth. Writes fiedler[i] for row i: the second eigenvector of the
// random-walk Laplacian I − D⁻¹W, so its sign splits the subset. `sum` is
// Σ rows (d values). Returns false, with all zeros, when
// the subset has no structure to split (identical or all-zero rows).
//
// How: D^{-1/2} W D^{-1/2} = B Bᵀ with B = D^{-1/2} [X̂ 1] / √2, whose
// nonzero eigenpairs match those of the (d+1)×(d+1) matrix Bᵀ B. Lanczos runs
// on Bᵀ B, so one product is one fused pass over the rows (each row read once
// for both its dot product and its update), and the trivial eigenvector,
// [Σ x̂ᵢ, count], is projected out exactly. A fixed start vector, a fixed
// step limit and tolerance, and fixed-order sums keep it deterministic.
bool fiedler_vector(const float* rows, std::int32_t count, std::int32_t d, const double* sum,
                    float* fiedler, FiedlerWorkspace& workspace);

}  // namespace cosine_heatmap
