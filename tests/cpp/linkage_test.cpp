#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "cosine_heatmap/linkage_matrix.hpp"
#include "cosine_heatmap/optimal_leaf_order.hpp"
#include "cosine_heatmap/ordering.hpp"
#include "cosine_heatmap/spectral_clusters.hpp"
#include "cosine_heatmap/tree_cut.hpp"
#include "test_helpers.hpp"

using namespace cosine_heatmap;

namespace {

const Linkage kLinkages[] = {Linkage::Average, Linkage::Complete, Linkage::Single};

std::vector<Merge> merges_of(const NormalizedRows& x, Linkage linkage) {
  std::vector<std::int32_t> items(x.rows);
  std::iota(items.begin(), items.end(), 0);
  std::vector<Merge> merges;
  REQUIRE(hierarchical_merges(x, linkage, items.data(), x.rows, merges).ok);
  return merges;
}

// Leaves of each node of z, for contiguity checks and brute force.
std::vector<std::vector<std::int32_t>> leaves_of(const std::vector<double>& z, std::int32_t n) {
  std::vector<std::vector<std::int32_t>> leaves(2 * n - 1);
  for (std::int32_t i = 0; i < n; ++i) leaves[i] = {i};
  for (std::int32_t r = 0; r + 1 < n; ++r) {
    leaves[n + r] = leaves[static_cast<std::int32_t>(z[4 * r])];
    const auto& b = leaves[static_cast<std::int32_t>(z[4 * r + 1])];
    leaves[n + r].insert(leaves[n + r].end(), b.begin(), b.end());
  }
  return leaves;
}

double adjacent_sum(const NormalizedRows& x, const std::vector<std::int32_t>& order) {
  return adjacent_similarity_sum(x, order.data(), static_cast<std::int32_t>(order.size()));
}

// Every order the tree allows: each internal node's children either way.
double brute_force_best(const NormalizedRows& x, const std::vector<double>& z, std::int32_t n) {
  double best = -1e300;
  for (std::uint32_t flips = 0; flips < (1u << (n - 1)); ++flips) {
    std::vector<std::vector<std::int32_t>> order(2 * n - 1);
    for (std::int32_t i = 0; i < n; ++i) order[i] = {i};
    for (std::int32_t r = 0; r + 1 < n; ++r) {
      auto a = order[static_cast<std::int32_t>(z[4 * r])];
      auto b = order[static_cast<std::int32_t>(z[4 * r + 1])];
      if (flips & (1u << r)) std::swap(a, b);
      a.insert(a.end(), b.begin(), b.end());
      order[n + r] = a;
    }
    best = std::max(best, adjacent_sum(x, order[2 * n - 2]));
  }
  return best;
}

bool subtrees_contiguous(const std::vector<double>& z, std::int32_t n, const std::vector<std::int32_t>& order) {
  std::vector<std::int32_t> position(n);
  for (std::int32_t k = 0; k < n; ++k) position[order[k]] = k;
  for (const auto& leaves : leaves_of(z, n)) {
    std::int32_t lo = n, hi = -1;
    for (std::int32_t leaf : leaves) {
      lo = std::min(lo, position[leaf]);
      hi = std::max(hi, position[leaf]);
    }
    if (hi - lo + 1 != static_cast<std::int32_t>(leaves.size())) return false;
  }
  return true;
}

std::int32_t cluster_count(const std::vector<std::int32_t>& labels) {
  return labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
}

}  // namespace

TEST_CASE("linkage matrix follows SciPy's convention", "[linkage]") {
  const std::int32_t n = 40, d = 6;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 11), n, d);
  for (Linkage linkage : kLinkages) {
    std::vector<double> z;
    REQUIRE(linkage_matrix(x, linkage, z).ok);
    REQUIRE(z.size() == 4u * (n - 1));
    std::vector<char> used(2 * n - 1, 0);
    std::vector<double> size(2 * n - 1, 1.0);
    for (std::int32_t r = 0; r + 1 < n; ++r) {
      const auto a = static_cast<std::int32_t>(z[4 * r]), b = static_cast<std::int32_t>(z[4 * r + 1]);
      REQUIRE(a < b);
      REQUIRE(b < n + r);  // made before it is used
      REQUIRE_FALSE(used[a]);
      REQUIRE_FALSE(used[b]);
      used[a] = used[b] = 1;
      if (r > 0) REQUIRE(z[4 * r + 2] >= z[4 * (r - 1) + 2]);
      size[n + r] = size[a] + size[b];
      REQUIRE(z[4 * r + 3] == size[n + r]);
    }
    REQUIRE(z[4 * (n - 2) + 3] == n);
  }
}

TEST_CASE("linkage distances match a hand computation", "[linkage]") {
  // Unit vectors at angles 0°, 10°, 50°, 120° in the plane: cosine distances
  // 1 − cos(Δ). Single merges (0,1) at 1−cos10°, then 2 at 1−cos40°, then 3
  // at 1−cos70°; complete uses the farthest pair, average the mean.
  const double deg = std::acos(-1.0) / 180.0;
  std::vector<float> v;
  for (double a : {0.0, 10.0, 50.0, 120.0}) {
    v.push_back(static_cast<float>(std::cos(a * deg)));
    v.push_back(static_cast<float>(std::sin(a * deg)));
  }
  const auto x = test_helpers::normalized(v, 4, 2);
  auto dist = [&](double a) { return 1.0 - std::cos(a * deg); };
  std::vector<double> z;
  REQUIRE(linkage_matrix(x, Linkage::Single, z).ok);
  CHECK(z[0] == 0);
  CHECK(z[1] == 1);
  CHECK(z[2] == Approx(dist(10)).margin(1e-6));
  CHECK(z[4] == 2);
  CHECK(z[5] == 4);
  CHECK(z[6] == Approx(dist(40)).margin(1e-6));
  CHECK(z[8] == 3);
  CHECK(z[9] == 5);
  CHECK(z[10] == Approx(dist(70)).margin(1e-6));
  REQUIRE(linkage_matrix(x, Linkage::Complete, z).ok);
  CHECK(z[6] == Approx(dist(50)).margin(1e-6));
  CHECK(z[10] == Approx(dist(120)).margin(1e-6));
  REQUIRE(linkage_matrix(x, Linkage::Average, z).ok);
  CHECK(z[6] == Approx((dist(50) + dist(40)) / 2).margin(1e-6));
  CHECK(z[10] == Approx((dist(120) + dist(110) + dist(70)) / 3).margin(1e-6));
}

TEST_CASE("linkage refuses beyond the hierarchical limit", "[linkage]") {
  NormalizedRows x;
  x.rows = kMaxHierarchicalItems + 1;
  x.dim = 1;
  x.data.assign(x.rows, 1.0f);
  std::vector<double> z;
  const Status status = linkage_matrix(x, Linkage::Average, z);
  REQUIRE_FALSE(status.ok);
  CHECK(status.code == StatusCode::TooLarge);
  CHECK(status.message.find("10000") != std::string::npos);
}

TEST_CASE("tree cuts give k clusters, and cut at a distance", "[linkage]") {
  const std::int32_t n = 60, d = 5;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 5), n, d);
  std::vector<double> z;
  REQUIRE(linkage_matrix(x, Linkage::Average, z).ok);
  for (std::int32_t k : {1, 2, 3, 7, 59, 60, 100}) {
    const auto labels = cut_into_clusters(z, n, k);
    CHECK(cluster_count(labels) == std::min(k, n));  // random data: no tied heights
  }
  // Cutting at a merge height keeps that merge: the same clusters as k.
  const double h = z[4 * (n - 5) + 2];  // rows above it are the top three merges
  const auto at = cut_at_distance(z, n, h);
  CHECK(cluster_count(at) == 4);
  CHECK(at == cut_into_clusters(z, n, 4));
  // Items in one cluster are exactly those whose subtree is within the cut.
  const auto leaves = leaves_of(z, n);
  for (std::int32_t r = 0; r + 1 < n; ++r) {
    if (z[4 * r + 2] > h) continue;
    const auto& members = leaves[n + r];
    for (std::int32_t leaf : members) CHECK(at[leaf] == at[members[0]]);
  }
  CHECK(cluster_count(cut_at_distance(z, n, -1.0)) == n);
  CHECK(cluster_count(cut_at_distance(z, n, 3.0)) == 1);
}

TEST_CASE("tied merge heights: maxclust makes all tied merges or none", "[linkage]") {
  // Four orthogonal directions: every merge at distance exactly 1.
  std::vector<float> v(16, 0.0f);
  for (int i = 0; i < 4; ++i) v[i * 4 + i] = 1.0f;
  const auto x = test_helpers::normalized(v, 4, 4);
  std::vector<double> z;
  REQUIRE(linkage_matrix(x, Linkage::Average, z).ok);
  for (std::int32_t k = 1; k <= 3; ++k) CHECK(cluster_count(cut_into_clusters(z, 4, k)) == 1);
  CHECK(cluster_count(cut_into_clusters(z, 4, 4)) == 4);
}

TEST_CASE("optimal leaf order equals brute force on small trees", "[linkage][olo]") {
  for (std::int32_t n = 3; n <= 8; ++n) {
    for (unsigned seed = 1; seed <= 6; ++seed) {
      const std::int32_t d = 3;
      const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, seed * 31 + n), n, d);
      for (Linkage linkage : kLinkages) {
        const auto merges = merges_of(x, linkage);
        const auto z = linkage_from_merges(merges, n);
        std::vector<std::int32_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        REQUIRE(optimal_leaf_order(x, merges, order.data(), n).ok);
        REQUIRE(subtrees_contiguous(z, n, order));
        CHECK(adjacent_sum(x, order) == Approx(brute_force_best(x, z, n)).margin(1e-5));
        CHECK(order.front() < order.back());
      }
    }
  }
}

TEST_CASE("optimal leaf order beats the plain leaf order and keeps the tree", "[linkage][olo]") {
  const std::int32_t n = 300, d = 8;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 77), n, d);
  for (Linkage linkage : kLinkages) {
    const auto merges = merges_of(x, linkage);
    std::vector<std::int32_t> plain(n), optimal(n);
    std::iota(plain.begin(), plain.end(), 0);
    std::iota(optimal.begin(), optimal.end(), 0);
    dendrogram_leaf_order(merges, plain.data(), n);
    REQUIRE(optimal_leaf_order(x, merges, optimal.data(), n).ok);
    CHECK(subtrees_contiguous(linkage_from_merges(merges, n), n, optimal));
    CHECK(adjacent_sum(x, optimal) > adjacent_sum(x, plain));
  }
}

TEST_CASE("optimal leaf order through order_items, and cancel", "[linkage][olo]") {
  const std::int32_t n = 200, d = 8;
  const auto x = test_helpers::normalized(test_helpers::random_matrix(n, d, 3), n, d);
  OrderOptions options;
  options.method = OrderMethod::Average;
  options.optimal_leaf_ordering = true;
  std::vector<std::int32_t> a, b;
  REQUIRE(order_items(x, options, a).ok);
  REQUIRE(order_items(x, options, b).ok);
  CHECK(a == b);
  int calls = 0;
  const Status cancelled = order_items(x, options, b, [&](std::size_t, std::size_t) { return ++calls < 3; });
  CHECK(cancelled.code == StatusCode::Cancelled);
  options.method = OrderMethod::Groups;
  options.groups.assign(n, 0);
  for (std::int32_t i = 0; i < n; i += 3) options.groups[i] = 1;
  REQUIRE(order_items(x, options, b).ok);
  const std::int32_t first_group = n - (n + 2) / 3;  // items not divisible by 3
  for (std::int32_t k = 0; k < n; ++k) CHECK(options.groups[b[k]] == (k < first_group ? 0 : 1));
}

TEST_CASE("spectral clusters find planted clusters, by k and by threshold", "[linkage][spectral]") {
  const std::int32_t n = 3000, d = 16, planted = 5;
  auto centres = test_helpers::random_matrix(planted, d, 9);
  auto noise = test_helpers::random_matrix(n, d, 10);
  std::vector<float> v(static_cast<std::size_t>(n) * d);
  for (std::int32_t i = 0; i < n; ++i) {
    for (std::int32_t k = 0; k < d; ++k) v[i * d + k] = 3.0f * centres[(i % planted) * d + k] + noise[i * d + k];
  }
  const auto x = test_helpers::normalized(v, n, d);
  std::vector<std::int32_t> labels;
  REQUIRE(spectral_clusters(x, planted, 0.0, labels).ok);
  CHECK(cluster_count(labels) == planted);
  // Planted clusters recovered: items of one planted cluster share a label.
  std::int32_t agree = 0;
  for (std::int32_t i = planted; i < n; ++i) agree += labels[i] == labels[i % planted] ? 1 : 0;
  CHECK(agree > (n - planted) * 95 / 100);
  CHECK(labels[0] == 0);
  std::vector<std::int32_t> by_threshold;
  REQUIRE(spectral_clusters(x, 0, 0.5, by_threshold).ok);
  CHECK(cluster_count(by_threshold) >= planted);
  std::vector<std::int32_t> one;
  REQUIRE(spectral_clusters(x, 1, 0.0, one).ok);
  CHECK(cluster_count(one) == 1);
}
