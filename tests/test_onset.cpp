// Ours, the onset study (docs/onset.md): the predicted learning time t* of task 1, the switch
// times set as multiples of it, the trunk's measured learning time, the onset rule and the
// study's claims checker.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "claims/check_util.hpp"
#include "claims/claims.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"
#include "common/tsv.hpp"
#include "completion/factorization.hpp"
#include "completion/onset.hpp"
#include "completion/problem.hpp"
#include "completion/sweep.hpp"
#include "files.hpp"
#include "registry/experiments.hpp"
#include "stats/seed_stats.hpp"

using namespace clp::completion;
namespace fs = std::filesystem;

TEST(Onset, PredictedTimeAgainstHandComputation) {
  // N 4 (N^2 16), s 2, lr 0.5:
  //   D 2, g 0.01:  16 ln(200) / (2 x 0.5 x 2)             = 8 ln 200 = 42.3865...
  //   D 3, g 0.001: 16 x 0.001^(-1/3) / (1 x 0.5 x 2)       = 16 x 10 = 160
  //   D 4, g 1e-4:  16 x 1e-4^(-1/2) / (2 x 0.5 x 2)        = 1600 / 2 = 800
  //   D 5, g 1e-5:  16 x 1e-5^(-3/5) / (3 x 0.5 x 2)        = 16000 / 3 = 5333.33...
  EXPECT_NEAR(predicted_learning_time(4, 2, 0.01, 0.5, 2), 42.38653, 1e-4);
  EXPECT_NEAR(predicted_learning_time(4, 3, 0.001, 0.5, 2), 160, 1e-9);
  EXPECT_NEAR(predicted_learning_time(4, 4, 1e-4, 0.5, 2), 800, 1e-9);
  EXPECT_NEAR(predicted_learning_time(4, 5, 1e-5, 0.5, 2), 16000.0 / 3, 1e-8);
  // The D = 2 branch is logarithmic in g, the D >= 3 one a power: ten times smaller g adds
  // ln 10 x N^2 / (2 lr s) at D 2, multiplies by 10^(1/3) at D 3.
  EXPECT_NEAR(predicted_learning_time(4, 2, 0.001, 0.5, 2) - predicted_learning_time(4, 2, 0.01, 0.5, 2),
              8 * std::log(10.0), 1e-9);
  EXPECT_NEAR(predicted_learning_time(4, 3, 1e-4, 0.5, 2) / predicted_learning_time(4, 3, 1e-3, 0.5, 2),
              std::cbrt(10.0), 1e-12);
  EXPECT_THROW(predicted_learning_time(4, 1, 0.01, 0.5, 2), clp::Error);  // depth 1: no power law
  EXPECT_THROW(predicted_learning_time(4, 3, 3, 0.5, 2), clp::Error);     // g >= s
}

TEST(Onset, PredictedTimeApproximatesTheModeOdeToHalfItsTarget) {
  // The mode ODE d sigma/dt = (lr/N^2) D sigma^(2-2/D) (s - sigma) integrated (RK4 in
  // u = ln sigma, steps of 1e-3 in u) from sigma = g to s/2: the formula is its leading order
  // as g -> 0, within a relative (g/s)^((D-2)/D) (D >= 3), or ln(1 - g/s)/ln(s/g) (D = 2).
  const int N = 100;
  const double lr = 0.2, s = 31.6;
  for (int D : {2, 3, 4, 5})
    for (double g : {1e-3, 1e-6}) {
      const double k = lr / (double(N) * N) * D;
      auto dudt = [&](double u) {
        const double sig = std::exp(u);
        return k * std::pow(sig, 1 - 2.0 / D) * (s - sig);
      };
      // dt = du / (du/dt): integrate t(u) = integral du / (du/dt) with Simpson's rule.
      const double u0 = std::log(g), u1 = std::log(s / 2);
      const int steps = 200000;
      const double h = (u1 - u0) / steps;
      double t = 0;
      for (int i = 0; i < steps; ++i) {
        const double a = u0 + i * h;
        t += h / 6 * (1 / dudt(a) + 4 / dudt(a + h / 2) + 1 / dudt(a + h));
      }
      const double pred = predicted_learning_time(N, D, g, lr, s);
      const double tol = D == 2 ? 1e-3 : 2 * std::pow(g / s, (D - 2.0) / D) + 1e-3;
      EXPECT_NEAR(pred / t, 1, tol) << "D " << D << " g " << g << ": ODE " << t << ", formula " << pred;
    }
}

TEST(Onset, SwitchMultiplesAreWholeStepsOfTStar) {
  // The paper's task at the base: N 100, rank 10 (s = 100 / sqrt(10) = 31.6228), D 3, g 0.001,
  // lr 0.2: t* = 10^4 x 10 / (0.2 x 31.6228) = 15811.39 -> 15811 steps.
  SweepConfig cfg;
  cfg.switch_multiples = {0, 0.5, 1, 2, 4};
  resolve_switch_multiples(cfg, nullptr);
  EXPECT_EQ(cfg.t_pred, 15811);
  EXPECT_EQ(cfg.switch_times, (std::vector<long>{0, 7906, 15811, 31622, 63244}));
  // The rms singular value is ||M||_F / sqrt(rank) = N / sqrt(rank) for every draw: every seed
  // gets the same switch times.
  SweepConfig other = cfg;
  other.seed = 7;
  other.switch_multiples = cfg.switch_multiples;
  resolve_switch_multiples(other, nullptr);
  EXPECT_EQ(other.switch_times, cfg.switch_times);
  // Depth 2 (the logarithmic branch): 10^4 ln(31622.8) / (2 x 0.2 x 31.6228) = 8191.59 -> 8192.
  SweepConfig d2;
  d2.depth = 2;
  d2.switch_multiples = {0, 1};
  resolve_switch_multiples(d2, nullptr);
  EXPECT_EQ(d2.t_pred, 8192);
  // Two multiples that round to one step are refused, naming the option.
  SweepConfig close;
  close.switch_multiples = {0, 1e-6};
  try {
    resolve_switch_multiples(close, nullptr);
    ADD_FAILURE() << "accepted two multiples that round to one step";
  } catch (const clp::Error& e) {
    EXPECT_NE(std::string(e.what()).find("--switch-at-multiples"), std::string::npos) << e.what();
  }
  // Without multiples nothing changes.
  SweepConfig plain;
  const auto times = plain.switch_times;
  resolve_switch_multiples(plain, nullptr);
  EXPECT_EQ(plain.switch_times, times);
  EXPECT_EQ(plain.t_pred, 0);
}

TEST(Onset, MeasuredLearningTimeIsTheFirstStepAtHalfTheInitialLoss) {
  // A small run in double; the loss sequence recomputed with the dense reference step from the
  // same draws: t_learn = the first t >= 1 with L_t <= L_0 / 2.
  SweepConfig cfg;
  cfg.N = 20;
  cfg.n = 160;
  cfg.rank1 = 4;
  cfg.rank2 = 2;
  cfg.depth = 3;
  cfg.g = 0.05;
  cfg.lr = 0.5;
  cfg.switch_multiples = {0, 1, 2};
  cfg.continue_steps = 20;
  cfg.use_double = true;
  cfg.quiet = true;
  resolve_switch_multiples(cfg, nullptr);
  const SweepResult res = run_sweep(cfg);

  const Eigen::MatrixXd M1 = make_ground_truth(cfg.N, cfg.rank1, clp::derive_seed(cfg.seed, kTask1));
  const ObservationSet obs = arrange(cfg.N, sample_entries(cfg.N, cfg.n, clp::derive_seed(cfg.seed, kObservations)));
  std::vector<Eigen::MatrixXd> layers = gaussian_init(cfg.N, cfg.depth, cfg.g, clp::derive_seed(cfg.seed, kInit));
  const std::vector<double> y = targets_at<double>(obs, M1);
  long expected = -1;
  double L0 = 0;
  for (long t = 0; t < cfg.switch_times.back(); ++t) {
    const double L = reference_step(layers, obs, y, cfg.lr);
    if (t == 0) L0 = L;
    else if (L <= L0 / 2) {
      expected = t;
      break;
    }
  }
  ASSERT_GT(expected, 1) << "the small problem must take more than one step to learn";
  EXPECT_EQ(res.t_learn, expected);

  // Written as columns of every row, after the declared ones.
  const fs::path dir = clp::testing::scratch("onset_columns");
  write_sweep(res, cfg, {}, dir);
  const clp::TsvTable t = clp::read_tsv(dir / "final_error.tsv");
  ASSERT_EQ(t.rows.size(), 3u);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.number(r, kPredictedTimeColumn), double(cfg.t_pred));
    EXPECT_EQ(t.number(r, kLearnTimeColumn), double(expected));
  }
  for (size_t r = 0; r < t.rows.size(); ++r)
    EXPECT_EQ(t.number(r, "t_switch"), double(cfg.switch_times[r]));  // the resolved multiples of t*

  // A trunk too short to halve the loss: not reached (-1), written as nan.
  SweepConfig short_cfg = cfg;
  short_cfg.switch_times = {0, 1};
  const SweepResult r2 = run_sweep(short_cfg);
  EXPECT_EQ(r2.t_learn, -1);
  write_sweep(r2, short_cfg, {}, dir);
  EXPECT_EQ(clp::read_tsv(dir / "final_error.tsv").text(0, kLearnTimeColumn), "nan");
}

TEST(Onset, SwitchTimesAndMultiplesAreRefusedTogether) {
  const fs::path dir = clp::testing::scratch("onset_refused", false);
  const auto r = clp::testing::run_program(
      "mc_sweep", "--out " + dir.string() + " --N 10 --n 30 --rank1 2 --rank2 1 --switch-times 0,5 "
                  "--switch-at-multiples 0,1 --continue-steps 5 --quiet");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--switch-at-multiples"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--switch-times"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "final_error.tsv"));
  const auto d1 = clp::testing::run_program(
      "mc_sweep", "--out " + dir.string() + " --N 10 --n 30 --rank1 2 --rank2 1 --depth 1 "
                  "--switch-at-multiples 0,1 --continue-steps 5 --quiet");
  EXPECT_NE(d1.status, 0);
  EXPECT_NE(d1.err.find("--depth"), std::string::npos) << d1.err;
}

TEST(Onset, OnsetRuleInterpolatesToHalfTheLargestRise) {
  using clp::claims::detail::onset_time;
  // R = 0.8, half 0.4, first reached between T 10 (0.1) and T 20 (0.5): 10 + 0.3/0.4 x 10.
  EXPECT_DOUBLE_EQ(onset_time({0, 10, 20, 40}, {0, 0.1, 0.5, 0.8}, 0.1), 17.5);
  // A rise that is largest in the middle: half of its largest value, first crossing.
  EXPECT_DOUBLE_EQ(onset_time({0, 100, 200, 400}, {0, 0.6, 1.0, 0.2}, 0.1), 100 * 0.5 / 0.6);
  // Below the "the deficit damages" rise: no onset.
  EXPECT_TRUE(std::isnan(onset_time({0, 10, 20}, {0, 0.05, 0.09}, 0.1)));
}

namespace {

// A collected mc_onset table: configurations (depth, t*) with seeds 1, 2, multiples 0 ... 8 of
// t*, and the rise 0.5 (1 - exp(-m / stretch)) at multiple m (its sampled half-rise onset:
// 0.723 t* at stretch 1, 3.10 t* at stretch 8, 0.145 t* at stretch 1/8).
fs::path synthetic_onset(const std::string& name, const std::vector<std::pair<int, double>>& configs,
                         const std::vector<double>& stretch, const std::string& bad_status = "") {
  const fs::path dir = clp::testing::scratch(name);
  clp::Provenance prov{{"seeds", "1,2"}};
  std::string curves;
  std::vector<double> sorted;
  for (const auto& c : configs) sorted.push_back(c.second);
  std::sort(sorted.begin(), sorted.end());
  for (double c : sorted) curves += (curves.empty() ? "" : ",") + clp::claims::number_text(c);
  prov.push_back({"curves", curves});
  clp::TsvWriter w(dir / "final_error.tsv", prov,
                   {"depth", "g", "lr", "seed", "t_switch", "test_error", "excess_error", "status", kPredictedTimeColumn,
                    kLearnTimeColumn});
  for (size_t i = 0; i < configs.size(); ++i)
    for (long seed : {1, 2})
      for (double m : {0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0}) {
        const double rise = 0.5 * (1 - std::exp(-m / stretch[i]));
        const long T = std::lround(m * configs[i].second);
        w.row(configs[i].first, 0.001, 0.2, seed, T, 0.1 + rise, rise,
              std::string(bad_status.empty() || T == 0 ? "converged" : bad_status), configs[i].second,
              std::lround(configs[i].second * stretch[i]));
      }
  w.commit();
  return dir;
}

}  // namespace

TEST(Onset, ClaimsHoldWhenTheOnsetsFollowTStarAndFailClosed) {
  // Onsets proportional to t*: every H1 row holds, the normalised spread is 0 (H2 holds), and
  // the measured clock (here t* itself) collapses them as well (H3 holds).
  const std::vector<std::pair<int, double>> configs{{2, 1000}, {3, 4000}, {4, 16000}};
  auto rows = clp::claims::check_figure("mc_onset", synthetic_onset("onset_law", configs, {1, 1, 1}));
  ASSERT_EQ(rows.size(), 5u);  // H1 x 3, H2, H3
  for (const auto& r : rows) EXPECT_TRUE(r.pass && r.needs_full_sweep) << r.claim << ": " << r.measured;
  // Onsets near a fixed step count instead (3101, 2891, 2313 steps): H2 does not hold, and the
  // configurations far from t* do not hold H1 either.
  rows = clp::claims::check_figure("mc_onset", synthetic_onset("onset_fixed", configs, {8, 1, 0.125}));
  int h1_fail = 0;
  for (const auto& r : rows) {
    if (r.claim.rfind("H1", 0) == 0) h1_fail += !r.pass;
    if (r.claim.rfind("H2", 0) == 0) {
      EXPECT_FALSE(r.pass) << r.measured;
    }
  }
  EXPECT_EQ(h1_fail, 2);
  // A point that did not converge: one FAIL row naming it (fail closed).
  const auto bad = clp::claims::check_figure_or_fail("mc_onset", synthetic_onset("onset_bad", configs, {1, 1, 1}, "stalled"));
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_TRUE(bad[0].data_problem);
  EXPECT_FALSE(bad[0].pass);
  EXPECT_NE(bad[0].measured.find("stalled"), std::string::npos) << bad[0].measured;
}

TEST(Onset, PipelineAndFigureNameTheDeclaredColumns) {
  // make groups the runs by t*, and the figure reads it: both by the name mc_sweep writes.
  const fs::path src(CLP_SOURCE_DIR);
  const auto decl = clp::experiments::read((src / "pipeline/experiments.txt").string());
  const auto* onset = decl.find("mc_onset");
  ASSERT_NE(onset, nullptr);
  EXPECT_EQ(onset->group, kPredictedTimeColumn);
  EXPECT_EQ(onset->collect_flags, std::vector<std::string>{"per-curve-times"});
  const std::string gp = clp::testing::slurp(src / "figures/mc_onset.gp");
  EXPECT_NE(gp.find("\"" + std::string(kPredictedTimeColumn) + "\""), std::string::npos);
}

TEST(Onset, PerCurveSwitchTimesAreAGridWithinEachCurve) {
  // Two configurations with their own switch times (multiples of their own t*): refused as one
  // grid by default, accepted per curve; a seed missing a row of its curve is refused either way.
  auto table = [](bool missing) {
    clp::TsvTable t;
    t.columns = {"t_pred", "seed", "t_switch", "test_error", "excess_error"};
    for (const auto& [c, times] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"100", {"0", "100", "200"}}, {"400", {"0", "400", "800"}}})
      for (const std::string seed : {"1", "2"})
        for (const auto& ts : times)
          if (!(missing && c == "400" && seed == "2" && ts == "800")) t.rows.push_back({c, seed, ts, "0.5", "0.1"});
    t.line.assign(t.rows.size(), 0);
    t.source = "synthetic";
    return t;
  };
  EXPECT_THROW(clp::stats::read_seed_sweep(table(false), "t_pred", "f"), clp::Error);
  const auto s = clp::stats::read_seed_sweep(table(false), "t_pred", "f", true);
  EXPECT_EQ(s.times_of(100), (std::vector<long>{0, 100, 200}));
  EXPECT_EQ(s.times_of(400), (std::vector<long>{0, 400, 800}));
  EXPECT_EQ(clp::stats::seed_statistics(s).size(), 6u);
  EXPECT_THROW(clp::stats::read_seed_sweep(table(true), "t_pred", "f", true), clp::Error);
}
