// Paper Fig 11 (appendix): beyond linear. As Fig 2 but D = 3 and a tanh after every layer
// (the last included); no ODE. An early deficit still leaves pathway a dominant on the
// leading modes.
//
//   fig11_nonlinear_tanh [--out out/data/fig11_nonlinear_tanh] [--depth 3] ...
// writes modes.tsv and trajectories.tsv (deficit_start step mode Ka_gd Kb_gd).
#include <cstdio>

#include "apps/multipath_cli.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  MultipathFlags f{twopath::paper::fig11(), "out/data/fig11_nonlinear_tanh", 1};
  Cli cli("fig11_nonlinear_tanh",
          "Paper Fig 11: two-pathway network with tanh after every layer, deficits to pathway b.");
  add_multipath_flags(cli, f, false);
  return run_program(argc, argv, cli, [&] {
    finish_multipath_flags(f);
    const auto res = twopath::run_multipath(f.cfg);
    twopath::write_multipath(res, f.cfg, provenance(cli, "paper Fig 11, tanh network"), f.out);
    const auto& early = res.runs.front().gd;
    const long T = f.cfg.train.steps;
    char buf[160];
    std::snprintf(buf, sizeof buf, "fig11_nonlinear_tanh: first deficit: mode 1 K_a %.3f, K_b %.3f; mode 2 K_a %.3f, K_b %.3f",
                  early.Ka(T, 0), early.Kb(T, 0), early.Ka(T, 1), early.Kb(T, 1));
    return std::string(buf);
  });
}
