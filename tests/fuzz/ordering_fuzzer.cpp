// libFuzzer target for the orderings: bytes become a small matrix whose
// values are coarse (many ties, duplicate and zero rows, which is where
// clustering and spectral code meet equal distances and degenerate
// eigenproblems), a method and, for Groups, one group id per item.
//
// What must hold for every input:
// - order_items succeeds for every method on valid input (n ≤ 48 is far
//   below kMaxHierarchicalItems), or fails with a message for invalid groups;
// - the result is a permutation of 0 … n−1;
// - Groups: each group is one contiguous run, runs in ascending id order;
// - the same input gives the same permutation a second time.
//
// Layout: byte 0 → n (1…48), byte 1 → d (1…16), byte 2 → method, then n
// group ids (signed bytes, only read for Groups), then n·d signed bytes / 16
// as values, zero-padded.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/ordering.hpp"

namespace {

using cosine_heatmap::OrderMethod;

[[noreturn]] void fail(const char* what, long at) {
  std::fprintf(stderr, "ordering_fuzzer: %s (at %ld)\n", what, at);
  std::abort();
}

constexpr OrderMethod kMethods[] = {OrderMethod::Original, OrderMethod::Average, OrderMethod::Complete,
                                    OrderMethod::Single, OrderMethod::Spectral, OrderMethod::Groups};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::int32_t n = 1 + data[0] % 48;
  const std::int32_t d = 1 + data[1] % 16;
  cosine_heatmap::OrderOptions options;
  options.method = kMethods[data[2] % 6];
  std::size_t at = 3;
  const auto next = [&]() -> std::int8_t { return at < size ? static_cast<std::int8_t>(data[at++]) : 0; };
  if (options.method == OrderMethod::Groups) {
    options.groups.resize(n);
    for (auto& g : options.groups) g = next();
  }
  std::vector<float> x(static_cast<std::size_t>(n) * d);
  for (auto& v : x) v = static_cast<float>(next()) / 16.0f;

  cosine_heatmap::NormalizedRows rows;
  if (!cosine_heatmap::normalize_rows(x.data(), n, d, rows).ok) fail("finite input refused", -1);

  std::vector<std::int32_t> permutation;
  const cosine_heatmap::Status status = cosine_heatmap::order_items(rows, options, permutation);
  if (!status.ok) {
    if (status.message.empty()) fail("failure without a message", -1);
    bool negative_group = false;
    for (std::int32_t g : options.groups) negative_group |= g < 0;
    if (!negative_group) {
      std::fprintf(stderr, "ordering_fuzzer: valid input refused: %s\n", status.message.c_str());
      std::abort();
    }
    return 0;
  }

  if (permutation.size() != static_cast<std::size_t>(n)) fail("permutation has the wrong length", permutation.size());
  std::vector<char> seen(n, 0);
  for (std::int32_t item : permutation) {
    if (item < 0 || item >= n) fail("item out of range", item);
    if (seen[item]) fail("item twice", item);
    seen[item] = 1;
  }
  if (options.method == OrderMethod::Groups) {
    for (std::int32_t p = 1; p < n; ++p) {
      if (options.groups[permutation[p]] < options.groups[permutation[p - 1]]) fail("groups out of order", p);
    }
  }

  std::vector<std::int32_t> again;
  if (!cosine_heatmap::order_items(rows, options, again).ok || again != permutation) {
    fail("a second run gave another order", -1);
  }
  return 0;
}
