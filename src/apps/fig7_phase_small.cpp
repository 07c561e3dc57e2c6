// Paper Fig 7 (appendix): phase portraits of the two-pathway mode ODE with small
// initialization. One trajectory from p_a = p_b = 0.005 per panel: an early deficit
// leaves pathway a with most of s (more so when deeper); a late one leaves K_a = K_b = s/2.
//
//   fig7_phase_small [--out out/data/fig7_phase_small] [--depths 2,3,4] ...
// writes flow.tsv, arrows.tsv, trajectories.tsv, endpoints.tsv into --out.
#include "common/app.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::Phase p("fig7_phase_small");
  const twopath::PhaseConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto data = twopath::run_phase(cfg);
    twopath::write_phase(data, provenance(t, "paper Fig 7, phase portraits, small init"), t.out_dir());
    return "fig7_phase_small: final K_b share: " + twopath::share_summary(data, cfg.depths);
  });
}
