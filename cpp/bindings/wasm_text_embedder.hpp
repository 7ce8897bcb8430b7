// The built-in text embedder as Embind sees it: texts and options in, a
// plain JS object out ({data: Float32Array, dims} or {code, message}).
#pragma once

#include <emscripten/val.h>

namespace cosine_heatmap {

// options: {dim, charNgramMin, charNgramMax, bigrams, lowercase,
// svdComponents}; progress: a JS function (done, total) or undefined.
emscripten::val embed_texts_js(emscripten::val texts, emscripten::val options, emscripten::val progress);

}  // namespace cosine_heatmap
