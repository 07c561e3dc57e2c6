// The flop counts of the completion runs (completion/flops.hpp): the step counts of the
// sweeps and the ODE comparison, and the per-step terms, by hand on small configurations.
#include <gtest/gtest.h>

#include "completion/flops.hpp"

using namespace clp::completion;

TEST(Flops, StepCounts) {
  // Depth 3, N 100, n 2000 (the paper's step): 3 products of 2e6 and 3 passes of 4e5.
  EXPECT_DOUBLE_EQ(step_flops(100, 2000, 3), 7.2e6);
  EXPECT_DOUBLE_EQ(step_flops(100, 2000, 2), 1.2e6);  // no dense product
  EXPECT_DOUBLE_EQ(step_flops(100, 2000, 1), 6000);
  EXPECT_DOUBLE_EQ(step_flops(50, 500, 5), 9 * 2.0 * 125000 + 6 * 500 * 50.0);
  // The ODE step at N 100, n 5000: 2e6 (entries) + 2e6 (A) + 2 (2/3 + 2) 1e6 + 1.2e5.
  EXPECT_NEAR(sv_ode_step_flops(100, 5000), 4e6 + 16e6 / 3 + 1.2e5, 1e-6);
}

TEST(Flops, SweepIsTrunkPlusBranches) {
  SweepConfig cfg;  // the paper's base run: 100,000 trunk steps + 9 branches of 30,000
  EXPECT_DOUBLE_EQ(sweep_flops(cfg).single, 370000 * step_flops(100, 2000, 3));
  EXPECT_EQ(sweep_flops(cfg).dbl, 0);
  cfg.use_double = true;
  EXPECT_DOUBLE_EQ(sweep_flops(cfg).dbl, 370000 * step_flops(100, 2000, 3));
  EXPECT_EQ(sweep_flops(cfg).single, 0);

  SweepConfig sub;
  sub.mode = SweepConfig::Mode::kSubset;
  sub.N = 10, sub.n = 40, sub.n_deficit = 20, sub.depth = 4;
  sub.switch_times = {0, 7};
  sub.continue_steps = 5;
  EXPECT_DOUBLE_EQ(sweep_flops(sub).single, 7 * step_flops(10, 20, 4) + 2 * 5 * step_flops(10, 40, 4));
  sub.problem = "authors.txt";  // the authors' loop: one more deficit step, continue - 2 after
  EXPECT_DOUBLE_EQ(sweep_flops(sub).single, 8 * step_flops(10, 20, 4) + 2 * 3 * step_flops(10, 40, 4));
}

TEST(Flops, SweepCountsTheSingularValueRecordings) {
  SweepConfig cfg;
  cfg.N = 10, cfg.n = 30, cfg.depth = 3;
  cfg.switch_times = {0, 10};
  cfg.continue_steps = 7;
  cfg.sv_every = 4;
  // Trunk steps 0..9: recorded at 0, 4, 8. Branch at 0: steps 0..6 at 0, 4, and its end;
  // branch at 10: steps 10..16 at 12, 16, and its end. 3 + 3 + 3 = 9 recordings.
  const Flops f = sweep_flops(cfg);
  EXPECT_DOUBLE_EQ(f.single, (10 + 2 * 7) * step_flops(10, 30, 3));
  EXPECT_DOUBLE_EQ(f.dbl, 9 * sv_record_flops(10, 3));
  EXPECT_DOUBLE_EQ(sv_record_flops(10, 3), 2 * 2000.0 + 8000.0 / 3);
}

TEST(Flops, OdeCompareIsGradientDescentAndTheOde) {
  OdeCompareConfig cfg;
  cfg.N = 10, cfg.n_list = {30, 50}, cfg.depth = 3;
  cfg.totals = {20, 30};
  cfg.task2_steps = 10;
  cfg.record_every = 4;
  // Trunk 20 steps (recorded at 0, 4, 8, 12, 16); branch [10, 20]: 12, 16, 20; branch
  // [20, 30]: 20, 24, 28 and its end 30. 5 + 3 + 4 = 12 recordings per n.
  const double steps = 20 + 2 * 10;
  double want = 0;
  for (int n : {30, 50}) want += steps * (step_flops(10, n, 3) + sv_ode_step_flops(10, n)) + 12 * sv_record_flops(10, 3);
  const Flops f = ode_compare_flops(cfg);
  EXPECT_DOUBLE_EQ(f.dbl, want);
  EXPECT_EQ(f.single, 0);
  EXPECT_DOUBLE_EQ(f.seconds_at(1e9, 5e8), want / 5e8);
}
