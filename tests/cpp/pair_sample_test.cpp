#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <map>

#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/pair_sample.hpp"
#include "cosine_heatmap/share_above.hpp"
#include "cosine_heatmap/similarity.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

TEST_CASE("pair numbering: pair_at inverts t = i(i - 1)/2 + j, also far beyond 2^32", "[sample]") {
  std::uint64_t t = 0;
  for (std::int32_t i = 1; i < 300; ++i) {
    for (std::int32_t j = 0; j < i; ++j, ++t) {
      const SampledPair p = pair_at(t);
      REQUIRE(p.i == i);
      REQUIRE(p.j == j);
    }
  }
  CHECK(pairs_below(300) == t);
  for (const std::int32_t i : {65536, 1000000, 2147483647}) {
    const std::uint64_t first = pairs_below(i);
    for (const std::int64_t j : {std::int64_t{0}, std::int64_t{1}, std::int64_t{i} - 1}) {
      const SampledPair p = pair_at(first + static_cast<std::uint64_t>(j));
      CHECK(p.i == i);
      CHECK(p.j == j);
    }
    const SampledPair before = pair_at(first - 1);
    CHECK(before.i == i - 1);
    CHECK(before.j == i - 2);
  }
}

TEST_CASE("PairRandom: reproducible per (seed, stream), different across streams; UniformBelow in range", "[sample]") {
  PairRandom a(7, 3), b(7, 3), c(7, 4), d(8, 3);
  bool differs_by_stream = false, differs_by_seed = false;
  for (int k = 0; k < 100; ++k) {
    const std::uint64_t x = a.next();
    REQUIRE(x == b.next());
    differs_by_stream |= x != c.next();
    differs_by_seed |= x != d.next();
  }
  CHECK(differs_by_stream);
  CHECK(differs_by_seed);
  PairRandom r(1, 0);
  const UniformBelow one(1), three(3), huge(0xFFFFFFFFFFFFFFF1ull);
  std::uint64_t seen[3] = {};
  for (int k = 0; k < 3000; ++k) {
    CHECK(one(r) == 0);
    const std::uint64_t x = three(r);
    REQUIRE(x < 3);
    ++seen[x];
    CHECK(huge(r) < 0xFFFFFFFFFFFFFFF1ull);
  }
  for (std::uint64_t count : seen) CHECK(std::abs(static_cast<double>(count) - 1000.0) < 150.0);
}

TEST_CASE("sample_pairs: uniform over the pairs of a band (not its rows), ordered by j, reproducible", "[sample]") {
  // Rows 3..6 of a set: pairs with i in [3, 7), j < i: 3 + 4 + 5 + 6 = 18
  // pairs. Uniform over pairs gives each 1/18; uniform over rows would give
  // the pairs of row 3 (3 of them) 1/4 · 1/3 each, twice as likely.
  const std::uint64_t draws = 180000;
  std::vector<SampledPair> pairs;
  REQUIRE(sample_pairs(3, 7, draws, 42, 5, pairs).ok);
  REQUIRE(pairs.size() == draws);
  std::map<std::pair<int, int>, double> counts;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const SampledPair p = pairs[k];
    REQUIRE(p.i >= 3);
    REQUIRE(p.i < 7);
    REQUIRE(p.j >= 0);
    REQUIRE(p.j < p.i);
    if (k > 0) REQUIRE(pairs[k - 1].j <= p.j);
    counts[{p.i, p.j}] += 1;
  }
  REQUIRE(counts.size() == 18);
  const double expected = static_cast<double>(draws) / 18;
  double chi_square = 0;
  for (const auto& [pair, count] : counts) chi_square += (count - expected) * (count - expected) / expected;
  // 17 degrees of freedom: P(χ² > 45) ≈ 2e-4. Uniform over rows would give
  // χ² in the thousands.
  CHECK(chi_square < 45);

  std::vector<SampledPair> again, other;
  REQUIRE(sample_pairs(3, 7, draws, 42, 5, again).ok);
  REQUIRE(sample_pairs(3, 7, draws, 42, 6, other).ok);
  bool same = true, different = false;
  for (std::size_t k = 0; k < draws; ++k) {
    same &= again[k].i == pairs[k].i && again[k].j == pairs[k].j;
    different |= other[k].i != pairs[k].i || other[k].j != pairs[k].j;
  }
  CHECK(same);
  CHECK(different);

  std::vector<SampledPair> none;
  CHECK(sample_pairs(0, 1, 0, 1, 0, none).ok);
  CHECK(none.empty());
  CHECK_FALSE(sample_pairs(0, 1, 5, 1, 0, none).ok);  // row 0 has no j < 0
  CHECK_FALSE(sample_pairs(4, 2, 5, 1, 0, none).ok);
}

TEST_CASE("sampled similarities are the matrix's entries; consumers count them as the pass does", "[sample]") {
  const std::int32_t n = 200, d = 16;
  auto data = test_helpers::random_matrix(n, d, 3);
  std::fill(data.begin() + 5 * d, data.begin() + 6 * d, 0.0f);  // a zero row
  const auto x = test_helpers::normalized(data, n, d);
  std::vector<float> full(static_cast<std::size_t>(n) * n);
  self_similarity(x, full.data());

  std::vector<SampledPair> pairs;
  std::vector<float> values;
  REQUIRE(sample_pairs(1, n, 5000, 9, 0, pairs).ok);
  REQUIRE(sampled_similarities(x, pairs, values).ok);
  REQUIRE(values.size() == pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    REQUIRE(values[k] == Approx(full[static_cast<std::size_t>(pairs[k].i) * n + pairs[k].j]).margin(1e-6));
    if (pairs[k].i == 5 || pairs[k].j == 5) REQUIRE(values[k] == 0.0f);
  }

  PairHistogramConsumer histogram(40);
  ShareAboveConsumer share({0.2f, -0.1f});
  consume_values(values, histogram);
  consume_values(values, share);
  PairHistogram expected(40);
  double sum = 0;
  std::uint64_t above = 0, above_negative = 0;
  for (float v : values) {
    ++expected.counts[expected.bin_of(v)];
    sum += v;
    above += v >= 0.2f;
    above_negative += v >= -0.1f;
  }
  CHECK(histogram.histogram().counts == expected.counts);
  CHECK(histogram.histogram().count == values.size());
  CHECK(histogram.histogram().sum == Approx(sum).margin(1e-4));
  CHECK(histogram.histogram().min == *std::min_element(values.begin(), values.end()));
  CHECK(share.pair_count() == values.size());
  CHECK(share.counts_at_or_above() == std::vector<std::uint64_t>{above, above_negative});

  std::vector<SampledPair> outside = {{n, 0}};
  CHECK_FALSE(sampled_similarities(x, outside, values).ok);
  outside = {{3, 3}};
  CHECK_FALSE(sampled_similarities(x, outside, values).ok);
}
