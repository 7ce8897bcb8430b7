// Parity with a float64 reference at any depth d: every path that sums over d
// (the Gram kernel behind self, cross, tiles, bands, overviews and the tile
// stream; row_dot behind the orderings; the group sums) stays within 1e-5 at
// d = 1,048,576 and 2,500,000, where whole-depth float sums were off by up to 1.7e-2.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/group_statistics.hpp"
#include "cosine_heatmap/overview.hpp"
#include "cosine_heatmap/pair_summary.hpp"
#include "cosine_heatmap/row_arithmetic.hpp"
#include "cosine_heatmap/similarity.hpp"
#include "cosine_heatmap/tile_stream.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

constexpr double kParity = 1e-5;

// Deterministic values in [-1, 1) (an LCG: fast at 12 million values).
struct Lcg {
  std::uint32_t state;
  float next() {
    state = state * 1664525u + 1013904223u;
    return static_cast<float>(static_cast<std::int32_t>(state >> 8) - (1 << 23)) / static_cast<float>(1 << 23);
  }
};

// Rows whose products all have one sign make float rounding drift one way:
// the case that put S(0, 0) 1.7e-2 away from 1 at d = 2,500,000. Mixed in: rows with
// cosines near 0.87 and near 0.4, and a row of both signs.
std::vector<float> hard_rows(std::int32_t n, std::int32_t d, std::uint32_t seed) {
  Lcg rng{seed};
  std::vector<float> x(static_cast<std::size_t>(n) * d);
  for (std::int32_t i = 0; i < n; ++i) {
    float* row = x.data() + static_cast<std::size_t>(i) * d;
    for (std::int32_t k = 0; k < d; ++k) {
      const float u = rng.next();
      switch (i % 4) {
        case 0: row[k] = 1.0f + 0.01f * u; break;          // all but constant
        case 1: row[k] = 0.5f + 0.5f * u; break;           // uniform on [0, 1)
        case 2: row[k] = 0.3f + u; break;                  // mostly positive
        default: row[k] = u * (k % 3 == 0 ? 1.0f : 0.2f);  // both signs
      }
    }
  }
  return x;
}

// cos(x_i, y_j) from the raw float rows, all in double.
std::vector<double> reference(const std::vector<float>& x, std::int32_t n, const std::vector<float>& y, std::int32_t m,
                              std::int32_t d) {
  auto norm = [d](const float* r) {
    double s = 0;
    for (std::int32_t k = 0; k < d; ++k) s += static_cast<double>(r[k]) * r[k];
    return std::sqrt(s);
  };
  std::vector<double> out(static_cast<std::size_t>(n) * m);
  for (std::int32_t i = 0; i < n; ++i) {
    const float* a = x.data() + static_cast<std::size_t>(i) * d;
    for (std::int32_t j = 0; j < m; ++j) {
      const float* b = y.data() + static_cast<std::size_t>(j) * d;
      double dot = 0;
      for (std::int32_t k = 0; k < d; ++k) dot += static_cast<double>(a[k]) * b[k];
      out[static_cast<std::size_t>(i) * m + j] = dot / (norm(a) * norm(b));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every sum over d keeps 1e-5 parity with float64 at d = 1,048,576 and 2,500,000", "[similarity][kernel][large]") {
  for (std::int32_t d : {1048576, 2500000}) {
    INFO("d = " << d);
    const std::int32_t n = 5, m = 3;
    const std::vector<float> xf = hard_rows(n, d, 11), yf = hard_rows(m, d, 12);
    const auto x = test_helpers::normalized(xf, n, d);
    const auto y = test_helpers::normalized(yf, m, d);
    const std::vector<double> self_ref = reference(xf, n, xf, n, d);
    const std::vector<double> cross_ref = reference(xf, n, yf, m, d);
    auto self_at = [&](std::int32_t i, std::int32_t j) { return self_ref[static_cast<std::size_t>(i) * n + j]; };
    auto cross_at = [&](std::int32_t i, std::int32_t j) { return cross_ref[static_cast<std::size_t>(i) * m + j]; };

    // Self-similarity, its diagonal apart.
    std::vector<float> s(static_cast<std::size_t>(n) * n);
    self_similarity(x, s.data());
    double diagonal = 0, off_diagonal = 0;
    for (std::int32_t i = 0; i < n; ++i) {
      diagonal = std::max(diagonal, std::fabs(s[i * n + i] - 1.0));
      for (std::int32_t j = 0; j < n; ++j)
        if (j != i) off_diagonal = std::max(off_diagonal, std::fabs(s[i * n + j] - self_at(i, j)));
    }
    CHECK(diagonal < kParity);
    CHECK(off_diagonal < kParity);

    // Cross similarity, a tile, a band.
    std::vector<float> c(static_cast<std::size_t>(n) * m);
    REQUIRE(cross_similarity(x, y, c.data()).ok);
    double cross = 0;
    for (std::int32_t i = 0; i < n; ++i)
      for (std::int32_t j = 0; j < m; ++j) cross = std::max(cross, std::fabs(c[i * m + j] - cross_at(i, j)));
    CHECK(cross < kParity);

    GramWorkspace workspace;
    std::vector<float> tile(3 * 2);
    REQUIRE(similarity_tile(x, y, TileRange{2, 5, 1, 3}, tile.data(), 2, workspace).ok);
    double tiles = 0;
    for (std::int32_t i = 2; i < 5; ++i)
      for (std::int32_t j = 1; j < 3; ++j) tiles = std::max(tiles, std::fabs(tile[(i - 2) * 2 + (j - 1)] - cross_at(i, j)));
    CHECK(tiles < kParity);

    std::vector<float> band(static_cast<std::size_t>(2) * 4);
    REQUIRE(similarity_band(x, 2, 4, band.data(), workspace).ok);
    double bands = 0;
    for (std::int32_t i = 2; i < 4; ++i)
      for (std::int32_t j = 0; j < i; ++j) bands = std::max(bands, std::fabs(band[(i - 2) * 4 + j] - self_at(i, j)));
    CHECK(bands < kParity);

    // Overview cells: block means from summed rows, block maxima from tiles.
    OverviewAxes axes;
    axes.row_edges = {0, 2, 5};
    axes.col_edges = {0, 3, 5};
    std::vector<float> mean(4), top(4);
    REQUIRE(overview_mean(x, axes, mean.data(), workspace).ok);
    REQUIRE(overview_extreme(x, axes, true, 0, 2, top.data(), workspace).ok);
    double means = 0, maxima = 0;
    for (std::int32_t r = 0; r < 2; ++r) {
      for (std::int32_t k = 0; k < 2; ++k) {
        double sum = 0, best = -2;
        for (std::int32_t i = axes.row_edges[r]; i < axes.row_edges[r + 1]; ++i) {
          for (std::int32_t j = axes.col_edges[k]; j < axes.col_edges[k + 1]; ++j) {
            const double v = i == j ? 1.0 : self_at(i, j);
            sum += v;
            best = std::max(best, v);
          }
        }
        const double cells = static_cast<double>(axes.row_edges[r + 1] - axes.row_edges[r]) *
                             (axes.col_edges[k + 1] - axes.col_edges[k]);
        means = std::max(means, std::fabs(mean[r * 2 + k] - sum / cells));
        maxima = std::max(maxima, std::fabs(top[r * 2 + k] - best));
      }
    }
    CHECK(means < kParity);
    CHECK(maxima < kParity);

    // The tile stream behind the pair passes (summary, histograms, top-k).
    PairSummaryConsumer summary;
    std::vector<float> buffer;
    stream_lower_tiles(x, 0, n, summary, workspace, buffer);
    double pair_sum = 0, pair_max = -2;
    for (std::int32_t i = 0; i < n; ++i) {
      for (std::int32_t j = 0; j < i; ++j) {
        pair_sum += self_at(i, j);
        pair_max = std::max(pair_max, self_at(i, j));
      }
    }
    CHECK(summary.summary().count == n * (n - 1) / 2);
    CHECK(std::fabs(summary.summary().sum / summary.summary().count - pair_sum / summary.summary().count) < kParity);
    CHECK(std::fabs(summary.summary().max - pair_max) < kParity);

    // row_dot, behind the spectral order's degrees, cuts and leaf flips.
    double dots = 0;
    for (std::int32_t i = 0; i < n; ++i)
      for (std::int32_t j = 0; j < n; ++j)
        dots = std::max(dots, std::fabs(row_dot(x.row(i), x.row(j), d) - (i == j ? 1.0 : self_at(i, j))));
    CHECK(dots < kParity);

    // Group means from per-group row sums.
    const std::int32_t groups[] = {0, 0, 1, 1, 1};
    GroupSums sums(2, d);
    REQUIRE(accumulate_group_sums(x, groups, 0, n, sums).ok);
    const GroupSimilarity g = group_similarity(sums);
    CHECK(std::fabs(g.group_within_mean[0] - self_at(1, 0)) < kParity);
    CHECK(std::fabs(g.group_within_mean[1] - (self_at(3, 2) + self_at(4, 2) + self_at(4, 3)) / 3) < kParity);
    CHECK(std::fabs(g.between_mean - (self_at(2, 0) + self_at(3, 0) + self_at(4, 0) + self_at(2, 1) +
                                      self_at(3, 1) + self_at(4, 1)) / 6) < kParity);
  }
}

TEST_CASE("the kernel sums in float over 128 dims and adds the blocks in double, bit for bit", "[kernel]") {
  // Depths around the depth block (128) and the packed panel (512), partial
  // micro-tiles (4 × 8), more than 256 rows (row blocks) and a wider stride.
  for (std::int32_t d : {1, 5, 127, 128, 129, 511, 512, 513, 1031, 2053}) {
    for (auto [na, nb] : {std::pair{1, 1}, std::pair{7, 13}, std::pair{261, 9}, std::pair{5, 300}}) {
      INFO("d = " << d << ", " << na << " x " << nb);
      Lcg rng{static_cast<std::uint32_t>(d * 7 + na)};
      std::vector<float> a(static_cast<std::size_t>(na) * d), b(static_cast<std::size_t>(nb) * d);
      for (float& v : a) v = rng.next();
      for (float& v : b) v = rng.next();
      const std::size_t ldo = static_cast<std::size_t>(nb) + 3;
      std::vector<float> out(static_cast<std::size_t>(na) * ldo, -7.0f);
      GramWorkspace workspace;
      gram_tile(a.data(), na, b.data(), nb, d, out.data(), ldo, workspace);
      bool same = true, padding_kept = true;
      for (std::int32_t i = 0; i < na; ++i) {
        for (std::int32_t j = 0; j < nb; ++j) {
          double total = 0;
          for (std::int32_t k0 = 0; k0 < d; k0 += kGramDepthBlock) {
            float block = 0;
            for (std::int32_t k = k0; k < std::min(d, k0 + kGramDepthBlock); ++k) {
              const float product = a[static_cast<std::size_t>(i) * d + k] * b[static_cast<std::size_t>(j) * d + k];
              block += product;
            }
            total += block;
          }
          same = same && out[i * ldo + j] == static_cast<float>(total);
        }
        for (std::size_t j = nb; j < ldo; ++j) padding_kept = padding_kept && out[i * ldo + j] == -7.0f;
      }
      CHECK(same);
      CHECK(padding_kept);
    }
  }
}
