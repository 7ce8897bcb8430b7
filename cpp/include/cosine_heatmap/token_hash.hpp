// The fixed hash of the built-in text embedder's features. It is part of the
// method (changing it changes every vector), so it is spelled out here rather
// than taken from std::hash, whose values differ between standard libraries.
//
// hash(s) = fmix64(FNV-1a-64(s)) over the bytes of s, where FNV-1a-64 starts
// from 0xcbf29ce484222325 and, per byte, xors the byte in and multiplies by
// 0x100000001b3 (mod 2^64), and fmix64 is MurmurHash3's 64-bit finalizer.
// FNV-1a can be extended byte by byte, which lets the tokenizer hash all
// n-grams that start at one position in a single pass and hash straight from
// the text without building token strings; the finalizer fixes FNV's weak
// low bits, which the bucket index uses.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cosine_heatmap {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

inline std::uint64_t fnv1a_extend(std::uint64_t state, const char* bytes, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    state ^= static_cast<unsigned char>(bytes[i]);
    state *= kFnvPrime;
  }
  return state;
}

inline std::uint64_t fnv1a_extend(std::uint64_t state, unsigned char byte) {
  return (state ^ byte) * kFnvPrime;
}

inline std::uint64_t fmix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline std::uint64_t token_hash(const char* bytes, std::size_t size) {
  return fmix64(fnv1a_extend(kFnvOffsetBasis, bytes, size));
}

}  // namespace cosine_heatmap
