#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "cosine_heatmap/portable_math.hpp"
#include "cosine_heatmap/text_embedder.hpp"
#include "cosine_heatmap/token_hash.hpp"
#include "cosine_heatmap/truncated_svd.hpp"
#include "cosine_heatmap/utf8.hpp"

using cosine_heatmap::embed_texts;
using cosine_heatmap::Status;
using cosine_heatmap::TextEmbedderOptions;

namespace {

struct Embedding {
  std::vector<float> data;
  std::int32_t dim = 0;
  std::size_t rows() const { return dim == 0 ? 0 : data.size() / dim; }
  const float* row(std::size_t i) const { return data.data() + i * dim; }
};

Embedding embed(const std::vector<std::string>& texts, const TextEmbedderOptions& options = {}) {
  Embedding e;
  const Status status = embed_texts(texts, options, e.data, e.dim);
  if (!status.ok) FAIL(status.message);
  return e;
}

double cosine(const Embedding& e, std::size_t i, std::size_t j) {
  double s = 0.0;
  for (std::int32_t k = 0; k < e.dim; ++k) s += double(e.row(i)[k]) * e.row(j)[k];
  return s;
}

double norm(const Embedding& e, std::size_t i) { return std::sqrt(cosine(e, i, i)); }

bool all_finite(const Embedding& e) {
  for (float v : e.data) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

// FNV-1a over the bytes of the floats: one number that changes with any bit.
std::uint64_t digest(const std::vector<float>& data) {
  std::uint64_t h = cosine_heatmap::kFnvOffsetBasis;
  for (float v : data) {
    unsigned char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    h = cosine_heatmap::fnv1a_extend(h, reinterpret_cast<const char*>(bytes), sizeof v);
  }
  return h;
}

const std::vector<std::string> kFixedTexts = {
    "The quick brown fox jumps over the lazy dog.",
    "A quick brown fox jumped over a lazy dog!",
    "Pairwise cosine similarities of embeddings, drawn as a heatmap.",
    "Le café est très chaud à Zürich.",
    "",
};

}  // namespace

TEST_CASE("the method is frozen: same texts, same bits", "[embed]") {
  const Embedding e = embed(kFixedTexts);
  REQUIRE(e.dim == 4096);
  REQUIRE(e.rows() == kFixedTexts.size());
  // Frozen from the first run of this exact method. A change here means the
  // vectors changed: intended changes must update these values and say so.
  // The same digests and values come out of the WebAssembly build.
  CHECK(digest(e.data) == 0xa4d3430750397a72ULL);
  CHECK(e.data[315] == 0.113464288f);
  CHECK(e.data[350] == -0.0915422738f);
  CHECK(e.data[447] == 0.0915422738f);
  CHECK(e.data[0] == 0.0f);

  const Embedding again = embed(kFixedTexts);
  CHECK(again.data == e.data);

  TextEmbedderOptions small;
  small.dim = 64;
  const Embedding s = embed(kFixedTexts, small);
  CHECK(digest(s.data) == 0x607533a02b00f2c3ULL);
}

TEST_CASE("rows have unit norm; texts without words give zero rows", "[embed]") {
  const Embedding e = embed({"alpha beta", "", "   \t\n ", "?!... — «»", "gamma", "1 2 3"});
  CHECK(norm(e, 0) == Approx(1.0).epsilon(1e-6));
  CHECK(norm(e, 4) == Approx(1.0).epsilon(1e-6));
  CHECK(norm(e, 5) == Approx(1.0).epsilon(1e-6));
  for (std::size_t i : {1, 2, 3}) {
    for (std::int32_t k = 0; k < e.dim; ++k) REQUIRE(e.row(i)[k] == 0.0f);
  }
  const Embedding blank = embed({"", " "});
  for (float v : blank.data) REQUIRE(v == 0.0f);
}

TEST_CASE("near-identical sentences score higher than unrelated ones", "[embed]") {
  const Embedding e = embed({
      "The cat sat on the mat in the kitchen.",
      "The cat sat on a mat in the kitchen!",
      "Quarterly revenue grew by twelve percent.",
      "Revenue for the quarter grew twelve percent.",
      "Photosynthesis converts light into chemical energy.",
  });
  CHECK(cosine(e, 0, 1) > 0.6);
  CHECK(cosine(e, 2, 3) > 0.3);
  for (std::size_t other : {2, 3, 4}) {
    CHECK(cosine(e, 0, 1) > cosine(e, 0, other) + 0.3);
    CHECK(cosine(e, 2, 3) > cosine(e, 0, other));
  }
  CHECK(std::fabs(cosine(e, 0, 4)) < 0.15);
}

TEST_CASE("case folding covers ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic", "[embed]") {
  const Embedding e = embed({"CAFÉ CRÈME À ÉTÉ", "café crème à été", "ŁÓDŹ ŒUVRE", "łódź œuvre",
                             "ΟΔΟΣ ΆΝΘΡΩΠΟΣ", "οδος άνθρωπος", "МОСКВА ЁЛКА", "москва ёлка",
                             "Straße × ÷", "straße × ÷"});
  for (std::size_t i = 0; i < e.rows(); i += 2) {
    INFO("pair " << i);
    CHECK(std::memcmp(e.row(i), e.row(i + 1), sizeof(float) * e.dim) == 0);
  }

  TextEmbedderOptions keep_case;
  keep_case.lowercase = false;
  const Embedding k = embed({"CAFÉ", "café"}, keep_case);
  CHECK(cosine(k, 0, 1) < 0.5);
}

TEST_CASE("any bytes are safe: Unicode, invalid UTF-8, very long text", "[embed]") {
  std::string long_text;
  for (int i = 0; i < 20000; ++i) long_text += "word" + std::to_string(i % 997) + " ";
  const std::vector<std::string> texts = {
      "emoji 😀👍🏽 👨‍👩‍👧 flags 🇫🇷",
      "مرحبا بالعالم، كيف حالك؟",
      "שלום עולם: מה שלומך?",
      "日本語のテキスト、中文文本。한국어 텍스트",
      std::string("bad \xff\xfe bytes \xc0\xaf overlong \xed\xa0\x80 surrogate"),
      std::string("\x80\x81\x82 lone continuation \xbf"),
      std::string("truncated \xe2\x82"),
      std::string("\xf4\x90\x80\x80 beyond U+10FFFF \xf0\x9f"),
      std::string("nul \0 inside", 13),
      std::string(100000, 'x'),
      long_text,
  };
  const Embedding e = embed(texts);
  REQUIRE(e.rows() == texts.size());
  CHECK(all_finite(e));
  for (std::size_t i = 0; i < e.rows(); ++i) {
    INFO("text " << i);
    CHECK(norm(e, i) == Approx(1.0).epsilon(1e-6));
  }
  // Only invalid bytes: they decode to U+FFFD, which separates words.
  const Embedding junk = embed({std::string("\xff\xfe\x80"), "ok"});
  for (std::int32_t k = 0; k < junk.dim; ++k) REQUIRE(junk.row(0)[k] == 0.0f);
}

TEST_CASE("UTF-8 decoding replaces each bad byte and resynchronizes", "[embed]") {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc3\x28\xe0\x80\x80";
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::vector<char32_t> cps;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    pos += cosine_heatmap::decode_utf8(bytes, text.size(), pos, cp);
    cps.push_back(cp);
  }
  const std::vector<char32_t> expected = {'a',    0xE9,   0x20AC, 0x1F600, 0xFFFD,
                                          '(',    0xFFFD, 0xFFFD, 0xFFFD};
  CHECK(cps == expected);
}

TEST_CASE("the hash is FNV-1a-64 with MurmurHash3's finalizer", "[embed]") {
  // FNV-1a-64 reference values (Fowler, Noll, Vo test suite).
  CHECK(cosine_heatmap::fnv1a_extend(cosine_heatmap::kFnvOffsetBasis, "", 0) ==
        0xcbf29ce484222325ULL);
  CHECK(cosine_heatmap::fnv1a_extend(cosine_heatmap::kFnvOffsetBasis, "a", 1) ==
        0xaf63dc4c8601ec8cULL);
  CHECK(cosine_heatmap::fnv1a_extend(cosine_heatmap::kFnvOffsetBasis, "foobar", 6) ==
        0x85944171f73967e8ULL);
  CHECK(cosine_heatmap::fmix64(0) == 0);
}

TEST_CASE("portable_log matches std::log", "[embed]") {
  for (double x : {1.0, 2.0, 3.0, 10.0, 0.5, 1e-300, 1e300, 10001.0 / 3.0, 1.0000001, 0.999999}) {
    INFO("x = " << x);
    CHECK(cosine_heatmap::portable_log(x) == Approx(std::log(x)).epsilon(1e-15).margin(1e-300));
  }
  CHECK(cosine_heatmap::portable_log(1.0) == 0.0);
}

TEST_CASE("options: dimension, n-grams, bigrams", "[embed]") {
  TextEmbedderOptions options;
  options.dim = 100;  // not a power of two
  options.char_ngram_max = 0;
  options.use_bigrams = false;
  const Embedding e = embed({"dog bites man", "man bites dog", "cat"}, options);
  REQUIRE(e.dim == 100);
  // Without bigrams and n-grams, word order is invisible.
  CHECK(std::memcmp(e.row(0), e.row(1), sizeof(float) * e.dim) == 0);

  options.use_bigrams = true;
  const Embedding b = embed({"dog bites man", "man bites dog"}, options);
  CHECK(cosine(b, 0, 1) < 0.9);

  options.char_ngram_min = 1;
  options.char_ngram_max = 2;
  const Embedding c = embed({"dog", "dogs"}, options);
  CHECK(cosine(c, 0, 1) > 0.3);
}

TEST_CASE("bad input fails with a message naming the problem", "[embed]") {
  std::vector<float> out = {1.0f};
  std::int32_t dim = 7;
  Status s = embed_texts({}, {}, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message == "no texts to embed");
  CHECK(out.empty());
  CHECK(dim == 0);

  TextEmbedderOptions o;
  o.dim = 0;
  s = embed_texts({"a"}, o, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message.find("dim must be between 1 and") != std::string::npos);

  o = {};
  o.char_ngram_min = 4;
  o.char_ngram_max = 3;
  s = embed_texts({"a"}, o, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message.find("charNgramMin") != std::string::npos);

  o = {};
  o.svd_components = 5000;
  s = embed_texts({"a"}, o, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message.find("svdComponents") != std::string::npos);

  o = {};
  o.dim = 1 << 20;
  s = embed_texts(std::vector<std::string>(1000, "x"), o, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message.find("MB limit") != std::string::npos);
}

TEST_CASE("progress reaches the total; returning false cancels", "[embed]") {
  std::vector<std::string> texts(3000, "some words to embed");
  TextEmbedderOptions o;
  std::size_t last_done = 0, last_total = 0, calls = 0;
  bool monotone = true;
  o.progress = [&](std::size_t done, std::size_t total) {
    monotone = monotone && done >= last_done && done <= total;
    last_done = done;
    last_total = total;
    ++calls;
    return true;
  };
  embed(texts, o);
  CHECK(monotone);
  CHECK(calls > 10);
  CHECK(last_done == last_total);

  o.progress = [](std::size_t done, std::size_t) { return done < 1000; };
  std::vector<float> out;
  std::int32_t dim = -1;
  const Status s = embed_texts(texts, o, out, dim);
  CHECK_FALSE(s.ok);
  CHECK(s.message == "cancelled");
  CHECK(out.empty());
  CHECK(dim == 0);

  o.svd_components = 8;
  o.progress = [](std::size_t done, std::size_t total) { return done < total * 3 / 4; };
  CHECK(embed_texts(texts, o, out, dim).message == "cancelled");
}

namespace {

// Four topics, three paraphrases each: what LSA should keep apart.
const std::vector<std::string> kToyCorpus = {
    "the cat chased the mouse around the house",
    "a cat chased a mouse through the house",
    "the mouse ran from the cat in the house",
    "stock markets fell sharply on interest rate fears",
    "markets fell as interest rates rose sharply",
    "interest rate fears sent stock markets lower",
    "the recipe needs flour sugar butter and eggs",
    "mix the flour with sugar and butter then add eggs",
    "butter sugar eggs and flour make the dough",
    "the rocket launched into orbit carrying a satellite",
    "a satellite reached orbit after the rocket launch",
    "the launch put the satellite into orbit",
    "",
};

std::size_t nearest(const Embedding& e, std::size_t i) {
  std::size_t best = i == 0 ? 1 : 0;
  for (std::size_t j = 0; j < e.rows(); ++j) {
    if (j != i && cosine(e, i, j) > cosine(e, i, best)) best = j;
  }
  return best;
}

}  // namespace

TEST_CASE("SVD gives unit rows of the requested dimension and keeps neighbours", "[embed]") {
  const Embedding full = embed(kToyCorpus);
  TextEmbedderOptions o;
  o.svd_components = 6;
  const Embedding reduced = embed(kToyCorpus, o);
  REQUIRE(reduced.dim == 6);
  REQUIRE(reduced.rows() == kToyCorpus.size());
  CHECK(all_finite(reduced));
  for (std::size_t i = 0; i + 1 < kToyCorpus.size(); ++i) {
    INFO("text " << i);
    CHECK(norm(reduced, i) == Approx(1.0).epsilon(1e-6));
    CHECK(nearest(full, i) / 3 == i / 3);  // the toy corpus is sound
    CHECK(nearest(reduced, i) / 3 == i / 3);
  }
  for (std::int32_t k = 0; k < reduced.dim; ++k) CHECK(reduced.row(12)[k] == 0.0f);

  CHECK(embed(kToyCorpus, o).data == reduced.data);
  CHECK(digest(reduced.data) == 0xb65823c32a07e608ULL);
  CHECK(reduced.row(0)[0] == -0.61844945f);
  CHECK(reduced.row(0)[1] == 0.360029697f);

  // More components than texts: the rank runs out, trailing columns are 0.
  o.svd_components = 20;
  const Embedding wide = embed(kToyCorpus, o);
  CHECK(wide.dim == 20);
  for (std::size_t i = 0; i + 1 < kToyCorpus.size(); ++i) {
    CHECK(norm(wide, i) == Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("the SVD's small eigensolver agrees with Eigen's", "[embed]") {
  Eigen::MatrixXd a(5, 5);
  cosine_heatmap::SplitMix64 rng(7);
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) a(i, j) = rng.next_symmetric();
  }
  const Eigen::MatrixXd m = a * a.transpose();
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  cosine_heatmap::symmetric_eigen(m, values, vectors);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> reference(m);
  for (int t = 0; t < 5; ++t) {
    CHECK(values(t) == Approx(reference.eigenvalues()(4 - t)).epsilon(1e-12));
    CHECK(std::fabs(vectors.col(t).dot(reference.eigenvectors().col(4 - t))) ==
          Approx(1.0).epsilon(1e-10));
  }
  CHECK((vectors * values.asDiagonal() * vectors.transpose() - m).norm() < 1e-12);
}
