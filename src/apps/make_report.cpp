// Writes the reproduction report <out>/report.html from <out>/claims.tsv, <out>/data and
// <out>/figures (make report; run at the end of make figures).
//
//   make_report [--out out] [--figures mc_depth,...] [--setting lr=0.1]
#include <filesystem>
#include <sstream>

#include "common/app.hpp"
#include "common/error.hpp"
#include "report/report.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out = "out", figures, setting;
  ParamTable t("make_report", "Writes <out>/report.html: every figure with its claims, measured values, parameters, timing.");
  t.add("out", out, "output root (with data/, figures/ and claims.tsv)").role(Role::kOutput);
  t.add("figures", figures, "comma-separated figure ids the root holds (default: every figure of the registry)");
  t.add("setting", setting, "the settings every run of the root was given (make sweep: e.g. lr=0.1)");
  t.no_config_file();  // --out is the output root, not a run's directory: written into, not replaced
  return run_program(argc, argv, t, [&] {
    // Written into, never replaced: an output root only, never a directory of the user's.
    require(may_be_output_root(out), "--out " + out + " is not an output root of the pipeline (it holds files the "
                                     "pipeline does not write, and no " + std::string(kOutputRootMark) +
                                     "): give an output root, e.g. make report OUT=<root>");
    // registry::figure refuses an id the registry does not have, naming it.
    std::vector<registry::Figure> shown;
    if (figures.empty()) shown = registry::figures();
    std::stringstream ids(figures);
    for (std::string id; std::getline(ids, id, ',');) shown.push_back(registry::figure(id));
    const int n = report::write_report(out, shown, setting);
    return "make_report: " + out + "/report.html, " + std::to_string(n) + " of " + std::to_string(shown.size()) +
           " figures with data";
  });
}
