// Checks the paper's claims (SPEC "Claim" lines) on produced data, and the hypotheses of the
// studies beyond the paper whose data exist, and prints a table: figure, claim, measured
// value, threshold, verdict. The paper's claims are the reproduction's verdict: exit status 1
// if one fails (or a figure's data cannot be checked), 0 if the paper is reproduced. A study's
// hypothesis HOLDS or DOES NOT HOLD: a finding either way, reported, never a failure; one that
// reads a run that did not converge is FAIL (not evidence), reported, not a failure either; a
// study whose data are missing or broken fails like a paper figure; a study not computed (no
// data directory) is listed as such.
//
//   check_claims [--data out/data] [--figures fig1_phase_large,...] [--table out/claims.tsv] [--quick]
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "claims/claims.hpp"
#include "common/app.hpp"
#include "common/error.hpp"
#include "registry/registry.hpp"

int main(int argc, char** argv) {
  using namespace clp;
  std::string data = "out/data", table = "", figures;
  for (const auto& f : registry::figures()) figures += (figures.empty() ? "" : ",") + f.id;
  bool quick = false;
  ParamTable t("check_claims", "Checks the paper's claims (and the studies' hypotheses) on the data files under --data.");
  t.add("data", data, "root of the data directories (one per figure id)").nonempty();
  t.add("figures", figures, "comma-separated figure ids to check (default: every figure of the registry)").nonempty();
  t.add("table", table, "also write the table as TSV here");
  t.add("quick", quick, "data from a QUICK run: claims about long deficits are reported as SKIP");
  int failed = 0;
  const int status = run_program(argc, argv, t, [&] {
    if (!table.empty()) check_replaceable_file(table, "check_claims", "--table");
    std::vector<claims::ClaimResult> all;
    std::vector<std::string> not_computed;           // studies without data
    std::map<std::string, std::string> fingerprint;  // of the data each verdict was computed from
    std::stringstream ss(figures);
    std::string id;
    std::set<std::string> seen;
    while (std::getline(ss, id, ',')) {
      require(!id.empty(), "--figures has an empty figure id (two commas, or one at an end)");
      require(seen.insert(id).second, "--figures lists " + id + " twice: give each figure once");
      const auto dir = std::filesystem::path(data) / id;
      if (claims::is_study(id) && !std::filesystem::exists(dir)) {
        not_computed.push_back(id);
        continue;
      }
      // Never write over an input: the table may not go into a figure's data directory.
      if (!table.empty()) {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path at = fs::weakly_canonical(fs::absolute(fs::path(table).parent_path()), ec);
        require(at != fs::weakly_canonical(fs::absolute(dir), ec),
                "--table " + table + " is in the data directory of " + id + " (" + dir.string() +
                    "), whose files are the claims' inputs: write the table outside the figures' data directories");
      }
      fingerprint[id] = claims::data_fingerprint(dir);
      auto rows = claims::check_figure_or_fail(id, dir);
      all.insert(all.end(), rows.begin(), rows.end());
    }
    if (!table.empty()) {
      // `rows` lets the report tell a complete table from a cut one.
      TsvWriter w(table, {{"program", "check_claims"}, {"data", data}, {"rows", std::to_string(all.size())}},
                  {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
      for (const auto& r : all)
        w.row(r.figure, claims::is_study(r.figure) ? "study" : "paper", r.claim, r.measured, r.threshold,
              claims::verdict(r, quick), fingerprint[r.figure]);
      w.commit();
    }
    std::map<std::string, int> count;
    const bool any_study = !not_computed.empty() ||
                           std::any_of(all.begin(), all.end(), [](const auto& r) { return claims::is_study(r.figure); });
    for (const bool study : {false, true}) {
      if (study && !any_study) break;
      std::cout << (study ? "\nStudies beyond the paper: hypotheses (findings; they do not decide the reproduction)\n"
                          : "The paper's claims (the reproduction's verdict)\n");
      for (const auto& r : all) {
        if (claims::is_study(r.figure) != study) continue;
        const std::string v = claims::verdict(r, quick);
        ++count[(study ? "study " : "paper ") + v];
        std::cout << "  " << v << "  " << r.figure << ": " << r.claim << "\n"
                  << "        measured "
                  << claims::shorten_unconverged(r.measured, 3, table.empty() ? "" : ", every one in " + table)
                  << "; required " << r.threshold
                  << (v == claims::kSkip ? " (needs the full sweep: make figures without QUICK)" : "") << "\n";
        // The exit status is the paper's verdict: a study's FAIL counts only when its data are
        // missing or broken, not when a claim reads a run that did not converge (a verdict of the
        // study, reported as FAIL like any other).
        failed += v == claims::kFail && (!study || r.data_problem);
      }
      if (study && !not_computed.empty()) {
        std::cout << "  not computed (make studies):";
        for (const auto& s : not_computed) std::cout << " " << s;
        std::cout << "\n";
      }
    }
    auto n = [&](const std::string& k) { return std::to_string(count[k]); };
    int paper_total = 0, paper_checked = 0;
    for (const auto& f : registry::figures())
      if (!claims::is_study(f.id)) ++paper_total, paper_checked += seen.count(f.id) > 0;
    return "paper: " + n("paper PASS") + " passed, " + n("paper FAIL") + " failed, " + n("paper SKIP") +
           " skipped; studies: " + n("study HOLDS") + " hold, " + n("study DOES NOT HOLD") + " do not hold, " +
           n("study SKIP") + " skipped" + (count["study FAIL"] ? ", " + n("study FAIL") + " FAIL (data, or runs that did not converge)" : "") +
           (not_computed.empty() ? "" : ", " + std::to_string(not_computed.size()) + " not computed") +
           (paper_checked < paper_total ? " -- " + std::to_string(paper_checked) + " of " + std::to_string(paper_total) +
                                              " paper figures checked: not a reproduction of the paper (that needs all)"
            : failed                    ? ""
                                        : " -- the paper is reproduced" + std::string(quick ? " (at QUICK size)" : ""));
  });
  return status ? status : (failed ? 1 : 0);
}
