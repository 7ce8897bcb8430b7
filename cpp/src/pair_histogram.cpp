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

namespace {

// The moments are summed once, in float per row segment and in order (at
// most one tile wide, so they stay accurate), then added to each running
// double total: a histogram fed alongside another gets the same numbers as
// fed alone.
enum class Second { kNone, kAll, kEdgesOnly };

template <Second kSecond>
float add_row(PairHistogram& first, PairHistogram* second, const std::uint8_t* at_edge, const float* row,
              std::int32_t width) {
  std::uint64_t* counts = first.counts.data();
  std::uint64_t* more = kSecond != Second::kNone ? second->counts.data() : nullptr;
  float row_sum = 0, row_squares = 0;
  float row_min = row[0], row_max = row[0];
  for (std::int32_t j = 0; j < width; ++j) {
    const float v = row[j];
    row_sum += v;
    row_squares += v * v;
    row_min = std::min(row_min, v);
    row_max = std::max(row_max, v);
    const std::int32_t b = first.bin_of(v);
    ++counts[b];
    if (kSecond == Second::kAll || (kSecond == Second::kEdgesOnly && at_edge[b])) ++more[second->bin_of(v)];
  }
  for (PairHistogram* h : {&first, second}) {
    if (h == nullptr) continue;
    h->count += static_cast<std::uint64_t>(width);
    h->sum += row_sum;
    h->sum_squares += row_squares;
    h->min = std::min(h->min, row_min);
    h->max = std::max(h->max, row_max);
  }
  return row_max;
}

}  // namespace

float add_pair_row(PairHistogram& first, PairHistogram* second, const float* row, std::int32_t width) {
  return second ? add_row<Second::kAll>(first, second, nullptr, row, width)
                : add_row<Second::kNone>(first, nullptr, nullptr, row, width);
}

float add_pair_row_nested(PairHistogram& fine, PairHistogram& coarse, const NestedBins& nested, const float* row,
                          std::int32_t width) {
  return add_row<Second::kEdgesOnly>(fine, &coarse, nested.edges(), row, width);
}

NestedBins::NestedBins(std::int32_t coarse, std::int32_t fine)
    : ratio_(fine / coarse), at_edge_(static_cast<std::size_t>(fine), 0) {
  for (std::int32_t f = 0; f < fine; ++f) {
    const std::int32_t within = f % ratio_;
    at_edge_[static_cast<std::size_t>(f)] = within == 0 || within == ratio_ - 1;
  }
}

PairHistogram NestedBins::whole(const PairHistogram& coarse, const PairHistogram& fine) const {
  PairHistogram out = coarse;
  for (std::size_t f = 0; f < fine.counts.size(); ++f) {
    if (!at_edge_[f]) out.counts[f / static_cast<std::size_t>(ratio_)] += fine.counts[f];
  }
  return out;
}

void PairHistogramConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    if (j_end <= tile.col_begin) continue;
    add_pair_row(histogram_, nullptr, data + static_cast<std::size_t>(i - tile.row_begin) * ld, j_end - tile.col_begin);
  }
}

}  // namespace cosine_heatmap
