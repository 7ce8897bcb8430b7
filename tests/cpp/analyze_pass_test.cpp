// The fused analyze() pass equals its unfused reference: the five separate
// consumers fed through a TileFanOut, and brute force over the lower
// triangle, on seeded data with planted duplicates and ties.
#include <catch2/catch.hpp>
#include <algorithm>

#include "cosine_heatmap/analyze_pass.hpp"
#include "cosine_heatmap/near_duplicates.hpp"
#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/share_above.hpp"
#include "cosine_heatmap/tile_fan_out.hpp"
#include "cosine_heatmap/top_k.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

// Random rows with exact and near copies: equal scores exercise the tie
// rules of near-duplicates and of the best neighbour.
std::vector<float> with_copies(std::int32_t n, std::int32_t d, unsigned seed) {
  auto data = test_helpers::random_matrix(n, d, seed);
  auto row = [&](std::int32_t i) { return data.begin() + static_cast<std::ptrdiff_t>(i) * d; };
  for (std::int32_t i = 5; i + 37 < n; i += 37) std::copy(row(i), row(i + 1), row(i + 37));
  for (std::int32_t i = 11; i + 300 < n; i += 53) {
    std::copy(row(i), row(i + 1), row(i + 300));
    data[static_cast<std::size_t>(i + 300) * d] += 0.02f;
  }
  std::fill(row(n / 2), row(n / 2 + 1), 0.0f);
  return data;
}

}  // namespace

TEST_CASE("the fused analyze pass equals the separate consumers and brute force", "[stats][analyze]") {
  for (auto [n, d, bins, bound] : {std::tuple{523, 19, 100, std::size_t{10000}}, std::tuple{700, 385, 37, std::size_t{7}},
                                   std::tuple{1, 3, 10, std::size_t{5}}, std::tuple{7, 1, 100, std::size_t{2}}}) {
    INFO("n = " << n << ", d = " << d);
    const auto x = test_helpers::normalized(with_copies(n, d, 7 + n), n, d);
    const std::vector<float> thresholds = {0.5f, 0.8f, 0.9f, 0.95f, 0.98f, -0.5f, 0.9f};
    const float duplicate = 0.98f;
    GramWorkspace workspace;
    std::vector<float> buffer;

    AnalyzePassConsumer fused(n, bins, 20000, duplicate, bound, thresholds);
    PairHistogramConsumer coarse(bins), fine(20000);
    NearDuplicateConsumer duplicates(duplicate, bound);
    TopKConsumer best(n, 1);
    ShareAboveConsumer share(thresholds);
    TileFanOut separate;
    for (TileConsumer* c : std::initializer_list<TileConsumer*>{&coarse, &fine, &duplicates, &best, &share}) separate.add(*c);
    // Bands cut off the tile grid, as workers cut them.
    for (auto [r0, r1] : {std::pair{0, n / 3}, std::pair{n / 3, n}}) {
      stream_lower_tiles(x, r0, r1, fused, workspace, buffer);
      stream_lower_tiles(x, r0, r1, separate, workspace, buffer);
    }

    const PairHistogram fused_coarse = fused.histogram();
    for (auto [mine, theirs] : {std::pair{&fused_coarse, &coarse.histogram()}, std::pair{&fused.fine(), &fine.histogram()}}) {
      CHECK(mine->counts == theirs->counts);
      CHECK(mine->count == theirs->count);
      CHECK(mine->sum == theirs->sum);
      CHECK(mine->sum_squares == theirs->sum_squares);
      CHECK(mine->min == theirs->min);
      CHECK(mine->max == theirs->max);
    }
    CHECK(fused.duplicates().count() == duplicates.count());
    const auto mine = fused.duplicates().sorted_pairs(), theirs = duplicates.sorted_pairs();
    REQUIRE(mine.size() == theirs.size());
    for (std::size_t k = 0; k < mine.size(); ++k) {
      CHECK(mine[k].i == theirs[k].i);
      CHECK(mine[k].j == theirs[k].j);
      CHECK(mine[k].score == theirs[k].score);
    }
    CHECK(fused.best().lists().indices == best.lists().indices);
    CHECK(fused.best().lists().scores == best.lists().scores);

    // Brute force from the same float values: shares, near-duplicate count
    // and each item's best neighbour (higher score, then lower index).
    std::vector<float> full(static_cast<std::size_t>(n) * n);
    self_similarity(x, full.data());
    std::vector<std::uint64_t> at_or_above(thresholds.size(), 0);
    std::uint64_t near = 0;
    std::vector<float> best_score(n, -2.0f);
    std::vector<std::int32_t> best_index(n, -1);
    auto offer = [&](std::int32_t item, std::int32_t other, float v) {
      if (v > best_score[item] || (v == best_score[item] && other < best_index[item])) {
        best_score[item] = v;
        best_index[item] = other;
      }
    };
    for (std::int32_t i = 0; i < n; ++i) {
      for (std::int32_t j = 0; j < i; ++j) {
        const float v = full[static_cast<std::size_t>(i) * n + j];
        for (std::size_t t = 0; t < thresholds.size(); ++t) at_or_above[t] += v >= thresholds[t];
        near += v >= duplicate;
        offer(i, j, v);
        offer(j, i, v);
      }
    }
    CHECK(fused.share().counts_at_or_above() == at_or_above);
    CHECK(share.counts_at_or_above() == at_or_above);
    CHECK(fused.share().pair_count() == static_cast<std::uint64_t>(n) * (n - 1) / 2);
    CHECK(fused.duplicates().count() == near);
    if (n > 1) CHECK(fused.best().lists().indices == best_index);
  }
}

// The coarse counts read off the fine ones (NestedBins) equal binning every
// value on its own, for values placed where rounding could tell them apart:
// within a few ulps of every coarse and fine edge, and past ±1.
TEST_CASE("nested bins give the coarse counts of binning every value", "[stats][analyze]") {
  for (auto [coarse_bins, fine_bins] : {std::pair{100, 20000}, std::pair{1, 20000}, std::pair{4, 20000},
                                        std::pair{1000, 20000}, std::pair{6, 18}, std::pair{7, 21}}) {
    INFO(coarse_bins << " bins in " << fine_bins);
    REQUIRE(NestedBins::nests(coarse_bins, fine_bins));
    std::vector<float> values = {-1.5f, -1.0f, 1.0f, 1.0000001f, 1.0000002f, -1.0000001f};
    const PairHistogram shape(fine_bins);
    for (std::int32_t b = 0; b <= fine_bins; ++b) {
      float v = static_cast<float>(shape.edge(b));
      for (int step = 0; step < 4; ++step) v = std::nextafter(v, -2.0f);
      for (int step = 0; step < 9; ++step, v = std::nextafter(v, 2.0f)) values.push_back(v);
    }
    PairHistogram one_by_one(coarse_bins), fine_alone(fine_bins);
    add_pair_row(one_by_one, &fine_alone, values.data(), static_cast<std::int32_t>(values.size()));
    const NestedBins nested(coarse_bins, fine_bins);
    PairHistogram edges_only(coarse_bins), fine(fine_bins);
    // In pieces, as tile rows come.
    for (std::size_t k = 0; k < values.size(); k += 1000) {
      const auto width = static_cast<std::int32_t>(std::min<std::size_t>(1000, values.size() - k));
      add_pair_row_nested(fine, edges_only, nested, values.data() + k, width);
    }
    const PairHistogram whole = nested.whole(edges_only, fine);
    CHECK(whole.counts == one_by_one.counts);
    CHECK(fine.counts == fine_alone.counts);
    CHECK(whole.count == one_by_one.count);
    CHECK(whole.min == one_by_one.min);
    CHECK(whole.max == one_by_one.max);
  }
  CHECK_FALSE(NestedBins::nests(37, 20000));
  CHECK_FALSE(NestedBins::nests(10000, 20000));  // two fine bins a coarse one: both are edges
}
