// Dot products and updates on single rows, written against the four-lane
// SIMD wrapper with a fixed summation order: the orderings branch on signs
// and ties of such sums, so the native and WASM builds must get the same
// bits, which a compiler's own vectorization (or Eigen's) would not promise.
#pragma once

#include <algorithm>
#include <cstdint>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/simd.hpp"

namespace cosine_heatmap {

// Dims per float partial sum of row_dot: 8 lanes of kGramDepthBlock terms, so
// its error stays near the Gram kernel's bound whatever d is (combining the
// lanes adds a few roundings).
constexpr std::int32_t kRowDotBlock = 8 * kGramDepthBlock;

namespace detail {

// One block of row_dot, all in float.
inline float row_dot_block(const float* a, const float* b, std::int32_t d) {
  using namespace simd;
  F4 acc0 = zero(), acc1 = zero();
  std::int32_t k = 0;
  for (; k + 8 <= d; k += 8) {
    acc0 = mul_add(acc0, load(a + k), load(b + k));
    acc1 = mul_add(acc1, load(a + k + 4), load(b + k + 4));
  }
  if (k + 4 <= d) {
    acc0 = mul_add(acc0, load(a + k), load(b + k));
    k += 4;
  }
  alignas(16) float l0[4];
  alignas(16) float l1[4];
  store(l0, acc0);
  store(l1, acc1);
  float sum = ((l0[0] + l1[0]) + (l0[1] + l1[1])) + ((l0[2] + l1[2]) + (l0[3] + l1[3]));
  for (; k < d; ++k) sum += a[k] * b[k];
  return sum;
}

}  // namespace detail

// a · b: float partial sums over blocks of kRowDotBlock dims, added in double.
inline float row_dot(const float* a, const float* b, std::int32_t d) {
  if (d <= kRowDotBlock) return detail::row_dot_block(a, b, d);
  double sum = 0.0;
  for (std::int32_t k0 = 0; k0 < d; k0 += kRowDotBlock) {
    sum += detail::row_dot_block(a + k0, b + k0, std::min(kRowDotBlock, d - k0));
  }
  return static_cast<float>(sum);
}

// acc += a · x
inline void row_axpy(float a, const float* x, float* acc, std::int32_t d) {
  using namespace simd;
  const F4 av = broadcast(&a);
  std::int32_t k = 0;
  for (; k + 4 <= d; k += 4) store(acc + k, mul_add(load(acc + k), av, load(x + k)));
  for (; k < d; ++k) acc[k] += a * x[k];
}

}  // namespace cosine_heatmap
