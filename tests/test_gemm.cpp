// The dense products of the completion step (completion/gemm.hpp) against a product in
// double, at odd sizes: row and column counts below, at and above multiples of the SIMD
// width, inner dimensions that are not, every combination of transposes, alpha 1 (the
// step's) and not, overwrite and accumulate, and leading dimensions larger than the rows
// (the padded storage of the step).
//
// libxsmm is a build-time choice (found at configure time, CMake option CLP_LIBXSMM). Its
// tests are skipped, not passed, in a build without it; what product() runs in every build
// is tested here too, and one test fails if the build says libxsmm is used while the
// step's products run on Eigen (or the reverse).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <functional>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/gemm.hpp"
#include "completion/problem.hpp"

#ifndef CLP_HAVE_LIBXSMM
#error "CLP_HAVE_LIBXSMM must be defined to 0 or 1 (tests/CMakeLists.txt passes the configure step's)"
#endif

using namespace clp::completion;

namespace {

// A column-major matrix with ld >= rows; the rows beyond `rows` hold a sentinel.
template <typename T>
struct Stored {
  int rows, cols;
  long ld;
  std::vector<T> data;
  Stored(int r, int c, long l, clp::Rng& rng) : rows(r), cols(c), ld(l), data(static_cast<size_t>(l) * c, T(777)) {
    for (int j = 0; j < c; ++j)
      for (int i = 0; i < r; ++i) data[j * l + i] = static_cast<T>(rng.normal());
  }
  double at(int i, int j) const { return data[j * ld + i]; }
};

template <typename T>
using Product = std::function<void(int, int, int, T, gemm::Operand<T>, gemm::Operand<T>, bool, T*, long,
                                   gemm::Workspace&)>;

// Every size class, transpose, alpha and accumulate combination against a double product,
// each case twice on one Workspace (the second call on the cached kernel: the same bits);
// returns the number of cases checked.
template <typename T>
int check_every_size_class(const Product<T>& product) {
  clp::Rng rng(11);
  gemm::Workspace ws;
  const double u = sizeof(T) == 4 ? 0x1p-24 : 0x1p-53;  // unit roundoff
  int cases = 0;
  for (int M : {1, 5, 16, 17, 33, 63, 100, 113})
    for (int N : {1, 7, 8, 9, 37, 100})
      for (int K : {1, 15, 16, 17, 100, 203})
        for (int s = 0; s < 16; ++s) {
          const bool ta = s & 1, tb = s & 2, acc = s & 4, one = s & 8;
          const double alpha = one ? 1.0 : -0.7;
          const int pad = (M + K + N + s) % 3 * 5;  // leading dimensions 0, 5 or 10 beyond the rows
          Stored<T> A(ta ? K : M, ta ? M : K, (ta ? K : M) + pad, rng), B(tb ? N : K, tb ? K : N, (tb ? N : K) + pad, rng);
          Stored<T> C(M, N, M + pad, rng);
          Eigen::MatrixXd want(M, N), bound(M, N);
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) {
              double d = 0, magnitude = 0;
              for (int k = 0; k < K; ++k) {
                const double p = (ta ? A.at(k, i) : A.at(i, k)) * (tb ? B.at(j, k) : B.at(k, j));
                d += p;
                magnitude += std::abs(p);
              }
              want(i, j) = (acc ? C.at(i, j) : 0.0) + alpha * d;
              // The worst-case rounding error of a K-term dot product in any summation order,
              // scaled (alpha rounded to T, then a product) and accumulated (Higham, Accuracy and
              // Stability of Numerical Algorithms, 2nd ed., eq. 3.5): gamma_{K+3} (|alpha| sum
              // |a_ik b_kj| + |c_ij|); in double twice that, the reference's own error being as large.
              const double gamma = (K + 3) * u / (1 - (K + 3) * u) * (sizeof(T) == 8 ? 2 : 1);
              bound(i, j) = gamma * (std::abs(alpha) * magnitude + (acc ? std::abs(C.at(i, j)) : 0.0));
            }
          Stored<T> again = C;
          product(M, N, K, T(alpha), {A.data.data(), A.ld, ta}, {B.data.data(), B.ld, tb}, acc, C.data.data(), C.ld, ws);
          product(M, N, K, T(alpha), {A.data.data(), A.ld, ta}, {B.data.data(), B.ld, tb}, acc, again.data.data(),
                  again.ld, ws);
          double worst = 0;  // the largest error as a fraction of its entry's bound
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) worst = std::max(worst, std::abs(C.at(i, j) - want(i, j)) / bound(i, j));
          EXPECT_LE(worst, 1.0)
              << "M=" << M << " N=" << N << " K=" << K << " ta=" << ta << " tb=" << tb << " acc=" << acc
              << " alpha=" << alpha;
          EXPECT_EQ(C.data, again.data) << "a rerun differs: M=" << M << " N=" << N << " K=" << K << " s=" << s;
          for (int j = 0; j < N; ++j)
            for (long i = M; i < C.ld; ++i)
              if (C.data[j * C.ld + i] != T(777)) {
                ADD_FAILURE() << "wrote below row M: M=" << M << " N=" << N << " K=" << K << " s=" << s;
                return cases;
              }
          ++cases;
        }
  return cases;
}

constexpr int kCases = 8 * 6 * 6 * 16;

}  // namespace

TEST(Gemm, ProductEqualsADoubleProductAtEverySizeClass) {
  // What the step calls, in this build: libxsmm or Eigen's product, float and double.
  const Product<float> f = [](int M, int N, int K, float a, gemm::Operand<float> A, gemm::Operand<float> B, bool acc,
                              float* C, long ldc, gemm::Workspace& ws) { gemm::product(M, N, K, a, A, B, acc, C, ldc, ws); };
  const Product<double> d = [](int M, int N, int K, double a, gemm::Operand<double> A, gemm::Operand<double> B,
                               bool acc, double* C, long ldc,
                               gemm::Workspace& ws) { gemm::product(M, N, K, a, A, B, acc, C, ldc, ws); };
  const std::uint64_t before = gemm::libxsmm_products();
  EXPECT_EQ(check_every_size_class(f), kCases);
  EXPECT_EQ(check_every_size_class(d), kCases);
  // Every one of those products ran on libxsmm in a build with it (none fell back to Eigen), none without.
  EXPECT_EQ(gemm::libxsmm_products() - before, gemm::libxsmm_built() ? 2u * 2 * kCases : 0u);
}

TEST(Gemm, EigenProductEqualsADoubleProductAtEverySizeClass) {
  // The reference and fallback itself.
  const Product<float> f = [](int M, int N, int K, float a, gemm::Operand<float> A, gemm::Operand<float> B, bool acc,
                              float* C, long ldc, gemm::Workspace&) { gemm::eigen_product(M, N, K, a, A, B, acc, C, ldc); };
  EXPECT_EQ(check_every_size_class(f), kCases);
}

namespace {
// transpose() at sizes around the SIMD widths and with leading dimensions beyond the rows:
// every entry moved exactly (a copy, the same bits), nothing written below the rows of B.
template <typename T>
void check_transpose() {
  clp::Rng rng(12);
  for (int rows : {1, 5, 16, 17, 100, 113})
    for (int cols : {1, 8, 37, 100}) {
      const Stored<T> A(rows, cols, rows + (rows + cols) % 3 * 5, rng);
      Stored<T> B(cols, rows, cols + (rows + cols) % 2 * 3, rng);
      gemm::transpose(rows, cols, A.data.data(), A.ld, B.data.data(), B.ld);
      for (int j = 0; j < rows; ++j)
        for (int i = 0; i < cols; ++i) ASSERT_EQ(B.at(i, j), A.at(j, i)) << rows << " x " << cols;
      for (int j = 0; j < rows; ++j)
        for (long i = cols; i < B.ld; ++i)
          ASSERT_EQ(B.data[j * B.ld + i], T(777)) << "wrote below row " << cols << ": " << rows << " x " << cols;
    }
}
}  // namespace

TEST(Gemm, TransposeMovesEveryEntryExactly) {
  check_transpose<float>();
  check_transpose<double>();
}

TEST(Gemm, TheLibraryWasBuiltAsTheBuildSays) {
  EXPECT_EQ(gemm::libxsmm_built(), CLP_HAVE_LIBXSMM != 0) << "the library and the tests were configured differently";
}

TEST(Gemm, TheStepRunsTheProductsTheBuildSays) {
  // A depth-D step makes 3 (D - 2) dense products, in float and in double: all of them on
  // libxsmm when the build has it, none otherwise. A build whose flag and code disagree
  // (libxsmm compiled out, or product() falling back to Eigen) fails here.
  const int N = 37;
  for (int D : {2, 3, 5}) {
    const ObservationSet obs = arrange(N, sample_entries(N, N * N / 5, 50 + D));
    const Eigen::MatrixXd M = make_ground_truth(N, 5, 40 + D);
    FastFactorization<float> f(gaussian_init(N, D, 0.5, 30 + D));
    FastFactorization<double> d(gaussian_init(N, D, 0.5, 30 + D));
    std::uint64_t before = gemm::libxsmm_products();
    f.step(obs, targets_at<float>(obs, M), 0.1f);
    EXPECT_EQ(gemm::libxsmm_products() - before, CLP_HAVE_LIBXSMM ? 3u * (D - 2) : 0u) << "float, D=" << D;
    before = gemm::libxsmm_products();
    d.step(obs, targets_at<double>(obs, M), 0.1);
    EXPECT_EQ(gemm::libxsmm_products() - before, CLP_HAVE_LIBXSMM ? 3u * (D - 2) : 0u) << "double, D=" << D;
  }
}

TEST(Gemm, AnAccumulatedUpdateIsRoundedOnceIntoC) {
  // The step's weight update, W_j -= lr dW_j: a product far smaller than C added to it. The
  // product must be summed first and rounded into C once (error <= u |result| plus the
  // product's own, far smaller, rounding), not added to C term by term (K roundings against
  // C's ulp: a beta-1 kernel that starts its sums from C). Float, the step's shapes at N 100.
  const int N = 100;
  clp::Rng rng(5);
  gemm::Workspace ws;
  const double u = 0x1p-24;
  for (int shape = 0; shape < 2; ++shape) {
    const bool tb = shape == 1;
    const Eigen::MatrixXf A = (1e-2 * rng.normal_matrix(N, N)).cast<float>();
    const Eigen::MatrixXf B = (1e-2 * rng.normal_matrix(N, N)).cast<float>();
    const Eigen::MatrixXf C0 = (Eigen::MatrixXd::Ones(N, N) + 0.1 * rng.normal_matrix(N, N)).cast<float>();
    for (float alpha : {1.f, -0.2f}) {
      Eigen::MatrixXf C = C0;
      gemm::product(N, N, N, alpha, {A.data(), N, false}, {B.data(), N, tb}, true, C.data(), N, ws);
      const Eigen::MatrixXd Ad = A.cast<double>(), Bd = B.cast<double>();
      const Eigen::MatrixXd P = tb ? Eigen::MatrixXd(Ad * Bd.transpose()) : Eigen::MatrixXd(Ad * Bd);
      const Eigen::MatrixXd mag = tb ? Eigen::MatrixXd(Ad.cwiseAbs() * Bd.cwiseAbs().transpose())
                                     : Eigen::MatrixXd(Ad.cwiseAbs() * Bd.cwiseAbs());
      const Eigen::MatrixXd want = C0.cast<double>() + double(alpha) * P;
      const double gamma = (N + 2) * u / (1 - (N + 2) * u);
      double worst = 0;
      for (int j = 0; j < N; ++j)
        for (int i = 0; i < N; ++i) {
          const double bound = u * std::abs(want(i, j)) + gamma * std::abs(alpha) * mag(i, j) * (1 + u);
          worst = std::max(worst, std::abs(C(i, j) - want(i, j)) / bound);
        }
      EXPECT_LE(worst, 1.0) << "B transposed " << tb << ", alpha " << alpha;
    }
  }
}

TEST(Gemm, ProductAddSumsIntoCWithinTheBoundOfItsOrder) {
  // C += A op(B) summed into C term by term (the ODE's LU and triangular solves): within the
  // bound of recursive summation from C, |error| <= gamma_{K+1} (|C| + |A| |op(B)|) (Higham,
  // "Accuracy and Stability of Numerical Algorithms", 2nd ed., Sec. 3.1), against the product
  // in long double; on libxsmm where built (one kernel call a product), the same bits when
  // rerun on the cached kernel, and a transposed A refused.
  clp::Rng rng(13);
  gemm::Workspace ws;
  const double u = 0x1p-53;
  int cases = 0;
  for (int M : {1, 7, 8, 17, 100, 144})
    for (int N : {1, 8, 13, 56})
      for (int K : {1, 8, 24, 44})
        for (bool tb : {false, true}) {
          const long lda = M + 3, ldb = (tb ? N : K) + 1, ldc = M + 5;
          Stored<double> A(M, K, lda, rng), B(tb ? N : K, tb ? K : N, ldb, rng), C(M, N, ldc, rng);
          const Stored<double> C0 = C;
          const std::uint64_t before = gemm::libxsmm_products();
          gemm::product_add(M, N, K, {A.data.data(), lda, false}, {B.data.data(), ldb, tb}, C.data.data(), ldc, ws);
          EXPECT_EQ(gemm::libxsmm_products() - before, CLP_HAVE_LIBXSMM ? 1u : 0u);
          const double gamma = (K + 1) * u / (1 - (K + 1) * u);
          double worst = 0;
          for (int j = 0; j < N; ++j)
            for (int i = 0; i < M; ++i) {
              long double want = C0.at(i, j), mag = std::abs(C0.at(i, j));
              for (int k = 0; k < K; ++k) {
                const double b = tb ? B.at(j, k) : B.at(k, j);
                want += static_cast<long double>(A.at(i, k)) * b;
                mag += std::abs(A.at(i, k) * b);
              }
              worst = std::max(worst, static_cast<double>(std::abs(C.at(i, j) - want) / (gamma * mag)));
            }
          EXPECT_LE(worst, 1.0) << M << "x" << N << "x" << K << " B transposed " << tb;
          for (int j = 0; j < N; ++j)  // the padding rows of C untouched
            for (int i = M; i < ldc; ++i) ASSERT_EQ(C.data[j * ldc + i], 777.0);
          Stored<double> again = C0;
          gemm::product_add(M, N, K, {A.data.data(), lda, false}, {B.data.data(), ldb, tb}, again.data.data(), ldc,
                            ws);
          EXPECT_EQ(again.data, C.data);
          ++cases;
        }
  EXPECT_EQ(cases, 6 * 4 * 4 * 2);
  double c = 0, a = 1, b = 1;
  EXPECT_THROW(gemm::product_add(1, 1, 1, {&a, 1, true}, {&b, 1, false}, &c, 1, ws), std::invalid_argument);
}

TEST(Gemm, LibxsmmDiffersFromEigenOnlyByRounding) {
#if CLP_HAVE_LIBXSMM
  // libxsmm and Eigen's product on the step's three shapes at the paper's N and at N 400:
  // the same numbers to float rounding.
  clp::Rng rng(3);
  gemm::Workspace ws;
  for (int N : {100, 400})
    for (int shape = 0; shape < 3; ++shape) {
      const bool ta = shape == 1, tb = shape == 2, acc = shape == 2;
      const Eigen::MatrixXf A = rng.normal_matrix(N, N).cast<float>(), B = rng.normal_matrix(N, N).cast<float>();
      const Eigen::MatrixXf C0 = rng.normal_matrix(N, N).cast<float>();
      Eigen::MatrixXf x = C0, e = C0;
      const std::uint64_t before = gemm::libxsmm_products();
      gemm::product(N, N, N, 1.f, {A.data(), N, ta}, {B.data(), N, tb}, acc, x.data(), N, ws);
      EXPECT_EQ(gemm::libxsmm_products(), before + 1);
      gemm::eigen_product<float>(N, N, N, 1.f, {A.data(), N, ta}, {B.data(), N, tb}, acc, e.data(), N);
      EXPECT_LE((x - e).cwiseAbs().maxCoeff(), 2e-6f * std::sqrt(float(N)) * e.cwiseAbs().maxCoeff())
          << "N " << N << " shape " << shape;
    }
#else
  GTEST_SKIP() << "built without libxsmm (not found at configure time, or CLP_LIBXSMM=OFF)";
#endif
}

TEST(Gemm, FloatStepAgreesWithTheDoubleStepAndRerunsBitIdentical) {
  // The float step (whichever products this build runs) against the same step in double
  // over 20 steps of a depth-3 and a depth-5 network (N 100, the paper's size, and N 37);
  // each float rerun bit-identical.
  for (int D : {3, 5})
    for (int N : {37, 100}) {
      const std::vector<Eigen::MatrixXd> start = gaussian_init(N, D, 0.5, 30 + N + D);
      const Eigen::MatrixXd M = make_ground_truth(N, 5, 40 + N);
      const ObservationSet obs = arrange(N, sample_entries(N, N * N / 5, 50 + N));
      const std::vector<float> y = targets_at<float>(obs, M);
      const std::vector<double> yd = targets_at<double>(obs, M);
      FastFactorization<float> f(start), again(start);
      FastFactorization<double> d(start);
      for (int t = 0; t < 20; ++t) {
        const double lf = f.step(obs, y, 0.1f), la = again.step(obs, y, 0.1f), ld = d.step(obs, yd, 0.1);
        ASSERT_EQ(lf, la) << "a rerun differs, step " << t;
        ASSERT_NEAR(lf, ld, 1e-5 * ld) << "D=" << D << " N=" << N << " step " << t;
      }
      const auto a = f.layers(), b = again.layers(), e = d.layers();
      for (int j = 0; j < D; ++j) {
        EXPECT_EQ(a[j], b[j]);
        EXPECT_LT((a[j] - e[j]).norm(), 1e-5 * e[j].norm()) << "D=" << D << " N=" << N << " layer " << j + 1;
      }
    }
}
