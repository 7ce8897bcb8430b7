#include "wasm_text_embedder.hpp"

#include <string>
#include <vector>

#include "core_result.hpp"
#include "cosine_heatmap/text_embedder.hpp"

namespace cosine_heatmap {

using emscripten::val;

namespace {

template <typename T>
void read_option(const val& options, const char* name, T& into) {
  const val value = options[name];
  if (!value.isUndefined() && !value.isNull()) into = value.as<T>();
}

}  // namespace

val embed_texts_js(val texts, val options, val progress) {
  const std::vector<std::string> items = emscripten::vecFromJSArray<std::string>(texts);
  TextEmbedderOptions settings;
  read_option(options, "dim", settings.dim);
  read_option(options, "charNgramMin", settings.char_ngram_min);
  read_option(options, "charNgramMax", settings.char_ngram_max);
  read_option(options, "bigrams", settings.use_bigrams);
  read_option(options, "lowercase", settings.lowercase);
  read_option(options, "svdComponents", settings.svd_components);
  if (progress.typeOf().as<std::string>() == "function") {
    settings.progress = [&progress](std::size_t done, std::size_t total) {
      progress(static_cast<double>(done), static_cast<double>(total));
      return true;
    };
  }
  std::vector<float> out;
  std::int32_t dim = 0;
  const Status status = embed_texts(items, settings, out, dim);
  if (!status.ok) return failure_value(status);
  val result = val::object();
  result.set("data", val::global("Float32Array").new_(emscripten::typed_memory_view(out.size(), out.data())));
  val dims = val::array();
  dims.call<void>("push", static_cast<std::int32_t>(items.size()), dim);
  result.set("dims", dims);
  return result;
}

}  // namespace cosine_heatmap
