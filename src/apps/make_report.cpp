// Writes the reproduction report <out>/report.html from <out>/claims.tsv, <out>/data and
// <out>/figures (make report; run at the end of make figures).
//
//   make_report [--out out]
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
    std::vector<registry::Figure> shown;
    for (const auto& f : registry::figures())
      if (figures.empty() || ("," + figures + ",").find("," + f.id + ",") != std::string::npos) shown.push_back(f);
    require(!shown.empty(), "--figures names no figure of the registry (got '" + figures + "'): see make print-figures");
    const int n = report::write_report(out, shown, setting);
    return "make_report: " + out + "/report.html, " + std::to_string(n) + " of " + std::to_string(shown.size()) +
           " figures with data";
  });
}
