#include "cosine_heatmap/pair_quantiles.hpp"

#include <algorithm>
#include <cmath>

namespace cosine_heatmap {
namespace {

constexpr double kMaxSubBinWidth = 5e-5;

}  // namespace

QuantileRefineConsumer::QuantileRefineConsumer(const PairHistogram& histogram,
                                               std::vector<double> probabilities)
    : histogram_(histogram), probabilities_(std::move(probabilities)) {
  slot_of_bin_.assign(histogram_.counts.size(), -1);
  sub_bins_ = std::max<std::int32_t>(4096, static_cast<std::int32_t>(std::ceil(histogram_.bin_width() / kMaxSubBinWidth)));
  const std::uint64_t n = histogram_.count;

  // Finds the bin of 0-based ascending rank r and r's position inside it.
  auto locate = [&](std::uint64_t r) {
    std::uint64_t below = 0;
    std::int32_t b = 0;
    for (; b < histogram_.bins() - 1; ++b) {
      if (below + histogram_.counts[b] > r) break;
      below += histogram_.counts[b];
    }
    std::int32_t& slot = slot_of_bin_[b];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(slots_.size());
      BinState state;
      state.bin = b;
      state.expected = histogram_.counts[b];
      state.collect = state.expected <= kMaxCollectedPerBin;
      if (state.collect) {
        state.values.reserve(state.expected);
      } else {
        state.sub_counts.assign(static_cast<std::size_t>(sub_bins_), 0);
      }
      slots_.push_back(std::move(state));
    }
    return OrderStatistic{slot, r - below};
  };

  for (double q : probabilities_) {
    if (n == 0) {
      lower_.push_back({});
      upper_.push_back({});
      continue;
    }
    const double h = std::min(1.0, std::max(0.0, q)) * static_cast<double>(n - 1);
    lower_.push_back(locate(static_cast<std::uint64_t>(std::floor(h))));
    upper_.push_back(locate(static_cast<std::uint64_t>(std::ceil(h))));
  }
}

std::int32_t QuantileRefineConsumer::sub_bin_of(const BinState& state, float value) const {
  const double lo = histogram_.edge(state.bin);
  const double t = (static_cast<double>(value) - lo) / histogram_.bin_width() * sub_bins_;
  if (!(t > 0)) return 0;
  return std::min(sub_bins_ - 1, static_cast<std::int32_t>(t));
}

void QuantileRefineConsumer::consume(const TileRange& tile, const float* data, std::size_t ld) {
  if (slots_.empty()) return;
  const std::int32_t* slot_of_bin = slot_of_bin_.data();
  for (std::int32_t i = tile.row_begin; i < tile.row_end; ++i) {
    const std::int32_t j_end = std::min(tile.col_end, i);
    const float* row = data + static_cast<std::size_t>(i - tile.row_begin) * ld;
    for (std::int32_t j = 0; j < j_end - tile.col_begin; ++j) {
      const float v = row[j];
      const std::int32_t slot = slot_of_bin[histogram_.bin_of(v)];
      if (slot < 0) continue;
      BinState& state = slots_[slot];
      if (state.collect) {
        state.values.push_back(v);
      } else {
        ++state.sub_counts[sub_bin_of(state, v)];
      }
    }
  }
}

void QuantileRefineConsumer::merge(const QuantileRefineConsumer& other) {
  for (std::size_t s = 0; s < slots_.size() && s < other.slots_.size(); ++s) {
    BinState& mine = slots_[s];
    const BinState& theirs = other.slots_[s];
    if (mine.collect) {
      mine.values.insert(mine.values.end(), theirs.values.begin(), theirs.values.end());
    } else {
      for (std::size_t k = 0; k < mine.sub_counts.size(); ++k) mine.sub_counts[k] += theirs.sub_counts[k];
    }
  }
}

double QuantileRefineConsumer::order_statistic(const OrderStatistic& s) const {
  if (s.slot < 0) return std::nan("");
  const BinState& state = slots_[s.slot];
  if (state.collect) {
    if (s.rank_in_bin >= state.values.size()) return std::nan("");  // incomplete pass
    std::vector<float> scratch = state.values;
    auto nth = scratch.begin() + static_cast<std::ptrdiff_t>(s.rank_in_bin);
    std::nth_element(scratch.begin(), nth, scratch.end());
    return *nth;
  }
  std::uint64_t below = 0;
  const double width = histogram_.bin_width() / sub_bins_;
  for (std::int32_t k = 0; k < sub_bins_; ++k) {
    below += state.sub_counts[k];
    if (below > s.rank_in_bin) {
      const double mid = histogram_.edge(state.bin) + (k + 0.5) * width;
      return std::min(static_cast<double>(histogram_.max), std::max(static_cast<double>(histogram_.min), mid));
    }
  }
  return std::nan("");
}

std::vector<double> QuantileRefineConsumer::quantiles() const {
  std::vector<double> out;
  out.reserve(probabilities_.size());
  const std::uint64_t n = histogram_.count;
  for (std::size_t p = 0; p < probabilities_.size(); ++p) {
    if (n == 0) {
      out.push_back(std::nan(""));
      continue;
    }
    const double h = std::min(1.0, std::max(0.0, probabilities_[p])) * static_cast<double>(n - 1);
    const double lo = order_statistic(lower_[p]);
    const double hi = order_statistic(upper_[p]);
    out.push_back(lo + (h - std::floor(h)) * (hi - lo));
  }
  return out;
}

double QuantileRefineConsumer::max_error() const {
  for (const BinState& state : slots_)
    if (!state.collect) return 0.5 * histogram_.bin_width() / sub_bins_;
  return 0.0;
}

}  // namespace cosine_heatmap
