#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "cosine_heatmap/fiedler_vector.hpp"
#include "cosine_heatmap/ordering.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

const OrderMethod kAllMethods[] = {OrderMethod::Original, OrderMethod::Average,
                                   OrderMethod::Complete, OrderMethod::Single,
                                   OrderMethod::Spectral, OrderMethod::Groups};

bool is_permutation_of_n(const std::vector<std::int32_t>& p, std::int32_t n) {
  if (static_cast<std::int32_t>(p.size()) != n) return false;
  std::vector<char> seen(n, 0);
  for (std::int32_t v : p) {
    if (v < 0 || v >= n || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

std::vector<std::int32_t> ordered(const NormalizedRows& x, OrderMethod method,
                                  std::vector<std::int32_t> groups = {}) {
  OrderOptions options;
  options.method = method;
  options.groups = std::move(groups);
  std::vector<std::int32_t> permutation;
  const Status status = order_items(x, options, permutation);
  INFO(status.message);
  REQUIRE(status.ok);
  return permutation;
}

// `clusters` random unit centres plus Gaussian noise scaled so that two items
// of one cluster have cosine about 0.7; items shuffled, block_of_item says
// where each came from.
struct Planted {
  std::vector<float> values;
  std::vector<std::int32_t> block_of_item;
};

Planted planted_clusters(std::int32_t clusters, std::int32_t per_cluster, std::int32_t d,
                         unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> centres(static_cast<std::size_t>(clusters) * d);
  for (std::int32_t c = 0; c < clusters; ++c) {
    float norm = 0;
    for (std::int32_t k = 0; k < d; ++k) centres[c * d + k] = normal(rng);
    for (std::int32_t k = 0; k < d; ++k) norm += centres[c * d + k] * centres[c * d + k];
    for (std::int32_t k = 0; k < d; ++k) centres[c * d + k] /= std::sqrt(norm);
  }
  // cos ≈ 1 / (1 + σ²d) within a cluster: σ²d = 0.43 gives 0.7.
  const float sigma = std::sqrt(0.43f / d);
  const std::int32_t n = clusters * per_cluster;
  std::vector<std::int32_t> block(n);
  for (std::int32_t i = 0; i < n; ++i) block[i] = i / per_cluster;
  std::shuffle(block.begin(), block.end(), rng);
  Planted out;
  out.values.resize(static_cast<std::size_t>(n) * d);
  for (std::int32_t i = 0; i < n; ++i) {
    for (std::int32_t k = 0; k < d; ++k) {
      out.values[static_cast<std::size_t>(i) * d + k] = centres[block[i] * d + k] + sigma * normal(rng);
    }
  }
  out.block_of_item = std::move(block);
  return out;
}

}  // namespace

TEST_CASE("every order is a permutation of 0..n-1", "[order]") {
  for (std::int32_t n : {1, 2, 7, 500}) {
    const auto x = test_helpers::normalized(test_helpers::random_matrix(n, 16, 7 + n), n, 16);
    std::vector<std::int32_t> groups(n);
    for (std::int32_t i = 0; i < n; ++i) groups[i] = (i * 7) % 3;
    for (OrderMethod method : kAllMethods) {
      INFO("n = " << n << ", method " << static_cast<int>(method));
      CHECK(is_permutation_of_n(ordered(x, method, groups), n));
    }
  }
}

TEST_CASE("original order is the identity", "[order]") {
  const auto x = test_helpers::normalized(test_helpers::random_matrix(9, 4, 3), 9, 4);
  std::vector<std::int32_t> identity(9);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(ordered(x, OrderMethod::Original) == identity);
}

TEST_CASE("planted clusters come back in blocks", "[order]") {
  const Planted planted = planted_clusters(8, 60, 32, 2024);
  const auto x = test_helpers::normalized(planted.values, 480, 32);
  // The shuffled input itself scores about 1/8.
  std::vector<std::int32_t> identity(480);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(neighbour_block_agreement(identity, planted.block_of_item) < 0.3);

  struct Expectation {
    OrderMethod method;
    double at_least;
  };
  for (const Expectation& e : {Expectation{OrderMethod::Average, 0.9},
                               Expectation{OrderMethod::Complete, 0.9},
                               Expectation{OrderMethod::Spectral, 0.9},
                               Expectation{OrderMethod::Single, 0.85}}) {
    const double score = neighbour_block_agreement(ordered(x, e.method), planted.block_of_item);
    INFO("method " << static_cast<int>(e.method) << ": agreement " << score);
    CHECK(score >= e.at_least);
  }
}

TEST_CASE("spectral order recovers many clusters over several levels", "[order]") {
  // 3,000 items: about six levels of bisection above the leaves.
  const Planted planted = planted_clusters(24, 125, 48, 99);
  const auto x = test_helpers::normalized(planted.values, 3000, 48);
  const double score =
      neighbour_block_agreement(ordered(x, OrderMethod::Spectral), planted.block_of_item);
  INFO("agreement " << score);
  CHECK(score >= 0.9);
}

TEST_CASE("orders are deterministic", "[order]") {
  const Planted planted = planted_clusters(5, 80, 24, 5);
  const auto x = test_helpers::normalized(planted.values, 400, 24);
  for (OrderMethod method : kAllMethods) {
    INFO("method " << static_cast<int>(method));
    CHECK(ordered(x, method, planted.block_of_item) == ordered(x, method, planted.block_of_item));
  }
}

TEST_CASE("hierarchical orders refuse more than 10,000 items and suggest spectral", "[order]") {
  const std::int32_t n = kMaxHierarchicalItems + 1;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, 2, 1), n, 2);
  for (OrderMethod method : {OrderMethod::Average, OrderMethod::Complete, OrderMethod::Single}) {
    OrderOptions options;
    options.method = method;
    std::vector<std::int32_t> permutation;
    const Status status = order_items(x, options, permutation);
    REQUIRE_FALSE(status.ok);
    CHECK_THAT(status.message, Catch::Contains("'spectral'") && Catch::Contains("MB"));
  }
}

TEST_CASE("groups stay contiguous, in ascending id order", "[order]") {
  const Planted planted = planted_clusters(6, 40, 16, 11);
  const auto x = test_helpers::normalized(planted.values, 240, 16);
  std::vector<std::int32_t> groups(240);
  for (std::int32_t i = 0; i < 240; ++i) groups[i] = 10 - (i * 5) % 4;  // ids 7..10
  const auto permutation = ordered(x, OrderMethod::Groups, groups);
  REQUIRE(is_permutation_of_n(permutation, 240));
  std::vector<std::int32_t> sequence;
  for (std::int32_t item : permutation) {
    if (sequence.empty() || sequence.back() != groups[item]) sequence.push_back(groups[item]);
  }
  CHECK(sequence == std::vector<std::int32_t>{7, 8, 9, 10});

  OrderOptions wrong;
  wrong.method = OrderMethod::Groups;
  wrong.groups.assign(3, 0);
  std::vector<std::int32_t> unused;
  CHECK_FALSE(order_items(x, wrong, unused).ok);
}

TEST_CASE("zero rows give finite Fiedler values and valid orders", "[order]") {
  const Planted planted = planted_clusters(4, 50, 8, 3);
  std::vector<float> values = planted.values;
  for (std::int32_t i = 0; i < 200; i += 9) std::fill(values.begin() + i * 8, values.begin() + i * 8 + 8, 0.0f);
  const auto x = test_helpers::normalized(values, 200, 8);
  REQUIRE(x.zero_rows.size() == 23);

  std::vector<double> sum(8, 0.0);
  for (std::int32_t i = 0; i < 200; ++i) {
    for (std::int32_t k = 0; k < 8; ++k) sum[k] += x.row(i)[k];
  }
  std::vector<float> f(200);
  FiedlerWorkspace workspace;
  CHECK(fiedler_vector(x.data.data(), 200, 8, sum.data(), f.data(), workspace));
  CHECK(std::all_of(f.begin(), f.end(), [](float v) { return std::isfinite(v); }));
  CHECK(std::any_of(f.begin(), f.end(), [](float v) { return v != 0.0f; }));

  for (OrderMethod method : kAllMethods) {
    CHECK(is_permutation_of_n(ordered(x, method, planted.block_of_item), 200));
  }

  // Nothing but zero rows: no structure, still a permutation.
  const auto zeros = test_helpers::normalized(std::vector<float>(300 * 4, 0.0f), 300, 4);
  for (OrderMethod method : kAllMethods) {
    CHECK(is_permutation_of_n(ordered(zeros, method, std::vector<std::int32_t>(300, 1)), 300));
  }
}
