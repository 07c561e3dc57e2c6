// Writes the reproduction report <out>/report.html from <out>/claims.tsv, <out>/data and
// <out>/figures (make report; run at the end of make figures).
//
//   make_report [--out out]
#include "common/app.hpp"
#include "report/report.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string out = "out";
  Cli cli("make_report", "Writes <out>/report.html: every figure with its claims, measured values, parameters, timing.");
  cli.option("out", &out, "output root (with data/, figures/ and claims.tsv)");
  cli.no_config_file();  // --out is the output root, not a run's data directory
  return run_program(argc, argv, cli, [&] {
    const int n = report::write_report(out, registry::figures());
    return "make_report: " + out + "/report.html, " + std::to_string(n) + " figures with data";
  });
}
