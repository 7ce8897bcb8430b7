// L2 row normalization: the one place where raw input is checked and turned
// into the unit vectors every similarity is computed from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

// Row-major n×d unit rows (float32), plus the rows that were all zero. Zero
// rows stay zero, as scikit-learn's normalize() leaves them, so they have
// similarity 0 with everything, themselves included.
struct NormalizedRows {
  std::int32_t rows = 0;
  std::int32_t dim = 0;
  std::vector<float> data;
  std::vector<std::int32_t> zero_rows;

  const float* row(std::int32_t i) const { return data.data() + static_cast<std::size_t>(i) * dim; }
};

// Rejects NaN and ±Inf, naming the first offending row and column. Both are
// 0-based indices, the way the API and the heatmap number items; the message
// says so, since file formats count lines from 1.
Status normalize_rows(const float* x, std::int32_t n, std::int32_t d, NormalizedRows& out);
Status normalize_rows(const double* x, std::int32_t n, std::int32_t d, NormalizedRows& out);

// The same for raw float32 values already stored in rows.data (rows.rows ×
// rows.dim): no second n×d buffer, which matters at n = 1,000,000.
Status normalize_rows_in_place(NormalizedRows& rows);

}  // namespace cosine_heatmap
