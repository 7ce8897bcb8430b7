// Steps 1–5 of the built-in text embedder (text_embedder.hpp): one text in,
// the hashes of its distinct features with their counts out. Split from the
// TF-IDF weighting because this is the hot loop: it hashes straight from a
// reused word buffer and counts in a reused table, so a text costs no heap
// allocation once the buffers have grown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cosine_heatmap {

struct FeatureCount {
  std::uint64_t hash;
  std::uint32_t count;
};

// Counts feature hashes; entries() lists distinct ones in order of first
// occurrence, which fixes the order of every later sum. Open addressing with
// a generation stamp per slot, so clear() costs nothing per slot.
class FeatureCounter {
 public:
  FeatureCounter();
  void clear();
  inline void add(std::uint64_t hash);
  const std::vector<FeatureCount>& entries() const { return entries_; }

 private:
  // The hash is kept in the slot too, so a probe reads one place.
  struct Slot {
    std::uint64_t hash;
    std::uint32_t generation;
    std::uint32_t entry;
  };
  void grow();

  std::vector<Slot> slots_;
  std::vector<FeatureCount> entries_;
  std::size_t mask_;
  std::uint32_t generation_ = 1;
};

// Inline: the tokenizer calls it for every feature.
inline void FeatureCounter::add(std::uint64_t hash) {
  // The high half picks the slot; the low half is the bucket later on.
  std::size_t i = static_cast<std::size_t>(hash >> 32) & mask_;
  for (;;) {
    Slot& slot = slots_[i];
    if (slot.generation != generation_) {
      slot = Slot{hash, generation_, static_cast<std::uint32_t>(entries_.size())};
      entries_.push_back(FeatureCount{hash, 1});
      if (entries_.size() * 2 > slots_.size()) grow();
      return;
    }
    if (slot.hash == hash) {
      ++entries_[slot.entry].count;
      return;
    }
    i = (i + 1) & mask_;
  }
}

struct FeatureOptions {
  std::int32_t char_ngram_min = 3;
  std::int32_t char_ngram_max = 5;  // 0: none
  bool use_bigrams = true;
  bool lowercase = true;
};

class TextFeaturizer {
 public:
  explicit TextFeaturizer(const FeatureOptions& options);
  // Adds the features of one UTF-8 text to `counter` (not cleared here).
  void featurize(const std::string& text, FeatureCounter& counter);

 private:
  void flush_word(FeatureCounter& counter);

  FeatureOptions options_;
  std::uint64_t word_prefix_;  // FNV-1a states after "w:", "b:", "c:"
  std::uint64_t bigram_prefix_;
  std::uint64_t char_prefix_;
  std::string word_;                     // "<" + folded word + ">"
  std::vector<std::size_t> char_start_;  // code point offsets in word_, then its size
  std::string previous_word_;            // folded, without markers
  bool has_previous_word_ = false;
};

}  // namespace cosine_heatmap
