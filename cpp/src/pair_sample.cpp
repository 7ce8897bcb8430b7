#include "cosine_heatmap/pair_sample.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "cosine_heatmap/row_arithmetic.hpp"
#include "cosine_heatmap/simd.hpp"

namespace cosine_heatmap {
namespace {

std::uint64_t split_mix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotate_left(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Pairs whose dot products run interleaved in sampled_similarities.
constexpr std::size_t kInterleaved = 4;

// Dims per float partial sum of a sampled dot product; the partial sums are
// added in double, so the error stays that of a 1,024-term float sum at any d.
constexpr std::int32_t kDotBlock = 1024;

// kInterleaved dot products at once. The rows of random pairs are rarely in
// cache, and one dot product's loads wait on each other's misses; four
// independent ones keep four pairs of rows in flight.
void interleaved_dots(const NormalizedRows& x, const SampledPair* pairs, float* out) {
  using namespace simd;
  const std::int32_t d = x.dim;
  const float* a[kInterleaved];
  const float* b[kInterleaved];
  double total[kInterleaved] = {};
  for (std::size_t q = 0; q < kInterleaved; ++q) {
    a[q] = x.row(pairs[q].i);
    b[q] = x.row(pairs[q].j);
  }
  for (std::int32_t k0 = 0; k0 < d; k0 += kDotBlock) {
    const std::int32_t k1 = std::min(d, k0 + kDotBlock);
    F4 acc[kInterleaved] = {zero(), zero(), zero(), zero()};
    std::int32_t k = k0;
    for (; k + 4 <= k1; k += 4) {
      for (std::size_t q = 0; q < kInterleaved; ++q) acc[q] = mul_add(acc[q], load(a[q] + k), load(b[q] + k));
    }
    for (std::size_t q = 0; q < kInterleaved; ++q) {
      alignas(16) float lanes[4];
      store(lanes, acc[q]);
      float sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
      for (std::int32_t t = k; t < k1; ++t) sum += a[q][t] * b[q][t];
      total[q] += sum;
    }
  }
  for (std::size_t q = 0; q < kInterleaved; ++q) out[q] = static_cast<float>(total[q]);
}

// Values per one-row tile in consume_values: the consumers keep float
// partial sums per tile row, as they do for the pass's rows.
constexpr std::size_t kValuesPerRow = 256;

}  // namespace

PairRandom::PairRandom(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t mix = stream;
  std::uint64_t state = seed ^ split_mix(mix);
  for (std::uint64_t& word : state_) word = split_mix(state);
}

std::uint64_t PairRandom::next() {
  const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotate_left(state_[3], 45);
  return result;
}

SampledPair pair_at(std::uint64_t t) {
  // i(i − 1)/2 <= t < i(i + 1)/2; the double square root is off by at most
  // one for any t below 2^62, which the two loops put right.
  auto i = static_cast<std::uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(t))) / 2.0);
  while (i > 1 && i * (i - 1) / 2 > t) --i;
  while ((i + 1) * i / 2 <= t) ++i;
  return {static_cast<std::int32_t>(i), static_cast<std::int32_t>(t - i * (i - 1) / 2)};
}

Status sample_pairs(std::int32_t row_begin, std::int32_t row_end, std::uint64_t count, std::uint64_t seed,
                    std::uint64_t stream, std::vector<SampledPair>& out) {
  out.clear();
  if (row_begin < 0 || row_end < row_begin) {
    return Status::failure("sample: rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                           ") are not a band");
  }
  const std::uint64_t first = pairs_below(row_begin);
  const std::uint64_t available = pairs_below(row_end) - first;
  if (count == 0) return Status::success();
  if (available == 0) {
    return Status::failure("sample: rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                           ") hold no pair j < i to draw from");
  }
  std::vector<SampledPair> drawn(count);
  std::vector<std::uint32_t> starts(static_cast<std::size_t>(row_end) + 1, 0);
  PairRandom random(seed, stream);
  const UniformBelow uniform(available);
  for (SampledPair& pair : drawn) {
    pair = pair_at(first + uniform(random));
    ++starts[static_cast<std::size_t>(pair.j) + 1];
  }
  // Counting sort by j, stable: draws with the same j keep their order.
  for (std::size_t j = 1; j < starts.size(); ++j) starts[j] += starts[j - 1];
  out.resize(count);
  for (const SampledPair& pair : drawn) out[starts[static_cast<std::size_t>(pair.j)]++] = pair;
  return Status::success();
}

Status sampled_similarities(const NormalizedRows& x, const std::vector<SampledPair>& pairs, std::vector<float>& out) {
  out.clear();
  for (const SampledPair p : pairs) {
    if (p.j < 0 || p.j >= p.i || p.i >= x.rows) {
      return Status::failure("sample: pair (" + std::to_string(p.i) + ", " + std::to_string(p.j) +
                             ") is not a pair j < i of a set of " + std::to_string(x.rows) + " items");
    }
  }
  out.resize(pairs.size());
  std::size_t k = 0;
  for (; k + kInterleaved <= pairs.size(); k += kInterleaved) interleaved_dots(x, pairs.data() + k, out.data() + k);
  for (; k < pairs.size(); ++k) out[k] = row_dot(x.row(pairs[k].i), x.row(pairs[k].j), x.dim);
  return Status::success();
}

void consume_values(const std::vector<float>& values, TileConsumer& consumer) {
  // A tile of one row i = w and columns [0, w): all w entries lie below the
  // diagonal, so each value is one pair to the consumer.
  for (std::size_t start = 0; start < values.size(); start += kValuesPerRow) {
    const auto width = static_cast<std::int32_t>(std::min(kValuesPerRow, values.size() - start));
    consumer.consume(TileRange{width, width + 1, 0, width}, values.data() + start, kValuesPerRow);
  }
}

}  // namespace cosine_heatmap
