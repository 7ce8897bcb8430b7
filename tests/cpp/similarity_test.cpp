#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/similarity.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

TEST_CASE("self similarity of hand-computed vectors", "[similarity]") {
  // (1,0), (1,1), (0,-2), (0,0): cosines 1/√2, 0, -1/√2 and zeros for the zero row.
  const std::vector<float> x = {1, 0, 1, 1, 0, -2, 0, 0};
  const auto rows = test_helpers::normalized(x, 4, 2);
  std::vector<float> s(16, -9.0f);
  self_similarity(rows, s.data());
  const float h = std::sqrt(0.5f);
  const float expected[16] = {1, h, 0, 0, h, 1, -h, 0, 0, -h, 1, 0, 0, 0, 0, 0};
  for (int i = 0; i < 16; ++i) CHECK(s[i] == Approx(expected[i]).margin(1e-6));
}

TEST_CASE("cross similarity is n x m and checks dimensions", "[similarity]") {
  const std::vector<float> x = {1, 0, 0, 1, 1, 1};  // 3 x 2
  const std::vector<float> y = {2, 0, -1, 1};       // 2 x 2
  const auto a = test_helpers::normalized(x, 3, 2);
  const auto b = test_helpers::normalized(y, 2, 2);
  std::vector<float> c(6);
  REQUIRE(cross_similarity(a, b, c.data()).ok);
  const float h = std::sqrt(0.5f);
  const float expected[6] = {1, -h, 0, h, h, 0};
  for (int i = 0; i < 6; ++i) CHECK(c[i] == Approx(expected[i]).margin(1e-6));

  const auto other = test_helpers::normalized({1, 2, 3}, 1, 3);
  const auto status = cross_similarity(a, other, c.data());
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("d = 2") && Catch::Contains("d = 3"));
}

TEST_CASE("self similarity matches the plain product on odd sizes", "[similarity][kernel]") {
  for (std::int32_t n : {1, 7, 300, 1001}) {
    for (std::int32_t d : {1, 3, 385}) {
      if (n == 1001 && d == 385) continue;  // covered by the kernel test below; keeps the suite quick
      const auto rows = test_helpers::normalized(test_helpers::random_matrix(n, d, n * 31 + d), n, d);
      std::vector<float> s(static_cast<std::size_t>(n) * n);
      self_similarity(rows, s.data());
      const auto ref = test_helpers::reference_product(rows, rows);
      double worst = 0;
      bool symmetric = true;
      for (std::int32_t i = 0; i < n; ++i) {
        for (std::int32_t j = 0; j < n; ++j) {
          worst = std::max(worst, std::fabs(s[i * n + j] - ref(i, j)));
          symmetric = symmetric && s[i * n + j] == s[j * n + i];
        }
      }
      INFO("n = " << n << ", d = " << d);
      CHECK(worst < 1e-5);
      CHECK(symmetric);
    }
  }
}

TEST_CASE("every tile equals the plain product", "[similarity][kernel]") {
  const std::int32_t n = 1001, m = 37, d = 385;
  const auto a = test_helpers::normalized(test_helpers::random_matrix(n, d, 1), n, d);
  const auto b = test_helpers::normalized(test_helpers::random_matrix(m, d, 2), m, d);
  const auto ref = test_helpers::reference_product(a, b);
  GramWorkspace workspace;
  for (TileRange t : {TileRange{0, 1, 0, 1}, TileRange{3, 10, 5, 37}, TileRange{990, 1001, 0, 9},
                      TileRange{0, 1001, 0, 37}}) {
    const std::size_t width = t.col_end - t.col_begin;
    std::vector<float> out((t.row_end - t.row_begin) * width);
    REQUIRE(similarity_tile(a, b, t, out.data(), width, workspace).ok);
    double worst = 0;
    for (std::int32_t i = t.row_begin; i < t.row_end; ++i)
      for (std::int32_t j = t.col_begin; j < t.col_end; ++j)
        worst = std::max(worst, std::fabs(out[(i - t.row_begin) * width + (j - t.col_begin)] - ref(i, j)));
    CHECK(worst < 1e-5);
  }
  std::vector<float> out(4);
  CHECK_FALSE(similarity_tile(a, b, TileRange{0, 2, 36, 38}, out.data(), 2, workspace).ok);
}

TEST_CASE("bands of the lower triangle and row blocks of a cross product", "[similarity][kernel]") {
  const std::int32_t n = 523, m = 77, d = 19;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 3), n, d);
  const auto y = test_helpers::normalized(test_helpers::random_matrix(m, d, 4), m, d);
  const auto self_ref = test_helpers::reference_product(x, x);
  const auto cross_ref = test_helpers::reference_product(x, y);
  GramWorkspace workspace;
  for (auto [r0, r1] : {std::pair{0, 1}, std::pair{1, 300}, std::pair{300, 523}}) {
    std::vector<float> band(static_cast<std::size_t>(r1 - r0) * r1);
    REQUIRE(similarity_band(x, r0, r1, band.data(), workspace).ok);
    std::vector<float> rows(static_cast<std::size_t>(r1 - r0) * m);
    REQUIRE(cross_similarity_rows(x, y, r0, r1, rows.data(), workspace).ok);
    double worst = 0;
    for (std::int32_t i = r0; i < r1; ++i) {
      for (std::int32_t j = 0; j <= i; ++j)
        worst = std::max(worst, std::fabs(band[(i - r0) * r1 + j] - self_ref(i, j)));
      for (std::int32_t j = 0; j < m; ++j)
        worst = std::max(worst, std::fabs(rows[(i - r0) * m + j] - cross_ref(i, j)));
    }
    INFO("rows " << r0 << ".." << r1);
    CHECK(worst < 1e-5);
  }
  // Band 300..323 of 523: its rows left of column 323, exactly symmetric
  // inside the band, then rows 0..300 at columns 300..323, transposed.
  std::vector<float> both(23 * (323 + 300));
  REQUIRE(similarity_band_with_transpose(x, 300, 323, both.data(), workspace).ok);
  double worst = 0;
  for (std::int32_t i = 300; i < 323; ++i) {
    for (std::int32_t j = 0; j < 323; ++j) {
      worst = std::max(worst, std::fabs(both[(i - 300) * 323 + j] - self_ref(i, j)));
      if (j >= 300) REQUIRE(both[(i - 300) * 323 + j] == both[(j - 300) * 323 + i]);
      if (j < 300) REQUIRE(both[23 * 323 + j * 23 + (i - 300)] == both[(i - 300) * 323 + j]);
    }
  }
  CHECK(worst < 1e-5);
  std::vector<float> out(10);
  CHECK_FALSE(similarity_band(x, 500, 524, out.data(), workspace).ok);
}

// How workers build the whole matrix: bands with their transposes, placed
// with row copies (web/src/operations/similarity.js). On odd sizes, any cut
// of the bands gives the plain product within 1e-5 and exactly the bits of
// self_similarity, so the result does not depend on the number of workers.
TEST_CASE("bands with transposes assemble the plain product on odd sizes", "[similarity][kernel]") {
  for (std::int32_t n : {1, 7, 1001}) {
    for (std::int32_t d : {1, 3, 385, 4099}) {
      const auto rows = test_helpers::normalized(test_helpers::random_matrix(n, d, n * 7 + d), n, d);
      std::vector<float> whole(static_cast<std::size_t>(n) * n);
      self_similarity(rows, whole.data());
      const auto ref = test_helpers::reference_product(rows, rows);
      GramWorkspace workspace;
      for (std::vector<std::int32_t> cuts : {std::vector<std::int32_t>{0, n}, std::vector<std::int32_t>{0, n / 3, n / 2, n}}) {
        std::vector<float> placed(static_cast<std::size_t>(n) * n, -9.0f);
        for (std::size_t b = 0; b + 1 < cuts.size(); ++b) {
          const std::int32_t r0 = cuts[b], r1 = cuts[b + 1], h = r1 - r0;
          if (h == 0) continue;
          std::vector<float> band(static_cast<std::size_t>(h) * (r1 + r0));
          REQUIRE(similarity_band_with_transpose(rows, r0, r1, band.data(), workspace).ok);
          for (std::int32_t i = r0; i < r1; ++i)
            std::copy_n(band.data() + static_cast<std::size_t>(i - r0) * r1, r1, placed.data() + static_cast<std::size_t>(i) * n);
          const float* transposed = band.data() + static_cast<std::size_t>(h) * r1;
          for (std::int32_t j = 0; j < r0; ++j)
            std::copy_n(transposed + static_cast<std::size_t>(j) * h, h, placed.data() + static_cast<std::size_t>(j) * n + r0);
        }
        double worst = 0;
        for (std::int32_t i = 0; i < n; ++i)
          for (std::int32_t j = 0; j < n; ++j) worst = std::max(worst, std::fabs(placed[i * n + j] - ref(i, j)));
        INFO("n = " << n << ", d = " << d << ", bands " << cuts.size() - 1);
        CHECK(worst < 1e-5);
        CHECK(placed == whole);
      }
    }
  }
}

TEST_CASE("the lower part of a tile is gram_tile's bits, and what is right of the diagonal is skipped", "[kernel]") {
  using cosine_heatmap::GramWorkspace;
  // Diagonals through the middle, at the corners, outside the tile, and
  // tiles of more than one 256-row block each way.
  for (auto [na, nb, d] : {std::tuple{1, 1, 3}, std::tuple{7, 13, 5}, std::tuple{300, 300, 129}, std::tuple{600, 530, 33}}) {
    for (std::int32_t diagonal : {0, -3, 5, -(na + 2), nb + 1, 24, -24, 257}) {
      INFO(na << " x " << nb << ", d = " << d << ", diagonal " << diagonal);
      const auto a = test_helpers::random_matrix(na, d, static_cast<unsigned>(na + d));
      const auto b = test_helpers::random_matrix(nb, d, static_cast<unsigned>(nb + 3 * d));
      const std::size_t ldo = static_cast<std::size_t>(nb) + 1;
      std::vector<float> whole(static_cast<std::size_t>(na) * ldo, -7.0f), lower(whole);
      GramWorkspace workspace;
      cosine_heatmap::gram_tile(a.data(), na, b.data(), nb, d, whole.data(), ldo, workspace);
      cosine_heatmap::gram_tile_lower(a.data(), na, b.data(), nb, d, lower.data(), ldo, workspace, diagonal);
      std::int64_t differ = 0, skipped = 0, far_right = 0;
      for (std::int32_t i = 0; i < na; ++i) {
        for (std::int32_t j = 0; j < nb; ++j) {
          const float got = lower[static_cast<std::size_t>(i) * ldo + j];
          if (j <= i + diagonal) differ += got != whole[static_cast<std::size_t>(i) * ldo + j];
          else skipped += got == -7.0f;
          // Beyond the micro-tile (4 × 8) that straddles the diagonal.
          if (j > i + diagonal + 12) far_right += got != -7.0f;
        }
        CHECK(lower[static_cast<std::size_t>(i) * ldo + nb] == -7.0f);  // the stride's padding
      }
      CHECK(differ == 0);
      CHECK(far_right == 0);
      if (na >= 300 && diagonal < nb - 12) CHECK(skipped > 0);
    }
  }
}
