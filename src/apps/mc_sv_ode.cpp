// The singular-value ODE of Arora et al. (2019) against gradient descent on the deep network
// (SPEC mc_ode_vs_gd and mc_ode_transfer). Both start from the same W, see the same entries
// and switch to task 2 for the last --task2-steps of every run; run lengths share their
// task-1 prefix, computed once.
//
//   mc_sv_ode --out out/data/mc_ode_vs_gd [--n 5000] [--totals 10000,20000,30000,50000] ...
// writes singular_values.tsv (n total_steps step index sv_gd sv_ode).
#include <cstdio>

#include "common/app.hpp"
#include "completion/sv_compare.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  completion::OdeCompareConfig cfg;  // SPEC mc_ode_vs_gd defaults
  std::string out = "out/data/mc_ode_vs_gd";
  long seed = 1;
  Cli cli("mc_sv_ode",
          "Top singular values of W = W_D ... W_1: gradient descent on the network against the\n"
          "singular-value ODE (Arora et al. 2019), through a switch from task 1 to task 2.");
  cli.option("out", &out, "output directory");
  cli.option("N", &cfg.N, "matrix size N");
  cli.option("n", &cfg.n_list, "observed entries (a list: one comparison per value)");
  cli.option("rank1", &cfg.rank1, "rank of task 1");
  cli.option("rank2", &cfg.rank2, "rank of task 2");
  cli.option("depth", &cfg.depth, "depth D (at least 2)");
  cli.option("eta", &cfg.eta, "learning rate of GD and step of the ODE");
  cli.option("g", &cfg.g, "initialization: every layer g^(1/D) I + diag(e)");
  cli.option("jitter", &cfg.jitter, "e ~ N(0, jitter^2), shared by the layers (keeps singular values distinct)");
  cli.option("totals", &cfg.totals, "run lengths in steps, strictly increasing");
  cli.option("task2-steps", &cfg.task2_steps, "the last steps of every run, on task 2");
  cli.option("record-every", &cfg.record_every, "record the singular values every k steps");
  cli.option("sv-count", &cfg.sv_count, "how many singular values to record");
  cli.option("seed", &seed, "random seed (tasks, entries, jitter)");
  cli.flag("quiet", &cfg.quiet, "no progress on stderr");
  return run_program(argc, argv, cli, [&] {
    cfg.seed = static_cast<std::uint64_t>(seed);
    const auto rows = completion::run_ode_vs_gd(cfg);
    completion::write_ode_vs_gd(rows, provenance(cli, "singular-value ODE vs gradient descent"), out);
    const auto g = completion::max_ode_gap(rows);
    char buf[128];
    std::snprintf(buf, sizeof buf, "mc_sv_ode: max |sv_gd - sv_ode| = %.3g (largest singular value %.3g)", g.gap, g.top);
    return std::string(buf);
  });
}
