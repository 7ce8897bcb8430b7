// The one way a raw call fails: it returns its value, or a plain object
// {code, message} (web/src/core-result.js turns that into a
// CosineHeatmapError with the same code). No empty strings for success, no
// null pointers, no partial error fields.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

using emscripten::val;

inline val failure_value(const Status& status) {
  val failure = val::object();
  failure.set("code", std::string(status_code_name(status.code)));
  failure.set("message", status.message);
  return failure;
}

// A call with nothing to return succeeds with `true`.
inline val done_or_failure(const Status& status) { return status.ok ? val(true) : failure_value(status); }

// A copy in a new typed array: nothing handed back views the heap.
template <typename T>
val copy_to_js(const char* type, const std::vector<T>& values) {
  return val::global(type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

// Streamed passes take a band of rows [row_begin, row_end) of the lower
// triangle; a band outside the set would read outside it.
inline Status check_row_band(const NormalizedRows& rows, std::int32_t row_begin, std::int32_t row_end) {
  if (row_begin < 0 || row_end > rows.rows || row_begin >= row_end) {
    return Status::failure("rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                           ") are not a band of a set of " + std::to_string(rows.rows) + " items");
  }
  return Status::success();
}

}  // namespace cosine_heatmap
