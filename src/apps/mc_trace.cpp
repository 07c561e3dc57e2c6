// One gradient-descent trajectory on a problem file (pipeline/authors_draws.py), every step
// recorded, for the cross-check against the same loop in PyTorch (make crosscheck,
// pipeline/crosscheck.py). Not a figure: a trust check of the kernel on identical inputs.
//
//   mc_trace --problem p.txt --out out/crosscheck/small --steps 3000 --switch-at 1500 [--precision double]
// writes trajectory.tsv (step train_loss test_error, before each update) and layers.tsv
// (layer row col value: W_1 .. W_D after the last update, full double precision). Its
// parameters are declared in completion/params.cpp.
#include <filesystem>

#include "common/app.hpp"
#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "completion/trace.hpp"
#include "programs/programs.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  programs::McTrace prog;
  const completion::TraceParams& p = prog.p;
  ParamTable t(prog.name(), prog.summary());
  prog.declare(t);
  return run_program(
      argc, argv, t,
      [&] {
        const completion::Trace tr = completion::run_trace(*prog.problem, p.cfg);
        auto prov = provenance(t, "gradient-descent trajectory on a problem file");
        prov.push_back({"status", std::string(convergence::name(tr.status)) + " (" +
                                      convergence::rule_text(p.cfg.use_double ? convergence::kDoubleTolerances
                                                                              : convergence::kFloatTolerances,
                                                          true) +
                                      ")"});
        const std::filesystem::path dir = t.out_dir();
        TsvWriter lw(dir / "layers.tsv", prov, {"layer", "row", "col", "value"});
        for (size_t j = 0; j < tr.layers.size(); ++j)
          for (Eigen::Index r = 0; r < tr.layers[j].rows(); ++r)
            for (Eigen::Index c = 0; c < tr.layers[j].cols(); ++c)
              lw.row(static_cast<long>(j + 1), static_cast<long>(r), static_cast<long>(c), tr.layers[j](r, c));
        lw.commit();
        write_table(dir / "trajectory.tsv", prov, completion::trajectory_table(tr));  // last: the make target
        return "mc_trace: " + std::to_string(p.cfg.steps) + " steps, final train loss " +
               format_double(tr.train_loss.back()) + ", test error " + format_double(tr.test_error.back());
      },
      [&] { prog.prepare(t); });
}
