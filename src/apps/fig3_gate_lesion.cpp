// Paper Fig 3: gating plus feature lesioning. Pathway b is gated (frozen) for the first 200
// steps and mode 2 is lesioned from pathway a for the whole run: mode 2 ends up in pathway
// b, every other mode in pathway a.
//
//   fig3_gate_lesion [--out out/data/fig3_gate_lesion] [--depth 3] [--lesion-mode 2] ...
// writes modes.tsv, final_Ka.tsv, final_Kb.tsv and trajectories.tsv.
#include <cstdio>

#include "apps/multipath_cli.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  MultipathFlags f{twopath::paper::fig3(), "out/data/fig3_gate_lesion", 1};
  Cli cli("fig3_gate_lesion",
          "Paper Fig 3: pathway b gated for [0, 200), mode 2 lesioned from pathway a throughout.");
  add_multipath_flags(cli, f, true);
  return run_program(argc, argv, cli, [&] {
    finish_multipath_flags(f);
    const auto res = twopath::run_multipath(f.cfg);
    twopath::write_multipath(res, f.cfg, provenance(cli, "paper Fig 3, gate + lesion"), f.out);
    const auto& gd = res.runs.front().gd;
    const long T = f.cfg.train.steps;
    std::string summary = "fig3_gate_lesion: final K_b / s per mode:";
    for (int a = 0; a < res.data.modes(); ++a) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %.2f", gd.Kb(T, a) / res.data.s(a));
      summary += buf;
    }
    return summary;
  });
}
