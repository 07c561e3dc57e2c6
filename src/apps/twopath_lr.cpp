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
#include "twopath/lr_sweep.hpp"
#include "twopath/paper.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  twopath::LrSweepConfig cfg;
  cfg.train = twopath::paper::fig2().train;
  std::string out = "out/data/twopath_lr";
  Cli cli("twopath_lr",
          "Ours: the Fig 2 two-pathway network (GD on the network) with an early deficit to pathway b, at\n"
          "learning rates from the paper's 0.01 up to divergence; the schedule is fixed in time lr x steps.\n"
          "Reports pathway b's final share of mode 1 and whether the loss fell monotonically, oscillated\n"
          "or diverged.");
  cli.option("out", &out, "output directory");
  cli.option("depths", &cfg.depths, "layers per pathway D, one sweep each");
  cli.option("lrs", &cfg.lrs, "learning rates, strictly increasing");
  cli.option("time", &cfg.time, "training time lr x steps (the paper's 1000 steps at lr 0.01)");
  cli.option("deficit-time", &cfg.deficit_time, "pathway b frozen for the first deficit-time / lr steps");
  cli.option("seeds", &cfg.seeds, "random seeds (initial values and hidden rotation R), one run each");
  cli.option("hidden", &cfg.train.hidden, "hidden width of every pathway");
  cli.option("init-scale", &cfg.train.init_scale, "initial per-mode value d = init-scale (1 + init-jitter xi)");
  cli.option("init-jitter", &cfg.train.init_jitter, "relative spread of the initial per-mode values");
  cli.option("stop-above", &cfg.stop_above, "diverged: the loss is not finite or above this x its initial value");
  cli.option("rise-tol", &cfg.rise_tol, "a step raises the loss if it grows by more than this x the initial loss");
  cli.flag("quiet", &cfg.quiet, "no progress on stderr");
  return run_program(argc, argv, cli, [&] {
    const auto runs = twopath::run_lr_sweep(cfg);
    twopath::write_lr_sweep(runs, provenance(cli, "ours: two-pathway critical period against the learning rate"),
                            out);
    // Per depth: the largest lr at which no seed diverged.
    std::map<int, double> stable;
    for (const auto& [key, c] : twopath::group_lr_runs(runs))
      if (c.diverged == 0) stable[key.first] = std::max(stable[key.first], key.second);
    std::string summary = "twopath_lr: largest lr with no divergence:";
    for (const auto& [D, lr] : stable) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " D %d: %.4g;", D, lr);
      summary += buf;
    }
    return summary;
  });
}
