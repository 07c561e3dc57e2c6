// Checks the paper's claims (SPEC "Claim" lines) on produced data and prints a table:
// figure, claim, measured value, threshold, PASS/FAIL. Exit status 1 if any claim fails.
//
//   check_claims [--data out/data] [--figures fig1_phase_large,...] [--table out/claims.tsv]
#include <iostream>
#include <map>
#include <sstream>

#include "claims/claims.hpp"
#include "common/app.hpp"
#include "common/error.hpp"
#include "registry/registry.hpp"
#include "stats/collect.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string data = "out/data", table = "", figures;
  for (const auto& f : registry::figures()) figures += (figures.empty() ? "" : ",") + f.id;
  bool quick = false;
  ParamTable t("check_claims", "Checks the paper's claims on the data files under --data.");
  t.add("data", data, "root of the data directories (one per figure id)").nonempty();
  t.add("figures", figures, "comma-separated figure ids to check (default: every figure of the registry)").nonempty();
  t.add("table", table, "also write the table as TSV here");
  t.add("quick", quick, "data from a QUICK run: claims about long deficits are reported as SKIP");
  int failed = 0, skipped = 0;
  const int status = run_program(argc, argv, t, [&] {
    std::vector<claims::ClaimResult> all;
    std::map<std::string, std::string> fingerprint;  // of the data each verdict was computed from
    std::stringstream ss(figures);
    std::string id;
    while (std::getline(ss, id, ',')) {
      require(!id.empty(), "--figures has an empty figure id (two commas, or one at an end)");
      const auto dir = std::filesystem::path(data) / id;
      // Never write over an input: the table may not go into a figure's data directory.
      if (!table.empty()) stats::check_apart(std::filesystem::path(table).parent_path(), {(dir / "x").string()}, "--table's directory");
      fingerprint[id] = claims::data_fingerprint(dir);
      auto rows = claims::check_figure_or_fail(id, dir);
      all.insert(all.end(), rows.begin(), rows.end());
    }
    if (!table.empty()) {
      // `rows` lets the report tell a complete table from a cut one.
      TsvWriter w(table, {{"program", "check_claims"}, {"data", data}, {"rows", std::to_string(all.size())}},
                  {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
      for (const auto& r : all)
        w.row(r.figure, r.claim, r.measured, r.threshold,
              quick && r.needs_full_sweep ? "SKIP" : r.pass ? "PASS" : "FAIL", fingerprint[r.figure]);
      w.commit();
    }
    for (const auto& r : all) {
      const bool skip = quick && r.needs_full_sweep;
      std::cout << (skip ? "SKIP  " : r.pass ? "PASS  " : "FAIL  ") << r.figure << ": " << r.claim << "\n"
                << "      measured " << r.measured << "; required " << r.threshold
                << (skip ? " (needs the full sweep: make figures without QUICK)" : "") << "\n";
      skipped += skip;
      failed += !skip && !r.pass;
    }
    return std::to_string(all.size() - failed - skipped) + " passed, " + std::to_string(failed) + " failed, " +
           std::to_string(skipped) + " skipped";
  });
  return status ? status : (failed ? 1 : 0);
}
