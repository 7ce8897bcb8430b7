// Contracting a*b+c into one fused multiply-add would change the last bits
// wherever the target has FMA (e.g. -march=native, ARM64), and so break the
// bit-identical results between builds. Both compilers contract by default.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "cosine_heatmap/text_embedder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cosine_heatmap/portable_math.hpp"
#include "cosine_heatmap/text_features.hpp"
#include "cosine_heatmap/truncated_svd.hpp"

namespace cosine_heatmap {
namespace {

constexpr std::uint32_t kNegativeBit = 0x80000000u;

Status validate(const std::vector<std::string>& texts, const TextEmbedderOptions& options,
                std::int32_t dim_out) {
  if (texts.empty()) return Status::failure("no texts to embed");
  if (texts.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    return Status::failure("at most 2147483647 texts, got " +
                           std::to_string(texts.size()));
  }
  if (options.dim < 1 || options.dim > kMaxEmbedderDim) {
    return Status::failure("dim must be between 1 and " +
                           std::to_string(kMaxEmbedderDim) + ", got " +
                           std::to_string(options.dim));
  }
  if (options.char_ngram_max != 0 &&
      (options.char_ngram_min < 1 || options.char_ngram_min > options.char_ngram_max ||
       options.char_ngram_max > kMaxCharNgram)) {
    return Status::failure(
        "character n-gram sizes must satisfy 1 <= charNgramMin <= "
        "charNgramMax <= " +
        std::to_string(kMaxCharNgram) + " (or charNgramMax = 0 for none), got min " +
        std::to_string(options.char_ngram_min) + ", max " + std::to_string(options.char_ngram_max));
  }
  const std::int32_t max_components = std::min(options.dim, kMaxSvdComponents);
  if (options.svd_components < 0 || options.svd_components > max_components) {
    return Status::failure("svdComponents must be between 0 (off) and " +
                           std::to_string(max_components) + " (the smaller of dim and " +
                           std::to_string(kMaxSvdComponents) + "), got " +
                           std::to_string(options.svd_components));
  }
  // The SVD's dense work matrices (rows × l and dim × l doubles, each held
  // twice while orthonormalized) count against the same budget.
  const std::size_t n = texts.size();
  std::size_t floats = n * static_cast<std::size_t>(dim_out);
  if (options.svd_components > 0) {
    const std::size_t l = static_cast<std::size_t>(options.svd_components + kSvdOversampling);
    floats += 2 * 2 * l * (n + static_cast<std::size_t>(options.dim)) * (sizeof(double) / sizeof(float));
  }
  if (floats > kMaxEmbedderOutputFloats) {
    return Status::failure(std::to_string(n) + " texts at dimension " +
                           std::to_string(dim_out) + " would need " +
                           std::to_string(floats * sizeof(float) >> 20) + " MB, more than the " +
                           std::to_string(kMaxEmbedderOutputFloats * sizeof(float) >> 20) +
                           " MB limit: lower dim or svdComponents");
  }
  return Status::success();
}

struct HashedFeature {
  std::uint32_t bucket_and_sign;  // bucket | kNegativeBit for sign −1
  std::uint32_t count;
};

// The hashed features of all texts: per text, its distinct features in
// order of first occurrence.
struct HashedCorpus {
  std::vector<std::size_t> row_start{0};
  std::vector<HashedFeature> features;
  std::vector<std::int32_t> document_frequency;
};

bool hash_texts(const std::vector<std::string>& texts, const TextEmbedderOptions& options,
                ProgressReporter& progress, HashedCorpus& corpus) {
  TextFeaturizer featurizer(FeatureOptions{options.char_ngram_min, options.char_ngram_max,
                                           options.use_bigrams, options.lowercase});
  FeatureCounter counter;
  const auto dim = static_cast<std::uint32_t>(options.dim);
  corpus.row_start.reserve(texts.size() + 1);
  // About two distinct features per byte of prose; reserving saves the
  // copies of a growing vector, capped so that long repetitive texts do not
  // reserve far more than they use.
  std::size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  corpus.features.reserve(std::min<std::size_t>(2 * bytes, std::size_t{1} << 23));
  corpus.document_frequency.assign(dim, 0);
  std::vector<std::int32_t> last_text(dim, -1);
  for (std::size_t t = 0; t < texts.size(); ++t) {
    counter.clear();
    featurizer.featurize(texts[t], counter);
    const auto text = static_cast<std::int32_t>(t);
    for (const FeatureCount& feature : counter.entries()) {
      const auto bucket = static_cast<std::uint32_t>(
          ((feature.hash & 0xffffffffu) * static_cast<std::uint64_t>(dim)) >> 32);
      const std::uint32_t sign = (feature.hash >> 63) != 0 ? kNegativeBit : 0u;
      corpus.features.push_back(HashedFeature{bucket | sign, feature.count});
      if (last_text[bucket] != text) {
        last_text[bucket] = text;
        ++corpus.document_frequency[bucket];
      }
    }
    corpus.row_start.push_back(corpus.features.size());
    if (!progress.advance(1)) return false;
  }
  return true;
}

// Steps 6–7 of the method for every text: calls emit(text, buckets, values,
// norm) with the text's touched buckets in order of first occurrence, their
// summed weights, and the L2 norm (0 for a text without features).
template <typename Emit>
bool weigh_texts(const HashedCorpus& corpus, std::int32_t dim, ProgressReporter& progress,
                 Emit emit) {
  const std::size_t n = corpus.row_start.size() - 1;
  std::vector<double> idf(static_cast<std::size_t>(dim), 0.0);
  for (std::int32_t b = 0; b < dim; ++b) {
    const std::int32_t df = corpus.document_frequency[b];
    if (df > 0) idf[b] = portable_log((1.0 + n) / (1.0 + df)) + 1.0;
  }
  std::vector<double> sublinear_tf(64);
  for (std::size_t c = 1; c < sublinear_tf.size(); ++c) {
    sublinear_tf[c] = 1.0 + portable_log(static_cast<double>(c));
  }

  std::vector<double> sum(static_cast<std::size_t>(dim), 0.0);
  std::vector<std::int32_t> last_text(static_cast<std::size_t>(dim), -1);
  std::vector<std::uint32_t> touched;
  for (std::size_t t = 0; t < n; ++t) {
    const auto text = static_cast<std::int32_t>(t);
    touched.clear();
    for (std::size_t e = corpus.row_start[t]; e < corpus.row_start[t + 1]; ++e) {
      const HashedFeature feature = corpus.features[e];
      const std::uint32_t bucket = feature.bucket_and_sign & ~kNegativeBit;
      const std::uint32_t c = feature.count;
      const double tf = c < sublinear_tf.size() ? sublinear_tf[c] : 1.0 + portable_log(c);
      double weight = tf * idf[bucket];
      if ((feature.bucket_and_sign & kNegativeBit) != 0) weight = -weight;
      if (last_text[bucket] != text) {
        last_text[bucket] = text;
        touched.push_back(bucket);
        sum[bucket] = weight;
      } else {
        sum[bucket] += weight;
      }
    }
    double norm2 = 0.0;
    for (std::uint32_t bucket : touched) norm2 += sum[bucket] * sum[bucket];
    emit(t, touched, sum, std::sqrt(norm2));
    if (!progress.advance(1)) return false;
  }
  return true;
}

bool embed_hashed(const HashedCorpus& corpus, std::int32_t dim, ProgressReporter& progress,
                  std::vector<float>& out) {
  const std::size_t n = corpus.row_start.size() - 1;
  // Rows are zeroed one at a time, just before their few hundred entries
  // land in them: zeroing all n × dim first and scattering later would
  // fetch the whole output from memory a second time.
  out.clear();
  out.reserve(n * static_cast<std::size_t>(dim));
  return weigh_texts(corpus, dim, progress,
                     [&out, dim](std::size_t, const std::vector<std::uint32_t>& touched,
                                 const std::vector<double>& sum, double norm) {
                       out.resize(out.size() + static_cast<std::size_t>(dim), 0.0f);
                       if (norm == 0.0) return;
                       float* row = out.data() + out.size() - static_cast<std::size_t>(dim);
                       const double scale = 1.0 / norm;
                       for (std::uint32_t b : touched) row[b] = static_cast<float>(sum[b] * scale);
                     });
}

Status embed_reduced(const HashedCorpus& corpus, std::int32_t dim, std::int32_t components,
                     ProgressReporter& progress, std::vector<float>& out) {
  const std::size_t n = corpus.row_start.size() - 1;
  SparseRows a;
  a.rows = static_cast<std::int32_t>(n);
  a.cols = dim;
  a.row_start.reserve(n + 1);
  a.col.reserve(corpus.features.size());
  a.value.reserve(corpus.features.size());
  const bool weighed = weigh_texts(
      corpus, dim, progress,
      [&a](std::size_t, const std::vector<std::uint32_t>& touched, const std::vector<double>& sum,
           double norm) {
        if (norm != 0.0) {
          const double scale = 1.0 / norm;
          for (std::uint32_t b : touched) {
            const double v = sum[b] * scale;
            if (v == 0.0) continue;
            a.col.push_back(static_cast<std::int32_t>(b));
            a.value.push_back(v);
          }
        }
        a.row_start.push_back(a.col.size());
      });
  if (!weighed) return Status::failure("cancelled", StatusCode::Cancelled);

  RowMatrixXd reduced;
  Status status = truncated_svd_project(a, components, progress, reduced);
  if (!status.ok) return status;

  out.assign(n * static_cast<std::size_t>(components), 0.0f);
  for (std::size_t t = 0; t < n; ++t) {
    const double* x = reduced.row(static_cast<Eigen::Index>(t)).data();
    double norm2 = 0.0;
    for (std::int32_t k = 0; k < components; ++k) norm2 += x[k] * x[k];
    if (norm2 == 0.0) continue;
    const double norm = std::sqrt(norm2);
    float* row = out.data() + t * static_cast<std::size_t>(components);
    for (std::int32_t k = 0; k < components; ++k) row[k] = static_cast<float>(x[k] / norm);
  }
  return Status::success();
}

}  // namespace

Status embed_texts(const std::vector<std::string>& texts, const TextEmbedderOptions& options,
                   std::vector<float>& out, std::int32_t& dim_out) {
  out.clear();
  dim_out = 0;
  const std::int32_t dim = options.svd_components > 0 ? options.svd_components : options.dim;
  Status status = validate(texts, options, dim);
  if (!status.ok) return status;

  const auto n = static_cast<std::int32_t>(texts.size());
  std::size_t work = 2 * static_cast<std::size_t>(n);
  if (options.svd_components > 0) work += truncated_svd_work(n);
  ProgressReporter progress(options.progress, work);

  HashedCorpus corpus;
  if (!hash_texts(texts, options, progress, corpus)) return Status::failure("cancelled", StatusCode::Cancelled);
  if (options.svd_components > 0) {
    status = embed_reduced(corpus, options.dim, options.svd_components, progress, out);
  } else if (!embed_hashed(corpus, options.dim, progress, out)) {
    status = Status::failure("cancelled", StatusCode::Cancelled);
  }
  if (status.ok && !progress.finish()) status = Status::failure("cancelled", StatusCode::Cancelled);
  if (!status.ok) {
    out.clear();
    return status;
  }
  dim_out = dim;
  return Status::success();
}

}  // namespace cosine_heatmap
