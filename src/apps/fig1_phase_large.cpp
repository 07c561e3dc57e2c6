// Paper Fig 1: phase portraits of the two-pathway mode ODE with large initialization.
// Deeper networks suffer more from an early deficit: after pathway b is frozen for the
// first 15 steps, its final share K_b / (K_a + K_b) falls with depth.
//
//   fig1_phase_large [--out out/data/fig1_phase_large] [--depths 2,5,8,13] ...
// writes flow.tsv, arrows.tsv, trajectories.tsv, endpoints.tsv into --out.
#include "apps/phase_cli.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  twopath::PhaseConfig cfg = twopath::paper::fig1();
  std::string out = "out/data/fig1_phase_large";
  long seed = 1;
  Cli cli("fig1_phase_large",
          "Paper Fig 1: per-mode ODE, large init (q^2 - p^2 = 1), early vs late deficit to pathway b.");
  add_phase_flags(cli, cfg, out);
  cli.option("init-std", &cfg.init_std, "p_a, p_b ~ N(0, init-std^2)");
  cli.option("seed", &seed, "random seed");
  return run_program(argc, argv, cli, [&] {
    cfg.seed = static_cast<std::uint64_t>(seed);
    const auto data = twopath::run_phase(cfg);
    twopath::write_phase(data, provenance(cli, "paper Fig 1, phase portraits, large init"), out);
    return "fig1_phase_large: mean final K_b share: " + twopath::share_summary(data, cfg.depths);
  });
}
