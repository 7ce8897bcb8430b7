#include "cosine_heatmap/near_duplicates.hpp"

#include <algorithm>

namespace cosine_heatmap {

NearDuplicateConsumer::NearDuplicateConsumer(float threshold, std::size_t bound)
    : threshold_(threshold), bound_(bound) {}

void NearDuplicateConsumer::offer(const ScoredPair& pair) {
  if (bound_ == 0) return;
  if (heap_.size() < bound_) {
    heap_.push_back(pair);
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    return;
  }
  if (!ranks_before(pair, heap_.front())) return;
  std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
  heap_.back() = pair;
  std::push_heap(heap_.begin(), heap_.end(), ranks_before);
}

void NearDuplicateConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  for (std::int32_t r = tile.row_begin; r < tile.row_end; ++r) {
    const std::int32_t j_end = std::min(tile.col_end, r);
    const float* row = data + static_cast<std::size_t>(r - tile.row_begin) * ld;
    for (std::int32_t c = tile.col_begin; c < j_end; ++c) {
      const float v = row[c - tile.col_begin];
      if (!(v >= threshold_)) continue;
      ++count_;
      // Columns are below the diagonal, so the column is the smaller index.
      offer(ScoredPair{c, r, v});
    }
  }
}

void NearDuplicateConsumer::merge(const NearDuplicateConsumer& other) {
  count_ += other.count_;
  for (const ScoredPair& pair : other.heap_) offer(pair);
}

std::vector<ScoredPair> NearDuplicateConsumer::sorted_pairs() const {
  std::vector<ScoredPair> out = heap_;
  std::sort(out.begin(), out.end(), ranks_before);
  return out;
}

}  // namespace cosine_heatmap
