// The singular-value ODE (Arora et al. 2019): identities of F and K, the Cayley integrator
// against SPEC's re-decomposing step, and agreement with gradient descent on the network.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "common/rng.hpp"
#include "completion/sv_compare.hpp"
#include "completion/sv_ode.hpp"

using namespace clp::completion;

TEST(SvOde, FIsAntisymmetricWithZeroDiagonalAndKsAreAntisymmetric) {
  clp::Rng rng(3);
  const int N = 12;
  SvState x{clp::random_orthogonal(N, rng), clp::random_orthogonal(N, rng), Eigen::VectorXd(N)};
  for (int i = 0; i < N; ++i) x.s(i) = 0.1 + i + 0.3 * rng.uniform();
  for (int D : {2, 3, 4}) {
    const Eigen::MatrixXd F = sv_F(x.s, D);
    EXPECT_LT((F + F.transpose()).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_EQ(F.diagonal().cwiseAbs().maxCoeff(), 0.0);
    SvDerivative d;
    sv_derivative(d, x, rng.normal_matrix(N, N), D);
    EXPECT_LT((d.KU + d.KU.transpose()).cwiseAbs().maxCoeff(), 1e-10);
    EXPECT_LT((d.KV + d.KV.transpose()).cwiseAbs().maxCoeff(), 1e-10);
  }
}

TEST(SvOde, CayleyRotationEqualsItsDefinition) {
  // cayley_rotate computes U cay(K) as 2 X - U with (I + K/2) X^T = U^T; the definition is
  // U (I - K/2)^-1 (I + K/2). Same numbers to rounding, and U stays orthogonal.
  clp::Rng rng(8);
  for (int N : {5, 20, 101})
    for (double scale : {1e-6, 1e-2, 0.5}) {
      const Eigen::MatrixXd B = rng.normal_matrix(N, N);
      const Eigen::MatrixXd K = scale * (B - B.transpose());
      Eigen::MatrixXd U = clp::random_orthogonal(N, rng);
      const Eigen::MatrixXd want = cayley_reference(U, K);
      cayley_rotate(U, K);
      EXPECT_LT((U - want).norm(), 1e-12 * std::sqrt(N)) << "N=" << N << " scale " << scale;
      EXPECT_LT((U.transpose() * U - Eigen::MatrixXd::Identity(N, N)).norm(), 1e-12 * N);
    }
}

TEST(SvOde, CayleyUnpivotedPathAndItsFallback) {
  // Small K (I - K/2 column diagonally dominant): the LU without row exchanges, its blocks of
  // 16 columns split unevenly (N 53, 101) and rows past whole packets (m 13, 101); it agrees
  // with the definition. Large K: the pivoted fallback, also agreeing.
  clp::Rng rng(21);
  for (int N : {3, 53, 101})
    for (int m : {13, N}) {
      const Eigen::MatrixXd B = rng.normal_matrix(N, N);
      const Eigen::MatrixXd U = rng.normal_matrix(m, N);
      for (double scale : {1e-3, 1.0}) {
        const Eigen::MatrixXd K = scale * (B - B.transpose());
        const Eigen::MatrixXd want = cayley_reference(U, K);
        Eigen::MatrixXd got = U;
        const CayleySolve how = cayley_rotate(got, K);
        EXPECT_EQ(how, scale < 0.5 ? CayleySolve::kUnpivoted : CayleySolve::kPivoted) << "N=" << N << " m=" << m;
        EXPECT_LT((got - want).norm(), 1e-13 * want.norm()) << "N=" << N << " m=" << m << " scale " << scale;
      }
    }
  // The test is strict dominance: |M_10| = |M_00| = 1 is not dominant, 0.995 is.
  for (double k : {2.0, 1.99}) {
    Eigen::MatrixXd K = Eigen::MatrixXd::Zero(20, 20), U = clp::random_orthogonal(20, rng);
    K(0, 1) = k;
    K(1, 0) = -k;
    const Eigen::MatrixXd want = cayley_reference(U, K);
    EXPECT_EQ(cayley_rotate(U, K), k == 2.0 ? CayleySolve::kPivoted : CayleySolve::kUnpivoted);
    EXPECT_LT((U - want).norm(), 1e-13 * want.norm()) << "k " << k;
  }
}

TEST(SvOde, StepLossIsTheLossOfUSVtAtBothEntryPaths) {
  // The pass over the entries has a register-blocked path (N <= 128 in double) and a
  // generic one: the loss it returns is the loss of W = U S V^T computed directly.
  for (int N : {9, 24, 130}) {
    clp::Rng rng(N);
    const ObservationSet obs = arrange(N, sample_entries(N, N * N / 3, 5));
    const std::vector<double> y = targets_at<double>(obs, make_ground_truth(N, 3, 6));
    Eigen::VectorXd s(N);
    for (int i = 0; i < N; ++i) s(i) = 0.5 + i * 0.01 + 0.001 * rng.uniform();
    SvState x{clp::random_orthogonal(N, rng), clp::random_orthogonal(N, rng), s};
    const double want = train_loss_at(x.W(), obs, y);
    SvOde ode(x, 3);
    EXPECT_NEAR(ode.step(obs, y, 1e-4), want, 1e-13 * want) << "N=" << N;
    // One step moves the singular values as SPEC's re-decomposing step does, to first order
    // in eta: their difference is O(eta^2), so halving eta divides it by about 4.
    auto gap = [&](double eta) {
      SvState ref = x;
      sv_reference_step(ref, obs, y, 3, eta);
      SvOde one(x, 3);
      one.step(obs, y, eta);
      std::vector<double> a(ref.s.data(), ref.s.data() + N), b = one.top(N);
      std::sort(a.begin(), a.end(), std::greater<>());
      double worst = 0;
      for (int i = 0; i < N; ++i) worst = std::max(worst, std::fabs(a[i] - b[i]));
      return worst;
    };
    const double g1 = gap(1e-4), g2 = gap(5e-5);
    EXPECT_LT(g1, 1e-7) << "N=" << N;
    EXPECT_GT(g1 / g2, 3.0) << "N=" << N << ": " << g1 << " then " << g2;
    EXPECT_LT(g1 / g2, 5.0) << "N=" << N << ": " << g1 << " then " << g2;
  }
}

TEST(SvOde, EqualSingularValuesAreAClearError) {
  Eigen::VectorXd s(3);
  s << 1.0, 0.5, 0.5;
  try {
    sv_F(s, 3);
    FAIL() << "expected an error";
  } catch (const clp::Error& e) {
    EXPECT_NE(std::string(e.what()).find("equal"), std::string::npos);
  }
}

namespace {
struct SmallProblem {
  ObservationSet obs;
  std::vector<double> y1, y2;
  std::vector<Eigen::MatrixXd> layers;
  Eigen::VectorXd w0;
  SmallProblem(int N, int n, int D, double g, double jitter) {
    const Eigen::MatrixXd M1 = make_ground_truth(N, 3, 11), M2 = make_ground_truth(N, 2, 12);
    obs = arrange(N, sample_entries(N, n, 13));
    y1 = targets_at<double>(obs, M1);
    y2 = targets_at<double>(obs, M2);
    clp::Rng rng(14);
    Eigen::VectorXd d(N);
    for (int i = 0; i < N; ++i) d(i) = std::pow(g, 1.0 / D) + jitter * rng.normal();
    layers.assign(D, Eigen::MatrixXd(d.asDiagonal()));
    w0 = d.array().pow(D);
  }
};
std::vector<double> sorted_desc(const Eigen::VectorXd& s) {
  std::vector<double> v(s.data(), s.data() + s.size());
  std::sort(v.begin(), v.end(), std::greater<>());
  return v;
}
}  // namespace

TEST(SvOde, CayleyIntegratorAgreesWithTheReDecomposingReference) {
  // Both are first-order (Euler) steps of the same ODE; they differ by O(eta^2) per step.
  // With eta = 0.02 over 3000 steps (through the fast rise of the top singular values) the
  // singular values agree within 1e-3 of the largest.
  SmallProblem p(20, 200, 3, 0.1, 1e-3);
  SvState ref = sv_state_of_diagonal(p.w0);
  SvOde fast(sv_state_of_diagonal(p.w0), 3);
  for (int t = 0; t < 3000; ++t) {
    sv_reference_step(ref, p.obs, p.y1, 3, 0.02);
    fast.step(p.obs, p.y1, 0.02);
  }
  const auto a = sorted_desc(ref.s), b = sorted_desc(fast.state().s);
  EXPECT_GT(a[0], 1.0);  // learning happened
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(a[i], b[i], 1e-3 * a[0]) << "singular value " << i + 1;
  // U and V stay orthogonal.
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(20, 20);
  EXPECT_LT((fast.state().U.transpose() * fast.state().U - I).norm(), 1e-10);
}

TEST(SvOde, OdeTracksGradientDescentThroughTheSwitch) {
  // Small case (N 20, n 200, D 3, rank 3 -> 2) with small steps (eta 0.02): the ODE and
  // gradient descent on the balanced network are two Euler discretizations of the same flow
  // and stay within 2% of the largest singular value through task 1 and the switch.
  const int D = 3;
  SmallProblem p(20, 200, D, 0.1, 1e-3);
  FastFactorization<double> net(p.layers);
  SvOde ode(sv_state_of_diagonal(p.w0), D);
  double worst = 0, top = 0;
  for (int t = 0; t < 3000; ++t) {
    const auto& y = t < 1500 ? p.y1 : p.y2;
    net.step(p.obs, y, 0.02);
    ode.step(p.obs, y, 0.02);
    if (t % 100 == 99) {
      Eigen::BDCSVD<Eigen::MatrixXd> svd(net.end_to_end());
      const auto a = svd.singularValues();
      const auto b = ode.top(5);
      for (int i = 0; i < 5; ++i) worst = std::max(worst, std::fabs(a(i) - b[i]));
      top = std::max(top, a(0));
    }
  }
  EXPECT_GT(top, 1.0);
  EXPECT_LT(worst, 0.02 * top);
}

TEST(SvOde, CompareConfigValidation) {
  OdeCompareConfig cfg;
  cfg.totals = {20000, 10000};
  EXPECT_THROW(cfg.validate(), clp::Error);
  cfg = OdeCompareConfig{};
  cfg.depth = 1;
  EXPECT_THROW(cfg.validate(), clp::Error);
  cfg = OdeCompareConfig{};
  cfg.eta = -1;
  EXPECT_THROW(cfg.validate(), clp::Error);
}

TEST(SvOde, MaxOdeGapIsTheLargestDifferenceAndTheLargestGdValue) {
  constexpr auto kOk = clp::convergence::Status::kConverged;
  const std::vector<OdeCompareRow> rows{{100, 10, 0, 1, 2.0, 2.5, kOk}, {100, 10, 10, 1, 3.0, 2.9, kOk}, {100, 10, 10, 2, 1.0, 0.2, kOk}};
  const OdeGap g = max_ode_gap(rows);
  EXPECT_DOUBLE_EQ(g.gap, 0.8);
  EXPECT_DOUBLE_EQ(g.top, 3.0);
  EXPECT_EQ(max_ode_gap({}).gap, 0.0);
}
