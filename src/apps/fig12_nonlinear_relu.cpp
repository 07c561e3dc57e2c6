// Paper Fig 12 (appendix): beyond linear. As Fig 2 but D = 3 and a ReLU after every layer
// (the last included); no ODE. An early deficit still leaves pathway a dominant on the
// leading modes.
//
//   fig12_nonlinear_relu [--out out/data/fig12_nonlinear_relu] [--depth 3] ...
// writes modes.tsv and trajectories.tsv (deficit_start step mode Ka_gd Kb_gd).
#include <cstdio>

#include "apps/multipath_cli.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  MultipathFlags f{twopath::paper::fig12(), "out/data/fig12_nonlinear_relu", 1};
  Cli cli("fig12_nonlinear_relu",
          "Paper Fig 12: two-pathway network with ReLU after every layer, deficits to pathway b.");
  add_multipath_flags(cli, f, false);
  return run_program(argc, argv, cli, [&] {
    finish_multipath_flags(f);
    const auto res = twopath::run_multipath(f.cfg);
    twopath::write_multipath(res, f.cfg, provenance(cli, "paper Fig 12, ReLU network"), f.out);
    const auto& early = res.runs.front().gd;
    const long T = f.cfg.train.steps;
    char buf[160];
    std::snprintf(buf, sizeof buf, "fig12_nonlinear_relu: first deficit: mode 1 K_a %.3f, K_b %.3f; mode 2 K_a %.3f, K_b %.3f",
                  early.Ka(T, 0), early.Kb(T, 0), early.Ka(T, 1), early.Kb(T, 1));
    return std::string(buf);
  });
}
