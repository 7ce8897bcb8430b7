#include "cosine_heatmap/pair_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace cosine_heatmap {

PairHistogram::PairHistogram(std::int32_t bins) : counts(static_cast<std::size_t>(std::max(1, bins)), 0) {}

std::vector<double> PairHistogram::edges() const {
  std::vector<double> out(counts.size() + 1);
  for (std::size_t b = 0; b < out.size(); ++b) out[b] = edge(static_cast<std::int32_t>(b));
  out.back() = 1.0;
  return out;
}

std::int32_t PairHistogram::bin_of(float value) const {
  const std::int32_t last = bins() - 1;
  // float arithmetic, written once: bins are compared against each other
  // across passes, so the mapping must be identical, not merely close.
  const float scaled = (value + 1.0f) * (0.5f * static_cast<float>(counts.size()));
  if (!(scaled > 0.0f)) return 0;
  const std::int32_t b = static_cast<std::int32_t>(scaled);
  return b > last ? last : b;
}

double PairHistogram::std_dev() const {
  if (count == 0) return 0.0;
  const double m = mean();
  const double variance = sum_squares / static_cast<double>(count) - m * m;
  return variance > 0 ? std::sqrt(variance) : 0.0;
}

double PairHistogram::approximate_quantile(double q) const {
  if (count == 0) return std::nan("");
  q = std::min(1.0, std::max(0.0, q));
  const double target = q * static_cast<double>(count);
  double below = 0;
  for (std::int32_t b = 0; b < bins(); ++b) {
    const double c = static_cast<double>(counts[b]);
    if (c > 0 && below + c >= target) {
      const double lo = std::max(static_cast<double>(min), edge(b));
      const double hi = std::min(static_cast<double>(max), edge(b + 1));
      return lo + (hi - lo) * std::max(0.0, target - below) / c;
    }
    below += c;
  }
  return max;
}

void PairHistogram::merge(const PairHistogram& other) {
  for (std::size_t b = 0; b < counts.size() && b < other.counts.size(); ++b) counts[b] += other.counts[b];
  count += other.count;
  sum += other.sum;
  sum_squares += other.sum_squares;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

void PairHistogramConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  PairHistogram& h = histogram_;
  std::uint64_t* counts = h.counts.data();
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    const std::int32_t width = j_end - tile.col_begin;
    // Float partial sums over at most one tile row stay accurate; the
    // running totals are double.
    float row_sum = 0, row_squares = 0;
    float row_min = h.min, row_max = h.max;
    for (std::int32_t j = 0; j < width; ++j) {
      const float v = row[j];
      row_sum += v;
      row_squares += v * v;
      row_min = std::min(row_min, v);
      row_max = std::max(row_max, v);
      ++counts[h.bin_of(v)];
    }
    h.count += static_cast<std::uint64_t>(width);
    h.sum += row_sum;
    h.sum_squares += row_squares;
    h.min = row_min;
    h.max = row_max;
  }
}

}  // namespace cosine_heatmap
