// Which code points make up words, and how letters are lower-cased, for the
// built-in text embedder. Table-free rules over a few Unicode blocks, not the
// Unicode database: the embedder must give the same tokens in every build,
// and a full database would be large in WebAssembly and change between
// Unicode versions.
#pragma once

namespace cosine_heatmap {

// The non-ASCII halves of the functions below (text_embedder's hot loop only
// leaves the inline ASCII path for non-ASCII text).
bool is_word_char_non_ascii(char32_t cp);
char32_t fold_case_non_ascii(char32_t cp);

// Words are maximal runs of word characters: ASCII letters and digits, and
// every code point from U+0080 up except whitespace, punctuation and symbol
// blocks (listed in word_chars.cpp) and U+FFFD, which stands for invalid
// bytes. Scripts without spaces (CJK, Thai) thus form one word per run; the
// character n-grams are what matches inside them.
inline bool is_word_char(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  return is_word_char_non_ascii(cp);
}

// Simple lower-casing for ASCII, Latin-1 Supplement, Latin Extended-A, basic
// Greek and basic Cyrillic; final sigma is folded to σ as well, so a word
// matches its upper-case spelling. Other code points are returned unchanged.
inline char32_t fold_case(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  return fold_case_non_ascii(cp);
}

}  // namespace cosine_heatmap
