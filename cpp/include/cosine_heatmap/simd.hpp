// Four float lanes, the width both WASM SIMD128 and SSE share. The kernel is
// written once against these few operations so that the WASM build and the
// native -msse2 build (its benchmark counterpart) run the same code.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace cosine_heatmap {
namespace simd {

#if defined(__wasm_simd128__)

struct F4 {
  v128_t v;
};
inline F4 zero() { return {wasm_f32x4_splat(0.0f)}; }
inline F4 load(const float* p) { return {wasm_v128_load(p)}; }
inline F4 broadcast(const float* p) { return {wasm_v128_load32_splat(p)}; }
// No fused multiply-add in SIMD128's base set: a multiply then an add.
inline F4 mul_add(F4 acc, F4 a, F4 b) { return {wasm_f32x4_add(acc.v, wasm_f32x4_mul(a.v, b.v))}; }
inline void store(float* p, F4 x) { wasm_v128_store(p, x.v); }
constexpr const char* kName = "wasm-simd128";

#elif defined(__SSE2__)

struct F4 {
  __m128 v;
};
inline F4 zero() { return {_mm_setzero_ps()}; }
inline F4 load(const float* p) { return {_mm_loadu_ps(p)}; }
inline F4 broadcast(const float* p) { return {_mm_load1_ps(p)}; }
inline F4 mul_add(F4 acc, F4 a, F4 b) { return {_mm_add_ps(acc.v, _mm_mul_ps(a.v, b.v))}; }
inline void store(float* p, F4 x) { _mm_storeu_ps(p, x.v); }
constexpr const char* kName = "sse2";

#else

struct F4 {
  float v[4];
};
inline F4 zero() { return {{0.0f, 0.0f, 0.0f, 0.0f}}; }
inline F4 load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
inline F4 broadcast(const float* p) { return {{*p, *p, *p, *p}}; }
inline F4 mul_add(F4 acc, F4 a, F4 b) {
  for (int i = 0; i < 4; ++i) acc.v[i] += a.v[i] * b.v[i];
  return acc;
}
inline void store(float* p, F4 x) {
  for (int i = 0; i < 4; ++i) p[i] = x.v[i];
}
constexpr const char* kName = "scalar";

#endif

}  // namespace simd
}  // namespace cosine_heatmap
