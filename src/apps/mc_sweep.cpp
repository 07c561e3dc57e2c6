// Matrix-completion critical-period sweep (paper Sec. 4; SPEC Part B). One run = one
// configuration and all its switch times (the deficit phase is trained once and branched).
// The figures mc_depth, mc_rank, mc_nobs, mc_seeds, mc_init, mc_subset_depth,
// mc_subset_nobs and mc_singular_values collect such runs (pipeline/completion.mk).
//
//   mc_sweep --out out/data/runs/<id> [--mode switch|subset] [--depth 3] [--rank1 10] ...
// writes final_error.tsv (one row per switch time) and, with --sv-every, singular_values.tsv.
#include <cstdio>

#include "common/app.hpp"
#include "common/error.hpp"
#include "completion/sweep.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  completion::SweepConfig cfg;  // the paper's defaults: N 100, n 2000, r 10 -> 5, D 3, lr 0.2, g 0.001
  std::string out = "out/data/mc_run", mode = "switch", precision = "float";
  long seed = 1;
  Cli cli("mc_sweep",
          "Deep matrix completion W = W_D ... W_1 trained by full-batch gradient descent on n observed\n"
          "entries, after a deficit (task switch or observed subset) of T_switch steps; reports the final\n"
          "test error (mean over all N^2 entries of (W - M)^2) for every switch time.");
  cli.option("out", &out, "output directory");
  cli.option("mode", &mode, "deficit: switch (task 1 then task 2) or subset (first n-deficit entries, then all n)");
  cli.option("N", &cfg.N, "matrix size N (N by N)");
  cli.option("n", &cfg.n, "observed entries (after the deficit)");
  cli.option("n-deficit", &cfg.n_deficit, "entries seen during a subset deficit");
  cli.option("rank1", &cfg.rank1, "rank of task 1 (of the single task in subset mode)");
  cli.option("rank2", &cfg.rank2, "rank of task 2 (switch mode)");
  cli.option("task2-shared", &cfg.shared,
             "k >= 0: task 2 shares its first k singular directions with task 1, the others orthogonal (-1: independent)");
  cli.option("depth", &cfg.depth, "number of N by N layers D");
  cli.option("lr", &cfg.lr, "learning rate");
  cli.option("g", &cfg.g, "initialization scale: entries N(0, g^(2/D) / N)");
  cli.option("seed", &seed, "random seed (tasks, observed entries, initialization)");
  cli.option("switch-times", &cfg.switch_times, "deficit lengths T_switch (steps), strictly increasing");
  cli.option("continue-steps", &cfg.continue_steps, "steps of normal training after the switch");
  cli.option("sv-every", &cfg.sv_every, "record the top singular values every k steps (0 = never)");
  cli.option("sv-count", &cfg.sv_count, "how many singular values to record");
  cli.option("precision", &precision, "float (fast, the default; as the authors) or double");
  cli.flag("quiet", &cfg.quiet, "no progress on stderr");
  return run_program(argc, argv, cli, [&] {
    require(mode == "switch" || mode == "subset", "--mode must be switch or subset (got '" + mode + "')");
    require(precision == "float" || precision == "double", "--precision must be float or double");
    cfg.mode = mode == "switch" ? completion::SweepConfig::Mode::kSwitch : completion::SweepConfig::Mode::kSubset;
    cfg.use_double = precision == "double";
    cfg.seed = static_cast<std::uint64_t>(seed);
    const auto res = completion::run_sweep(cfg);
    completion::write_sweep(res, cfg, provenance(cli, "matrix completion critical-period sweep"), out);
    std::string summary = "mc_sweep D=" + std::to_string(cfg.depth) + ": test error at T_switch";
    for (const auto& p : res.points) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %ld: %.4f;", p.t_switch, p.test_error);
      summary += buf;
    }
    return summary;
  });
}
