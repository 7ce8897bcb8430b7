#include "cosine_heatmap/gram_kernel.hpp"

#include <algorithm>

#include "cosine_heatmap/simd.hpp"

namespace cosine_heatmap {
namespace {

// 4 rows × 8 columns: 8 accumulators, 2 loads of B and 4 broadcasts of A per
// step. That fits the 16 vector registers of x86 (where V8 maps WASM SIMD)
// without spilling; larger blocks measured slower in the WASM build.
constexpr std::int32_t kRows = 4;
constexpr std::int32_t kCols = 8;

std::int32_t round_up(std::int32_t n, std::int32_t to) { return (n + to - 1) / to * to; }

// Lays rows out k-major in panels of `width` rows (zero padded), so the
// micro-kernel reads both operands with unit stride.
void pack_panels(const float* x, std::int32_t count, std::int32_t d, std::int32_t width,
                 std::vector<float>& dst) {
  dst.resize(static_cast<std::size_t>(round_up(count, width)) * d);
  float* p = dst.data();
  for (std::int32_t first = 0; first < count; first += width) {
    const std::int32_t w = std::min(width, count - first);
    const float* rows = x + static_cast<std::size_t>(first) * d;
    for (std::int32_t k = 0; k < d; ++k) {
      for (std::int32_t r = 0; r < w; ++r) p[r] = rows[static_cast<std::size_t>(r) * d + k];
      for (std::int32_t r = w; r < width; ++r) p[r] = 0.0f;
      p += width;
    }
  }
}

void micro_kernel(const float* ap, const float* bp, std::int32_t d, float* c) {
  using namespace simd;
  F4 c00 = zero(), c01 = zero(), c10 = zero(), c11 = zero();
  F4 c20 = zero(), c21 = zero(), c30 = zero(), c31 = zero();
  for (std::int32_t k = 0; k < d; ++k) {
    const F4 b0 = load(bp);
    const F4 b1 = load(bp + 4);
    F4 a = broadcast(ap);
    c00 = mul_add(c00, a, b0);
    c01 = mul_add(c01, a, b1);
    a = broadcast(ap + 1);
    c10 = mul_add(c10, a, b0);
    c11 = mul_add(c11, a, b1);
    a = broadcast(ap + 2);
    c20 = mul_add(c20, a, b0);
    c21 = mul_add(c21, a, b1);
    a = broadcast(ap + 3);
    c30 = mul_add(c30, a, b0);
    c31 = mul_add(c31, a, b1);
    ap += kRows;
    bp += kCols;
  }
  store(c, c00);
  store(c + 4, c01);
  store(c + 8, c10);
  store(c + 12, c11);
  store(c + 16, c20);
  store(c + 20, c21);
  store(c + 24, c30);
  store(c + 28, c31);
}

}  // namespace

void gram_tile(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
               float* out, std::size_t ldo, GramWorkspace& workspace) {
  if (na <= 0 || nb <= 0) return;
  pack_panels(a, na, d, kRows, workspace.packed_a);
  pack_panels(b, nb, d, kCols, workspace.packed_b);
  const std::size_t panel_a = static_cast<std::size_t>(kRows) * d;
  const std::size_t panel_b = static_cast<std::size_t>(kCols) * d;
  alignas(16) float block[kRows * kCols];

  for (std::int32_t j0 = 0; j0 < nb; j0 += kCols) {
    const float* bp = workspace.packed_b.data() + static_cast<std::size_t>(j0 / kCols) * panel_b;
    const std::int32_t cols = std::min(kCols, nb - j0);
    for (std::int32_t i0 = 0; i0 < na; i0 += kRows) {
      const float* ap = workspace.packed_a.data() + static_cast<std::size_t>(i0 / kRows) * panel_a;
      micro_kernel(ap, bp, d, block);
      const std::int32_t rows = std::min(kRows, na - i0);
      for (std::int32_t r = 0; r < rows; ++r) {
        std::copy(block + r * kCols, block + r * kCols + cols,
                  out + static_cast<std::size_t>(i0 + r) * ldo + j0);
      }
    }
  }
}

const char* gram_kernel_isa() { return simd::kName; }

}  // namespace cosine_heatmap
