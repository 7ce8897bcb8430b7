// Math that gives the same bits on every platform. IEEE 754 rounds + - * /
// and sqrt exactly, but std::log is only "within an ulp or so" and differs
// between libms (glibc even switches to an FMA variant on CPUs that have
// one), which would make embeddings differ between the native and the
// WebAssembly build. portable_log uses only exactly rounded operations.
#pragma once

#include <cmath>

namespace cosine_heatmap {

// Natural log for finite x > 0, within a few ulps of the exact value: x =
// m·2^e with m in [√½, √2), ln m = 2·atanh(s) with s = (m−1)/(m+1), |s| <
// 0.172, summed up to s^23 (the next term is below 2^-60 of the result).
inline double portable_log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // exact: m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double series = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) series = series * s2 + 1.0 / k;
  // ln 2 split so that e·ln2_hi is exact for any exponent of a double.
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const double de = static_cast<double>(e);
  return de * ln2_hi + (2.0 * s * series + de * ln2_lo);
}

}  // namespace cosine_heatmap
