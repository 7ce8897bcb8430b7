#include <catch2/catch.hpp>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "cosine_heatmap/gram_statistics.hpp"
#include "cosine_heatmap/group_statistics.hpp"
#include "cosine_heatmap/model_comparison.hpp"
#include "cosine_heatmap/near_duplicates.hpp"
#include "cosine_heatmap/pair_compare.hpp"
#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/pair_quantiles.hpp"
#include "cosine_heatmap/share_above.hpp"
#include "cosine_heatmap/tile_fan_out.hpp"
#include "cosine_heatmap/top_k.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

// A zero row, two near-duplicates and an exact duplicate (whose equal
// scores test the tie rules) planted in random data.
std::vector<float> planted_matrix(std::int32_t n, std::int32_t d, unsigned seed) {
  auto data = test_helpers::random_matrix(n, d, seed);
  auto row = [&](std::int32_t i) { return data.begin() + static_cast<std::ptrdiff_t>(i) * d; };
  std::fill(row(17), row(18), 0.0f);
  std::copy(row(3), row(4), row(250));
  data[static_cast<std::size_t>(250) * d] += 0.01f;
  std::copy(row(40), row(41), row(41));
  data[static_cast<std::size_t>(41) * d + 1] -= 0.03f;
  std::copy(row(100), row(101), row(n - 5));
  return data;
}

// The same float values the tile stream sees, for pairs j < i.
std::vector<float> lower_pairs(const NormalizedRows& x, const std::vector<float>& full) {
  std::vector<float> values;
  for (std::int32_t i = 0; i < x.rows; ++i)
    for (std::int32_t j = 0; j < i; ++j) values.push_back(full[static_cast<std::size_t>(i) * x.rows + j]);
  return values;
}

std::vector<float> full_matrix(const NormalizedRows& x) {
  std::vector<float> full(static_cast<std::size_t>(x.rows) * x.rows);
  self_similarity(x, full.data());
  return full;
}

// Streams x in the given bands, one consumer per band (as one per worker).
template <typename Consumer, typename Make>
Consumer stream_in_bands(const NormalizedRows& x, const std::vector<std::int32_t>& cuts, Make make) {
  GramWorkspace workspace;
  std::vector<float> buffer;
  Consumer total = make();
  stream_lower_tiles(x, 0, cuts.front(), total, workspace, buffer);
  for (std::size_t b = 0; b + 1 < cuts.size(); ++b) {
    Consumer part = make();
    stream_lower_tiles(x, cuts[b], cuts[b + 1], part, workspace, buffer);
    total.merge(part);
  }
  return total;
}

double numpy_quantile(const std::vector<float>& sorted, double q) {
  const double h = q * static_cast<double>(sorted.size() - 1);
  const double lo = sorted[static_cast<std::size_t>(std::floor(h))];
  const double hi = sorted[static_cast<std::size_t>(std::ceil(h))];
  return lo + (h - std::floor(h)) * (hi - lo);
}

std::vector<double> average_ranks(const std::vector<float>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t s = 0; s < order.size();) {
    std::size_t e = s;
    while (e < order.size() && values[order[e]] == values[order[s]]) ++e;
    for (std::size_t k = s; k < e; ++k) ranks[order[k]] = (s + e + 1) / 2.0;
    s = e;
  }
  return ranks;
}

template <typename A, typename B>
double pearson(const A& a, const B& b) {
  const std::size_t n = a.size();
  double ma = 0, mb = 0;
  for (std::size_t k = 0; k < n; ++k) ma += a[k], mb += b[k];
  ma /= n, mb /= n;
  double c = 0, va = 0, vb = 0;
  for (std::size_t k = 0; k < n; ++k) {
    c += (a[k] - ma) * (b[k] - mb);
    va += (a[k] - ma) * (a[k] - ma);
    vb += (b[k] - mb) * (b[k] - mb);
  }
  return c / std::sqrt(va * vb);
}

GramMoments moments_of(const NormalizedRows& x, std::int32_t cut) {
  GramWorkspace workspace;
  GramMoments total(x.dim), part(x.dim);
  REQUIRE(accumulate_gram_moments(x, 0, cut, total, workspace).ok);
  REQUIRE(accumulate_gram_moments(x, cut, x.rows, part, workspace).ok);
  total.merge(part);
  return total;
}

}  // namespace

TEST_CASE("histogram, moments and exact share above, streamed in bands, equal brute force", "[stats]") {
  const std::int32_t n = 600, d = 24;
  const auto x = test_helpers::normalized(planted_matrix(n, d, 11), n, d);
  const auto values = lower_pairs(x, full_matrix(x));
  const auto h = stream_in_bands<PairHistogramConsumer>(x, {170, 390, n}, [] { return PairHistogramConsumer(50); });
  const auto whole = stream_in_bands<PairHistogramConsumer>(x, {n}, [] { return PairHistogramConsumer(50); });

  PairHistogram expected(50);
  double sum = 0, squares = 0;
  for (float v : values) {
    ++expected.counts[expected.bin_of(v)];
    sum += v;
    squares += static_cast<double>(v) * v;
  }
  CHECK(h.histogram().counts == expected.counts);
  CHECK(whole.histogram().counts == expected.counts);
  CHECK(h.histogram().count == values.size());
  CHECK(h.histogram().sum == Approx(sum).margin(1e-6 * values.size()));
  CHECK(h.histogram().sum_squares == Approx(squares).epsilon(1e-6));
  CHECK(h.histogram().min == *std::min_element(values.begin(), values.end()));
  CHECK(h.histogram().max == *std::max_element(values.begin(), values.end()));
  CHECK(std::accumulate(expected.counts.begin(), expected.counts.end(), std::uint64_t{0}) == values.size());
  // Bins by value, not by the float rounding of the mapping.
  const auto edges = h.histogram().edges();
  CHECK(edges.front() == -1.0);
  CHECK(edges.back() == 1.0);
  CHECK(h.histogram().bin_of(-1.5f) == 0);
  CHECK(h.histogram().bin_of(1.0000001f) == 49);
  CHECK(h.histogram().bin_of(0.01f) == 25);

  const std::vector<float> thresholds = {0.9f, 0.0f, 0.5f, 0.9f, 2.0f};
  const auto share = stream_in_bands<ShareAboveConsumer>(x, {200, n}, [&] { return ShareAboveConsumer(thresholds); });
  const auto counts = share.counts_at_or_above();
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    const auto want = std::count_if(values.begin(), values.end(), [&](float v) { return v >= thresholds[t]; });
    CHECK(counts[t] == static_cast<std::uint64_t>(want));
  }
  CHECK(share.shares()[1] == Approx(static_cast<double>(counts[1]) / values.size()));
}

TEST_CASE("refined quantiles match sorted pairs: exact from collected bins, within 1e-4 from sub-bins", "[stats]") {
  const std::int32_t n = 600, d = 24;
  const auto x = test_helpers::normalized(planted_matrix(n, d, 12), n, d);
  auto values = lower_pairs(x, full_matrix(x));
  std::sort(values.begin(), values.end());
  const std::vector<double> qs = {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1.0};
  // 100 bins: every wanted bin is small enough to collect; 2 bins hold ~90k
  // pairs each, more than kMaxCollectedPerBin, so they are sub-histogrammed.
  for (std::int32_t bins : {100, 2}) {
    const auto h = stream_in_bands<PairHistogramConsumer>(x, {300, n}, [&] { return PairHistogramConsumer(bins); });
    const auto refined = stream_in_bands<QuantileRefineConsumer>(
        x, {150, 400, n}, [&] { return QuantileRefineConsumer(h.histogram(), qs); });
    const auto got = refined.quantiles();
    INFO("bins " << bins);
    if (bins == 100) CHECK(refined.max_error() == 0.0);
    if (bins == 2) CHECK(refined.max_error() > 0.0);
    CHECK(refined.max_error() <= 2.5e-5);
    for (std::size_t p = 0; p < qs.size(); ++p) {
      INFO("q " << qs[p]);
      CHECK(got[p] == Approx(numpy_quantile(values, qs[p])).margin(bins == 100 ? 1e-12 : 1e-4));
      // The histogram alone is only good to a bin.
      CHECK(std::fabs(h.histogram().approximate_quantile(qs[p]) - numpy_quantile(values, qs[p])) <= 2.0 / bins + 1e-6);
    }
  }
}

TEST_CASE("near-duplicates: exact count, bounded best pairs, same for any band split", "[stats]") {
  const std::int32_t n = 500, d = 16;
  const auto x = test_helpers::normalized(planted_matrix(n, d, 13), n, d);
  const auto full = full_matrix(x);
  const float threshold = 0.6f;
  std::vector<ScoredPair> expected;
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = i + 1; j < n; ++j) {
      const float v = full[static_cast<std::size_t>(j) * n + i];
      if (v >= threshold) expected.push_back({i, j, v});
    }
  std::sort(expected.begin(), expected.end(), ranks_before);
  REQUIRE(expected.size() > 20);
  CHECK(expected[0].score > 0.999f);  // the planted duplicates lead
  for (std::size_t bound : {std::size_t{7}, std::size_t{100000}}) {
    const auto split = stream_in_bands<NearDuplicateConsumer>(x, {120, 260, n}, [&] { return NearDuplicateConsumer(threshold, bound); });
    const auto whole = stream_in_bands<NearDuplicateConsumer>(x, {n}, [&] { return NearDuplicateConsumer(threshold, bound); });
    CHECK(split.count() == expected.size());
    const auto got = split.sorted_pairs();
    REQUIRE(got.size() == std::min(bound, expected.size()));
    for (std::size_t p = 0; p < got.size(); ++p) {
      INFO("pair " << p);
      CHECK(got[p].i == expected[p].i);
      CHECK(got[p].j == expected[p].j);
      CHECK(got[p].score == expected[p].score);
    }
    const auto again = whole.sorted_pairs();
    CHECK(std::equal(got.begin(), got.end(), again.begin(), again.end(), [](const ScoredPair& a, const ScoredPair& b) {
      return a.i == b.i && a.j == b.j && a.score == b.score;
    }));
  }
}

TEST_CASE("top-k equals a full sort of each row, ties to the lower index, merged from bands", "[stats]") {
  const std::int32_t n = 450, d = 12, k = 9;
  const auto x = test_helpers::normalized(planted_matrix(n, d, 14), n, d);
  const auto full = full_matrix(x);
  const auto top = stream_in_bands<TopKConsumer>(x, {100, 333, n}, [&] { return TopKConsumer(n, k); });
  const auto lists = top.lists();
  REQUIRE(lists.k == k);
  const auto best = top.best_scores();
  for (std::int32_t i = 0; i < n; ++i) {
    std::vector<std::int32_t> order;
    for (std::int32_t j = 0; j < n; ++j)
      if (j != i) order.push_back(j);
    auto score = [&](std::int32_t j) { return full[static_cast<std::size_t>(std::max(i, j)) * n + std::min(i, j)]; };
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
      return score(a) != score(b) ? score(a) > score(b) : a < b;
    });
    INFO("item " << i);
    for (std::int32_t r = 0; r < k; ++r) {
      REQUIRE(lists.indices[static_cast<std::size_t>(i) * k + r] == order[r]);
      REQUIRE(lists.scores[static_cast<std::size_t>(i) * k + r] == score(order[r]));
    }
    CHECK(best[i] == score(order[0]));
  }
  // The zero row's neighbours all score 0: the first k indices.
  CHECK(best[17] == 0.0f);
  CHECK(lists.indices[17 * k] == 0);
  const auto outliers = items_below(best, 0.3f);
  CHECK(std::find(outliers.begin(), outliers.end(), 17) != outliers.end());
  // The exact duplicate ties: item 100's copy is its best neighbour, and for
  // anyone else 100 comes before its copy.
  CHECK(lists.indices[100 * k] == n - 5);

  // k beyond n − 1 is clamped; overlap of a list with itself is 1.
  const auto small = test_helpers::normalized(test_helpers::random_matrix(5, 3, 2), 5, 3);
  const auto clamped = stream_in_bands<TopKConsumer>(small, {5}, [] { return TopKConsumer(5, 10); });
  CHECK(clamped.k() == 4);
  const auto overlap = neighbourhood_overlap(lists, lists);
  CHECK(std::all_of(overlap.begin(), overlap.end(), [](float v) { return v == 1.0f; }));
}

TEST_CASE("closed-form mean, std and effective dimension equal brute force", "[stats]") {
  const std::int32_t n = 400, d = 20;
  auto data = planted_matrix(n, d, 15);
  for (std::size_t k = 0; k < data.size(); k += d) data[k] += 4.0f;  // anisotropy
  for (std::int32_t c = 0; c < d; ++c) data[static_cast<std::size_t>(17) * d + c] = 0.0f;
  const auto x = test_helpers::normalized(data, n, d);
  const auto s = test_helpers::reference_product(x, x);
  double sum = 0, squares = 0, pairs = 0;
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = 0; j < i; ++j) sum += s(i, j), squares += s(i, j) * s(i, j), ++pairs;
  const auto moments = moments_of(x, 133);
  CHECK(moments.nonzero_rows == n - 1);
  const auto pm = pair_moments(moments);
  CHECK(pm.pair_count == pairs);
  CHECK(pm.sum == Approx(sum).epsilon(1e-6));
  CHECK(pm.sum_squares == Approx(squares).epsilon(1e-6));
  const double mean = sum / pairs;
  CHECK(pm.mean() == Approx(mean).epsilon(1e-6));
  CHECK(pm.mean() > 0.3);
  CHECK(pm.std_dev() == Approx(std::sqrt(squares / pairs - mean * mean)).epsilon(1e-5));

  Eigen::Map<const test_helpers::RowMatrix> m(x.data.data(), n, d);
  const Eigen::VectorXd sv = Eigen::JacobiSVD<Eigen::MatrixXd>(m.cast<double>()).singularValues();
  const Eigen::VectorXd lambda = sv.array().square();
  const double pr = lambda.sum() * lambda.sum() / lambda.squaredNorm();
  const Eigen::ArrayXd p = lambda.array() / lambda.sum();
  const double entropy = -(p * p.log()).sum();
  const auto ed = effective_dimension(moments);
  CHECK(ed.participation_ratio == Approx(pr).epsilon(1e-6));
  CHECK(ed.entropy_rank == Approx(std::exp(entropy)).epsilon(1e-6));
  CHECK(ed.participation_ratio >= 1.0);
  CHECK(ed.entropy_rank <= d + 1e-9);
}

TEST_CASE("model comparison: Pearson identity equals brute force; CKA is 1 for A with itself and rotated", "[stats]") {
  const std::int32_t n = 350, da = 24, db = 16;
  const auto raw_a = planted_matrix(n, da, 16);
  // B: a noisy linear map of A, so the two similarity matrices correlate.
  const auto noise = test_helpers::random_matrix(n, db, 17);
  const auto w = test_helpers::random_matrix(da, db, 18);
  Eigen::Map<const test_helpers::RowMatrix> ma(raw_a.data(), n, da), mw(w.data(), da, db), mn(noise.data(), n, db);
  test_helpers::RowMatrix mb = ma * mw + 2.0f * mn;
  for (std::int32_t c = 0; c < db; ++c) mb(17, c) = 0;  // zero in both
  for (std::int32_t c = 0; c < db; ++c) mb(60, c) = 0;  // zero in B only
  const std::vector<float> raw_b(mb.data(), mb.data() + mb.size());
  const auto a = test_helpers::normalized(raw_a, n, da);
  const auto b = test_helpers::normalized(raw_b, n, db);

  auto cross_moments = [](const NormalizedRows& p, const NormalizedRows& q) {
    GramWorkspace workspace;
    CrossMoments total(p.dim, q.dim), part(p.dim, q.dim);
    REQUIRE(accumulate_cross_moments(p, q, 0, 97, total, workspace).ok);
    REQUIRE(accumulate_cross_moments(p, q, 97, p.rows, part, workspace).ok);
    total.merge(part);
    return total;
  };
  const auto cmp = compare_models(cross_moments(a, b));
  const auto sa = test_helpers::reference_product(a, a), sb = test_helpers::reference_product(b, b);
  std::vector<double> va, vb;
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = 0; j < i; ++j) va.push_back(sa(i, j)), vb.push_back(sb(i, j));
  CHECK(cmp.pearson == Approx(pearson(va, vb)).margin(1e-6));
  CHECK(cmp.pearson > 0.2);

  // Linear CKA by its definition on centred features (Kornblith et al. eq. 5).
  Eigen::Map<const test_helpers::RowMatrix> xa(a.data.data(), n, da), xb(b.data.data(), n, db);
  Eigen::MatrixXd ca = xa.cast<double>(), cb = xb.cast<double>();
  ca.rowwise() -= ca.colwise().mean();
  cb.rowwise() -= cb.colwise().mean();
  const double cka = (cb.transpose() * ca).squaredNorm() / ((ca.transpose() * ca).norm() * (cb.transpose() * cb).norm());
  CHECK(cmp.linear_cka == Approx(cka).epsilon(1e-6));

  CHECK(compare_models(cross_moments(a, a)).linear_cka == Approx(1.0).margin(1e-9));
  CHECK(compare_models(cross_moments(a, a)).pearson == Approx(1.0).margin(1e-9));
  const auto r_raw = test_helpers::random_matrix(da, da, 19);
  const Eigen::MatrixXf q = Eigen::Map<const test_helpers::RowMatrix>(r_raw.data(), da, da).householderQr().householderQ();
  const test_helpers::RowMatrix rotated = ma * q;
  const auto ar = test_helpers::normalized(std::vector<float>(rotated.data(), rotated.data() + rotated.size()), n, da);
  CHECK(compare_models(cross_moments(a, ar)).linear_cka == Approx(1.0).margin(1e-5));
  CHECK(compare_models(cross_moments(a, ar)).pearson == Approx(1.0).margin(1e-5));
}

TEST_CASE("pair compare: exact mean absolute difference, binned Spearman close to exact", "[stats]") {
  const std::int32_t n = 600, da = 24, db = 24;
  const auto raw_a = planted_matrix(n, da, 20);
  auto raw_b = raw_a;
  const auto noise = test_helpers::random_matrix(n, db, 21);
  for (std::size_t k = 0; k < raw_b.size(); ++k) raw_b[k] = raw_b[k] * raw_b[k] * (raw_b[k] > 0 ? 1.f : -1.f) + noise[k];
  const auto a = test_helpers::normalized(raw_a, n, da);
  const auto b = test_helpers::normalized(raw_b, n, db);
  const auto pa = lower_pairs(a, full_matrix(a)), pb = lower_pairs(b, full_matrix(b));

  const RankGrid grid = sample_rank_grid(a, b);
  GramWorkspace workspace;
  std::vector<float> buffer_a, buffer_b;
  PairCompareConsumer total(grid), part(grid);
  REQUIRE(stream_lower_tile_pairs(a, b, 0, 250, total, workspace, buffer_a, buffer_b).ok);
  REQUIRE(stream_lower_tile_pairs(a, b, 250, n, part, workspace, buffer_a, buffer_b).ok);
  total.merge(part);

  double abs_sum = 0;
  float abs_max = 0;
  for (std::size_t k = 0; k < pa.size(); ++k) {
    abs_sum += std::fabs(pa[k] - pb[k]);
    abs_max = std::max(abs_max, std::fabs(pa[k] - pb[k]));
  }
  CHECK(total.pair_count() == pa.size());
  CHECK(total.mean_absolute_difference() == Approx(abs_sum / pa.size()).epsilon(1e-6));
  CHECK(total.max_absolute_difference() == abs_max);
  const double exact = pearson(average_ranks(pa), average_ranks(pb));
  INFO("exact Spearman " << exact << ", binned " << total.spearman());
  CHECK(exact > 0.3);
  CHECK(std::fabs(total.spearman() - exact) < 1e-3);
  CHECK_FALSE(stream_lower_tile_pairs(a, test_helpers::normalized(raw_b, n / 2, db), 0, 10, total, workspace,
                                      buffer_a, buffer_b).ok);
}

TEST_CASE("groups: within/between means and silhouette in closed form equal brute force", "[stats]") {
  const std::int32_t n = 300, d = 10, group_count = 6;
  auto data = planted_matrix(n, d, 22);
  std::vector<std::int32_t> groups(n);
  for (std::int32_t i = 0; i < n; ++i) {
    groups[i] = (i * 7) % 5;  // groups 0..4; group 5 empty
    data[static_cast<std::size_t>(i) * d + groups[i]] += 3.0f;  // clustered
  }
  for (std::int32_t c = 0; c < d; ++c) data[static_cast<std::size_t>(17) * d + c] = 0.0f;
  groups[n - 1] = 4;
  groups[n - 2] = 5;  // alone in its group
  const auto x = test_helpers::normalized(data, n, d);
  const auto s = test_helpers::reference_product(x, x);

  GroupSums sums(group_count, d), part(group_count, d);
  REQUIRE(accumulate_group_sums(x, groups.data(), 0, 111, sums).ok);
  REQUIRE(accumulate_group_sums(x, groups.data(), 111, n, part).ok);
  sums.merge(part);
  const auto gs = group_similarity(sums);

  double within = 0, between = 0, wp = 0, bp = 0;
  for (std::int32_t i = 0; i < n; ++i)
    for (std::int32_t j = 0; j < i; ++j) {
      if (groups[i] == groups[j]) within += s(i, j), ++wp;
      else between += s(i, j), ++bp;
    }
  CHECK(gs.within_pairs == wp);
  CHECK(gs.between_pairs == bp);
  CHECK(gs.within_mean == Approx(within / wp).epsilon(1e-9));
  CHECK(gs.between_mean == Approx(between / bp).epsilon(1e-9));
  CHECK(gs.within_mean > gs.between_mean);
  CHECK(std::isnan(gs.group_within_mean[5]));

  // scikit-learn's silhouette_samples on cosine distance, by hand.
  double total = 0;
  std::vector<float> values(n);
  REQUIRE(silhouette_values(x, groups.data(), sums, 0, 150, values.data()).ok);
  REQUIRE(silhouette_values(x, groups.data(), sums, 150, n, values.data() + 150).ok);
  for (std::int32_t i = 0; i < n; ++i) {
    std::vector<double> dist(group_count, 0.0), size(group_count, 0.0);
    for (std::int32_t j = 0; j < n; ++j) {
      if (j == i) continue;
      dist[groups[j]] += 1.0 - s(i, j);
      ++size[groups[j]];
    }
    double expected = 0;
    if (size[groups[i]] > 0) {
      const double a = dist[groups[i]] / size[groups[i]];
      double b = 1e300;
      for (std::int32_t g = 0; g < group_count; ++g)
        if (g != groups[i] && size[g] > 0) b = std::min(b, dist[g] / size[g]);
      expected = (b - a) / std::max(a, b);
    }
    INFO("item " << i);
    CHECK(values[i] == Approx(expected).margin(1e-6));
    total += expected;
  }
  double score = 0;
  REQUIRE(silhouette_score(x, groups.data(), sums, score).ok);
  CHECK(score == Approx(total / n).margin(1e-7));
  CHECK(score > 0.05);

  std::vector<std::int32_t> bad = groups;
  bad[3] = 9;
  GroupSums wrong(group_count, d);
  CHECK_FALSE(accumulate_group_sums(x, bad.data(), 0, n, wrong).ok);
  std::vector<std::int32_t> one(n, 0);
  GroupSums single(1, d);
  REQUIRE(accumulate_group_sums(x, one.data(), 0, n, single).ok);
  CHECK_FALSE(silhouette_score(x, one.data(), single, score).ok);
}

TEST_CASE("one fan-out pass feeds histogram, near-duplicates and top-k as separate passes would", "[stats]") {
  const std::int32_t n = 300, d = 16;
  const auto x = test_helpers::normalized(planted_matrix(n, d, 23), n, d);
  PairHistogramConsumer histogram(20);
  NearDuplicateConsumer duplicates(0.7f, 50);
  TopKConsumer top(n, 4);
  TileFanOut fan_out;
  fan_out.add(histogram);
  fan_out.add(duplicates);
  fan_out.add(top);
  GramWorkspace workspace;
  std::vector<float> buffer;
  stream_lower_tiles(x, 0, n, fan_out, workspace, buffer);
  const auto alone = stream_in_bands<PairHistogramConsumer>(x, {n}, [] { return PairHistogramConsumer(20); });
  const auto top_alone = stream_in_bands<TopKConsumer>(x, {n}, [&] { return TopKConsumer(n, 4); });
  CHECK(histogram.histogram().counts == alone.histogram().counts);
  CHECK(top.lists().indices == top_alone.lists().indices);
  CHECK(duplicates.count() > 0);
}
