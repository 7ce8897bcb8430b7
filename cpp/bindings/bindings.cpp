// Embind only: the names JavaScript sees. Raw names start with an
// underscore; web/src/ builds the public API on them.
#include <emscripten/bind.h>

#include <string>

#include "cosine_heatmap/gram_kernel.hpp"
#include "wasm_embedding_set.hpp"
#include "wasm_text_embedder.hpp"

namespace {

std::string kernel_isa() { return cosine_heatmap::gram_kernel_isa(); }

}  // namespace

EMSCRIPTEN_BINDINGS(cosine_heatmap) {
  using cosine_heatmap::WasmEmbeddingSet;
  emscripten::class_<WasmEmbeddingSet>("EmbeddingSet")
      .constructor<>()
      .function("_load", &WasmEmbeddingSet::load)
      .function("_reserve", &WasmEmbeddingSet::reserve)
      .function("_normalizeInPlace", &WasmEmbeddingSet::normalize_in_place)
      .function("_size", &WasmEmbeddingSet::size)
      .function("_dim", &WasmEmbeddingSet::dim)
      .function("_zeroRows", &WasmEmbeddingSet::zero_rows)
      .function("_selfSimilarity", &WasmEmbeddingSet::self_similarity)
      .function("_bandWithTranspose", &WasmEmbeddingSet::band_with_transpose)
      .function("_crossRows", &WasmEmbeddingSet::cross_rows)
      .function("_pairSummary", &WasmEmbeddingSet::pair_summary)
      .function("_order", &WasmEmbeddingSet::order)
      .function("_setOrder", &WasmEmbeddingSet::set_order)
      .function("_overviewMean", &WasmEmbeddingSet::overview_mean)
      .function("_overviewExtreme", &WasmEmbeddingSet::overview_extreme)
      .function("_analyzePass", &WasmEmbeddingSet::analyze_pass)
      .function("_gramStatistics", &WasmEmbeddingSet::gram_statistics)
      .function("_groupStatistics", &WasmEmbeddingSet::group_statistics)
      .function("_topKPass", &WasmEmbeddingSet::top_k_pass)
      .function("_compareMoments", &WasmEmbeddingSet::compare_moments)
      .function("_crossMomentsBand", &WasmEmbeddingSet::cross_moments_band)
      .function("_compareFromBands", &WasmEmbeddingSet::compare_from_bands)
      .function("_comparePass", &WasmEmbeddingSet::compare_pass)
      .function("_tile", &WasmEmbeddingSet::tile);
  emscripten::function("_kernelIsa", &kernel_isa);
  emscripten::function("_embedTexts", &cosine_heatmap::embed_texts_js);
}
