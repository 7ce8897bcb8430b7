#include "cosine_heatmap/gram_kernel.hpp"

#include <algorithm>
#include <limits>

#include "cosine_heatmap/simd.hpp"

namespace cosine_heatmap {
namespace {

// 4 rows × 8 columns: 8 accumulators, 2 loads of B and 4 broadcasts of A per
// step. That fits the 16 vector registers of x86 (where V8 maps WASM SIMD)
// without spilling; larger blocks measured slower in the WASM build.
constexpr std::int32_t kRows = 4;
constexpr std::int32_t kCols = 8;
constexpr std::int32_t kMicro = kRows * kCols;
// Rows of a (and of b) per pass over the depth: bounds the double sums to
// 256 × 256 (512 KiB) for any tile, and a packed depth block to 128 KiB a side.
constexpr std::int32_t kBlockRows = 256;
// Dims packed per pass: a 4-row and an 8-row panel of this depth (8 + 16 KiB)
// stay in L1 while the micro-kernel runs over them.
constexpr std::int32_t kPanelDepth = 4 * kGramDepthBlock;

std::int32_t round_up(std::int32_t n, std::int32_t to) { return (n + to - 1) / to * to; }

// Lays `depth` columns of `count` rows (row stride ld) out k-major in panels
// of `width` rows (zero padded), so the micro-kernel reads both operands with
// unit stride. Full groups of 4 rows move as 4 × 4 transposes.
void pack_panels(const float* x, std::int32_t count, std::size_t ld, std::int32_t depth, std::int32_t width,
                 std::vector<float>& dst) {
  dst.resize(static_cast<std::size_t>(round_up(count, width)) * depth);
  float* panel = dst.data();
  for (std::int32_t first = 0; first < count; first += width, panel += static_cast<std::size_t>(width) * depth) {
    const std::int32_t w = std::min(width, count - first);
    const float* rows = x + static_cast<std::size_t>(first) * ld;
    std::int32_t k = 0;
    if (w == width) {
      for (; k + 4 <= depth; k += 4) {
        for (std::int32_t g = 0; g < width; g += 4) {
          const float* at = rows + static_cast<std::size_t>(g) * ld + k;
          simd::F4 r0 = simd::load(at), r1 = simd::load(at + ld), r2 = simd::load(at + 2 * ld),
                   r3 = simd::load(at + 3 * ld);
          simd::transpose(r0, r1, r2, r3);
          float* p = panel + static_cast<std::size_t>(k) * width + g;
          simd::store(p, r0);
          simd::store(p + width, r1);
          simd::store(p + 2 * width, r2);
          simd::store(p + 3 * width, r3);
        }
      }
    }
    for (; k < depth; ++k) {
      float* p = panel + static_cast<std::size_t>(k) * width;
      for (std::int32_t r = 0; r < w; ++r) p[r] = rows[static_cast<std::size_t>(r) * ld + k];
      for (std::int32_t r = w; r < width; ++r) p[r] = 0.0f;
    }
  }
}

// What a depth block's float sums go into: the double totals (set by the
// first block, added to by the next), or the result, rounded to float once
// (a lone block is the result as it is).
enum class Step { kSet, kAdd, kRound, kPlain };

template <Step step>
inline void flush(simd::F4 x, double* acc, float* out) {
  if (step == Step::kSet) simd::store_widened(acc, x);
  if (step == Step::kAdd) simd::add_widened(acc, x);
  if (step == Step::kRound) simd::store(out, simd::add_narrowed(acc, x));
  if (step == Step::kPlain) simd::store(out, x);
}

// The 4 × 8 block of float sums c, 8 vectors of 4 columns.
template <Step step>
inline void flush_block(const simd::F4 (&c)[8], double* acc, float* out) {
  for (int q = 0; q < 8; ++q) flush<step>(c[q], acc + 4 * q, out + 4 * q);
}

// Sums Σₖ ap[k, r]·bp[k, c] over `depth` steps of a 4-row and an 8-row panel
// in float per kGramDepthBlock steps, the blocks in double in acc[r * 8 + c]
// (which already holds earlier panels' sums when `continued`). With `out`
// the last block finishes the sums into out[r * 8 + c] as floats.
void micro_kernel(const float* ap, const float* bp, std::int32_t depth, double* acc, bool continued, float* out) {
  using namespace simd;
  bool held = continued;
  for (std::int32_t k0 = 0; k0 < depth; k0 += kGramDepthBlock) {
    const std::int32_t k1 = std::min(depth, k0 + kGramDepthBlock);
    F4 c00 = zero(), c01 = zero(), c10 = zero(), c11 = zero();
    F4 c20 = zero(), c21 = zero(), c30 = zero(), c31 = zero();
    for (std::int32_t k = k0; k < k1; ++k) {
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
    const F4 c[8] = {c00, c01, c10, c11, c20, c21, c30, c31};
    if (out != nullptr && k1 == depth) {
      if (held) flush_block<Step::kRound>(c, acc, out); else flush_block<Step::kPlain>(c, acc, out);
    } else {
      if (held) flush_block<Step::kAdd>(c, acc, out); else flush_block<Step::kSet>(c, acc, out);
    }
    held = true;
  }
}

// Whether the micro-tile at rows [i, i + kRows) and columns [j, j + kCols)
// holds an entry with column ≤ row + diagonal.
bool reaches_diagonal(std::int32_t i, std::int32_t j, std::int32_t diagonal) {
  return static_cast<std::int64_t>(j) <= static_cast<std::int64_t>(i) + kRows - 1 + diagonal;
}

// At most kBlockRows rows of a against kBlockRows rows of b, one panel depth
// after the other, skipping micro-tiles wholly right of `diagonal`. Over
// several panels each micro-tile's double sums wait in workspace.sums; the
// last panel writes the floats to out.
void gram_block(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d, float* out,
                std::size_t ldo, GramWorkspace& workspace, std::int32_t diagonal) {
  const std::int32_t tiles_a = round_up(na, kRows) / kRows;
  const std::int32_t tiles_b = round_up(nb, kCols) / kCols;
  const std::int32_t panels = (d + kPanelDepth - 1) / kPanelDepth;
  if (panels > 1) workspace.sums.resize(static_cast<std::size_t>(tiles_a) * tiles_b * kMicro);
  double local[kMicro];
  alignas(16) float block[kMicro];
  for (std::int32_t panel = 0; panel < panels; ++panel) {
    const std::int32_t k0 = panel * kPanelDepth;
    const std::int32_t depth = std::min(kPanelDepth, d - k0);
    const bool last = panel + 1 == panels;
    pack_panels(a + k0, na, static_cast<std::size_t>(d), depth, kRows, workspace.packed_a);
    pack_panels(b + k0, nb, static_cast<std::size_t>(d), depth, kCols, workspace.packed_b);
    for (std::int32_t jt = 0; jt < tiles_b; ++jt) {
      const float* bp = workspace.packed_b.data() + static_cast<std::size_t>(jt) * kCols * depth;
      const std::int32_t cols = std::min(kCols, nb - jt * kCols);
      for (std::int32_t it = 0; it < tiles_a; ++it) {
        if (!reaches_diagonal(it * kRows, jt * kCols, diagonal)) continue;
        const float* ap = workspace.packed_a.data() + static_cast<std::size_t>(it) * kRows * depth;
        double* acc =
            panels > 1 ? workspace.sums.data() + (static_cast<std::size_t>(jt) * tiles_a + it) * kMicro : local;
        micro_kernel(ap, bp, depth, acc, panel > 0, last ? block : nullptr);
        if (!last) continue;
        const std::int32_t rows = std::min(kRows, na - it * kRows);
        for (std::int32_t r = 0; r < rows; ++r) {
          std::copy(block + r * kCols, block + r * kCols + cols,
                    out + static_cast<std::size_t>(it * kRows + r) * ldo + jt * kCols);
        }
      }
    }
  }
}

}  // namespace

void gram_tile_lower(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
                     float* out, std::size_t ldo, GramWorkspace& workspace, std::int32_t diagonal) {
  if (na <= 0 || nb <= 0) return;
  if (d <= 0) {  // empty sums
    for (std::int32_t i = 0; i < na; ++i) std::fill(out + static_cast<std::size_t>(i) * ldo, out + static_cast<std::size_t>(i) * ldo + nb, 0.0f);
    return;
  }
  for (std::int32_t j0 = 0; j0 < nb; j0 += kBlockRows) {
    for (std::int32_t i0 = 0; i0 < na; i0 += kBlockRows) {
      const std::int32_t rows = std::min(kBlockRows, na - i0);
      // The block's own diagonal, in its coordinates.
      const std::int64_t shifted = static_cast<std::int64_t>(diagonal) + i0 - j0;
      if (shifted < -static_cast<std::int64_t>(rows - 1)) continue;  // wholly right of the diagonal
      gram_block(a + static_cast<std::size_t>(i0) * d, rows, b + static_cast<std::size_t>(j0) * d,
                 std::min(kBlockRows, nb - j0), d, out + static_cast<std::size_t>(i0) * ldo + j0, ldo, workspace,
                 static_cast<std::int32_t>(std::min<std::int64_t>(shifted, kBlockRows)));
    }
  }
}

void gram_tile(const float* a, std::int32_t na, const float* b, std::int32_t nb, std::int32_t d,
               float* out, std::size_t ldo, GramWorkspace& workspace) {
  gram_tile_lower(a, na, b, nb, d, out, ldo, workspace, std::numeric_limits<std::int32_t>::max());
}

const char* gram_kernel_isa() { return simd::kName; }

}  // namespace cosine_heatmap
