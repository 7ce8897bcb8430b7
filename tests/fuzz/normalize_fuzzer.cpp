// libFuzzer target for the core's numeric entry point: bytes become a small
// n × d matrix of raw float32 or float64 bit patterns (so NaN, ±Inf, huge,
// subnormal and negative zero all occur), which goes through normalize_rows
// and then self_similarity, similarity_band and cross_similarity.
//
// What must hold for every input:
// - normalize_rows fails exactly when some value is NaN or ±Inf, and names it;
// - on success every row is unit length or exactly zero (and listed in
//   zero_rows), and every similarity is finite and within [-1-1e-5, 1+1e-5];
// - the self-similarity matrix is symmetric and zero rows give zero.
//
// Layout of the input: byte 0 picks n (1…16), byte 1 picks d (1…40), byte 2
// bit 0 picks float64 instead of float32; the rest are the values,
// little-endian, zero-padded if short.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/similarity.hpp"

namespace {

using cosine_heatmap::NormalizedRows;
using cosine_heatmap::Status;

constexpr double kTolerance = 1e-5;

[[noreturn]] void fail(const char* what, int i, int j, double value) {
  std::fprintf(stderr, "normalize_fuzzer: %s at (%d, %d): %.17g\n", what, i, j, value);
  std::abort();
}

template <typename T>
std::vector<T> read_values(const std::uint8_t* bytes, std::size_t size, std::size_t count) {
  std::vector<T> values(count, T{0});
  const std::size_t available = std::min(count, size / sizeof(T));
  if (available > 0) std::memcpy(values.data(), bytes, available * sizeof(T));
  return values;
}

template <typename T>
void check(const std::vector<T>& x, std::int32_t n, std::int32_t d) {
  bool any_non_finite = false;
  for (T v : x) any_non_finite |= !std::isfinite(v);

  NormalizedRows rows;
  const Status status = cosine_heatmap::normalize_rows(x.data(), n, d, rows);
  if (any_non_finite) {
    if (status.ok) fail("non-finite input accepted", -1, -1, 0);
    if (status.message.empty()) fail("failure without a message", -1, -1, 0);
    return;
  }
  if (!status.ok) {
    std::fprintf(stderr, "normalize_fuzzer: finite input refused: %s\n", status.message.c_str());
    std::abort();
  }

  std::size_t next_zero = 0;
  for (std::int32_t i = 0; i < n; ++i) {
    double sum = 0.0;
    for (std::int32_t j = 0; j < d; ++j) {
      const float v = rows.row(i)[j];
      if (!std::isfinite(v)) fail("non-finite normalized value", i, j, v);
      sum += static_cast<double>(v) * v;
    }
    const bool listed_zero = next_zero < rows.zero_rows.size() && rows.zero_rows[next_zero] == i;
    if (listed_zero) {
      ++next_zero;
      if (sum != 0.0) fail("row listed as zero is not zero", i, -1, sum);
    } else if (std::fabs(std::sqrt(sum) - 1.0) > kTolerance) {
      fail("row is neither unit nor listed as zero", i, -1, std::sqrt(sum));
    }
  }
  if (next_zero != rows.zero_rows.size()) fail("zero_rows out of order", -1, -1, 0);

  const auto in_range = [](float s) { return std::isfinite(s) && std::fabs(s) <= 1.0 + kTolerance; };
  std::vector<float> self(static_cast<std::size_t>(n) * n);
  cosine_heatmap::self_similarity(rows, self.data());
  for (std::int32_t i = 0; i < n; ++i) {
    for (std::int32_t j = 0; j < n; ++j) {
      const float s = self[static_cast<std::size_t>(i) * n + j];
      if (!in_range(s)) fail("self similarity out of range", i, j, s);
      if (s != self[static_cast<std::size_t>(j) * n + i]) fail("self similarity not symmetric", i, j, s);
    }
  }
  for (std::int32_t z : rows.zero_rows) {
    for (std::int32_t j = 0; j < n; ++j) {
      if (self[static_cast<std::size_t>(z) * n + j] != 0.0f) fail("zero row has a nonzero similarity", z, j, 0);
    }
  }

  // A band of the lower triangle, as workers compute it.
  const std::int32_t band_begin = n / 2;
  std::vector<float> band(static_cast<std::size_t>(n - band_begin) * n);
  cosine_heatmap::GramWorkspace workspace;
  const Status band_status = cosine_heatmap::similarity_band(rows, band_begin, n, band.data(), workspace);
  if (!band_status.ok) fail("similarity_band refused a valid band", band_begin, n, 0);
  for (std::size_t k = 0; k < band.size(); ++k) {
    if (!in_range(band[k])) fail("band similarity out of range", static_cast<int>(k), -1, band[k]);
  }

  // The rows against themselves in reverse order.
  NormalizedRows reversed = rows;
  for (std::int32_t i = 0; i < n; ++i) {
    std::memcpy(reversed.data.data() + static_cast<std::size_t>(i) * d, rows.row(n - 1 - i), sizeof(float) * d);
  }
  std::vector<float> cross(static_cast<std::size_t>(n) * n);
  const Status cross_status = cosine_heatmap::cross_similarity(rows, reversed, cross.data());
  if (!cross_status.ok) fail("cross_similarity refused equal dimensions", n, d, 0);
  for (std::size_t k = 0; k < cross.size(); ++k) {
    if (!in_range(cross[k])) fail("cross similarity out of range", static_cast<int>(k), -1, cross[k]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::int32_t n = 1 + data[0] % 16;
  const std::int32_t d = 1 + data[1] % 40;
  const bool use_double = (data[2] & 1) != 0;
  const std::size_t count = static_cast<std::size_t>(n) * d;
  if (use_double) {
    check(read_values<double>(data + 3, size - 3, count), n, d);
  } else {
    check(read_values<float>(data + 3, size - 3, count), n, d);
  }
  return 0;
}
