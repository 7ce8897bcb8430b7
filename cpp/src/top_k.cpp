#include "cosine_heatmap/top_k.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cosine_heatmap/simd.hpp"

namespace cosine_heatmap {

TopKConsumer::TopKConsumer(std::int32_t n, std::int32_t k)
    : rows_(std::max(0, n)), k_(std::max(0, std::min(k, rows_ - 1))) {
  heaps_.resize(static_cast<std::size_t>(rows_) * k_);
  sizes_.assign(static_cast<std::size_t>(rows_), 0);
  floors_.assign(static_cast<std::size_t>(rows_), -std::numeric_limits<float>::infinity());
}

void TopKConsumer::offer(std::int32_t item, Candidate candidate) {
  Candidate* heap = heaps_.data() + static_cast<std::size_t>(item) * k_;
  std::int32_t& size = sizes_[item];
  if (size < k_) {
    heap[size++] = candidate;
    std::push_heap(heap, heap + size, better);
    if (size == k_) floors_[item] = heap[0].score;
    return;
  }
  if (!better(candidate, heap[0])) return;
  std::pop_heap(heap, heap + k_, better);
  heap[k_ - 1] = candidate;
  std::push_heap(heap, heap + k_, better);
  floors_[item] = heap[0].score;
}

void TopKConsumer::consume_row(std::int32_t r, std::int32_t col_begin, const float* row, std::int32_t width,
                               float row_max) {
  if (k_ == 0) return;
  // Each candidate enters its list if it beats the list's floor, in any
  // order: `better` is a total order, so the lists come out the same as
  // offering pair by pair.
  if (row_max >= floors_[r]) {
    for (std::int32_t j = 0; j < width; ++j)
      if (row[j] >= floors_[r]) offer(r, Candidate{row[j], col_begin + j});
  }
  const float* floors = floors_.data() + col_begin;
  constexpr std::int32_t kBlock = 16;
  std::int32_t j0 = 0;
  for (; j0 + kBlock <= width; j0 += kBlock) {
    // Four vector compares: nearly every block of a pass offers nothing.
    bool any = false;
    for (std::int32_t j = j0; j < j0 + kBlock; j += 4) any |= simd::any_at_or_above(simd::load(row + j), simd::load(floors + j));
    if (!any) continue;
    for (std::int32_t j = j0; j < j0 + kBlock; ++j)
      if (row[j] >= floors[j]) offer(col_begin + j, Candidate{row[j], r});
  }
  for (std::int32_t j = j0; j < width; ++j)
    if (row[j] >= floors[j]) offer(col_begin + j, Candidate{row[j], r});
}

void TopKConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  if (k_ == 0) return;
  for (std::int32_t r = tile.row_begin; r < tile.row_end; ++r) {
    const std::int32_t j_end = std::min(tile.col_end, r);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(r - tile.row_begin) * ld;
    const std::int32_t width = j_end - tile.col_begin;
    float row_max = row[0];
    for (std::int32_t j = 1; j < width; ++j) row_max = std::max(row_max, row[j]);
    consume_row(r, tile.col_begin, row, width, row_max);
  }
}

void TopKConsumer::merge(const TopKConsumer& other) {
  if (other.rows_ != rows_ || other.k_ != k_) return;
  for (std::int32_t item = 0; item < rows_; ++item) {
    const Candidate* theirs = other.heaps_.data() + static_cast<std::size_t>(item) * k_;
    for (std::int32_t c = 0; c < other.sizes_[item]; ++c) offer(item, theirs[c]);
  }
}

NeighbourLists TopKConsumer::lists() const {
  NeighbourLists out;
  out.rows = rows_;
  out.k = k_;
  out.indices.assign(static_cast<std::size_t>(rows_) * k_, -1);
  out.scores.assign(static_cast<std::size_t>(rows_) * k_, std::nanf(""));
  std::vector<Candidate> sorted;
  for (std::int32_t item = 0; item < rows_; ++item) {
    const Candidate* heap = heaps_.data() + static_cast<std::size_t>(item) * k_;
    sorted.assign(heap, heap + sizes_[item]);
    std::sort(sorted.begin(), sorted.end(), better);
    for (std::size_t c = 0; c < sorted.size(); ++c) {
      out.indices[static_cast<std::size_t>(item) * k_ + c] = sorted[c].index;
      out.scores[static_cast<std::size_t>(item) * k_ + c] = sorted[c].score;
    }
  }
  return out;
}

std::vector<float> TopKConsumer::best_scores() const {
  std::vector<float> out(static_cast<std::size_t>(rows_), std::nanf(""));
  for (std::int32_t item = 0; item < rows_; ++item) {
    const Candidate* heap = heaps_.data() + static_cast<std::size_t>(item) * k_;
    for (std::int32_t c = 0; c < sizes_[item]; ++c)
      if (c == 0 || heap[c].score > out[item]) out[item] = heap[c].score;
  }
  return out;
}

std::vector<std::int32_t> items_below(const std::vector<float>& best_scores, float threshold) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < best_scores.size(); ++i)
    if (best_scores[i] < threshold) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

std::vector<float> neighbourhood_overlap(const NeighbourLists& a, const NeighbourLists& b) {
  const std::int32_t rows = std::min(a.rows, b.rows);
  std::vector<float> out(static_cast<std::size_t>(std::max(0, rows)), 1.0f);
  if (a.k != b.k || a.k == 0) return out;
  const std::int32_t k = a.k;
  std::vector<std::int32_t> left, right;
  for (std::int32_t item = 0; item < rows; ++item) {
    const auto* ia = a.indices.data() + static_cast<std::size_t>(item) * k;
    const auto* ib = b.indices.data() + static_cast<std::size_t>(item) * k;
    left.assign(ia, ia + k);
    right.assign(ib, ib + k);
    std::sort(left.begin(), left.end());
    std::sort(right.begin(), right.end());
    std::int32_t shared = 0;
    for (std::size_t p = 0, q = 0; p < left.size() && q < right.size();) {
      if (left[p] == right[q]) {
        if (left[p] >= 0) ++shared;
        ++p;
        ++q;
      } else if (left[p] < right[q]) {
        ++p;
      } else {
        ++q;
      }
    }
    out[item] = static_cast<float>(shared) / static_cast<float>(k);
  }
  return out;
}

}  // namespace cosine_heatmap
