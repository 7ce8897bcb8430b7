#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "cosine_heatmap/normalize.hpp"

using cosine_heatmap::normalize_rows;
using cosine_heatmap::NormalizedRows;

TEST_CASE("rows become unit vectors", "[normalize]") {
  const float x[] = {3, 4, 0, 0, 0, 2};
  NormalizedRows rows;
  REQUIRE(normalize_rows(x, 2, 3, rows).ok);
  CHECK(rows.rows == 2);
  CHECK(rows.dim == 3);
  CHECK(rows.data[0] == Approx(0.6f));
  CHECK(rows.data[1] == Approx(0.8f));
  CHECK(rows.data[5] == Approx(1.0f));
  CHECK(rows.zero_rows.empty());
}

TEST_CASE("zero rows stay zero and are reported", "[normalize]") {
  const float x[] = {0, 0, 1, 1, 0, 0};
  NormalizedRows rows;
  REQUIRE(normalize_rows(x, 3, 2, rows).ok);
  REQUIRE(rows.zero_rows == std::vector<std::int32_t>{0, 2});
  CHECK(rows.data[0] == 0.0f);
  CHECK(rows.data[4] == 0.0f);
  CHECK(rows.data[2] == Approx(std::sqrt(0.5f)));
}

TEST_CASE("huge magnitudes do not overflow the norm", "[normalize]") {
  const float x[] = {1e30f, 1e30f, 3e38f, -3e38f};
  NormalizedRows rows;
  REQUIRE(normalize_rows(x, 2, 2, rows).ok);
  for (float v : rows.data) CHECK(std::fabs(v) == Approx(std::sqrt(0.5f)));

  const double big[] = {1e200, 1e200, 1e-310, 0};
  REQUIRE(normalize_rows(big, 2, 2, rows).ok);
  CHECK(rows.data[0] == Approx(std::sqrt(0.5f)));
  CHECK(rows.data[2] == Approx(1.0f));
  CHECK(rows.zero_rows.empty());
}

TEST_CASE("NaN and Inf are rejected with their position", "[normalize]") {
  NormalizedRows rows;
  float x[] = {1, 2, 3, 4, 5, 6};
  x[4] = std::numeric_limits<float>::quiet_NaN();
  auto status = normalize_rows(x, 2, 3, rows);
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("NaN at row 1, column 1"));

  double y[] = {1, -std::numeric_limits<double>::infinity()};
  status = normalize_rows(y, 1, 2, rows);
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("-Inf at row 0, column 1"));
}

TEST_CASE("empty shapes are rejected", "[normalize]") {
  NormalizedRows rows;
  const float x[] = {1};
  CHECK_FALSE(normalize_rows(x, 0, 1, rows).ok);
  CHECK_FALSE(normalize_rows(x, 1, 0, rows).ok);
}

TEST_CASE("normalizing in place gives the same rows as normalizing a copy", "[normalize]") {
  const float x[] = {3, 4, 0, 0, 1e30f, -1e30f, 1e-40f, 0};
  NormalizedRows copy;
  REQUIRE(normalize_rows(x, 4, 2, copy).ok);
  NormalizedRows in_place;
  in_place.rows = 4;
  in_place.dim = 2;
  in_place.data.assign(x, x + 8);
  REQUIRE(cosine_heatmap::normalize_rows_in_place(in_place).ok);
  CHECK(in_place.data == copy.data);
  CHECK(in_place.zero_rows == std::vector<std::int32_t>{1});
  CHECK(in_place.data[6] == Approx(1.0f));

  in_place.data[3] = std::numeric_limits<float>::infinity();
  CHECK_THAT(cosine_heatmap::normalize_rows_in_place(in_place).message, Catch::Contains("+Inf at row 1, column 1"));
}

// Float rows take their own path (exact squares in double, four partial
// sums, no scaling pass); double rows the scaled one. The float path must
// agree with the scaled path within an ulp on rows of every length the
// partial sums split unevenly, magnitudes from subnormal to FLT_MAX.
TEST_CASE("the float path agrees with the scaled double path", "[normalize]") {
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state) / 4294967296.0 - 0.5;
  };
  const float scales[] = {1.0f, 1e-41f, 1e-20f, 1e20f, 3e38f};
  for (std::int32_t d : {1, 2, 3, 4, 5, 7, 385, 4099}) {
    for (float scale : scales) {
      std::vector<float> x(static_cast<std::size_t>(3) * d);
      for (float& v : x) v = static_cast<float>(next()) * scale;
      x[0] = scale;  // no row is all zeros, even where the scale underflows the products
      std::vector<double> wide(x.begin(), x.end());
      NormalizedRows fast, scaled;
      REQUIRE(normalize_rows(x.data(), 3, d, fast).ok);
      REQUIRE(normalize_rows(wide.data(), 3, d, scaled).ok);
      REQUIRE(fast.zero_rows == scaled.zero_rows);
      for (std::size_t k = 0; k < x.size(); ++k) {
        INFO("d = " << d << ", scale = " << scale << ", value " << k);
        const float a = fast.data[k], b = scaled.data[k];
        CHECK((a == b || std::nextafter(a, b) == b));
      }
    }
  }
  // FLT_MAX in every one of 4099 columns: the sum of squares (4099 · 1.2e77) stays finite in double.
  std::vector<float> maxed(4099, std::numeric_limits<float>::max());
  NormalizedRows rows;
  REQUIRE(normalize_rows(maxed.data(), 1, 4099, rows).ok);
  CHECK(rows.data[4098] == Approx(1.0 / std::sqrt(4099.0)));
}

TEST_CASE("the float path names the first non-finite value of a row, in any partial sum", "[normalize]") {
  NormalizedRows rows;
  std::vector<float> x(2 * 9, 1.0f);
  x[9 + 6] = -std::numeric_limits<float>::infinity();
  x[9 + 7] = std::numeric_limits<float>::quiet_NaN();
  x[9 + 8] = std::numeric_limits<float>::infinity();
  auto status = normalize_rows(x.data(), 2, 9, rows);
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("-Inf at row 1, column 6"));
  // The tail beyond the last full group of four.
  std::vector<float> tail(5, 1.0f);
  tail[4] = std::numeric_limits<float>::quiet_NaN();
  status = normalize_rows(tail.data(), 1, 5, rows);
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("NaN at row 0, column 4"));
}
