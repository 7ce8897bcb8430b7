// Pairs at or above a similarity threshold: the exact total, and the best
// `bound` of them kept in a heap so memory stays bounded however many match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

// i < j always.
struct ScoredPair {
  std::int32_t i = 0;
  std::int32_t j = 0;
  float score = 0;
};

// The reporting order: higher score first, then lower i, then lower j. A
// total order, so the kept set does not depend on how bands were split or
// in which order workers merged.
inline bool ranks_before(const ScoredPair& a, const ScoredPair& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.i != b.i) return a.i < b.i;
  return a.j < b.j;
}

class NearDuplicateConsumer : public TileConsumer {
 public:
  static constexpr std::size_t kDefaultBound = 10000;

  NearDuplicateConsumer(float threshold, std::size_t bound = kDefaultBound);

  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  // Pairs (col_begin + j, r) for j < width, row[j] their scores.
  void consume_row(std::int32_t r, std::int32_t col_begin, const float* row, std::int32_t width);
  // The other consumer must have covered different pairs (another band).
  void merge(const NearDuplicateConsumer& other);

  float threshold() const { return threshold_; }
  std::size_t bound() const { return bound_; }
  // Every pair with S >= threshold, kept or not.
  std::uint64_t count() const { return count_; }
  // The kept pairs (at most bound, the best by ranks_before), best first.
  std::vector<ScoredPair> sorted_pairs() const;

 private:
  void offer(const ScoredPair& pair);

  float threshold_;
  std::size_t bound_;
  std::uint64_t count_ = 0;
  // A heap whose top is the worst kept pair, the one a better pair evicts.
  std::vector<ScoredPair> heap_;
};

}  // namespace cosine_heatmap
