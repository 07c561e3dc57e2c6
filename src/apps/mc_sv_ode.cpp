// The singular-value ODE of Arora et al. (2019) against gradient descent on the deep network
// (SPEC mc_ode_vs_gd and mc_ode_transfer). Both start from the same W, see the same entries
// and switch to task 2 for the last --task2-steps of every run; run lengths share their
// task-1 prefix, computed once.
//
//   mc_sv_ode --out out/data/mc_ode_vs_gd [--n 5000] [--totals 10000,20000,30000,50000] ...
// writes singular_values.tsv (n total_steps step index sv_gd sv_ode). Its parameters are
// declared in completion/params.cpp.
#include <cstdio>

#include "common/app.hpp"
#include "completion/sv_compare.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::McSvOde p;
  const completion::OdeCompareConfig& cfg = p.cfg;
  ParamTable t(p.name(), p.summary());
  p.declare(t);
  return run_program(argc, argv, t, [&] {
    const auto rows = completion::run_ode_vs_gd(cfg);
    completion::write_ode_vs_gd(rows, provenance(t, "singular-value ODE vs gradient descent"), t.out_dir());
    const auto g = completion::max_ode_gap(rows);
    char buf[128];
    std::snprintf(buf, sizeof buf, "mc_sv_ode: max |sv_gd - sv_ode| = %.3g (largest singular value %.3g)", g.gap, g.top);
    return std::string(buf);
  });
}
