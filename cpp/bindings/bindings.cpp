// Embind only: the names JavaScript sees, declared for the worker code in
// web/src/cosine-core.d.ts (a test keeps the two equal). Raw names start
// with an underscore; web/src/operations/ builds the public API on them.
#include <emscripten/bind.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cosine_heatmap/gram_kernel.hpp"
#include "cosine_heatmap/limits.hpp"
#include "cosine_heatmap/optimal_leaf_order.hpp"
#include "cosine_heatmap/ordering.hpp"
#include "cosine_heatmap/status.hpp"
#include "cosine_heatmap/tree_cut.hpp"
#include "wasm_embedding_set.hpp"
#include "wasm_text_embedder.hpp"

namespace {

std::string kernel_isa() { return cosine_heatmap::gram_kernel_isa(); }

// Flat clusters from a linkage matrix of n items at `z` (Float64, (n − 1) × 4):
// k clusters at most when k > 0, else the cut at distance `threshold`.
// Writes n labels to `out`.
bool cut_tree(std::uintptr_t z, std::int32_t n, std::int32_t k, double threshold, std::uintptr_t out) {
  const auto* rows = reinterpret_cast<const double*>(z);
  const std::vector<double> matrix(rows, rows + 4 * static_cast<std::size_t>(n > 0 ? n - 1 : 0));
  const std::vector<std::int32_t> labels = k > 0 ? cosine_heatmap::cut_into_clusters(matrix, n, k)
                                                 : cosine_heatmap::cut_at_distance(matrix, n, threshold);
  std::copy(labels.begin(), labels.end(), reinterpret_cast<std::int32_t*>(out));
  return true;
}

}  // namespace

EMSCRIPTEN_BINDINGS(cosine_heatmap) {
  using namespace cosine_heatmap;
  emscripten::enum_<OrderMethod>("OrderMethod")
      .value("original", OrderMethod::Original)
      .value("average", OrderMethod::Average)
      .value("complete", OrderMethod::Complete)
      .value("single", OrderMethod::Single)
      .value("spectral", OrderMethod::Spectral)
      .value("groups", OrderMethod::Groups);
  emscripten::enum_<Linkage>("Linkage")
      .value("average", Linkage::Average)
      .value("complete", Linkage::Complete)
      .value("single", Linkage::Single);
  emscripten::enum_<StatusCode>("StatusCode")
      .value("OK", StatusCode::Ok)
      .value("INVALID_ARGUMENT", StatusCode::InvalidArgument)
      .value("TOO_LARGE", StatusCode::TooLarge)
      .value("OUT_OF_MEMORY", StatusCode::OutOfMemory)
      .value("ABORT_ERR", StatusCode::Cancelled);

  emscripten::constant("MAX_SET_BYTES", static_cast<double>(kMaxSetBytes));
  emscripten::constant("MAX_HEAP_BYTES", kMaxHeapBytes);
  emscripten::constant("QUANTILE_BINS", kQuantileBins);
  emscripten::constant("MAX_HIERARCHICAL_ITEMS", kMaxHierarchicalItems);
  emscripten::constant("MAX_OPTIMAL_LEAF_ORDER_ITEMS", kMaxOptimalLeafOrderItems);

  emscripten::class_<WasmEmbeddingSet>("EmbeddingSet")
      .constructor<>()
      .function("_reserve", &WasmEmbeddingSet::reserve)
      .function("_normalizeInPlace", &WasmEmbeddingSet::normalize_in_place)
      .function("_loadDouble", &WasmEmbeddingSet::load_double)
      .function("_size", &WasmEmbeddingSet::size)
      .function("_dim", &WasmEmbeddingSet::dim)
      .function("_zeroRows", &WasmEmbeddingSet::zero_rows)
      .function("_bandWithTranspose", &WasmEmbeddingSet::band_with_transpose)
      .function("_selfSimilarity", &WasmEmbeddingSet::self_similarity_into)
      .function("_crossRows", &WasmEmbeddingSet::cross_rows)
      .function("_pairSummary", &WasmEmbeddingSet::pair_summary)
      .function("_order", &WasmEmbeddingSet::order)
      .function("_linkage", &WasmEmbeddingSet::linkage)
      .function("_spectralClusters", &WasmEmbeddingSet::spectral_clusters)
      .function("_overviewMean", &WasmEmbeddingSet::overview_mean)
      .function("_overviewExtreme", &WasmEmbeddingSet::overview_extreme)
      .function("_analyzePass", &WasmEmbeddingSet::analyze_pass)
      .function("_pairSample", &WasmEmbeddingSet::pair_sample)
      .function("_gramStatistics", &WasmEmbeddingSet::gram_statistics)
      .function("_gramMomentsBand", &WasmEmbeddingSet::gram_moments_band)
      .function("_gramStatisticsFromBands", &WasmEmbeddingSet::gram_statistics_from_bands)
      .function("_groupStatistics", &WasmEmbeddingSet::group_statistics)
      .function("_topKPass", &WasmEmbeddingSet::top_k_pass)
      .function("_compareMoments", &WasmEmbeddingSet::compare_moments)
      .function("_crossMomentsBand", &WasmEmbeddingSet::cross_moments_band)
      .function("_compareFromBands", &WasmEmbeddingSet::compare_from_bands)
      .function("_comparePass", &WasmEmbeddingSet::compare_pass)
      .function("_tile", &WasmEmbeddingSet::tile);
  emscripten::function("_kernelIsa", &kernel_isa);
  emscripten::function("_cutTree", &cut_tree);
  emscripten::function("_embedTexts", &embed_texts_js);
}
