// The core reports failures as values, not exceptions: the WASM build runs
// without C++ exception support (it would slow every call), and the
// JavaScript layer turns a failed Status into one Error class whose `code`
// is status_code_name(code).
#pragma once

#include <string>
#include <utility>

namespace cosine_heatmap {

// Why a call failed, as callers branch on it. Crosses to JavaScript as an
// Embind enum and as the error's string code (status_code_name).
enum class StatusCode {
  Ok,
  InvalidArgument,  // the input or an option is not acceptable
  TooLarge,         // the work exceeds a documented limit (items, bytes, dimensions)
  OutOfMemory,      // the heap could not grow to hold the result
  Cancelled,        // the caller asked to stop
};

inline const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::Ok: return "OK";
    case StatusCode::InvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::TooLarge: return "TOO_LARGE";
    case StatusCode::OutOfMemory: return "OUT_OF_MEMORY";
    case StatusCode::Cancelled: return "ABORT_ERR";
  }
  return "CORE_ERROR";
}

struct Status {
  bool ok = true;
  std::string message;
  StatusCode code = StatusCode::Ok;

  static Status success() { return {}; }
  static Status failure(std::string message, StatusCode code = StatusCode::InvalidArgument) {
    return {false, std::move(message), code};
  }
};

}  // namespace cosine_heatmap
