#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "cosine_heatmap/pair_summary.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

// Records every visited pair j < i once, to check coverage.
class CoverageConsumer : public TileConsumer {
 public:
  explicit CoverageConsumer(std::int32_t n) : n_(n), seen_(static_cast<std::size_t>(n) * n, 0) {}
  void consume(const TileRange& tile, const float* data, std::size_t ld) override {
    for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i)
      for (std::int32_t j = tile.col_begin; j < std::min(tile.col_end, i); ++j) {
        ++seen_[static_cast<std::size_t>(i) * n_ + j];
        values_.push_back({i, j, data[(i - tile.row_begin) * ld + (j - tile.col_begin)]});
      }
  }
  std::int32_t n_;
  std::vector<int> seen_;
  struct Entry { std::int32_t i, j; float value; };
  std::vector<Entry> values_;
};

}  // namespace

TEST_CASE("the tile stream visits every lower pair once with the right value", "[stream]") {
  const std::int32_t n = 601, d = 33;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 5), n, d);
  const auto ref = test_helpers::reference_product(x, x);
  CoverageConsumer coverage(n);
  GramWorkspace workspace;
  std::vector<float> buffer;
  // Two bands, as two workers would split it.
  stream_lower_tiles(x, 0, 300, coverage, workspace, buffer);
  stream_lower_tiles(x, 300, n, coverage, workspace, buffer);
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = 0; j < n; ++j) REQUIRE(coverage.seen_[i * n + j] == (j < i ? 1 : 0));
  double worst = 0;
  for (const auto& e : coverage.values_) worst = std::max(worst, std::fabs(e.value - ref(e.i, e.j)));
  CHECK(worst < 1e-5);
}

TEST_CASE("pair summary over bands equals the direct summary", "[stream]") {
  const std::int32_t n = 300, d = 8;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 9), n, d);
  const auto ref = test_helpers::reference_product(x, x);
  double sum = 0, lo = 2, hi = -2;
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = 0; j < i; ++j) {
      sum += ref(i, j);
      lo = std::min(lo, ref(i, j));
      hi = std::max(hi, ref(i, j));
    }
  GramWorkspace workspace;
  std::vector<float> buffer;
  PairSummaryConsumer first, second;
  stream_lower_tiles(x, 0, 100, first, workspace, buffer);
  stream_lower_tiles(x, 100, n, second, workspace, buffer);
  PairSummary total = first.summary();
  total.merge(second.summary());
  CHECK(total.count == n * (n - 1) / 2);
  CHECK(total.sum == Approx(sum).margin(1e-3));
  CHECK(total.min == Approx(lo).margin(1e-6));
  CHECK(total.max == Approx(hi).margin(1e-6));
}
