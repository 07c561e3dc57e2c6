// Paper Fig 7 (appendix): phase portraits of the two-pathway mode ODE with small
// initialization. One trajectory from p_a = p_b = 0.005 per panel: an early deficit
// leaves pathway a with most of s (more so when deeper); a late one leaves K_a = K_b = s/2.
//
//   fig7_phase_small [--out out/data/fig7_phase_small] [--depths 2,3,4] ...
// writes flow.tsv, arrows.tsv, trajectories.tsv, endpoints.tsv into --out.
#include "common/app.hpp"
#include "common/error.hpp"
#include "twopath/phase.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  twopath::PhaseConfig cfg;
  cfg.regime = twopath::Regime::kSmall;  // paper defaults for Fig 7
  cfg.dt = 0.01;
  cfg.steps = 1000000;
  cfg.depths = {2, 3, 4};
  cfg.early = {0, 5};
  cfg.late = {500000, 10000};
  cfg.runs = 1;
  cfg.init_p = 0.005;
  cfg.record_tol = 0.02;
  std::string out = "out/data/fig7_phase_small";
  bool quiet = false;
  Cli cli("fig7_phase_small",
          "Paper Fig 7: per-mode ODE, small init (q^2 - p^2 = 0), early vs late deficit to pathway b.");
  cli.option("out", &out, "output directory");
  cli.option("s", &cfg.s, "target singular value of the mode");
  cli.option("dt", &cfg.dt, "Euler step (the learning rate)");
  cli.option("steps", &cfg.steps, "steps per trajectory");
  cli.option("depths", &cfg.depths, "depths D (number of layers per pathway)");
  cli.option("early-start", &cfg.early.start, "first step of the early deficit");
  cli.option("early-length", &cfg.early.length, "length of the early deficit (steps)");
  cli.option("late-start", &cfg.late.start, "first step of the late deficit");
  cli.option("late-length", &cfg.late.length, "length of the late deficit (steps)");
  cli.option("init-p", &cfg.init_p, "initial per-layer value p_a = p_b");
  cli.option("record-tol", &cfg.record_tol, "record a trajectory point after it moved this far");
  cli.option("flow-grid", &cfg.flow_grid, "streamline seeds per side of the square");
  cli.flag("quiet", &quiet, "no progress on stderr");
  return run_program(argc, argv, cli, [&] {
    require(cfg.init_p != 0, "--init-p must be nonzero (p = 0 is a fixed point of the small-init ODE)");
    const auto data = twopath::run_phase(cfg);
    twopath::write_phase(data, provenance(cli, "paper Fig 7, phase portraits, small init"), out);
    return "fig7_phase_small: final K_b share: " + twopath::share_summary(data, cfg.depths);
  });
}
