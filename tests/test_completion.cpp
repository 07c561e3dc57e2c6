// Deep matrix completion: data, gradients, the fast kernel against the naive reference,
// float against double, golden values and sweep branching.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "common/error.hpp"
#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/packets.hpp"
#include "completion/problem.hpp"
#include "completion/sweep.hpp"
#include "gradcheck.hpp"
#include "validation.hpp"

using namespace clp::completion;
using clp::testing::gradient_mismatch;
using clp::testing::numeric_gradient;

namespace {

struct Small {
  int N, n, D;
  std::vector<Entry> entries;
  ObservationSet obs;
  Eigen::MatrixXd M;
  std::vector<Eigen::MatrixXd> layers;
  Small(int N_, int n_, int D_, double g, std::uint64_t seed) : N(N_), n(n_), D(D_) {
    M = make_ground_truth(N, 3, clp::derive_seed(seed, kTask1));
    entries = sample_entries(N, n, clp::derive_seed(seed, kObservations));
    obs = arrange(N, entries);
    layers = gaussian_init(N, D, g, clp::derive_seed(seed, kInit));
  }
};

}  // namespace

TEST(CompletionData, GroundTruthHasRankAndNorm) {
  for (int r : {1, 5, 10}) {
    const Eigen::MatrixXd M = make_ground_truth(100, r, 9);
    EXPECT_NEAR(M.norm(), 100.0, 1e-9);
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(M);
    const Eigen::VectorXd s = svd.singularValues();
    EXPECT_GT(s(r - 1), 1e-6 * s(0));  // r nonzero singular values ...
    EXPECT_LT(s(r), 1e-10 * s(0));     // ... and no more
  }
}

TEST(CompletionData, ObservedEntriesAreDistinctAndInRange) {
  const auto e = sample_entries(100, 2000, 4);
  std::set<int> flat;
  for (const Entry& x : e) {
    ASSERT_TRUE(x.u >= 0 && x.u < 100 && x.v >= 0 && x.v < 100);
    flat.insert(x.u * 100 + x.v);
  }
  EXPECT_EQ(flat.size(), 2000u);
  // All N^2 entries can be drawn.
  EXPECT_EQ(sample_entries(7, 49, 1).size(), 49u);
}

TEST(CompletionData, InitialEndToEndNormIsAboutGSqrtN) {
  for (int D : {1, 2, 3, 4}) {
    const double norm = end_to_end(gaussian_init(100, D, 0.001, clp::derive_seed(1, kInit))).norm();
    EXPECT_GT(norm / (0.001 * 10), 0.8) << "D=" << D;
    EXPECT_LT(norm / (0.001 * 10), 1.2) << "D=" << D;
  }
}

TEST(CompletionGradient, FiniteDifferencesDepth1To4) {
  for (int D : {1, 2, 3, 4}) {
    Small s(6, 15, D, 1.0, 3 + D);
    const std::vector<double> y = targets_at<double>(s.obs, s.M);
    std::vector<Eigen::MatrixXd> grads;
    reference_gradient(grads, s.layers, s.obs, y);
    for (int j = 0; j < D; ++j) {
      auto loss = [&] {
        std::vector<Eigen::MatrixXd> g;
        return reference_gradient(g, s.layers, s.obs, y);
      };
      const Eigen::MatrixXd num = numeric_gradient(loss, s.layers[j], 1e-6);
      // Same tolerance reasoning as the two-pathway check (double, h = 1e-6).
      EXPECT_LE(gradient_mismatch(grads[j], num, 1e-7, 1e-6), 0.0) << "D=" << D << " layer " << j + 1;
    }
  }
}

TEST(CompletionKernel, FastStepEqualsNaiveReferenceInDouble) {
  // Same math, different order of summation: agreement to ~1e-13 relative after 20 steps.
  for (int D : {1, 2, 3, 4}) {
    Small s(30, 180, D, 0.5, 10 + D);
    const std::vector<double> y = targets_at<double>(s.obs, s.M);
    std::vector<Eigen::MatrixXd> ref = s.layers;
    FastFactorization<double> fast(s.layers);
    for (int t = 0; t < 20; ++t) {
      const double l_ref = reference_step(ref, s.obs, y, 0.2);
      const double l_fast = fast.step(s.obs, y, 0.2);
      ASSERT_NEAR(l_fast, l_ref, 1e-12 * (1 + l_ref)) << "D=" << D << " step " << t;
    }
    const auto got = fast.layers();
    for (int j = 0; j < D; ++j) EXPECT_LT((got[j] - ref[j]).norm(), 1e-11 * (1 + ref[j].norm())) << "D=" << D;
  }
}

TEST(CompletionKernel, FastStepMatchesTheReferenceAtEverySizeClass) {
  // The fast kernel's passes over the entries hold a column in registers up to 16 64-byte
  // vectors, take it a chunk at a time from 17 to 25 (N 150 in double and N 300 in float:
  // 19 vectors, on AVX-512 chunks of 9 and 10 packets) and go generic beyond; N below, at
  // and above a multiple of the vector width, on every path, in float and in double, against
  // the naive double reference (5 steps, lr 0.2, n = N^2/5).
  // Float: agreement to 2e-5 relative (float rounding of O(N) sums); double: 1e-12.
  for (int D : {1, 2, 3, 4})
    for (int N : {7, 16, 17, 33, 100, 150, 209, 300, 401}) {
      if (N > 209 && D > 2) continue;  // the generic path at D <= 2 only: keeps the test fast
      Small s(N, N * N / 5, D, 0.5, 20 + N + D);
      const std::vector<double> yd = targets_at<double>(s.obs, s.M);
      const std::vector<float> yf = targets_at<float>(s.obs, s.M);
      std::vector<Eigen::MatrixXd> ref = s.layers;
      FastFactorization<double> fd(s.layers);
      FastFactorization<float> ff(s.layers);
      for (int t = 0; t < 5; ++t) {
        const double l_ref = reference_step(ref, s.obs, yd, 0.2);
        EXPECT_NEAR(fd.step(s.obs, yd, 0.2), l_ref, 1e-12 * (1 + l_ref)) << "N=" << N << " D=" << D;
        EXPECT_NEAR(ff.step(s.obs, yf, 0.2f), l_ref, 2e-5 * (1 + l_ref)) << "N=" << N << " D=" << D;
      }
      const auto gd = fd.layers(), gf = ff.layers();
      for (int j = 0; j < D; ++j) {
        EXPECT_LT((gd[j] - ref[j]).norm(), 1e-12 * (1 + ref[j].norm())) << "N=" << N << " D=" << D;
        EXPECT_LT((gf[j] - ref[j]).norm(), 2e-5 * (1 + ref[j].norm())) << "N=" << N << " D=" << D;
      }
    }
}

TEST(CompletionKernel, Depth1LeavesUnobservedEntriesUnchanged) {
  Small s(20, 100, 1, 0.3, 5);
  const std::vector<float> y = targets_at<float>(s.obs, s.M);
  FastFactorization<float> fast(s.layers);
  const Eigen::MatrixXd before = fast.end_to_end();
  for (int t = 0; t < 50; ++t) fast.step(s.obs, y, 0.2f);
  const Eigen::MatrixXd after = fast.end_to_end();
  Eigen::MatrixXi observed = Eigen::MatrixXi::Zero(20, 20);
  for (const Entry& e : s.entries) observed(e.u, e.v) = 1;
  int moved_observed = 0;
  for (int u = 0; u < 20; ++u)
    for (int v = 0; v < 20; ++v) {
      if (!observed(u, v)) EXPECT_EQ(after(u, v), before(u, v));
      else moved_observed += after(u, v) != before(u, v);
    }
  EXPECT_EQ(moved_observed, 100);
}

TEST(CompletionGolden, TinySeededLossTrajectory) {
  // N 20, n 150, D 3, g 0.1, lr 0.2, seed 1, 200 steps, double precision fast kernel.
  // Recorded once from this implementation; 1e-10 relative allows another compiler's
  // floating-point contraction, nothing more.
  Small s(20, 150, 3, 0.1, 1);
  const std::vector<double> y = targets_at<double>(s.obs, s.M);
  FastFactorization<double> fast(s.layers);
  std::vector<double> losses;
  for (int t = 0; t <= 200; ++t) {
    const double l = fast.step(s.obs, y, 0.2);
    if (t % 50 == 0) losses.push_back(l);
  }
  const double golden[5] = {0.52371757821743714, 0.51052082567572699, 0.4840487133737843,
                            0.39334568659600982, 0.19129104090779508};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(losses[i], golden[i], 1e-10 * golden[i]) << "step " << 50 * i;
}

TEST(CompletionSweep, BranchingEqualsSeparateRuns) {
  SweepConfig cfg;
  cfg.N = 20;
  cfg.n = 120;
  cfg.rank1 = 4;
  cfg.rank2 = 2;
  cfg.g = 0.05;
  cfg.switch_times = {0, 60, 150};
  cfg.continue_steps = 100;
  cfg.quiet = true;
  const SweepResult together = run_sweep(cfg);
  for (size_t i = 0; i < cfg.switch_times.size(); ++i) {
    SweepConfig one = cfg;
    one.switch_times = {cfg.switch_times[i]};
    const SweepResult alone = run_sweep(one);
    EXPECT_EQ(alone.points[0].test_error, together.points[i].test_error);  // bit-identical
    EXPECT_EQ(alone.points[0].train_loss, together.points[i].train_loss);
  }
}

TEST(CompletionSweep, FloatAgreesWithDouble) {
  // The figures run in float (as the authors did). On a reduced sweep that goes through
  // the whole saddle-to-saddle learning of both tasks, the final test errors in float and
  // double agree to 2e-3 absolute (errors range 1e-4 .. 1, the figures' features are > 0.05).
  SweepConfig cfg;
  cfg.N = 30;
  cfg.n = 270;
  cfg.rank1 = 4;
  cfg.rank2 = 2;
  cfg.switch_times = {0, 2000, 6000};
  cfg.continue_steps = 4000;
  cfg.quiet = true;
  const SweepResult f = run_sweep(cfg);
  cfg.use_double = true;
  const SweepResult d = run_sweep(cfg);
  for (size_t i = 0; i < f.points.size(); ++i)
    EXPECT_NEAR(f.points[i].test_error, d.points[i].test_error, 2e-3) << "T_switch " << f.points[i].t_switch;
}

TEST(CompletionSweep, ValidationNamesTheCause) {
  using clp::testing::expect_rejected;
  SweepConfig c;
  c.n = 100 * 100 + 1;
  expect_rejected(c, "--n");
  c = SweepConfig{};
  c.rank1 = 0;
  expect_rejected(c, "--rank1");
  c = SweepConfig{};
  c.rank2 = 101;
  expect_rejected(c, "--rank2");
  c = SweepConfig{};
  c.depth = 0;
  expect_rejected(c, "--depth");
  c = SweepConfig{};
  c.lr = INFINITY;
  expect_rejected(c, "--lr");
  c = SweepConfig{};
  c.switch_times = {0, 500, 500};
  expect_rejected(c, "--switch-times");
}

TEST(CompletionSweep, DivergenceIsAClearError) {
  SweepConfig cfg;
  cfg.N = 20;
  cfg.n = 100;
  cfg.rank1 = 3;
  cfg.rank2 = 2;
  cfg.g = 1;
  cfg.lr = 500;
  cfg.switch_times = {0};
  cfg.continue_steps = 200;
  cfg.quiet = true;
  EXPECT_THROW(run_sweep(cfg), clp::Error);
}

TEST(CompletionData, RelatedTaskSharesExactlyKDirections) {
  // Principal angles between task 2's singular subspaces and task 1's: cosines are the
  // singular values of U1^T U2.
  const int N = 100, r1 = 10, r2 = 5;
  const Eigen::MatrixXd M1 = make_ground_truth(N, r1, 21);
  Eigen::JacobiSVD<Eigen::MatrixXd> s1(M1, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::MatrixXd U1 = s1.matrixU().leftCols(r1), V1 = s1.matrixV().leftCols(r1);
  for (int k = 0; k <= r2; ++k) {
    const Eigen::MatrixXd M2 = make_related_task(M1, r1, r2, k, 22);
    EXPECT_NEAR(M2.norm(), N, 1e-9);
    Eigen::JacobiSVD<Eigen::MatrixXd> s2(M2, Eigen::ComputeFullU | Eigen::ComputeFullV);
    const Eigen::VectorXd sv = s2.singularValues();
    EXPECT_GT(sv(r2 - 1), 1e-6 * sv(0)) << "k=" << k;  // rank exactly r2
    EXPECT_LT(sv(r2), 1e-10 * sv(0)) << "k=" << k;
    const Eigen::MatrixXd U2 = s2.matrixU().leftCols(r2), V2 = s2.matrixV().leftCols(r2);
    for (const auto& [A, B] : {std::pair{U1, U2}, std::pair{V1, V2}}) {
      Eigen::JacobiSVD<Eigen::MatrixXd> c(A.transpose() * B);
      const Eigen::VectorXd cosines = c.singularValues();  // r2 principal-angle cosines
      for (int i = 0; i < r2; ++i) {
        if (i < k) EXPECT_NEAR(cosines(i), 1.0, 1e-9) << "k=" << k;  // k angles of 0
        else EXPECT_NEAR(cosines(i), 0.0, 1e-9) << "k=" << k;       // the rest at 90 degrees
      }
    }
    // The shared directions are task 1's top k.
    if (k > 0) {
      Eigen::JacobiSVD<Eigen::MatrixXd> c(U1.leftCols(k).transpose() * U2);
      EXPECT_NEAR(c.singularValues().minCoeff(), 1.0, 1e-9);
    }
  }
}

CLP_PACKETS_BEGIN
template <typename T>
void expect_reduce4_sums_each_packet(bool in_predux_order) {
  using Packet = typename Eigen::internal::packet_traits<T>::type;
  constexpr int W = Eigen::internal::unpacket_traits<Packet>::size;
  alignas(64) T lanes[4][W];
  T want[4];
  for (int i = 0; i < 4; ++i) {
    want[i] = 0;
    for (int j = 0; j < W; ++j) want[i] += lanes[i][j] = static_cast<T>((1 << j) + 100 * i);
  }
  const auto load = [&](int i) { return Eigen::internal::ploadu<Packet>(lanes[i]); };
  T got[4];
  packets::reduce4(load(0), load(1), load(2), load(3), got);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(got[i], want[i]) << "packet " << i << " of " << W << " lanes";
  if (!in_predux_order) return;
  // On values whose sums round, the same bits as Eigen's predux, packet by packet: the
  // singular-value ODE's pass reduces some entries four at a time and the rest one by one,
  // and an entry's result must not depend on which.
  clp::Rng rng(W);
  for (int trial = 0; trial < 100; ++trial) {
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < W; ++j) lanes[i][j] = static_cast<T>(rng.normal() * std::pow(10.0, rng.uniform() * 8 - 4));
    packets::reduce4(load(0), load(1), load(2), load(3), got);
    for (int i = 0; i < 4; ++i) ASSERT_EQ(got[i], Eigen::internal::predux(load(i))) << "trial " << trial << " packet " << i;
  }
}

TEST(CompletionKernel, Reduce4SumsEachOfItsFourPacketsInPreduxOrder) {
  // packets::reduce4 (the sparse passes' horizontal sums, folded four at a time on AVX-512
  // and AVX): lane j of packet i holds 2^j + 100 i, small integers whose sums are exact, so
  // a lane taken twice, dropped or sent to another packet's sum changes the result.
  expect_reduce4_sums_each_packet<float>(false);
  expect_reduce4_sums_each_packet<double>(true);
}
CLP_PACKETS_END
