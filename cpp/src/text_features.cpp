#include "cosine_heatmap/text_features.hpp"

#include <algorithm>

#include "cosine_heatmap/token_hash.hpp"
#include "cosine_heatmap/utf8.hpp"
#include "cosine_heatmap/word_chars.hpp"

namespace cosine_heatmap {

FeatureCounter::FeatureCounter() : slots_(1024, Slot{0, 0, 0}), mask_(1023) {}

void FeatureCounter::clear() {
  entries_.clear();
  if (++generation_ == 0) {
    // Generation 0 marks never-used slots; after 2^32 texts start over.
    std::fill(slots_.begin(), slots_.end(), Slot{0, 0, 0});
    generation_ = 1;
  }
}

void FeatureCounter::grow() {
  slots_.assign(slots_.size() * 2, Slot{0, 0, 0});
  mask_ = slots_.size() - 1;
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    std::size_t i = static_cast<std::size_t>(entries_[e].hash >> 32) & mask_;
    while (slots_[i].generation == generation_) i = (i + 1) & mask_;
    slots_[i] = Slot{entries_[e].hash, generation_, static_cast<std::uint32_t>(e)};
  }
}

TextFeaturizer::TextFeaturizer(const FeatureOptions& options)
    : options_(options),
      word_prefix_(fnv1a_extend(kFnvOffsetBasis, "w:", 2)),
      bigram_prefix_(fnv1a_extend(kFnvOffsetBasis, "b:", 2)),
      char_prefix_(fnv1a_extend(kFnvOffsetBasis, "c:", 2)) {
  word_.reserve(64);
  char_start_.reserve(64);
  previous_word_.reserve(64);
}

void TextFeaturizer::featurize(const std::string& text, FeatureCounter& counter) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  has_previous_word_ = false;
  bool in_word = false;
  std::size_t pos = 0;
  while (pos < size) {
    char32_t cp = bytes[pos];
    pos += cp < 0x80 ? 1 : decode_utf8(bytes, size, pos, cp);
    if (!is_word_char(cp)) {
      if (in_word) flush_word(counter);
      in_word = false;
      continue;
    }
    if (!in_word) {
      word_.assign(1, '<');
      char_start_.assign(1, 0);
      in_word = true;
    }
    char_start_.push_back(word_.size());
    if (options_.lowercase) cp = fold_case(cp);
    if (cp < 0x80) {
      word_.push_back(static_cast<char>(cp));
    } else {
      append_utf8(cp, word_);
    }
  }
  if (in_word) flush_word(counter);
}

void TextFeaturizer::flush_word(FeatureCounter& counter) {
  char_start_.push_back(word_.size());
  word_.push_back('>');
  char_start_.push_back(word_.size());
  const char* word = word_.data() + 1;
  const std::size_t word_size = word_.size() - 2;

  counter.add(fmix64(fnv1a_extend(word_prefix_, word, word_size)));
  if (options_.use_bigrams) {
    if (has_previous_word_) {
      std::uint64_t state = fnv1a_extend(bigram_prefix_, previous_word_.data(), previous_word_.size());
      state = fnv1a_extend(state, static_cast<unsigned char>(' '));
      counter.add(fmix64(fnv1a_extend(state, word, word_size)));
    }
    previous_word_.assign(word, word_size);
    has_previous_word_ = true;
  }
  if (options_.char_ngram_max <= 0) return;

  // All n-grams starting at one code point share a prefix, so one FNV state
  // walks forward and each length is finalized on the way.
  const std::size_t chars = char_start_.size() - 1;  // markers included
  const std::size_t min_n = static_cast<std::size_t>(options_.char_ngram_min);
  const std::size_t max_n = static_cast<std::size_t>(options_.char_ngram_max);
  if (chars == word_.size()) {
    // ASCII-only word: code points are bytes (the same hashes, faster).
    const auto* bytes = reinterpret_cast<const unsigned char*>(word_.data());
    for (std::size_t begin = 0; begin < chars; ++begin) {
      std::uint64_t state = char_prefix_;
      const std::size_t end = std::min(chars, begin + max_n);
      for (std::size_t c = begin; c < end; ++c) {
        state = fnv1a_extend(state, bytes[c]);
        const std::size_t n = c + 1 - begin;
        if (n < min_n || (n == 1 && (c == 0 || c + 1 == chars))) continue;
        counter.add(fmix64(state));
      }
    }
    return;
  }
  for (std::size_t begin = 0; begin < chars; ++begin) {
    std::uint64_t state = char_prefix_;
    const std::size_t end = std::min(chars, begin + max_n);
    for (std::size_t c = begin; c < end; ++c) {
      state = fnv1a_extend(state, word_.data() + char_start_[c], char_start_[c + 1] - char_start_[c]);
      const std::size_t n = c + 1 - begin;
      if (n < min_n) continue;
      if (n == 1 && (c == 0 || c + 1 == chars)) continue;  // a lone marker
      counter.add(fmix64(state));
    }
  }
}

}  // namespace cosine_heatmap
