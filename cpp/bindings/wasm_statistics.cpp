// The statistics half of EmbeddingSet's raw API: one streamed pass feeds
// several consumers; partial results go back to JavaScript as plain numbers
// and fresh typed arrays, where the bands of all workers are merged.
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "cosine_heatmap/analyze_pass.hpp"
#include "cosine_heatmap/gram_statistics.hpp"
#include "cosine_heatmap/group_statistics.hpp"
#include "cosine_heatmap/limits.hpp"
#include "cosine_heatmap/model_comparison.hpp"
#include "cosine_heatmap/near_duplicates.hpp"
#include "cosine_heatmap/pair_compare.hpp"
#include "cosine_heatmap/pair_histogram.hpp"
#include "cosine_heatmap/pair_sample.hpp"
#include "cosine_heatmap/share_above.hpp"
#include "cosine_heatmap/tile_fan_out.hpp"
#include "cosine_heatmap/tile_pair_stream.hpp"
#include "cosine_heatmap/top_k.hpp"
#include "wasm_embedding_set.hpp"

namespace cosine_heatmap {
namespace {

val counts_to_js(const std::vector<std::uint64_t>& counts) {
  return copy_to_js("Float64Array", std::vector<double>(counts.begin(), counts.end()));
}

val histogram_to_js(const PairHistogram& h) {
  val result = val::object();
  result.set("counts", counts_to_js(h.counts));
  result.set("count", static_cast<double>(h.count));
  result.set("sum", h.sum);
  result.set("sumSquares", h.sum_squares);
  result.set("min", h.min);
  result.set("max", h.max);
  return result;
}

val moments_to_js(const PairMoments& m) {
  val result = val::object();
  result.set("pairCount", m.pair_count);
  result.set("mean", m.mean());
  result.set("std", m.std_dev());
  return result;
}

// Partial cross moments of a band of rows, flattened so that bands computed
// in different workers can be sent to one and merged there: the counts, then
// each model's column sums and Gram matrix, then the cross products.
std::vector<double> flatten(const CrossMoments& m) {
  std::vector<double> out = {static_cast<double>(m.a.rows), static_cast<double>(m.a.nonzero_rows),
                             static_cast<double>(m.b.rows), static_cast<double>(m.b.nonzero_rows),
                             static_cast<double>(m.nonzero_in_both)};
  for (const Eigen::MatrixXd* part : {&m.a.gram, &m.b.gram, &m.cross}) out.insert(out.end(), part->data(), part->data() + part->size());
  out.insert(out.end(), m.a.column_sum.data(), m.a.column_sum.data() + m.a.column_sum.size());
  out.insert(out.end(), m.b.column_sum.data(), m.b.column_sum.data() + m.b.column_sum.size());
  return out;
}

std::size_t flat_size(std::int32_t dim_a, std::int32_t dim_b) {
  const std::size_t a = dim_a, b = dim_b;
  return 5 + a * a + b * b + a * b + a + b;
}

CrossMoments unflatten(const double* in, std::int32_t dim_a, std::int32_t dim_b) {
  CrossMoments m(dim_a, dim_b);
  m.a.rows = static_cast<std::int64_t>(in[0]);
  m.a.nonzero_rows = static_cast<std::int64_t>(in[1]);
  m.b.rows = static_cast<std::int64_t>(in[2]);
  m.b.nonzero_rows = static_cast<std::int64_t>(in[3]);
  m.nonzero_in_both = static_cast<std::int64_t>(in[4]);
  in += 5;
  for (Eigen::MatrixXd* part : {&m.a.gram, &m.b.gram, &m.cross}) {
    std::copy(in, in + part->size(), part->data());
    in += part->size();
  }
  std::copy(in, in + dim_a, m.a.column_sum.data());
  std::copy(in + dim_a, in + dim_a + dim_b, m.b.column_sum.data());
  return m;
}

// Closed-form statistics of the whole set from its (merged) moments.
val gram_statistics_to_js(const GramMoments& moments) {
  val result = moments_to_js(pair_moments(moments));
  const EffectiveDimension dimension = effective_dimension(moments);
  result.set("participationRatio", dimension.participation_ratio);
  result.set("entropyRank", dimension.entropy_rank);
  result.set("nonzeroRows", static_cast<double>(moments.nonzero_rows));
  return result;
}

// A band's Gram moments flattened for the trip to the merging worker: the
// two row counts, the column sums, then X̂ᵀX̂.
std::vector<double> flatten(const GramMoments& m) {
  std::vector<double> out = {static_cast<double>(m.rows), static_cast<double>(m.nonzero_rows)};
  out.insert(out.end(), m.column_sum.data(), m.column_sum.data() + m.column_sum.size());
  out.insert(out.end(), m.gram.data(), m.gram.data() + m.gram.size());
  return out;
}

std::size_t flat_size(std::int32_t dim) {
  return 2 + static_cast<std::size_t>(dim) + static_cast<std::size_t>(dim) * static_cast<std::size_t>(dim);
}

GramMoments unflatten(const double* in, std::int32_t dim) {
  GramMoments m(dim);
  m.rows = static_cast<std::int64_t>(in[0]);
  m.nonzero_rows = static_cast<std::int64_t>(in[1]);
  std::copy(in + 2, in + 2 + dim, m.column_sum.data());
  std::copy(in + 2 + dim, in + flat_size(dim), m.gram.data());
  return m;
}

// A count, seed or stream number that JavaScript sends as a double.
bool is_count(double value) { return value >= 0 && value <= 9007199254740991.0 && std::floor(value) == value; }

val comparison_to_js(const ModelComparison& comparison) {
  val result = val::object();
  result.set("a", moments_to_js(comparison.a));
  result.set("b", moments_to_js(comparison.b));
  result.set("pearson", comparison.pearson);
  result.set("linearCka", comparison.linear_cka);
  return result;
}

// The closed forms hold d×d moment matrices (dA², dB² and dA·dB doubles for
// a comparison, each held again by the eigensolver or a merge). Without C++
// exceptions an allocation that fails aborts the module and every set in it,
// so the size is refused first, with the reason.
constexpr double kMaxMomentBytes = 1024.0 * 1024.0 * 1024.0;

Status check_moment_size(const char* operation, std::int32_t dim_a, std::int32_t dim_b) {
  const double a = dim_a, b = dim_b;
  const double bytes = 2.0 * 8.0 * (a * a + b * b + a * b);
  if (bytes <= kMaxMomentBytes) return Status::success();
  return Status::failure(std::string(operation) + ": the closed forms at d = " + std::to_string(dim_a) +
                             (dim_a == dim_b ? "" : " and " + std::to_string(dim_b)) + " need " +
                             std::to_string(static_cast<long long>(bytes / (1024.0 * 1024.0))) +
                             " MiB of moment matrices, over the 1024 MiB a worker sets aside for them: reduce the dimension (e.g. PCA) first",
                         StatusCode::TooLarge);
}

}  // namespace

val WasmEmbeddingSet::analyze_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t bins,
                                   float duplicate_threshold, std::int32_t duplicate_bound, val thresholds) {
  Status status = check_row_band(rows_, row_begin, row_end);
  if (status.ok && (bins < 1 || duplicate_bound < 0)) {
    status = Status::failure("bins must be at least 1 and the near-duplicate bound at least 0");
  }
  if (!status.ok) return failure_value(status);
  AnalyzePassConsumer pass(rows_.rows, bins, kQuantileBins, duplicate_threshold,
                           static_cast<std::size_t>(duplicate_bound), emscripten::vecFromJSArray<float>(thresholds));
  stream_lower_tiles(rows_, row_begin, row_end, pass, workspace_, tile_buffer_);
  const NearDuplicateConsumer& duplicates = pass.duplicates();

  val result = histogram_to_js(pass.histogram());
  result.set("fineCounts", counts_to_js(pass.fine().counts));
  result.set("nearDuplicateCount", static_cast<double>(duplicates.count()));
  const std::vector<ScoredPair> pairs = duplicates.sorted_pairs();
  std::vector<std::int32_t> pair_i, pair_j;
  std::vector<float> pair_score;
  for (const ScoredPair& p : pairs) {
    pair_i.push_back(p.i);
    pair_j.push_back(p.j);
    pair_score.push_back(p.score);
  }
  result.set("pairI", copy_to_js("Int32Array", pair_i));
  result.set("pairJ", copy_to_js("Int32Array", pair_j));
  result.set("pairScore", copy_to_js("Float32Array", pair_score));
  const NeighbourLists lists = pass.best().lists();
  result.set("bestScore", copy_to_js("Float32Array", lists.scores));
  result.set("bestIndex", copy_to_js("Int32Array", lists.indices));
  result.set("shareCounts", counts_to_js(pass.share().counts_at_or_above()));
  return result;
}

val WasmEmbeddingSet::pair_sample(std::int32_t row_begin, std::int32_t row_end, double pairs, double seed,
                                  double stream, std::int32_t bins, val thresholds) {
  Status status = check_row_band(rows_, row_begin, row_end);
  if (status.ok && (bins < 1 || !is_count(pairs) || !is_count(seed) || !is_count(stream))) {
    status = Status::failure("sample: bins must be at least 1, and pairs, seed and stream integers from 0 to 2^53 - 1");
  }
  std::vector<SampledPair> drawn;
  std::vector<float> values;
  if (status.ok) {
    status = sample_pairs(row_begin, row_end, static_cast<std::uint64_t>(pairs), static_cast<std::uint64_t>(seed),
                          static_cast<std::uint64_t>(stream), drawn);
  }
  if (status.ok) status = sampled_similarities(rows_, drawn, values);
  if (!status.ok) return failure_value(status);
  PairHistogramConsumer histogram(bins);
  PairHistogramConsumer fine(kQuantileBins);
  ShareAboveConsumer share(emscripten::vecFromJSArray<float>(thresholds));
  TileFanOut fan_out;
  fan_out.add(histogram);
  fan_out.add(fine);
  fan_out.add(share);
  consume_values(values, fan_out);
  val result = histogram_to_js(histogram.histogram());
  result.set("fineCounts", counts_to_js(fine.histogram().counts));
  result.set("shareCounts", counts_to_js(share.counts_at_or_above()));
  return result;
}

val WasmEmbeddingSet::gram_statistics() {
  const Status size = check_moment_size("analyze", rows_.dim, 0);
  if (!size.ok) return failure_value(size);
  GramMoments moments(rows_.dim);
  const Status status = accumulate_gram_moments(rows_, 0, rows_.rows, moments, workspace_);
  if (!status.ok) return failure_value(status);
  return gram_statistics_to_js(moments);
}

val WasmEmbeddingSet::gram_moments_band(std::int32_t row_begin, std::int32_t row_end) {
  Status status = check_moment_size("analyze", rows_.dim, 0);
  if (!status.ok) return failure_value(status);
  GramMoments moments(rows_.dim);
  status = check_row_band(rows_, row_begin, row_end);
  if (status.ok) status = accumulate_gram_moments(rows_, row_begin, row_end, moments, workspace_);
  if (!status.ok) return failure_value(status);
  val result = val::object();
  result.set("moments", copy_to_js("Float64Array", flatten(moments)));
  return result;
}

val WasmEmbeddingSet::gram_statistics_from_bands(std::uintptr_t parts, std::int32_t count) {
  if (count < 1) return failure_value(Status::failure("analyze: no band moments to merge"));
  const Status size = check_moment_size("analyze", rows_.dim, 0);
  if (!size.ok) return failure_value(size);
  const auto* flat = reinterpret_cast<const double*>(parts);
  GramMoments total(rows_.dim);
  for (std::int32_t k = 0; k < count; ++k) total.merge(unflatten(flat + k * flat_size(rows_.dim), rows_.dim));
  if (total.rows != rows_.rows) {
    return failure_value(Status::failure("analyze: the band moments cover " + std::to_string(total.rows) +
                                         " rows of a set of " + std::to_string(rows_.rows)));
  }
  return gram_statistics_to_js(total);
}

val WasmEmbeddingSet::group_statistics(std::uintptr_t groups, std::int32_t count) {
  if (count != rows_.rows) {
    return failure_value(Status::failure("groups: " + std::to_string(count) + " group ids for " +
                                         std::to_string(rows_.rows) + " items"));
  }
  const auto* ids = reinterpret_cast<const std::int32_t*>(groups);
  std::int32_t group_count = 0;
  for (std::int32_t i = 0; i < count; ++i) group_count = std::max(group_count, ids[i] + 1);
  GroupSums sums(group_count, rows_.dim);
  Status status = accumulate_group_sums(rows_, ids, 0, rows_.rows, sums);
  if (!status.ok) return failure_value(status);
  const GroupSimilarity similarity = group_similarity(sums);
  val result = val::object();
  result.set("withinMean", similarity.within_mean);
  result.set("betweenMean", similarity.between_mean);
  result.set("withinPairs", similarity.within_pairs);
  result.set("betweenPairs", similarity.between_pairs);
  result.set("groupWithinMean", copy_to_js("Float64Array", similarity.group_within_mean));
  double silhouette = std::numeric_limits<double>::quiet_NaN();
  status = silhouette_score(rows_, ids, sums, silhouette);
  // An undefined silhouette (fewer than 2 non-empty groups) is a result,
  // not a failure: the rest of the numbers stand, and the note says why.
  result.set("silhouette", silhouette);
  if (!status.ok) result.set("silhouetteNote", status.message);
  return result;
}

val WasmEmbeddingSet::top_k_pass(std::int32_t row_begin, std::int32_t row_end, std::int32_t k) {
  Status status = check_row_band(rows_, row_begin, row_end);
  if (status.ok && (k < 1 || k >= rows_.rows)) {
    status = Status::failure("k must be from 1 to " + std::to_string(rows_.rows - 1) + ", got " + std::to_string(k));
  }
  if (!status.ok) return failure_value(status);
  TopKConsumer top(rows_.rows, k);
  stream_lower_tiles(rows_, row_begin, row_end, top, workspace_, tile_buffer_);
  const NeighbourLists lists = top.lists();
  val result = val::object();
  result.set("k", lists.k);
  result.set("indices", copy_to_js("Int32Array", lists.indices));
  result.set("scores", copy_to_js("Float32Array", lists.scores));
  return result;
}

val WasmEmbeddingSet::compare_moments(const WasmEmbeddingSet& other) {
  Status status = check_moment_size("compare", rows_.dim, other.rows_.dim);
  if (!status.ok) return failure_value(status);
  CrossMoments moments(rows_.dim, other.rows_.dim);
  status = accumulate_cross_moments(rows_, other.rows_, 0, rows_.rows, moments, workspace_);
  if (!status.ok) return failure_value(status);
  return comparison_to_js(compare_models(moments));
}

val WasmEmbeddingSet::cross_moments_band(const WasmEmbeddingSet& other, std::int32_t row_begin,
                                         std::int32_t row_end) {
  Status status = check_moment_size("compare", rows_.dim, other.rows_.dim);
  if (!status.ok) return failure_value(status);
  CrossMoments moments(rows_.dim, other.rows_.dim);
  status = accumulate_cross_moments(rows_, other.rows_, row_begin, row_end, moments, workspace_);
  if (!status.ok) return failure_value(status);
  val result = val::object();
  result.set("moments", copy_to_js("Float64Array", flatten(moments)));
  return result;
}

val WasmEmbeddingSet::compare_from_bands(const WasmEmbeddingSet& other, std::uintptr_t parts, std::int32_t count) {
  const std::int32_t dim_a = rows_.dim, dim_b = other.rows_.dim;
  const std::size_t size = flat_size(dim_a, dim_b);
  if (other.rows_.rows != rows_.rows || count < 1) {
    return failure_value(Status::failure("compare: nothing to merge, or sets of different sizes"));
  }
  const Status moment_size = check_moment_size("compare", dim_a, dim_b);
  if (!moment_size.ok) return failure_value(moment_size);
  const auto* flat = reinterpret_cast<const double*>(parts);
  CrossMoments total(dim_a, dim_b);
  for (std::int32_t k = 0; k < count; ++k) total.merge(unflatten(flat + k * size, dim_a, dim_b));
  return comparison_to_js(compare_models(total));
}

val WasmEmbeddingSet::compare_pass(const WasmEmbeddingSet& other) {
  const RankGrid grid = sample_rank_grid(rows_, other.rows_);
  PairCompareConsumer consumer(grid);
  std::vector<float> buffer_a, buffer_b;
  const Status status =
      stream_lower_tile_pairs(rows_, other.rows_, 0, rows_.rows, consumer, workspace_, buffer_a, buffer_b);
  if (!status.ok) return failure_value(status);
  val result = val::object();
  result.set("pairCount", static_cast<double>(consumer.pair_count()));
  result.set("meanAbsoluteDifference", consumer.mean_absolute_difference());
  result.set("maxAbsoluteDifference", consumer.max_absolute_difference());
  result.set("spearman", consumer.spearman());
  return result;
}

}  // namespace cosine_heatmap
