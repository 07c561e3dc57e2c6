// One gradient-descent trajectory on a problem file (pipeline/authors_draws.py), every step
// recorded, for the cross-check against the same loop in PyTorch (make crosscheck,
// pipeline/crosscheck.py). Not a figure: a trust check of the kernel on identical inputs.
//
//   mc_trace --problem p.txt --out out/crosscheck/small --steps 3000 --switch-at 1500 [--precision double]
// writes trajectory.tsv (step train_loss test_error, before each update) and layers.tsv
// (layer row col value: W_1 .. W_D after the last update, full double precision).
#include <filesystem>

#include "common/app.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "completion/trace.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  completion::TraceConfig cfg;
  std::string out = "out/crosscheck/run", problem, precision = "float";
  Cli cli("mc_trace",
          "Gradient descent on a problem file's tasks, entries and initial layers (the authors' loop), with the\n"
          "train loss and test error of every iteration and the final layers, for the PyTorch cross-check.");
  cli.option("out", &out, "output directory");
  cli.option("problem", &problem, "problem file (pipeline/authors_draws.py)");
  cli.option("steps", &cfg.steps, "iterations");
  cli.option("switch-at", &cfg.switch_at, "iterations t <= this use task 1 (the deficit subset); -1: none");
  cli.option("lr", &cfg.lr, "learning rate");
  cli.option("precision", &precision, "float or double (the kernel's arithmetic)");
  return run_program(argc, argv, cli, [&] {
    require(!problem.empty(), "--problem is required: a problem file written by pipeline/authors_draws.py");
    require(precision == "float" || precision == "double", "--precision must be float or double");
    cfg.use_double = precision == "double";
    const completion::Problem p = completion::read_problem(problem);
    const completion::Trace tr = completion::run_trace(p, cfg);
    auto prov = provenance(cli, "gradient-descent trajectory on a problem file");
    prov.push_back({"problem_crc32", p.crc32});
    prov.push_back({"status", std::string(convergence::name(tr.status)) + " (" +
                                  convergence::rule_text(cfg.use_double ? convergence::kDoubleTolerances
                                                                        : convergence::kFloatTolerances) + ")"});
    TsvWriter lw(std::filesystem::path(out) / "layers.tsv", prov, {"layer", "row", "col", "value"});
    for (size_t j = 0; j < tr.layers.size(); ++j)
      for (Eigen::Index r = 0; r < tr.layers[j].rows(); ++r)
        for (Eigen::Index c = 0; c < tr.layers[j].cols(); ++c)
          lw.row(static_cast<long>(j + 1), static_cast<long>(r), static_cast<long>(c), tr.layers[j](r, c));
    TsvWriter tw(std::filesystem::path(out) / "trajectory.tsv", prov, {"step", "train_loss", "test_error"});
    for (size_t t = 0; t < tr.train_loss.size(); ++t)
      tw.row(static_cast<long>(t), tr.train_loss[t], tr.test_error[t]);
    lw.commit();
    tw.commit();  // last: the make target
    return "mc_trace: " + std::to_string(cfg.steps) + " steps, final train loss " +
           format_double(tr.train_loss.back()) + ", test error " + format_double(tr.test_error.back());
  });
}
