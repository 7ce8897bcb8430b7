// The object Embind exposes as EmbeddingSet: one normalized set in the
// module's heap, and the raw operations the worker calls on it. Pointers
// cross as plain numbers into the heap, which the caller allocated with
// _malloc: data is copied into WASM memory once, never through Embind's
// per-element conversions. Failures come back as message strings.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/ordering.hpp"
#include "cosine_heatmap/overview.hpp"
#include "cosine_heatmap/pair_summary.hpp"
#include "cosine_heatmap/similarity.hpp"

namespace cosine_heatmap {

using emscripten::val;

// An empty string is success; anything else is the error message.
inline std::string message_of(const Status& status) { return status.ok ? std::string() : status.message; }

// wasm32 addresses 4 GiB; leave room for everything else in the heap.
constexpr std::size_t kMaxBytes = 3u * 1024u * 1024u * 1024u;

class WasmEmbeddingSet {
 public:
  std::string load(std::uintptr_t data, std::int32_t n, std::int32_t d, bool is_double) {
    const Status status =
        is_double ? normalize_rows(reinterpret_cast<const double*>(data), n, d, rows_)
                  : normalize_rows(reinterpret_cast<const float*>(data), n, d, rows_);
    return message_of(status);
  }

  // Float32 input is written straight into the set's own storage and
  // normalized there: one n×d buffer in the heap, not two. Returns 0 when
  // the heap cannot hold it.
  std::uintptr_t reserve(std::int32_t n, std::int32_t d) {
    const std::size_t count = static_cast<std::size_t>(n) * static_cast<std::size_t>(d);
    if (count > rows_.data.max_size() || count * sizeof(float) > kMaxBytes) return 0;
    rows_.rows = n;
    rows_.dim = d;
    rows_.data.resize(count);
    return reinterpret_cast<std::uintptr_t>(rows_.data.data());
  }

  std::string normalize_in_place() { return message_of(normalize_rows_in_place(rows_)); }

  std::int32_t size() const { return rows_.rows; }
  std::int32_t dim() const { return rows_.dim; }

  // A live view of the heap: the caller copies it at once.
  val zero_rows() const {
    return val(emscripten::typed_memory_view(rows_.zero_rows.size(), rows_.zero_rows.data()));
  }

  void self_similarity(std::uintptr_t out) const {
    cosine_heatmap::self_similarity(rows_, reinterpret_cast<float*>(out));
  }

  std::string band_with_transpose(std::int32_t row_begin, std::int32_t row_end, std::uintptr_t out) {
    return message_of(similarity_band_with_transpose(rows_, row_begin, row_end, reinterpret_cast<float*>(out),
                                                     workspace_));
  }

  std::string cross_rows(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end,
                         std::uintptr_t out) {
    return message_of(cross_similarity_rows(rows_, other.rows_, row_begin, row_end,
                                            reinterpret_cast<float*>(out), workspace_));
  }

  // The streamed pass over rows [row_begin, row_end): nothing n×n is kept.
  val pair_summary(std::int32_t row_begin, std::int32_t row_end) {
    PairSummaryConsumer consumer;
    stream_lower_tiles(rows_, row_begin, row_end, consumer, workspace_, tile_buffer_);
    const PairSummary& s = consumer.summary();
    val result = val::object();
    result.set("count", s.count);
    result.set("sum", s.sum);
    result.set("min", s.min);
    result.set("max", s.max);
    return result;
  }

  // method: 0 original, 1 average, 2 complete, 3 single, 4 spectral,
  // 5 groups (group ids at `groups`, one per item). Writes n items to out.
  std::string order(std::int32_t method, std::uintptr_t groups, std::int32_t group_count,
                    std::uintptr_t out) {
    if (method < 0 || method > static_cast<std::int32_t>(OrderMethod::Groups)) return "unknown order method";
    OrderOptions options;
    options.method = static_cast<OrderMethod>(method);
    const auto* ids = reinterpret_cast<const std::int32_t*>(groups);
    options.groups.assign(ids, ids + group_count);
    std::vector<std::int32_t> permutation;
    const Status status = order_items(rows_, options, permutation);
    if (status.ok) std::copy(permutation.begin(), permutation.end(), reinterpret_cast<std::int32_t*>(out));
    return message_of(status);
  }

  // The order overviews are drawn in, kept here so that each zoom does not
  // send n indices again. An empty order is the original one.
  std::string set_order(std::uintptr_t data, std::int32_t count) {
    const auto* order = reinterpret_cast<const std::int32_t*>(data);
    if (count == 0) {
      order_.clear();
      return {};
    }
    if (count != rows_.rows) {
      return "an order must list all " + std::to_string(rows_.rows) + " items, got " + std::to_string(count);
    }
    std::vector<char> seen(static_cast<std::size_t>(count), 0);
    for (std::int32_t k = 0; k < count; ++k) {
      const std::int32_t item = order[k];
      if (item < 0 || item >= count || seen[item]) {
        return "an order must be a permutation of 0.." + std::to_string(count - 1) + "; position " +
               std::to_string(k) + " holds " + std::to_string(item);
      }
      seen[item] = 1;
    }
    order_.assign(order, order + count);
    return {};
  }

  std::string overview_mean(val row_edges, val col_edges, std::uintptr_t out) {
    const OverviewAxes axes = make_axes(row_edges, col_edges);
    return message_of(cosine_heatmap::overview_mean(rows_, axes, reinterpret_cast<float*>(out), workspace_));
  }

  std::string overview_extreme(val row_edges, val col_edges, bool maximum, std::int32_t cell_begin,
                               std::int32_t cell_end, std::uintptr_t out) {
    const OverviewAxes axes = make_axes(row_edges, col_edges);
    return message_of(cosine_heatmap::overview_extreme(rows_, axes, maximum, cell_begin, cell_end,
                                                       reinterpret_cast<float*>(out), workspace_));
  }

  // Statistics (wasm_statistics.cpp): each returns a plain JS object of
  // numbers and fresh typed arrays.
  val analyze_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t bins, float duplicate_threshold,
                   std::int32_t duplicate_bound, val thresholds);
  val gram_statistics();
  val group_statistics(std::uintptr_t groups, std::int32_t count);
  val top_k_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t k);
  val compare_moments(const WasmEmbeddingSet& other);
  // The same split over workers: each band's partial moments, flattened,
  // then all of them (count arrays back to back at `parts`) merged.
  val cross_moments_band(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end);
  val compare_from_bands(const WasmEmbeddingSet& other, std::uintptr_t parts, std::int32_t count);
  val compare_pass(const WasmEmbeddingSet& other);

  std::string tile(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end,
                   std::int32_t col_begin, std::int32_t col_end, std::uintptr_t out) {
    const TileRange range{row_begin, row_end, col_begin, col_end};
    return message_of(similarity_tile(rows_, other.rows_, range, reinterpret_cast<float*>(out),
                                      static_cast<std::size_t>(col_end - col_begin), workspace_));
  }

 private:
  OverviewAxes make_axes(const val& row_edges, const val& col_edges) const {
    OverviewAxes axes;
    axes.order = order_.empty() ? nullptr : order_.data();
    axes.row_edges = emscripten::vecFromJSArray<std::int32_t>(row_edges);
    axes.col_edges = emscripten::vecFromJSArray<std::int32_t>(col_edges);
    return axes;
  }

  NormalizedRows rows_;
  std::vector<std::int32_t> order_;
  GramWorkspace workspace_;
  std::vector<float> tile_buffer_;
};

}  // namespace cosine_heatmap
