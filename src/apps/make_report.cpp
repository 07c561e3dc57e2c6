// Writes the reproduction report <out>/report.html from <out>/claims.tsv, <out>/data and
// <out>/figures (make report; run at the end of make figures).
//
//   make_report [--out out]
#include "common/app.hpp"
#include "report/report.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out = "out";
  ParamTable t("make_report", "Writes <out>/report.html: every figure with its claims, measured values, parameters, timing.");
  t.add("out", out, "output root (with data/, figures/ and claims.tsv)").role(Role::kOutput);
  t.no_config_file();  // --out is the output root, not a run's directory: written into, not replaced
  return run_program(argc, argv, t, [&] {
    const int n = report::write_report(out, registry::figures());
    return "make_report: " + out + "/report.html, " + std::to_string(n) + " figures with data";
  });
}
