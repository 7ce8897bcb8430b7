#include <catch2/catch.hpp>
#include <algorithm>
#include <numeric>

#include "cosine_heatmap/overview.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

std::vector<std::int32_t> even_edges(std::int32_t begin, std::int32_t end, std::int32_t cells) {
  std::vector<std::int32_t> edges;
  for (std::int32_t k = 0; k <= cells; ++k) edges.push_back(begin + static_cast<std::int32_t>(static_cast<long long>(k) * (end - begin) / cells));
  return edges;
}

}  // namespace

TEST_CASE("overview cells equal exact block mean, max and min, in any order and window", "[overview]") {
  const std::int32_t n = 157, d = 11;
  auto data = test_helpers::random_matrix(n, d, 21);
  std::fill(data.begin() + 5 * d, data.begin() + 6 * d, 0.0f);  // a zero row
  const auto x = test_helpers::normalized(data, n, d);
  const auto s = test_helpers::reference_product(x, x);
  std::vector<std::int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::reverse(order.begin(), order.begin() + 100);

  OverviewAxes axes;
  axes.order = order.data();
  axes.row_edges = even_edges(10, 150, 9);
  axes.col_edges = even_edges(3, 120, 13);
  const std::size_t rows = 9, cols = 13;
  GramWorkspace workspace;
  std::vector<float> mean(rows * cols), top(rows * cols), bottom(rows * cols);
  REQUIRE(overview_mean(x, axes, mean.data(), workspace).ok);
  REQUIRE(overview_extreme(x, axes, true, 0, 9, top.data(), workspace).ok);
  // Minima computed in two halves, as two workers would.
  REQUIRE(overview_extreme(x, axes, false, 0, 4, bottom.data(), workspace).ok);
  REQUIRE(overview_extreme(x, axes, false, 4, 9, bottom.data() + 4 * cols, workspace).ok);

  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      double sum = 0, hi = -2, lo = 2, count = 0;
      for (std::int32_t p = axes.row_edges[r]; p < axes.row_edges[r + 1]; ++p) {
        for (std::int32_t q = axes.col_edges[c]; q < axes.col_edges[c + 1]; ++q) {
          const double v = s(order[p], order[q]);
          sum += v;
          hi = std::max(hi, v);
          lo = std::min(lo, v);
          ++count;
        }
      }
      INFO("cell " << r << ", " << c);
      CHECK(mean[r * cols + c] == Approx(sum / count).margin(1e-6));
      CHECK(top[r * cols + c] == Approx(hi).margin(1e-6));
      CHECK(bottom[r * cols + c] == Approx(lo).margin(1e-6));
    }
  }
}

TEST_CASE("overview rejects windows outside the matrix", "[overview]") {
  const auto x = test_helpers::normalized(test_helpers::random_matrix(10, 3, 1), 10, 3);
  OverviewAxes axes;
  axes.row_edges = {0, 5, 11};
  axes.col_edges = {0, 10};
  GramWorkspace workspace;
  std::vector<float> out(2);
  const auto status = overview_mean(x, axes, out.data(), workspace);
  REQUIRE_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("outside 0..10"));
}
