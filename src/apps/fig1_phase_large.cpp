// Paper Fig 1: phase portraits of the two-pathway mode ODE with large initialization.
// Deeper networks suffer more from an early deficit: after pathway b is frozen for the
// first 15 steps, its final share K_b / (K_a + K_b) falls with depth.
//
//   fig1_phase_large [--out out/data/fig1_phase_large] [--depths 2,5,8,13] ...
// writes flow.tsv, arrows.tsv, trajectories.tsv, endpoints.tsv into --out.
#include "common/app.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::Phase p("fig1_phase_large");
  const twopath::PhaseConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto data = twopath::run_phase(cfg);
    twopath::write_phase(data, provenance(t, "paper Fig 1, phase portraits, large init"), t.out_dir());
    return "fig1_phase_large: mean final K_b share: " + twopath::share_summary(data, cfg.depths);
  });
}
