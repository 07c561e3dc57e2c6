// The dense products of the completion step (completion/gemm.hpp) against a product in
// double, at sizes that exercise every path of the project's kernel: row counts below, at
// and above multiples of the 16-lane vector (masked last vector; 1-, 2- and 3-vector panels;
// 4 vectors as 2 + 2), column counts that are not a multiple of the 8-column block, inner
// dimensions not a multiple of the 16 x 16 transpose tile, both operands transposed or not,
// overwrite and accumulate, and leading dimensions larger than the rows (the padded storage
// of the step).
//
// The kernel is a build-time choice (CMake option CLP_GEMM_KERNEL). Its own tests are
// skipped, not passed, in a build without it; what product() runs in every build is tested
// here too, and one test fails if the build says the kernel is on while the step's products
// run on Eigen (or the reverse).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <functional>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/gemm.hpp"
#include "completion/problem.hpp"

#ifndef CLP_GEMM_KERNEL
#error "CLP_GEMM_KERNEL must be defined to 0 or 1 (tests/CMakeLists.txt passes the CMake option)"
#endif

using namespace clp::completion;

namespace {

// A column-major matrix with ld >= rows; the rows beyond `rows` hold a sentinel.
struct Stored {
  int rows, cols;
  long ld;
  std::vector<float> data;
  Stored(int r, int c, long l, clp::Rng& rng) : rows(r), cols(c), ld(l), data(static_cast<size_t>(l) * c, 777.f) {
    for (int j = 0; j < c; ++j)
      for (int i = 0; i < r; ++i) data[j * l + i] = static_cast<float>(rng.normal());
  }
  double at(int i, int j) const { return data[j * ld + i]; }
};

using Product = std::function<void(int, int, int, float, gemm::Operand<float>, gemm::Operand<float>, bool, float*,
                                   long, gemm::Workspace&)>;

// Every size class, transpose and accumulate combination against a double product; returns
// the number of cases checked.
int check_every_size_class(const Product& product) {
  clp::Rng rng(11);
  gemm::Workspace ws;
  int cases = 0;
  for (int M : {1, 5, 16, 17, 33, 48, 63, 64, 65, 100, 113, 161})
    for (int N : {1, 7, 8, 9, 37, 100})
      for (int K : {1, 15, 16, 17, 100, 203})
        for (int s = 0; s < 8; ++s) {
          const bool ta = s & 1, tb = s & 2, acc = s & 4;
          const int pad = (M + K + N + s) % 3 * 5;  // leading dimensions 0, 5 or 10 beyond the rows
          Stored A(ta ? K : M, ta ? M : K, (ta ? K : M) + pad, rng), B(tb ? N : K, tb ? K : N, (tb ? N : K) + pad, rng);
          Stored C(M, N, M + pad, rng);
          Eigen::MatrixXd want(M, N);
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) {
              double d = 0;
              for (int k = 0; k < K; ++k) d += (ta ? A.at(k, i) : A.at(i, k)) * (tb ? B.at(j, k) : B.at(k, j));
              want(i, j) = (acc ? C.at(i, j) : 0.0) - 0.7 * d;
            }
          product(M, N, K, -0.7f, {A.data.data(), A.ld, ta}, {B.data.data(), B.ld, tb}, acc, C.data.data(), C.ld, ws);
          double worst = 0;
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) worst = std::max(worst, std::abs(C.at(i, j) - want(i, j)));
          // Float sums of K products of N(0, 1) numbers: ~1e-7 sqrt(K) of their size.
          EXPECT_LE(worst, 2e-6 * (1 + std::sqrt(K)) * (acc ? 2 : 1))
              << "M=" << M << " N=" << N << " K=" << K << " ta=" << ta << " tb=" << tb << " acc=" << acc;
          for (int j = 0; j < N; ++j)
            for (long i = M; i < C.ld; ++i)
              if (C.data[j * C.ld + i] != 777.f) {
                ADD_FAILURE() << "wrote below row M: M=" << M << " N=" << N << " K=" << K << " s=" << s;
                return cases;
              }
          ++cases;
        }
  return cases;
}

}  // namespace

TEST(Gemm, KernelEqualsADoubleProductAtEverySizeClass) {
#if CLP_GEMM_KERNEL
  EXPECT_EQ(check_every_size_class(gemm::kernel_product), 12 * 6 * 6 * 8);
#else
  GTEST_SKIP() << "built without the product kernel (CLP_GEMM_KERNEL=OFF)";
#endif
}

TEST(Gemm, ProductEqualsADoubleProductAtEverySizeClass) {
  // What the step calls, in this build: the kernel or Eigen's product.
  const Product product = [](int M, int N, int K, float a, gemm::Operand<float> A, gemm::Operand<float> B, bool acc,
                             float* C, long ldc, gemm::Workspace& ws) { gemm::product(M, N, K, a, A, B, acc, C, ldc, ws); };
  EXPECT_EQ(check_every_size_class(product), 12 * 6 * 6 * 8);
}

TEST(Gemm, TheLibraryWasBuiltAsTheBuildSays) {
  EXPECT_EQ(gemm::kernel_built(), CLP_GEMM_KERNEL != 0) << "the library and the tests were configured differently";
}

TEST(Gemm, TheStepRunsTheProductsTheBuildSays) {
  // A depth-D step makes 3 (D - 2) dense products: all of them on the kernel when the build
  // says CLP_GEMM_KERNEL=ON, none otherwise. A build whose flag and code disagree (the
  // kernel compiled out, or product() falling back to Eigen) fails here.
  const int N = 37;
  for (int D : {2, 3, 5}) {
    const ObservationSet obs = arrange(N, sample_entries(N, N * N / 5, 50 + D));
    const std::vector<float> y = targets_at<float>(obs, make_ground_truth(N, 5, 40 + D));
    FastFactorization<float> net(gaussian_init(N, D, 0.5, 30 + D));
    const std::uint64_t before = gemm::kernel_products();
    net.step(obs, y, 0.1f);
    const std::uint64_t ran = gemm::kernel_products() - before;
    EXPECT_EQ(ran, CLP_GEMM_KERNEL ? 3u * (D - 2) : 0u) << "D=" << D << ", CLP_GEMM_KERNEL=" << CLP_GEMM_KERNEL;
  }
  // And in double the products are always Eigen's.
  const ObservationSet obs = arrange(N, sample_entries(N, N * N / 5, 7));
  FastFactorization<double> net(gaussian_init(N, 3, 0.5, 8));
  const std::uint64_t before = gemm::kernel_products();
  net.step(obs, targets_at<double>(obs, make_ground_truth(N, 5, 9)), 0.1);
  EXPECT_EQ(gemm::kernel_products(), before);
}

TEST(Gemm, KernelDiffersFromEigenOnlyByRounding) {
#if CLP_GEMM_KERNEL
  // The kernel and Eigen's product on the step's three shapes at the paper's N: the same
  // numbers to float rounding, and each kernel rerun bit-identical.
  clp::Rng rng(3);
  const int N = 100;
  gemm::Workspace ws;
  for (int shape = 0; shape < 3; ++shape) {
    const bool ta = shape == 1, tb = shape == 2, acc = shape == 2;
    const float alpha = acc ? -0.01f : 1.f;
    const Eigen::MatrixXf A = rng.normal_matrix(N, N).cast<float>(), B = rng.normal_matrix(N, N).cast<float>();
    const Eigen::MatrixXf C0 = rng.normal_matrix(N, N).cast<float>();
    Eigen::MatrixXf k = C0, again = C0, e = C0;
    gemm::kernel_product(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, k.data(), N, ws);
    gemm::kernel_product(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, again.data(), N, ws);
    gemm::eigen_product<float>(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, e.data(), N);
    EXPECT_EQ(k, again) << "shape " << shape;
    EXPECT_LE((k - e).cwiseAbs().maxCoeff(), 1e-5f * e.cwiseAbs().maxCoeff()) << "shape " << shape;
  }
#else
  GTEST_SKIP() << "built without the product kernel (CLP_GEMM_KERNEL=OFF)";
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
