// The paper's claims (SPEC "Claim" lines), checked on the data files the figure programs
// wrote, and the hypotheses of the project's own studies (the registry's part C). Each check
// reads only out/data/<figure-id>/ and returns rows of a table: claim, measured value,
// threshold, verdict. check_claims prints the table and writes claims.tsv; the tests run the
// same checks on reduced data.
//
// Verdicts. A paper claim PASSes or FAILs: together they are the reproduction's verdict. A
// study's hypothesis is a question the data answer: it HOLDS or DOES NOT HOLD, a finding
// either way, and never fails the reproduction. Data that are missing, incomplete or break
// their contract FAIL in both (check_figure_or_fail), and a claim about long deficits on
// QUICK data is a SKIP.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/tsv.hpp"

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
  // The figure's data could not be checked (missing, incomplete, against the contract):
  // a FAIL whether the figure is the paper's or a study.
  bool data_problem = false;
  // A point the claim reads comes from a run that did not converge (the evidence rule,
  // check_util.hpp): FAIL for a paper claim and a study alike, never DOES NOT HOLD, which
  // would be a finding.
  bool not_evidence = false;
};

// The verdict words of claims.tsv and the report.
inline constexpr const char* kPass = "PASS";
inline constexpr const char* kFail = "FAIL";
inline constexpr const char* kSkip = "SKIP";
inline constexpr const char* kHolds = "HOLDS";
inline constexpr const char* kDoesNotHold = "DOES NOT HOLD";
// How a claim that reads a run that did not converge begins its measured text (claims.tsv
// keeps no other mark of it): the evidence rule of check_util.hpp writes it.
inline constexpr const char* kNotEvidence = "NOT EVIDENCE";

// A not-evidence measured text with its list of runs that did not converge cut to the first
// `keep` runs and their count ("...; ... (45 runs in all<where>)"); any other text unchanged.
// For the terminal: claims.tsv and the report keep every run.
std::string shorten_unconverged(const std::string& measured, size_t keep, const std::string& where);

// True for a claims.tsv row that FAILs as not evidence (its verdict and measured columns).
inline bool is_not_evidence(const std::string& verdict, const std::string& measured) {
  return verdict == kFail && measured.rfind(kNotEvidence, 0) == 0;
}

// True for a study beyond the paper (registry part C), false for a paper figure or an id
// the registry does not have.
bool is_study(const std::string& figure_id);

// The verdict of one row: SKIP (QUICK data, a claim about long deficits), FAIL (data
// problem, or not evidence), PASS / FAIL for a paper claim, HOLDS / DOES NOT HOLD for a study's hypothesis.
std::string verdict(const ClaimResult& r, bool quick);

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

// An output root's claims table (check_claims --table), as far as it can be trusted: it has
// the columns figure, claim, measured, threshold, verdict and data_fingerprint, and as many
// rows as its `# rows:` line says. Throws clp::Error saying what is wrong otherwise (cut short,
// written by another version of check_claims).
TsvTable read_claims_table(const std::filesystem::path& file);

// The verdict of row r of a claims table as it stands now: "INVALID" unless it is FAIL, SKIP
// or, for a study (HOLDS, DOES NOT HOLD) or a paper figure (PASS), its own; "STALE" when the
// figure's data no longer has the fingerprint the verdict was computed from (fingerprint_now:
// data_fingerprint of its directory now, "" when it has no data); else the verdict. A figure
// with no data then and none now keeps the checker's verdict (a FAIL naming the missing file).
std::string current_verdict(const TsvTable& claims, size_t r, const std::string& fingerprint_now, bool study);

// check_figure, but a figure whose data is missing or breaks its contract (a missing,
// duplicated or non-finite row, an absent file) gives one FAIL row naming the problem
// instead of an exception: the verdicts fail closed and the other figures are still checked.
std::vector<ClaimResult> check_figure_or_fail(const std::string& id, const std::filesystem::path& dir);

}  // namespace clp::claims
