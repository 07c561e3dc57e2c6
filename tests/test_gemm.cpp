// The project's dense product kernel (completion/gemm.hpp) against a product in double, at
// sizes that exercise every path: row counts below, at and above multiples of the 16-lane
// vector (masked last vector; 1-, 2- and 3-vector panels; 4 vectors as 2 + 2), column counts
// that are not a multiple of the 8-column block, inner dimensions not a multiple of the
// 16 x 16 transpose tile, both operands transposed or not, overwrite and accumulate, and
// leading dimensions larger than the rows (the padded storage of the step). Without AVX-512
// product() is Eigen's and the same checks hold.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/gemm.hpp"
#include "completion/problem.hpp"

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

}  // namespace

TEST(Gemm, ProductEqualsADoubleProductAtEverySizeClass) {
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
          gemm::product(M, N, K, -0.7f, {A.data.data(), A.ld, ta}, {B.data.data(), B.ld, tb}, acc, C.data.data(),
                        C.ld, ws);
          double worst = 0;
          for (int i = 0; i < M; ++i)
            for (int j = 0; j < N; ++j) worst = std::max(worst, std::abs(C.at(i, j) - want(i, j)));
          // Float sums of K products of N(0, 1) numbers: ~1e-7 sqrt(K) of their size.
          ASSERT_LE(worst, 2e-6 * (1 + std::sqrt(K)) * (acc ? 2 : 1))
              << "M=" << M << " N=" << N << " K=" << K << " ta=" << ta << " tb=" << tb << " acc=" << acc;
          for (int j = 0; j < N; ++j)
            for (long i = M; i < C.ld; ++i) ASSERT_EQ(C.data[j * C.ld + i], 777.f) << "wrote below row M";
          ++cases;
        }
  EXPECT_EQ(cases, 12 * 6 * 6 * 8);
}

TEST(Gemm, KernelAndEigenStepsAgree) {
  // The completion step with the dense products through the kernel and through Eigen's
  // product: the same numbers to float rounding over 20 steps of a depth-3 and a depth-5
  // network (N 100, the paper's size, and N 37), and each rerun bit-identical.
  for (int D : {3, 5})
    for (int N : {37, 100}) {
      const std::vector<Eigen::MatrixXd> start = gaussian_init(N, D, 0.5, 30 + N + D);
      const Eigen::MatrixXd M = make_ground_truth(N, 5, 40 + N);
      const ObservationSet obs = arrange(N, sample_entries(N, N * N / 5, 50 + N));
      const std::vector<float> y = targets_at<float>(obs, M);
      FastFactorization<float> kernel(start), again(start), eigen(start);
      eigen.use_eigen_products(true);
      for (int t = 0; t < 20; ++t) {
        const double lk = kernel.step(obs, y, 0.1f), la = again.step(obs, y, 0.1f), le = eigen.step(obs, y, 0.1f);
        ASSERT_EQ(lk, la) << "a rerun differs, step " << t;
        ASSERT_NEAR(lk, le, 1e-5 * le) << "D=" << D << " N=" << N << " step " << t;
      }
      const auto k = kernel.layers(), a = again.layers(), e = eigen.layers();
      for (int j = 0; j < D; ++j) {
        EXPECT_EQ(k[j], a[j]);
        EXPECT_LT((k[j] - e[j]).norm(), 1e-5 * e[j].norm()) << "D=" << D << " N=" << N << " layer " << j + 1;
      }
    }
}
