// Where to cut a subset laid out along its Fiedler vector: the position with
// the lowest normalized cut, so a cluster straddling zero is not split in two.
#pragma once

#include <cstdint>


namespace cosine_heatmap {

// rows: count × d unit (or zero) rows, contiguous, in Fiedler order; sum =
// Σ rows. Returns k in [min_side, count − min_side] minimizing the Ncut of
// (first k rows, the rest) for the affinity W = (S + 1) / 2 (ties: the smallest k). Matrix-free: with s_A the
// sum of the first k rows, cut = (k (count − k) + s_A·(s − s_A)) / 2 and
// vol(A) = (k·count + s_A·s) / 2, so one pass over the rows scores every k.
std::int32_t best_normalized_cut(const float* rows, std::int32_t count, std::int32_t d,
                                 const double* sum, std::int32_t min_side);

}  // namespace cosine_heatmap
