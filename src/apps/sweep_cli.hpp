// The flags of mc_sweep, shared with the fuzz test so that it exercises exactly them.
#pragma once
#include <optional>
#include <string>

#include "common/app.hpp"
#include "common/error.hpp"
#include "completion/problem_file.hpp"
#include "completion/sweep.hpp"

namespace clp {

struct SweepFlags {
  completion::SweepConfig cfg;  // the paper's defaults: N 100, n 2000, r 10 -> 5, D 3, lr 0.2, g 0.001
  std::string out = "out/data/mc_run", mode = "switch", precision = "float", pattern = "random", init = "gaussian";
  long seed = 1;
  std::optional<completion::Problem> problem;  // --problem's file, read once by apply()

  // The text flags into cfg, then cfg.validate(); throws clp::Error naming the flag. With
  // --problem, the parameters not given on the command line come from the file (those
  // given must agree with it: run_sweep checks).
  void apply(const Cli& cli) {
    if (!cfg.problem.empty()) {
      const completion::Problem& p = problem.emplace(completion::read_problem(cfg.problem));
      if (!cli.given("mode")) mode = p.mode;
      if (!cli.given("N")) cfg.N = p.N;
      if (!cli.given("n")) cfg.n = p.n;
      if (!cli.given("n-deficit")) cfg.n_deficit = p.n_deficit;
      if (!cli.given("rank1")) cfg.rank1 = p.rank1;
      if (!cli.given("rank2")) cfg.rank2 = p.rank2;
      if (!cli.given("depth")) cfg.depth = p.depth;
      if (!cli.given("g")) cfg.g = p.g;
      if (!cli.given("seed")) seed = static_cast<long>(p.seed);
    }
    require(mode == "switch" || mode == "subset", "--mode must be switch or subset (got '" + mode + "')");
    require(precision == "float" || precision == "double", "--precision must be float or double");
    require(seed >= 0, "--seed must be non-negative");
    require(pattern == "random" || pattern == "block", "--pattern must be random or block (got '" + pattern + "')");
    require(init == "gaussian" || init == "diagonal", "--init must be gaussian or diagonal (got '" + init + "')");
    cfg.pattern = pattern == "block" ? completion::SweepConfig::Pattern::kBlock : completion::SweepConfig::Pattern::kRandom;
    cfg.init = init == "diagonal" ? completion::SweepConfig::Init::kDiagonal : completion::SweepConfig::Init::kGaussian;
    cfg.mode = mode == "switch" ? completion::SweepConfig::Mode::kSwitch : completion::SweepConfig::Mode::kSubset;
    cfg.use_double = precision == "double";
    cfg.seed = static_cast<std::uint64_t>(seed);
    cfg.validate();
  }
};

inline void add_sweep_flags(Cli& cli, SweepFlags& f) {
  auto& cfg = f.cfg;
  cli.option("out", &f.out, "output directory");
  cli.option("mode", &f.mode, "deficit: switch (task 1 then task 2) or subset (first n-deficit entries, then all n)");
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
  cli.option("seed", &f.seed, "random seed (tasks, observed entries, initialization)");
  cli.option("switch-times", &cfg.switch_times, "deficit lengths T_switch (steps), strictly increasing");
  cli.option("continue-steps", &cfg.continue_steps, "steps of normal training after the switch");
  cli.option("switch-shrink", &cfg.shrink,
             "remedy at the switch: multiply every layer by this (shrink and perturb; 1: none)");
  cli.option("switch-perturb", &cfg.perturb,
             "remedy at the switch: add this times standard normal noise to every layer (0: none)");
  cli.flag("switch-reinit", &cfg.reinit, "remedy at the switch: reset every layer to its initial value");
  cli.option("task2-wd", &cfg.task2_wd,
             "weight decay after the switch: gradient descent on the loss + (wd/2) sum_j ||W_j||^2 (0: none)");
  cli.option("sv-every", &cfg.sv_every, "record the top singular values every k steps (0 = never)");
  cli.option("sv-count", &cfg.sv_count, "how many singular values to record");
  cli.option("precision", &f.precision, "float (fast, the default; as the authors) or double");
  cli.option("problem", &cfg.problem,
             "train on this problem file (tasks, entries, initial layers; e.g. the authors' draws from "
             "pipeline/authors_draws.py) with the authors' step counts; unset flags are taken from it");
  cli.option("pattern", &f.pattern,
             "entries seen during a subset deficit: random (the first n-deficit of the draw) or block (n-deficit "
             "drawn inside the diagonal blocks, the rest anywhere)");
  cli.option("blocks", &cfg.blocks, "number of diagonal blocks of --pattern block");
  cli.option("init", &f.init, "initialization: gaussian (the paper's) or diagonal (each layer g^(1/D) I + diag(e))");
  cli.option("init-jitter", &cfg.init_jitter, "--init diagonal: standard deviation of the shared diagonal jitter e");
  cli.flag("branch-records", &cfg.branch_records,
           "write branches.tsv: error and effective rank of W per branch, at the switch and after the last phase");
  cli.option("checkpoints", &cfg.checkpoints,
             "with --branch-records, also record each branch after these many steps of the last phase (< continue-steps)");
  cli.option("erank-fraction", &cfg.erank_fraction,
             "effective rank: count the singular values above this fraction of the largest");
  cli.flag("quiet", &cfg.quiet, "no progress on stderr");
}

}  // namespace clp
