// Paper Fig 2: two deep linear pathways trained by gradient descent follow the per-mode
// ODE, and a deficit to pathway b early in training is permanent while a late one is not.
//
//   fig2_multipath_deficit [--out out/data/fig2_multipath_deficit] [--depth 4] ...
// writes modes.tsv and trajectories.tsv (deficit_start step mode Ka_gd Kb_gd Ka_ode Kb_ode).
#include <cstdio>

#include "apps/multipath_cli.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  MultipathFlags f{twopath::paper::fig2(), "out/data/fig2_multipath_deficit", 1};
  Cli cli("fig2_multipath_deficit",
          "Paper Fig 2: linear two-pathway network (GD) vs per-mode ODE under deficits to pathway b.");
  add_multipath_flags(cli, f, false);
  return run_program(argc, argv, cli, [&] {
    finish_multipath_flags(f);
    const auto res = twopath::run_multipath(f.cfg);
    twopath::write_multipath(res, f.cfg, provenance(cli, "paper Fig 2, deficit to pathway b"), f.out);
    const auto& early = res.runs.front().gd;
    const long T = f.cfg.train.steps;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "fig2_multipath_deficit: max |K_gd - K_ode| / s_1 = %.2e; first deficit: mode 1 "
                  "K_a %.3f, K_b %.3f of s_1 %.3f",
                  twopath::max_ode_gap(res), early.Ka(T, 0), early.Kb(T, 0), res.data.s(0));
    return std::string(buf);
  });
}
