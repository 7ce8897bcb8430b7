// Four float lanes, the width both WASM SIMD128 and SSE share. The kernel is
// written once against these few operations so that the WASM build and the
// native -msse2 build (its benchmark counterpart) run the same code.
// The widened operations keep float partial sums in double totals: each lane
// is converted exactly and added with one IEEE rounding, and the total is
// rounded to float once, so every path gives the same bits.
#pragma once

#include <utility>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
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
// Rows r0..r3 become columns.
inline void transpose(F4& r0, F4& r1, F4& r2, F4& r3) {
  const v128_t t0 = wasm_i32x4_shuffle(r0.v, r1.v, 0, 4, 1, 5);
  const v128_t t1 = wasm_i32x4_shuffle(r0.v, r1.v, 2, 6, 3, 7);
  const v128_t t2 = wasm_i32x4_shuffle(r2.v, r3.v, 0, 4, 1, 5);
  const v128_t t3 = wasm_i32x4_shuffle(r2.v, r3.v, 2, 6, 3, 7);
  r0.v = wasm_i64x2_shuffle(t0, t2, 0, 2);
  r1.v = wasm_i64x2_shuffle(t0, t2, 1, 3);
  r2.v = wasm_i64x2_shuffle(t1, t3, 0, 2);
  r3.v = wasm_i64x2_shuffle(t1, t3, 1, 3);
}
inline v128_t high_half(F4 x) { return wasm_i32x4_shuffle(x.v, x.v, 2, 3, 2, 3); }
// acc[0..3] = x[0..3], in double.
inline void store_widened(double* acc, F4 x) {
  wasm_v128_store(acc, wasm_f64x2_promote_low_f32x4(x.v));
  wasm_v128_store(acc + 2, wasm_f64x2_promote_low_f32x4(high_half(x)));
}
// acc[0..3] += x[0..3], in double.
inline void add_widened(double* acc, F4 x) {
  wasm_v128_store(acc, wasm_f64x2_add(wasm_v128_load(acc), wasm_f64x2_promote_low_f32x4(x.v)));
  wasm_v128_store(acc + 2, wasm_f64x2_add(wasm_v128_load(acc + 2), wasm_f64x2_promote_low_f32x4(high_half(x))));
}
// float(acc[0..3] + x[0..3]), the sum in double.
inline F4 add_narrowed(const double* acc, F4 x) {
  const v128_t low = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_add(wasm_v128_load(acc), wasm_f64x2_promote_low_f32x4(x.v)));
  const v128_t high =
      wasm_f32x4_demote_f64x2_zero(wasm_f64x2_add(wasm_v128_load(acc + 2), wasm_f64x2_promote_low_f32x4(high_half(x))));
  return {wasm_i32x4_shuffle(low, high, 0, 1, 4, 5)};
}
// Whether any lane of a is >= the same lane of b.
inline bool any_at_or_above(F4 a, F4 b) { return wasm_v128_any_true(wasm_f32x4_ge(a.v, b.v)); }
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
inline void transpose(F4& r0, F4& r1, F4& r2, F4& r3) { _MM_TRANSPOSE4_PS(r0.v, r1.v, r2.v, r3.v); }
inline void store_widened(double* acc, F4 x) {
  _mm_storeu_pd(acc, _mm_cvtps_pd(x.v));
  _mm_storeu_pd(acc + 2, _mm_cvtps_pd(_mm_movehl_ps(x.v, x.v)));
}
inline void add_widened(double* acc, F4 x) {
  _mm_storeu_pd(acc, _mm_add_pd(_mm_loadu_pd(acc), _mm_cvtps_pd(x.v)));
  _mm_storeu_pd(acc + 2, _mm_add_pd(_mm_loadu_pd(acc + 2), _mm_cvtps_pd(_mm_movehl_ps(x.v, x.v))));
}
// Rounds to nearest: the MXCSR default, which nothing here changes.
inline F4 add_narrowed(const double* acc, F4 x) {
  const __m128 low = _mm_cvtpd_ps(_mm_add_pd(_mm_loadu_pd(acc), _mm_cvtps_pd(x.v)));
  const __m128 high = _mm_cvtpd_ps(_mm_add_pd(_mm_loadu_pd(acc + 2), _mm_cvtps_pd(_mm_movehl_ps(x.v, x.v))));
  return {_mm_movelh_ps(low, high)};
}
inline bool any_at_or_above(F4 a, F4 b) { return _mm_movemask_ps(_mm_cmpge_ps(a.v, b.v)) != 0; }
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
inline void transpose(F4& r0, F4& r1, F4& r2, F4& r3) {
  F4* rows[4] = {&r0, &r1, &r2, &r3};
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) std::swap(rows[i]->v[j], rows[j]->v[i]);
}
inline void store_widened(double* acc, F4 x) {
  for (int i = 0; i < 4; ++i) acc[i] = static_cast<double>(x.v[i]);
}
inline void add_widened(double* acc, F4 x) {
  for (int i = 0; i < 4; ++i) acc[i] += static_cast<double>(x.v[i]);
}
inline F4 add_narrowed(const double* acc, F4 x) {
  F4 out;
  for (int i = 0; i < 4; ++i) out.v[i] = static_cast<float>(acc[i] + static_cast<double>(x.v[i]));
  return out;
}
inline bool any_at_or_above(F4 a, F4 b) {
  return a.v[0] >= b.v[0] || a.v[1] >= b.v[1] || a.v[2] >= b.v[2] || a.v[3] >= b.v[3];
}
constexpr const char* kName = "scalar";

#endif

}  // namespace simd
}  // namespace cosine_heatmap
