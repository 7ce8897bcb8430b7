// libFuzzer target for the built-in text embedder: bytes become options and
// a list of texts (arbitrary bytes, so invalid UTF-8, overlong forms,
// surrogates, NULs, emoji, right-to-left and combining marks all occur),
// which go through embed_texts.
//
// What must hold for every input:
// - no crash, no sanitizer report, no hang on texts up to libFuzzer's -max_len;
// - on success out is n × dim_out with dim_out as the options say, and each
//   row is unit length or exactly zero;
// - on failure out is empty, dim_out is 0 and the message is not empty;
// - the same texts and options give bit-identical vectors a second time.
//
// Layout of the input: byte 0 picks dim (1…256), byte 1 the character n-gram
// range (max 0…6, min 1…max), byte 2 bit 0 bigrams, bit 1 lowercase, bits
// 2–4 svd_components (0…7); the rest is split at '\n' into texts (at most 64).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cosine_heatmap/text_embedder.hpp"

namespace {

constexpr double kTolerance = 1e-5;
constexpr std::size_t kMaxTexts = 64;

[[noreturn]] void fail(const char* what, long row, double value) {
  std::fprintf(stderr, "text_embedder_fuzzer: %s (row %ld): %.17g\n", what, row, value);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  cosine_heatmap::TextEmbedderOptions options;
  options.dim = 1 + data[0];
  options.char_ngram_max = data[1] % 7;
  options.char_ngram_min = options.char_ngram_max == 0 ? 1 : 1 + (data[1] / 7) % options.char_ngram_max;
  options.use_bigrams = (data[2] & 1) != 0;
  options.lowercase = (data[2] & 2) != 0;
  options.svd_components = (data[2] >> 2) & 7;

  std::vector<std::string> texts;
  std::string current;
  for (std::size_t k = 3; k < size && texts.size() < kMaxTexts; ++k) {
    if (data[k] == '\n') {
      texts.push_back(current);
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[k]));
    }
  }
  if (texts.size() < kMaxTexts) texts.push_back(current);

  std::vector<float> out;
  std::int32_t dim_out = -1;
  const cosine_heatmap::Status status = cosine_heatmap::embed_texts(texts, options, out, dim_out);
  if (!status.ok) {
    if (!out.empty() || dim_out != 0) fail("failure left output behind", -1, dim_out);
    if (status.message.empty()) fail("failure without a message", -1, 0);
    // svd_components > dim is the one option combination this target can make invalid.
    if (options.svd_components <= options.dim) {
      std::fprintf(stderr, "text_embedder_fuzzer: valid options refused: %s\n", status.message.c_str());
      std::abort();
    }
    return 0;
  }

  const std::int32_t expected_dim = options.svd_components > 0 ? options.svd_components : options.dim;
  if (dim_out != expected_dim) fail("unexpected output dimension", -1, dim_out);
  if (out.size() != texts.size() * static_cast<std::size_t>(dim_out)) fail("unexpected output size", -1, out.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    double sum = 0.0;
    for (std::int32_t j = 0; j < dim_out; ++j) {
      const float v = out[i * dim_out + j];
      if (!std::isfinite(v)) fail("non-finite value", static_cast<long>(i), v);
      sum += static_cast<double>(v) * v;
    }
    if (sum != 0.0 && std::fabs(std::sqrt(sum) - 1.0) > kTolerance) {
      fail("row neither unit nor zero", static_cast<long>(i), std::sqrt(sum));
    }
  }

  std::vector<float> again;
  std::int32_t dim_again = 0;
  if (!cosine_heatmap::embed_texts(texts, options, again, dim_again).ok || dim_again != dim_out ||
      again.size() != out.size() || std::memcmp(again.data(), out.data(), out.size() * sizeof(float)) != 0) {
    fail("a second run gave different vectors", -1, 0);
  }
  return 0;
}
