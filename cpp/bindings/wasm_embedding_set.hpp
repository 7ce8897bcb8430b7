// The object Embind exposes as EmbeddingSet: one normalized set in the
// module's heap, and the raw operations the worker calls on it (typed in
// web/src/cosine-core.d.ts). Pointers cross as plain numbers into the heap,
// which the caller allocated with _malloc: data is copied into WASM memory
// once, never through Embind's per-element conversions. Every call returns
// its value or {code, message} (core_result.hpp). The set keeps no state
// between calls but its rows: an order travels with each request that needs
// it, so concurrent requests with different orders cannot mix.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core_result.hpp"
#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/limits.hpp"
#include "cosine_heatmap/linkage_matrix.hpp"
#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/ordering.hpp"
#include "cosine_heatmap/overview.hpp"
#include "cosine_heatmap/pair_summary.hpp"
#include "cosine_heatmap/similarity.hpp"
#include "cosine_heatmap/spectral_clusters.hpp"

namespace cosine_heatmap {

class WasmEmbeddingSet {
 public:
  // Makes room for n×d float32 rows and returns where to write them (a heap
  // address). Without C++ exceptions a failed `new` aborts the whole module,
  // losing every set in it; malloc returns null instead, so it is asked
  // first and a set that does not fit is refused with the module intact.
  val reserve(std::int32_t n, std::int32_t d) {
    if (n < 1 || d < 1) {
      return failure_value(Status::failure("embeddings must have at least one row and one column, got " +
                                           std::to_string(n) + " x " + std::to_string(d)));
    }
    const std::size_t count = static_cast<std::size_t>(n) * static_cast<std::size_t>(d);
    const std::size_t bytes = count * sizeof(float);
    if (bytes > kMaxSetBytes) {
      return failure_value(Status::failure(std::to_string(n) + " x " + std::to_string(d) + " needs " +
                                               std::to_string(bytes) + " bytes; a worker holds at most " +
                                               std::to_string(kMaxSetBytes) + " bytes of one set",
                                           StatusCode::TooLarge));
    }
    // volatile: a malloc whose result is only tested and freed may be
    // elided by the optimizer, which then assumes it succeeded.
    void* volatile probe = std::malloc(bytes);
    if (!probe) {
      return failure_value(Status::failure(
          "not enough memory in the engine worker for " + std::to_string(n) + " x " + std::to_string(d) +
              " values (" + std::to_string(bytes) + " bytes) beside the sets it already holds; " +
              "dispose sets you no longer need, or use an engine with fewer sets",
          StatusCode::OutOfMemory));
    }
    std::free(probe);
    rows_.rows = n;
    rows_.dim = d;
    rows_.data.resize(count);
    return val(static_cast<double>(reinterpret_cast<std::uintptr_t>(rows_.data.data())));
  }

  // Float32 rows written at reserve()'s address, normalized where they are.
  val normalize_in_place() { return done_or_failure(normalize_rows_in_place(rows_)); }

  // Float64 rows at `data` (n×d, as reserved), normalized into the set.
  val load_double(std::uintptr_t data) {
    return done_or_failure(normalize_rows(reinterpret_cast<const double*>(data), rows_.rows, rows_.dim, rows_));
  }

  std::int32_t size() const { return rows_.rows; }
  std::int32_t dim() const { return rows_.dim; }

  val zero_rows() const { return copy_to_js("Int32Array", rows_.zero_rows); }

  val band_with_transpose(std::int32_t row_begin, std::int32_t row_end, std::uintptr_t out) {
    return done_or_failure(similarity_band_with_transpose(rows_, row_begin, row_end,
                                                          reinterpret_cast<float*>(out), workspace_));
  }

  // The whole n×n matrix at `out` in one call: the kernel alone, which
  // `npm run bench` times against the end-to-end path.
  void self_similarity_into(std::uintptr_t out) { self_similarity(rows_, reinterpret_cast<float*>(out)); }

  val cross_rows(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end,
                 std::uintptr_t out) {
    return done_or_failure(cross_similarity_rows(rows_, other.rows_, row_begin, row_end,
                                                 reinterpret_cast<float*>(out), workspace_));
  }

  // The streamed pass over rows [row_begin, row_end): nothing n×n is kept.
  val pair_summary(std::int32_t row_begin, std::int32_t row_end) {
    const Status band = check_row_band(rows_, row_begin, row_end);
    if (!band.ok) return failure_value(band);
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

  // Group ids at `groups` (one per item) for OrderMethod::Groups. Writes n
  // items to out. `progress(done, total)` (a function, or undefined) hears
  // from the optimal leaf ordering.
  val order(OrderMethod method, std::uintptr_t groups, std::int32_t group_count, bool optimal_leaf_ordering,
            std::uintptr_t out, val progress) {
    OrderOptions options;
    options.method = method;
    options.optimal_leaf_ordering = optimal_leaf_ordering;
    const auto* ids = reinterpret_cast<const std::int32_t*>(groups);
    options.groups.assign(ids, ids + group_count);
    std::vector<std::int32_t> permutation;
    ProgressCallback report;
    if (progress.typeOf().as<std::string>() == "function") {
      report = [&progress](std::size_t done, std::size_t total) {
        progress(static_cast<double>(done), static_cast<double>(total));
        return true;
      };
    }
    const Status status = order_items(rows_, options, permutation, report);
    if (status.ok) std::copy(permutation.begin(), permutation.end(), reinterpret_cast<std::int32_t*>(out));
    return done_or_failure(status);
  }

  // The (n − 1) × 4 linkage matrix in SciPy's convention, as a Float64Array.
  val linkage(Linkage method) {
    std::vector<double> z;
    const Status status = linkage_matrix(rows_, method, z);
    if (!status.ok) return failure_value(status);
    return copy_to_js("Float64Array", z);
  }

  // n labels at `out` by recursive spectral bisection: k clusters when k > 0,
  // else every split above `threshold` (spectral_clusters.hpp).
  val spectral_clusters(std::int32_t k, double threshold, std::uintptr_t out) {
    std::vector<std::int32_t> labels;
    const Status status = cosine_heatmap::spectral_clusters(rows_, k, threshold, labels);
    if (status.ok) std::copy(labels.begin(), labels.end(), reinterpret_cast<std::int32_t*>(out));
    return done_or_failure(status);
  }

  // `order` (count items at that address, or count 0 for the original
  // order) is the request's own: checked here, used for this call only.
  val overview_mean(val row_edges, val col_edges, std::uintptr_t order, std::int32_t count, std::uintptr_t out) {
    OverviewAxes axes;
    const Status status = make_axes(row_edges, col_edges, order, count, axes);
    if (!status.ok) return failure_value(status);
    return done_or_failure(cosine_heatmap::overview_mean(rows_, axes, reinterpret_cast<float*>(out), workspace_));
  }

  val overview_extreme(val row_edges, val col_edges, std::uintptr_t order, std::int32_t count, bool maximum,
                       std::int32_t cell_begin, std::int32_t cell_end, std::uintptr_t out) {
    OverviewAxes axes;
    const Status status = make_axes(row_edges, col_edges, order, count, axes);
    if (!status.ok) return failure_value(status);
    return done_or_failure(cosine_heatmap::overview_extreme(rows_, axes, maximum, cell_begin, cell_end,
                                                            reinterpret_cast<float*>(out), workspace_));
  }

  // Statistics (wasm_statistics.cpp): each returns a plain JS object of
  // numbers and fresh typed arrays, or {code, message}.
  val analyze_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t bins, float duplicate_threshold,
                   std::int32_t duplicate_bound, val thresholds);
  // The same statistics from a uniform random sample of `pairs` pairs j < i
  // with row_begin <= i < row_end (histograms and shares, no near-duplicates
  // or neighbours), drawn from the random stream (seed, stream).
  val pair_sample(std::int32_t row_begin, std::int32_t row_end, double pairs, double seed, double stream,
                  std::int32_t bins, val thresholds);
  val gram_statistics();
  // gram_statistics split over workers: each band's moments, flattened, then
  // all of them (count arrays back to back at `parts`) merged.
  val gram_moments_band(std::int32_t row_begin, std::int32_t row_end);
  val gram_statistics_from_bands(std::uintptr_t parts, std::int32_t count);
  val group_statistics(std::uintptr_t groups, std::int32_t count);
  val top_k_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t k);
  val compare_moments(const WasmEmbeddingSet& other);
  // The same split over workers: each band's partial moments, flattened,
  // then all of them (count arrays back to back at `parts`) merged.
  val cross_moments_band(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end);
  val compare_from_bands(const WasmEmbeddingSet& other, std::uintptr_t parts, std::int32_t count);
  val compare_pass(const WasmEmbeddingSet& other);

  val tile(const WasmEmbeddingSet& other, std::int32_t row_begin, std::int32_t row_end, std::int32_t col_begin,
           std::int32_t col_end, std::uintptr_t out) {
    const TileRange range{row_begin, row_end, col_begin, col_end};
    return done_or_failure(similarity_tile(rows_, other.rows_, range, reinterpret_cast<float*>(out),
                                           static_cast<std::size_t>(col_end - col_begin), workspace_));
  }

 private:
  Status make_axes(const val& row_edges, const val& col_edges, std::uintptr_t order, std::int32_t count,
                   OverviewAxes& axes) {
    const auto* items = reinterpret_cast<const std::int32_t*>(order);
    if (count != 0) {
      const Status status = check_permutation(items, count);
      if (!status.ok) return status;
      axes.order = items;
    }
    axes.row_edges = emscripten::vecFromJSArray<std::int32_t>(row_edges);
    axes.col_edges = emscripten::vecFromJSArray<std::int32_t>(col_edges);
    return Status::success();
  }

  Status check_permutation(const std::int32_t* order, std::int32_t count) const {
    if (count != rows_.rows) {
      return Status::failure("an order must list all " + std::to_string(rows_.rows) + " items, got " +
                             std::to_string(count));
    }
    std::vector<char> seen(static_cast<std::size_t>(count), 0);
    for (std::int32_t k = 0; k < count; ++k) {
      const std::int32_t item = order[k];
      if (item < 0 || item >= count || seen[item]) {
        return Status::failure("an order must be a permutation of 0.." + std::to_string(count - 1) +
                               "; position " + std::to_string(k) + " holds " + std::to_string(item));
      }
      seen[item] = 1;
    }
    return Status::success();
  }

  NormalizedRows rows_;
  GramWorkspace workspace_;
  std::vector<float> tile_buffer_;
};

}  // namespace cosine_heatmap
