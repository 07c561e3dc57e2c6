// Paper Fig 7 (appendix): phase portraits of the two-pathway mode ODE with small
// initialization. One trajectory from p_a = p_b = 0.005 per panel: an early deficit
// leaves pathway a with most of s (more so when deeper); a late one leaves K_a = K_b = s/2.
//
//   fig7_phase_small [--out out/data/fig7_phase_small] [--depths 2,3,4] ...
// writes flow.tsv, arrows.tsv, trajectories.tsv, endpoints.tsv into --out.
#include "apps/phase_cli.hpp"
#include "common/error.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  twopath::PhaseConfig cfg = twopath::paper::fig7();
  std::string out = "out/data/fig7_phase_small";
  Cli cli("fig7_phase_small",
          "Paper Fig 7: per-mode ODE, small init (q^2 - p^2 = 0), early vs late deficit to pathway b.");
  add_phase_flags(cli, cfg, out);
  cli.option("init-p", &cfg.init_p, "initial per-layer value p_a = p_b");
  return run_program(argc, argv, cli, [&] {
    require(cfg.init_p != 0, "--init-p must be nonzero (p = 0 is a fixed point of the small-init ODE)");
    const auto data = twopath::run_phase(cfg);
    twopath::write_phase(data, provenance(cli, "paper Fig 7, phase portraits, small init"), out);
    return "fig7_phase_small: final K_b share: " + twopath::share_summary(data, cfg.depths);
  });
}
