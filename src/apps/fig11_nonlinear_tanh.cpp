// Paper Fig 11 (appendix): beyond linear. As Fig 2 but D = 3 and a tanh after every layer
// (the last included); no ODE. An early deficit still leaves pathway a dominant on the
// leading modes.
//
//   fig11_nonlinear_tanh [--out out/data/fig11_nonlinear_tanh] [--depth 3] ...
// writes modes.tsv and trajectories.tsv (deficit_start step mode Ka_gd Kb_gd).
#include <cstdio>

#include "common/app.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::Multipath p("fig11_nonlinear_tanh");
  const twopath::MultipathConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto res = twopath::run_multipath(cfg);
    twopath::write_multipath(res, cfg, provenance(t, "paper Fig 11, tanh network"), t.out_dir());
    const auto& early = res.runs.front().gd;
    const long T = cfg.train.steps;
    char buf[160];
    std::snprintf(buf, sizeof buf, "fig11_nonlinear_tanh: first deficit: mode 1 K_a %.3f, K_b %.3f; mode 2 K_a %.3f, K_b %.3f",
                  early.Ka(T, 0), early.Kb(T, 0), early.Ka(T, 1), early.Kb(T, 1));
    return std::string(buf);
  });
}
