// Matrix-completion critical-period sweep (paper Sec. 4; SPEC Part B). One run = one
// configuration and all its switch times (the deficit phase is trained once and branched).
// The figures mc_depth, mc_rank, mc_nobs, mc_seeds, mc_init, mc_subset_depth,
// mc_subset_nobs and mc_singular_values collect such runs (pipeline/completion.mk).
//
//   mc_sweep --out out/data/runs/<id> [--mode switch|subset] [--depth 3] [--rank1 10] ...
// writes final_error.tsv (one row per switch time) and, with --sv-every, singular_values.tsv;
// with --branch-records, branches.tsv (docs/plasticity.md).
#include <cstdio>

#include "apps/sweep_cli.hpp"
#include "common/app.hpp"
#include "completion/branches.hpp"
#include "completion/sweep.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  SweepFlags flags;
  const completion::SweepConfig& cfg = flags.cfg;
  Cli cli("mc_sweep",
          "Deep matrix completion W = W_D ... W_1 trained by full-batch gradient descent on n observed\n"
          "entries, after a deficit (task switch or observed subset) of T_switch steps; reports the final\n"
          "test error (mean over all N^2 entries of (W - M)^2) for every switch time.");
  add_sweep_flags(cli, flags);
  return run_program(argc, argv, cli, [&] {
    flags.apply(cli);
    const auto res = completion::run_sweep(cfg, flags.problem ? &*flags.problem : nullptr);
    if (cfg.branch_records) completion::write_branches(res, cfg, provenance(cli, "matrix completion critical-period sweep"), flags.out);
    completion::write_sweep(res, cfg, provenance(cli, "matrix completion critical-period sweep"), flags.out);
    std::string summary = "mc_sweep D=" + std::to_string(cfg.depth) + ": test error at T_switch";
    for (const auto& p : res.points) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %ld: %.4f;", p.t_switch, p.test_error);
      summary += buf;
    }
    return summary;
  });
}
