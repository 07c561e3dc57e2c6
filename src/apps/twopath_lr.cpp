// Ours, beyond the paper: the two-pathway critical period against the learning
// rate. The Fig 2 network trained by gradient descent with an early deficit to pathway b, at
// learning rates from the paper's 0.01 up to divergence, the schedule fixed in time lr x steps
// (twopath/lr_sweep.hpp).
//
//   twopath_lr [--out out/data/twopath_lr] [--depths 2,4,8] [--lrs 0.01,...] [--seeds 1,...]
// writes summary.tsv and runs.tsv (depth lr seed steps deficit_steps status first_rise share Ka1 Kb1 final_loss).
#include <cstdio>
#include <map>

#include "common/app.hpp"
#include "programs/programs.hpp"
#include "twopath/lr_sweep.hpp"
#include "twopath/paper.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::TwopathLr p;
  const twopath::LrSweepConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto runs = twopath::run_lr_sweep(cfg);
    twopath::write_lr_sweep(runs, provenance(t, "ours: two-pathway critical period against the learning rate"),
                            t.out_dir(), cfg.tolerances());
    // Per depth: the largest lr at which no seed diverged (0: every lr given diverged).
    std::map<int, double> stable;
    for (const auto& [key, c] : twopath::group_lr_runs(runs)) {
      double& best = stable[key.first];
      if (c.diverged == 0) best = std::max(best, key.second);
    }
    std::string summary = "twopath_lr: largest lr with no divergence:";
    for (const auto& [D, lr] : stable) {
      char buf[96];
      if (lr > 0) std::snprintf(buf, sizeof buf, " D %d: %.4g;", D, lr);
      else std::snprintf(buf, sizeof buf, " D %d: none (a seed diverged at every lr given);", D);
      summary += buf;
    }
    return summary;
  });
}
