// UTF-8 decoding that cannot fail: texts come from users' files and pastes,
// which are not always valid UTF-8, and a bad byte must not stop (or crash)
// an embedding run. Header-only because the tokenizer calls it per code point.
#pragma once

#include <cstddef>
#include <string>

namespace cosine_heatmap {

constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos] (pos < size) into `cp` and
// returns how many bytes it used. A byte that does not start a valid,
// shortest-form sequence of a scalar value (stray continuation bytes,
// truncated sequences, overlong forms, surrogates, values above U+10FFFF)
// gives U+FFFD and consumes that one byte, so decoding resynchronizes on the
// next byte and no input can read past `size`.
inline std::size_t decode_utf8(const unsigned char* text, std::size_t size, std::size_t pos,
                               char32_t& cp) {
  const unsigned b0 = text[pos];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t length;
  char32_t value;
  char32_t min_value;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    value = b0 & 0x1F;
    min_value = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    value = b0 & 0x0F;
    min_value = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    value = b0 & 0x07;
    min_value = 0x10000;
  } else {
    cp = kReplacementChar;
    return 1;
  }
  if (size - pos < length) {
    cp = kReplacementChar;
    return 1;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned b = text[pos + k];
    if ((b & 0xC0) != 0x80) {
      cp = kReplacementChar;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    cp = kReplacementChar;
    return 1;
  }
  cp = value;
  return length;
}

// Appends the UTF-8 form of a scalar value (the decoder only yields those).
inline void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace cosine_heatmap
