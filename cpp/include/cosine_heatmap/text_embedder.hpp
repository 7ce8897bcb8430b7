// The built-in text embedder: hashed TF-IDF vectors of words, word pairs and
// character n-grams, computed offline with no model weights. It sees shared
// words and word pieces, not meaning: "car" and "automobile" are unrelated
// to it, "not good" and "good" are close, and texts in different languages
// match only where they share spellings.
//
// The method, precisely (every step is part of the result; the tests freeze
// a few output values so that any change shows):
//
// 1. Decoding. Each text is UTF-8; a byte that does not start a valid,
//    shortest-form sequence of a Unicode scalar value decodes to U+FFFD and
//    consumes one byte (utf8.hpp). There is no Unicode normalization: "é" as
//    one code point and as "e" + U+0301 are different spellings.
// 2. Words. A word is a maximal run of word characters: ASCII letters and
//    digits, and every code point from U+0080 up except the whitespace,
//    punctuation and symbol blocks listed in word_chars.cpp (Latin-1
//    punctuation, × ÷, U+2000–U+2BFF, U+2E00–U+2E7F, U+3000–U+303F,
//    fullwidth punctuation, …) and U+FFFD. So "l'été" is the words "l" and
//    "été", a run of CJK text is one word, and an emoji is a word.
// 3. Case. With `lowercase`, each code point is mapped by word_chars.hpp's
//    fold_case: A–Z, À–Þ (not ×), Latin Extended-A pairs, İ → i, Ÿ → ÿ,
//    basic Greek (with ς → σ) and basic Cyrillic. Words are then re-encoded
//    as UTF-8; all hashing is over these bytes.
// 4. Features of one text, as byte strings (w = a folded word):
//      "w:" + w                        every word;
//      "b:" + w₁ + " " + w₂            every two consecutive words, if
//                                      `use_bigrams` (punctuation between
//                                      them does not break the pair);
//      "c:" + g                        every character n-gram g, counted in
//                                      code points, char_ngram_min ≤ n ≤
//                                      char_ngram_max, of "<" + w + ">" (the
//                                      markers, which cannot occur inside a
//                                      word, tell prefixes and suffixes
//                                      apart) except a lone "<" or ">", if
//                                      char_ngram_max > 0.
//    tf(f) = how often feature f occurs in the text.
// 5. Hashing (token_hash.hpp). h = fmix64(FNV-1a-64(bytes of f)); bucket =
//    ((h mod 2^32) · dim) div 2^32, which maps the low 32 bits evenly onto
//    0 … dim−1 without a division (Lemire's range reduction); sign = −1 if
//    bit 63 of h is set, else +1. The signs make colliding features cancel
//    on average instead of adding up, so the inner products of hashed
//    vectors are unbiased estimates of the unhashed ones (Weinberger et al.
//    2009).
// 6. Weights. df(b) = number of texts having at least one feature in bucket
//    b; idf(b) = ln((1 + n) / (1 + df(b))) + 1 (scikit-learn's smooth idf);
//    x[b] = Σ over the text's distinct features f in bucket b of sign(f) ·
//    (1 + ln tf(f)) · idf(b) (sublinear tf). ln is portable_log
//    (portable_math.hpp). Sums run in order of first occurrence in the text.
// 7. x is multiplied by 1 / its L2 norm (sum of squares in order of first
//    occurrence, in double). Texts without words (empty, blank, punctuation
//    only) give the zero vector. Values are computed in double and rounded
//    to float once, at the end.
// 8. If svd_components = k > 0, the unit rows of step 7 (in double) become
//    their coordinates on the top k right singular vectors of the n × dim
//    matrix (LSA), computed by the randomized truncated SVD of
//    truncated_svd.hpp, and are L2-normalized again; the output is n × k.
//
// Determinism: no std::hash, no iteration over unordered containers, no libm
// transcendental (its last bits vary between libms), every sum in a fixed
// order, no FMA contraction. The same texts and options give bit-identical
// vectors natively and in WebAssembly.
//
// Default dim 4096: hashing adds noise to each cosine with a standard
// deviation of about sqrt((1 + cos²) / dim) (0.016–0.022 at 4096, 0.03–0.044
// at 1024), on the scale of the cosines of unrelated short texts (0–0.1).
// 4096 keeps it below what a heatmap shows; more buys little, while memory
// (n × dim floats: 164 MB for 10,000 texts) and every later n² · dim pass
// grow linearly. For many texts, svd_components (e.g. 128–256) gives small
// dense vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cosine_heatmap/progress.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

constexpr std::int32_t kMaxEmbedderDim = 1 << 20;
constexpr std::int32_t kMaxCharNgram = 16;
constexpr std::int32_t kMaxSvdComponents = 512;
// The output must fit a 32-bit WebAssembly heap with room to spare.
constexpr std::size_t kMaxEmbedderOutputFloats = std::size_t{1} << 29;  // 2 GiB

struct TextEmbedderOptions {
  std::int32_t dim = 4096;           // hashed dimension, 1 … kMaxEmbedderDim
  std::int32_t char_ngram_min = 3;   // 1 ≤ min ≤ max ≤ kMaxCharNgram
  std::int32_t char_ngram_max = 5;   // 0: no character n-grams
  bool use_bigrams = true;
  bool lowercase = true;
  std::int32_t svd_components = 0;  // 0: off; else 1 … min(dim, kMaxSvdComponents)
  // Optional; units are texts per pass (see progress.hpp). Returning false
  // stops the run with the failure "cancelled".
  ProgressCallback progress;
};

// Embeds `texts` (UTF-8) into `out`, n × dim_out floats, row-major; dim_out
// is options.dim, or options.svd_components when that is > 0. Rows have
// unit L2 norm, or are all zero for texts without words. Fails, leaving
// `out` empty and dim_out 0, on no texts, invalid options, an output beyond
// kMaxEmbedderOutputFloats, or cancellation ("cancelled").
Status embed_texts(const std::vector<std::string>& texts, const TextEmbedderOptions& options,
                   std::vector<float>& out, std::int32_t& dim_out);

}  // namespace cosine_heatmap
