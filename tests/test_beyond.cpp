// Ours, beyond the paper: the remedies at the switch (weight decay, shrink and
// perturb, re-initialization) and the two-pathway learning-rate sweep.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"
#include "common/tsv.hpp"
#include "completion/factorization.hpp"
#include "completion/problem.hpp"
#include "completion/sweep.hpp"
#include "twopath/lr_sweep.hpp"
#include "validation.hpp"
#include "files.hpp"

using namespace clp::completion;

namespace {

struct Small {
  ObservationSet obs;
  Eigen::MatrixXd M;
  std::vector<Eigen::MatrixXd> layers;
  Small(int N, int n, int D, double g, std::uint64_t seed) {
    M = make_ground_truth(N, 3, clp::derive_seed(seed, kTask1));
    obs = arrange(N, sample_entries(N, n, clp::derive_seed(seed, kObservations)));
    layers = gaussian_init(N, D, g, clp::derive_seed(seed, kInit));
  }
};

SweepConfig small_sweep() {
  SweepConfig cfg;
  cfg.N = 20;
  cfg.n = 120;
  cfg.rank1 = 4;
  cfg.rank2 = 2;
  cfg.g = 0.05;
  cfg.switch_times = {0, 60, 150};
  cfg.continue_steps = 100;
  cfg.quiet = true;
  return cfg;
}

}  // namespace

TEST(Remedies, WeightDecayStepIsGradientDescentOnThePenalizedLoss) {
  // W_j <- W_j - lr (dL/dW_j + wd W_j), every term at the same iterate: against the dense
  // reference gradient, 10 steps, depth 1-4, N below and above a SIMD width; float to 2e-5.
  const double lr = 0.2, wd = 0.05;
  for (int D : {1, 2, 3, 4})
    for (int N : {17, 30}) {
      Small s(N, N * N / 5, D, 0.5, 40 + N + D);
      const std::vector<double> yd = targets_at<double>(s.obs, s.M);
      const std::vector<float> yf = targets_at<float>(s.obs, s.M);
      std::vector<Eigen::MatrixXd> ref = s.layers, grads;
      FastFactorization<double> fd(s.layers);
      FastFactorization<float> ff(s.layers);
      for (int t = 0; t < 10; ++t) {
        const double l_ref = reference_gradient(grads, ref, s.obs, yd);
        for (int j = 0; j < D; ++j) ref[j] -= lr * (grads[j] + wd * ref[j]);
        EXPECT_NEAR(fd.step(s.obs, yd, lr, wd), l_ref, 1e-12 * (1 + l_ref)) << "N=" << N << " D=" << D;
        EXPECT_NEAR(ff.step(s.obs, yf, float(lr), float(wd)), l_ref, 2e-5 * (1 + l_ref)) << "N=" << N << " D=" << D;
      }
      const auto gd = fd.layers(), gf = ff.layers();
      for (int j = 0; j < D; ++j) {
        EXPECT_LT((gd[j] - ref[j]).norm(), 1e-12 * (1 + ref[j].norm())) << "N=" << N << " D=" << D;
        EXPECT_LT((gf[j] - ref[j]).norm(), 2e-5 * (1 + ref[j].norm())) << "N=" << N << " D=" << D;
      }
      // The decay is really there: without it the layers differ.
      FastFactorization<double> plain(s.layers);
      for (int t = 0; t < 10; ++t) plain.step(s.obs, yd, lr);
      EXPECT_GT((plain.layers()[0] - ref[0]).norm(), 1e-3 * ref[0].norm()) << "N=" << N << " D=" << D;
    }
}

TEST(Remedies, ScalingEveryLayerByLambdaScalesTheMapByLambdaToTheD) {
  // The linear-network fact behind shrink and perturb: with no noise, W -> lambda^D W.
  for (int D : {1, 2, 3, 4, 5, 6})
    for (double lambda : {0.1, 0.3, 0.6}) {
      const auto layers = gaussian_init(25, D, 0.7, clp::derive_seed(D, kInit));
      const Eigen::MatrixXd W = end_to_end(layers);
      const Eigen::MatrixXd Ws = end_to_end(shrink_and_perturb(layers, lambda, 0.0, 7));
      EXPECT_LT((Ws - std::pow(lambda, D) * W).norm(), 1e-13 * std::pow(lambda, D) * W.norm())
          << "D=" << D << " lambda=" << lambda;
    }
}

TEST(Remedies, PerturbationIsSeededStandardNormalNoiseOfScaleSigma) {
  const auto layers = gaussian_init(100, 3, 0.001, 5);
  const double sigma = 0.5;
  const auto a = shrink_and_perturb(layers, 1.0, sigma, 11), b = shrink_and_perturb(layers, 1.0, sigma, 11);
  const auto c = shrink_and_perturb(layers, 1.0, sigma, 12);
  double sum = 0, sum2 = 0;
  long count = 0;
  for (size_t j = 0; j < layers.size(); ++j) {
    EXPECT_EQ(a[j], b[j]);                           // same seed, same noise
    EXPECT_GT((a[j] - c[j]).norm(), 1.0);            // another seed, other noise
    const Eigen::ArrayXXd xi = ((a[j] - layers[j]) / sigma).array();
    sum += xi.sum();
    sum2 += xi.square().sum();
    count += xi.size();
  }
  const double mean = sum / count, sd = std::sqrt(sum2 / count - mean * mean);
  EXPECT_LT(std::fabs(mean), 0.02);  // 30,000 draws: 4 standard errors
  EXPECT_NEAR(sd, 1.0, 0.02);
}

TEST(Remedies, ReinitializationAtTheSwitchMakesEveryBranchTheFirst) {
  // Re-initialization equals T_switch = 0 by construction: every branch is bit-identical to
  // the first, which is the run without pre-training.
  SweepConfig cfg = small_sweep();
  const SweepResult plain = run_sweep(cfg);
  cfg.reinit = true;
  const SweepResult re = run_sweep(cfg);
  ASSERT_EQ(re.points.size(), 3u);
  for (const auto& p : re.points) {
    EXPECT_EQ(p.test_error, plain.points[0].test_error) << "T_switch " << p.t_switch;
    EXPECT_EQ(p.train_loss, plain.points[0].train_loss) << "T_switch " << p.t_switch;
  }
  EXPECT_NE(plain.points[2].test_error, plain.points[0].test_error);  // without it, pre-training matters
}

TEST(Remedies, ShrinkAndPerturbIsAppliedAtTheSwitchOnly) {
  // The branch at T_switch equals: the trunk's layers at T_switch, shrunk and perturbed with
  // the run's noise, then trained on task 2 (rebuilt here step by step in double).
  SweepConfig cfg = small_sweep();
  cfg.use_double = true;
  cfg.shrink = 0.3;
  cfg.perturb = 0.01;
  const SweepResult res = run_sweep(cfg);
  const Eigen::MatrixXd M1 = make_ground_truth(cfg.N, cfg.rank1, clp::derive_seed(cfg.seed, kTask1));
  const Eigen::MatrixXd M2 = make_ground_truth(cfg.N, cfg.rank2, clp::derive_seed(cfg.seed, kTask2));
  const ObservationSet obs = arrange(cfg.N, sample_entries(cfg.N, cfg.n, clp::derive_seed(cfg.seed, kObservations)));
  const auto y1 = targets_at<double>(obs, M1), y2 = targets_at<double>(obs, M2);
  FastFactorization<double> trunk(gaussian_init(cfg.N, cfg.depth, cfg.g, clp::derive_seed(cfg.seed, kInit)));
  for (long t = 0; t < 60; ++t) trunk.step(obs, y1, cfg.lr);
  FastFactorization<double> branch(shrink_and_perturb(trunk.layers(), 0.3, 0.01, clp::derive_seed(cfg.seed, kSwitchNoise)));
  for (long t = 0; t < cfg.continue_steps; ++t) branch.step(obs, y2, cfg.lr);
  EXPECT_NEAR(res.points[1].test_error, test_error(branch.end_to_end(), M2), 1e-12);
}

TEST(Remedies, ValidationNamesTheFlag) {
  using clp::testing::expect_rejected;
  SweepConfig c;
  c.shrink = -1;
  expect_rejected(c, "--switch-shrink");
  c = SweepConfig{};
  c.perturb = NAN;
  expect_rejected(c, "--switch-perturb");
  c = SweepConfig{};
  c.task2_wd = -0.1;
  expect_rejected(c, "--task2-wd");
  c = SweepConfig{};
  c.reinit = true;
  c.shrink = 0.5;
  expect_rejected(c, "--switch-reinit");
}

namespace tp = clp::twopath;

TEST(TwopathLr, TheScheduleIsFixedInTimeSoSmallStepsAgree) {
  // steps = round(time / lr): halving a small lr leaves the outcome (the ODE's) nearly unchanged.
  tp::LrSweepConfig cfg;
  cfg.depths = {4};
  cfg.lrs = {0.005, 0.01};
  cfg.seeds = {1};
  cfg.quiet = true;
  EXPECT_EQ(cfg.steps(0.01), 1000);
  EXPECT_EQ(cfg.deficit_steps(0.01), 150);
  EXPECT_EQ(cfg.steps(0.005), 2000);
  const auto runs = tp::run_lr_sweep(cfg);
  ASSERT_EQ(runs.size(), 2u);
  for (const auto& r : runs) {
    EXPECT_EQ(r.status, "monotone");
    EXPECT_EQ(r.validity, "converged");  // the contract's verdict (common/convergence.hpp)
    EXPECT_LT(r.share, 0.05);  // the early deficit leaves pathway b almost nothing of mode 1
  }
  EXPECT_NEAR(runs[0].share, runs[1].share, 0.02 * runs[1].share);
  EXPECT_NEAR(runs[0].Ka1 + runs[0].Kb1, runs[1].Ka1 + runs[1].Kb1, 1e-3 * (runs[1].Ka1 + runs[1].Kb1));
}

TEST(TwopathLr, DivergenceIsRecordedNotThrown) {
  tp::LrSweepConfig cfg;
  cfg.depths = {2};
  cfg.lrs = {5.0};
  cfg.seeds = {1, 2};
  cfg.quiet = true;
  const auto runs = tp::run_lr_sweep(cfg);
  ASSERT_EQ(runs.size(), 2u);
  for (const auto& r : runs) {
    EXPECT_EQ(r.status, "diverged");
    EXPECT_EQ(r.validity, "diverged");
    EXPECT_GT(r.first_rise, 0);
    EXPECT_TRUE(std::isnan(r.share));
  }
  // Without stop_above, the training function keeps its contract: divergence is an error.
  tp::TrainConfig t;
  t.depth = 2;
  t.lr = 5.0;
  t.steps = 200;
  EXPECT_THROW(tp::train_two_pathway(t, tp::make_hierarchical_dataset()), clp::Error);
}

TEST(TwopathLr, ValidationNamesTheFlag) {
  using clp::testing::expect_rejected;
  tp::LrSweepConfig c;
  c.lrs = {0.1, 0.05};
  expect_rejected(c, "--lrs");
  c = tp::LrSweepConfig{};
  c.deficit_time = 20;
  expect_rejected(c, "--deficit-time");
  c = tp::LrSweepConfig{};
  c.seeds = {};
  expect_rejected(c, "--seeds");
  c = tp::LrSweepConfig{};
  c.depths = {0};
  expect_rejected(c, "--depths");
}

TEST(RemedyClaims, FractionRemovedIsMeasuredAgainstTheRunWithoutPretraining) {
  // Hand-made collected sweep, 2 seeds: without remedy error(0) = 0.1, error(T) = 1.1 (rise 1);
  // lambda 0.1 ends at 0.3 (removes 80% of the damage: PASS), lambda 0.6 at 0.9 (20%: FAIL).
  namespace fs = std::filesystem;
  const fs::path dir = clp::testing::scratch("remedy_claims");
  {
    clp::TsvWriter w(dir / "final_error.tsv", {{"seeds", "1,2"}, {"curves", "0.1,0.6,1"}, {"group", "shrink"}},
                     {"depth", "rank1", "n", "g", "seed", "t_switch", "test_error", "excess_error", "shrink", "status"});
    for (double shrink : {0.1, 0.6, 1.0})
      for (long seed : {1L, 2L}) {
        const double e0 = shrink == 1.0 ? 0.1 : 0.05, eT = shrink == 1.0 ? 1.1 : shrink == 0.1 ? 0.3 : 0.9;
        w.row(3L, 10L, 2000L, 0.001, seed, 0L, e0, 0.0, shrink, "converged");
        w.row(3L, 10L, 2000L, 0.001, seed, 100000L, eT, eT - e0, shrink, "converged");
      }
    w.commit();
  }
  const auto rows = clp::claims::check_figure("mc_remedies", dir);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].pass) << rows[0].measured;  // lambda 0.1
  EXPECT_NE(rows[0].measured.find("mean 0.80"), std::string::npos) << rows[0].measured;
  EXPECT_FALSE(rows[1].pass) << rows[1].measured;  // lambda 0.6
  EXPECT_NE(rows[1].measured.find("mean 0.20"), std::string::npos) << rows[1].measured;
  for (const auto& r : rows) EXPECT_TRUE(r.needs_full_sweep);
  fs::remove_all(dir);
}
