// Truncated SVD (LSA) of a sparse matrix by a randomized range finder
// (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1), written so that
// the result is bit-identical in every build. Eigen holds the matrices, but
// every sum is a plain loop in a fixed order: Eigen's own products and
// decompositions vectorize their reductions with the SIMD width of the
// target (SSE, AVX, WASM SIMD), which changes the order of additions and so
// the last bits, and a plain JacobiSVD of the full matrix would be far too
// slow at 10,000 × 4096.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cosine_heatmap/progress.hpp"
#include "cosine_heatmap/status.hpp"

namespace cosine_heatmap {

using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Compressed sparse rows; a row's entries may come in any column order but
// must not repeat a column.
struct SparseRows {
  std::int32_t rows = 0;
  std::int32_t cols = 0;
  std::vector<std::size_t> row_start{0};  // rows + 1 offsets into col/value
  std::vector<std::int32_t> col;
  std::vector<double> value;
};

// l = components + kSvdOversampling random directions and kSvdPowerIterations
// power iterations: text spectra decay slowly, and without the iterations the
// leading directions mix with the noise of the tail.
constexpr std::int32_t kSvdOversampling = 10;
constexpr std::int32_t kSvdPowerIterations = 3;
// The seed of the random test matrix: fixed, so runs repeat exactly.
constexpr std::uint64_t kSvdSeed = 0x636f73696e652d68ULL;  // "cosine-h"

// Progress units truncated_svd_project reports for a matrix of `rows` rows:
// one per row in each of its 3 + 2 × kSvdPowerIterations passes over it.
std::size_t truncated_svd_work(std::int32_t rows);

// out (a.rows × components) = A·V_k, each row's coordinates on the top
// `components` right singular vectors, i.e. U_k·Σ_k (what scikit-learn's
// TruncatedSVD.fit_transform returns). Steps: Ω (cols × l) uniform in
// [−1, 1) from SplitMix64(kSvdSeed), filled row by row; Q = orth(A·Ω); per
// power iteration W = orth(Aᵀ·Q), Q = orth(A·W); then B = Qᵀ·A, the small
// l × l matrix B·Bᵀ = U Λ Uᵀ by Jacobi rotations, and out = Q·U_k·Λ_k^½.
// Each eigenvector in U gets the sign that makes its largest-magnitude
// entry positive (the first such entry on ties).
// Rank below `components` (few rows, duplicates) leaves trailing columns 0.
// Fails only with "cancelled", when `progress` says to stop.
Status truncated_svd_project(const SparseRows& a, std::int32_t components,
                             ProgressReporter& progress, RowMatrixXd& out);

// Eigenvalues (descending; ties keep index order) and unit eigenvectors (as
// columns) of a small symmetric matrix by cyclic Jacobi rotations: slower
// than Eigen's tridiagonal QR, but made only of rotations, so the same in
// every build. Public so the tests can check it against Eigen's solver.
void symmetric_eigen(const Eigen::MatrixXd& m, Eigen::VectorXd& values, Eigen::MatrixXd& vectors);

// SplitMix64 (Steele, Lea & Flood 2014): std:: distributions are not
// specified bit for bit, so their values differ between standard libraries.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [−1, 1) on a grid of 2^-52: every step is exact in double.
  double next_symmetric() { return static_cast<double>(next() >> 11) * 0x1p-52 - 1.0; }

 private:
  std::uint64_t state_;
};

}  // namespace cosine_heatmap
