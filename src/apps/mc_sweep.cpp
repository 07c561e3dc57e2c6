// Matrix-completion critical-period sweep (paper Sec. 4; SPEC Part B). One run = one
// configuration and all its switch times (the deficit phase is trained once and branched).
// The figures mc_depth, mc_rank, mc_nobs, mc_seeds, mc_init, mc_subset_depth,
// mc_subset_nobs and mc_singular_values collect such runs (pipeline/experiments.txt).
//
//   mc_sweep --out out/data/runs/<id> [--mode switch|subset] [--depth 3] [--rank1 10] ...
// writes final_error.tsv (one row per switch time), with --sv-every singular_values.tsv, and
// with --branch-records branches.tsv (docs/plasticity.md). Its parameters are declared in
// completion/params.cpp.
#include <cstdio>

#include "common/app.hpp"
#include "common/convergence.hpp"
#include "completion/branches.hpp"
#include "completion/sweep.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::McSweep p;
  const completion::SweepConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(
      argc, argv, t,
      [&] {
        const auto res = completion::run_sweep(cfg, p.problem ? &*p.problem : nullptr);
        const Provenance prov = provenance(t, "matrix completion critical-period sweep");
        if (cfg.branch_records) completion::write_branches(res, cfg, prov, t.out_dir());
        completion::write_sweep(res, cfg, prov, t.out_dir());
        std::string summary = "mc_sweep D=" + std::to_string(cfg.depth) + ": test error at T_switch";
        // A point whose training after the switch did not converge is no result: it says so.
        for (const auto& pt : res.points) {
          char buf[96];
          const bool ok = pt.status == convergence::Status::kConverged;
          std::snprintf(buf, sizeof buf, " %ld: %.4f%s%s%s;", pt.t_switch, pt.test_error, ok ? "" : " (",
                        ok ? "" : convergence::name(pt.status), ok ? "" : ", not evidence)");
          summary += buf;
        }
        return summary;
      },
      [&] { p.prepare(t); });
}
