// Every item's k most similar other items, from one pass over the lower
// triangle in O(n·k) memory: each pair j < i is seen once and offered to
// both i's and j's lists.
#pragma once

#include <cstdint>
#include <vector>

#include "cosine_heatmap/tile_stream.hpp"

namespace cosine_heatmap {

// rows × k, row-major, best first: higher score, then lower index.
struct NeighbourLists {
  std::int32_t rows = 0;
  std::int32_t k = 0;
  std::vector<std::int32_t> indices;
  std::vector<float> scores;
};

class TopKConsumer : public TileConsumer {
 public:
  // k is clamped to [0, n − 1], so after a full pass every list is full.
  TopKConsumer(std::int32_t n, std::int32_t k);

  void consume(const TileRange& tile, const float* data, std::size_t ld) override;
  // Pairs (r, col_begin + j), j < width, row[j] their scores, row_max the
  // largest: the row's own list is looked at only when row_max can enter
  // it, the columns' lists in blocks that skip when no score reaches their
  // floors.
  void consume_row(std::int32_t r, std::int32_t col_begin, const float* row, std::int32_t width, float row_max);
  // Partial states of workers that streamed different bands: each pair was
  // offered in exactly one of them, so merging never sees a candidate twice.
  void merge(const TopKConsumer& other);

  std::int32_t rows() const { return rows_; }
  std::int32_t k() const { return k_; }
  NeighbourLists lists() const;
  // Each item's best neighbour score (the outlier measure; a zero row's is
  // 0, its similarity to everything). NaN when the item has no neighbour
  // (n = 1) or k = 0.
  std::vector<float> best_scores() const;

 private:
  struct Candidate {
    float score;
    std::int32_t index;
  };
  // The list order; as a heap comparator it puts the worst kept candidate
  // on top, the one a better candidate evicts.
  static bool better(const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.index < b.index;
  }
  void offer(std::int32_t item, Candidate candidate);

  std::int32_t rows_;
  std::int32_t k_;
  std::vector<Candidate> heaps_;     // rows × k; the first sizes_[i] of row i are a heap
  std::vector<std::int32_t> sizes_;
  // The worst kept score once a list is full (−inf before): most pairs fail
  // `v >= floor` and cost one comparison.
  std::vector<float> floors_;
};

// Items whose best neighbour score is below threshold, ascending.
std::vector<std::int32_t> items_below(const std::vector<float>& best_scores, float threshold);

// For each item, |top-k in a ∩ top-k in b| / k: 1 when the neighbourhood is
// unchanged, 0 when it is replaced. Both lists must have the same rows and k
// (k = 0 gives 1 for every item).
std::vector<float> neighbourhood_overlap(const NeighbourLists& a, const NeighbourLists& b);

}  // namespace cosine_heatmap
