#include "cosine_heatmap/word_chars.hpp"

namespace cosine_heatmap {

bool is_word_char_non_ascii(char32_t cp) {
  // Latin-1: C1 controls, NBSP and the punctuation/symbols U+00A1–U+00BF,
  // except the letters ª µ º; × and ÷ sit among the letters.
  if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp < 0x0370) return true;
  switch (cp) {
    case 0x037E:  // Greek question mark
    case 0x0387:  // Greek ano teleia
    case 0x055D:  // Armenian comma
    case 0x0589:  // Armenian full stop
    case 0x05BE:  // Hebrew maqaf
    case 0x05C0:  // Hebrew paseq
    case 0x05C3:  // Hebrew sof pasuq
    case 0x060C:  // Arabic comma
    case 0x061B:  // Arabic semicolon
    case 0x061F:  // Arabic question mark
    case 0x066A:  // Arabic percent sign
    case 0x06D4:  // Arabic full stop
    case 0x0964:  // Devanagari danda
    case 0x0965:  // Devanagari double danda
    case 0x0E5A:  // Thai angkhankhu
    case 0x0E5B:  // Thai khomut
    case 0x1680:  // Ogham space mark
    case 0xFEFF:  // byte order mark / zero-width no-break space
    case 0xFFFD:  // replacement character: invalid bytes separate words
      return false;
    default:
      break;
  }
  // General Punctuation (spaces, dashes, quotes, zero-width marks),
  // super/subscripts, currency, letterlike symbols, number forms, arrows,
  // mathematical operators, technical, box drawing, shapes, dingbats: all
  // of U+2000–U+2BFF separates words.
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // Supplemental Punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK Symbols and Punctuation
  if (cp >= 0xFE10 && cp <= 0xFE1F) return false;  // Vertical Forms
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;  // CJK Compatibility / Small Forms
  // Fullwidth ASCII punctuation and halfwidth CJK punctuation.
  if (cp >= 0xFF01 && cp <= 0xFF0F) return false;
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;
  return true;
}

char32_t fold_case_non_ascii(char32_t cp) {
  // Latin-1 Supplement: À–Þ → à–þ, × (U+00D7) excepted.
  if (cp >= 0xC0 && cp <= 0xDE) return cp == 0xD7 ? cp : cp + 0x20;
  if (cp < 0x0100) return cp;
  // Latin Extended-A: upper/lower pairs, upper first, in three runs that
  // switch parity; İ lower-cases to i (Unicode's simple mapping), Ÿ to ÿ.
  if (cp <= 0x017F) {
    if (cp == 0x0130) return 'i';
    if (cp == 0x0178) return 0xFF;
    if ((cp <= 0x012F || (cp >= 0x0132 && cp <= 0x0137) || (cp >= 0x014A && cp <= 0x0177)) &&
        cp % 2 == 0) {
      return cp + 1;
    }
    if (((cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E)) && cp % 2 == 1) {
      return cp + 1;
    }
    return cp;
  }
  // Basic Greek: Α–Ω (U+03A2 is unassigned), the accented capitals, and ς.
  if (cp >= 0x0386 && cp <= 0x03C2) {
    if (cp >= 0x0391 && cp <= 0x03AB && cp != 0x03A2) return cp + 0x20;
    if (cp == 0x0386) return 0x03AC;
    if (cp >= 0x0388 && cp <= 0x038A) return cp + 0x25;
    if (cp == 0x038C) return 0x03CC;
    if (cp == 0x038E || cp == 0x038F) return cp + 0x3F;
    if (cp == 0x03C2) return 0x03C3;
    return cp;
  }
  // Basic Cyrillic: Ѐ–Џ → ѐ–џ, А–Я → а–я.
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
  return cp;
}

}  // namespace cosine_heatmap
