// Paper Fig 3: gating plus feature lesioning. Pathway b is gated (frozen) for the first 200
// steps and mode 2 is lesioned from pathway a for the whole run: mode 2 ends up in pathway
// b, every other mode in pathway a.
//
//   fig3_gate_lesion [--out out/data/fig3_gate_lesion] [--depth 3] [--lesion-mode 2] ...
// writes modes.tsv, final_Ka.tsv, final_Kb.tsv and trajectories.tsv.
#include <cstdio>

#include "common/app.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::Multipath p("fig3_gate_lesion");
  const twopath::MultipathConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto res = twopath::run_multipath(cfg);
    twopath::write_multipath(res, cfg, provenance(t, "paper Fig 3, gate + lesion"), t.out_dir());
    const auto& gd = res.runs.front().gd;
    const long T = cfg.train.steps;
    std::string summary = "fig3_gate_lesion: final K_b / s per mode:";
    for (int a = 0; a < res.data.modes(); ++a) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %.2f", gd.Kb(T, a) / res.data.s(a));
      summary += buf;
    }
    return summary;
  });
}
