// The paper's claims (SPEC "Claim" lines), checked on the data files the figure programs
// wrote. Each check reads only out/data/<figure-id>/ and returns rows of a table:
// claim, measured value, threshold, pass/fail. check_claims prints the table and
// writes claims.tsv; the tests run the same checks on reduced data.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace clp::claims {

struct ClaimResult {
  std::string figure;     // figure id
  std::string claim;      // what the paper says, in one line
  std::string measured;   // the number(s) behind the verdict
  std::string threshold;  // the rule applied
  bool pass = false;
  // The claim is about long deficits (up to 100,000 steps): a QUICK sweep (switch times
  // up to 40,000) cannot show it, and check_claims --quick reports it as SKIP.
  bool needs_full_sweep = false;
};

// Figure ids that have claim checks (Part A, then B and C; tests/test_registry.cpp checks
// that they are exactly the registry's figures). The thresholds are rules (claims/rules.hpp)
// named once in claims_twopath.cpp and claims_completion.cpp.
std::vector<std::string> checked_figures();

// Runs the checks of one figure on the files in dir (= out/data/<id>). Throws clp::Error
// if a file is missing or does not follow the data contract.
std::vector<ClaimResult> check_figure(const std::string& id, const std::filesystem::path& dir);

// A fingerprint of a figure's data: FNV-1a (64 bit, hex) over the names and bytes of the
// .tsv files in dir, in name order. check_claims records it next to every verdict and the
// report shows a verdict only while the data still has that fingerprint (else "not checked").
// "" if dir has no .tsv file.
std::string data_fingerprint(const std::filesystem::path& dir);

// check_figure, but a figure whose data is missing or breaks its contract (a missing,
// duplicated or non-finite row, an absent file) gives one FAIL row naming the problem
// instead of an exception: the verdicts fail closed and the other figures are still checked.
std::vector<ClaimResult> check_figure_or_fail(const std::string& id, const std::filesystem::path& dir);

}  // namespace clp::claims
