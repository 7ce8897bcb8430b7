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

void NearDuplicateConsumer::consume_row(std::int32_t r, std::int32_t col_begin, const float* row,
                                        std::int32_t width) {
  for (std::int32_t j = 0; j < width; ++j) {
    const float v = row[j];
    if (!(v >= threshold_)) continue;
    ++count_;
    // Columns are below the diagonal, so the column is the smaller index.
    offer(ScoredPair{col_begin + j, r, v});
  }
}

void NearDuplicateConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  for (std::int32_t r = tile.row_begin; r < tile.row_end; ++r) {
    const std::int32_t j_end = std::min(tile.col_end, r);
    if (j_end <= tile.col_begin) continue;
    consume_row(r, tile.col_begin, data + static_cast<std::size_t>(r - tile.row_begin) * ld, j_end - tile.col_begin);
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
