// Native counterpart for `npm run bench`: the same kernel as the WASM build,
// compiled with g++ -O3 -msse2 (128-bit, like WASM SIMD), and Eigen's own
// symmetric rank update (SYRK) on the same data. Prints one JSON line per
// size with effective GFLOP/s (2·n²·d per full product, whichever triangle
// is computed).
#include <Eigen/Dense>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "cosine_heatmap/normalize.hpp"
#include "cosine_heatmap/similarity.hpp"

using Clock = std::chrono::steady_clock;
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename F>
double best_seconds(F&& run, int repeats) {
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int d = argc > 2 ? std::atoi(argv[2]) : 384;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  std::mt19937 rng(42);
  std::normal_distribution<float> normal;
  std::vector<float> x(static_cast<std::size_t>(n) * d);
  for (float& v : x) v = normal(rng);
  cosine_heatmap::NormalizedRows rows;
  cosine_heatmap::normalize_rows(x.data(), n, d, rows);

  std::vector<float> out(static_cast<std::size_t>(n) * n);
  const double kernel = best_seconds([&] { cosine_heatmap::self_similarity(rows, out.data()); }, repeats);

  Eigen::Map<const RowMatrix> xn(rows.data.data(), n, d);
  Eigen::MatrixXf s(n, n);
  const double syrk = best_seconds([&] {
    s.setZero();
    s.selfadjointView<Eigen::Lower>().rankUpdate(xn);
  }, repeats);
  const double gemm = best_seconds([&] { s.noalias() = xn * xn.transpose(); }, repeats);

  const double flops = 2.0 * n * n * d;
  std::printf("{\"n\":%d,\"d\":%d,\"kernelSeconds\":%.6f,\"kernelGflops\":%.2f,\"eigenSyrkSeconds\":%.6f,"
              "\"eigenSyrkGflops\":%.2f,\"eigenGemmGflops\":%.2f}\n",
              n, d, kernel, flops / kernel / 1e9, syrk, flops / syrk / 1e9, flops / gemm / 1e9);
  return 0;
}
