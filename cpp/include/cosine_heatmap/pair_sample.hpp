// Random pairs of the lower triangle (j < i), for statistics that are
// estimated instead of visiting all n(n − 1)/2 pairs: the pairs are drawn
// uniformly over pairs (not over rows), reproducibly from a seed, and their
// similarities are dot products of the two normalized rows.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"
#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

// xoshiro256** seeded through SplitMix64 from (seed, stream): the same
// numbers on every platform, and streams that do not overlap in practice, so
// bands drawn in different workers are independent and reproducible.
class PairRandom {
 public:
  PairRandom(std::uint64_t seed, std::uint64_t stream);
  std::uint64_t next();

 private:
  std::uint64_t state_[4];
};

// Uniform integers in [0, bound), bound >= 1, without modulo bias: the
// 2^64 mod bound lowest numbers, which would make small results likelier,
// are drawn again.
class UniformBelow {
 public:
  explicit UniformBelow(std::uint64_t bound) : bound_(bound), reject_below_((0 - bound) % bound) {}
  std::uint64_t operator()(PairRandom& random) const {
    for (;;) {
      const std::uint64_t r = random.next();
      if (r >= reject_below_) return r % bound_;
    }
  }

 private:
  std::uint64_t bound_;
  std::uint64_t reject_below_;
};

// Pairs (i, j), j < i, numbered row by row: t = i(i − 1)/2 + j.
struct SampledPair {
  std::int32_t i = 0;
  std::int32_t j = 0;
};

// How many pairs have i < rows: rows(rows − 1)/2.
inline std::uint64_t pairs_below(std::int32_t rows) {
  const auto r = static_cast<std::uint64_t>(rows < 0 ? 0 : rows);
  return r * (r > 0 ? r - 1 : 0) / 2;
}

// The pair numbered t (t < pairs_below(2^31 − 1)).
SampledPair pair_at(std::uint64_t t);

// `count` pairs drawn independently and uniformly (with replacement) from the
// pairs with row_begin <= i < row_end and j < i, from the random stream
// (seed, stream). They come back ordered by j (in the order drawn for equal
// j): the rows j are then read in ascending addresses, while the rows i lie
// in the band, which is what keeps a sample of 10⁷ pairs of a set too large
// for any cache close to the cost of its arithmetic.
Status sample_pairs(std::int32_t row_begin, std::int32_t row_end, std::uint64_t count, std::uint64_t seed,
                    std::uint64_t stream, std::vector<SampledPair>& out);

// S(i, j) of each pair, in order: the dot product of the two unit rows (0 for
// a zero row, as everywhere else).
Status sampled_similarities(const NormalizedRows& x, const std::vector<SampledPair>& pairs, std::vector<float>& out);

// Hands similarity values to a tile consumer (a histogram, shares above
// thresholds) as one-row tiles below the diagonal, 256 values each: the
// consumers then bin and count sampled values exactly as they do the pass's.
void consume_values(const std::vector<float>& values, TileConsumer& consumer);

}  // namespace cosine_heatmap
