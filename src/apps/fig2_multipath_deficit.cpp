// Paper Fig 2: two deep linear pathways trained by gradient descent follow the per-mode
// ODE, and a deficit to pathway b early in training is permanent while a late one is not.
//
//   fig2_multipath_deficit [--out out/data/fig2_multipath_deficit] [--depth 4] ...
// writes modes.tsv and trajectories.tsv (deficit_start step mode Ka_gd Kb_gd Ka_ode Kb_ode).
#include <cstdio>

#include "common/app.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::Multipath p("fig2_multipath_deficit");
  const twopath::MultipathConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto res = twopath::run_multipath(cfg);
    twopath::write_multipath(res, cfg, provenance(t, "paper Fig 2, deficit to pathway b"), t.out_dir());
    const auto& early = res.runs.front().gd;
    const long T = cfg.train.steps;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "fig2_multipath_deficit: max |K_gd - K_ode| / s_1 = %.2e; first deficit: mode 1 "
                  "K_a %.3f, K_b %.3f of s_1 %.3f",
                  twopath::max_ode_gap(res), early.Ka(T, 0), early.Kb(T, 0), res.data.s(0));
    return std::string(buf);
  });
}
