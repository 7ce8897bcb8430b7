// The core reports failures as values, not exceptions: the WASM build runs
// without C++ exception support (it would slow every call), and the
// JavaScript layer turns a failed Status into one Error class.
#pragma once

#include <string>
#include <utility>

namespace cosine_heatmap {

struct Status {
  bool ok = true;
  std::string message;

  static Status success() { return {}; }
  static Status failure(std::string message) { return {false, std::move(message)}; }
};

}  // namespace cosine_heatmap
