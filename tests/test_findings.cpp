// The docs' generated findings (report/findings.hpp): every span is rendered from the
// snapshot, a stale number or verdict is found, and a span that cannot be rendered is an error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/tsv.hpp"
#include "files.hpp"
#include "report/findings.hpp"

namespace {

clp::TsvTable snapshot(const std::string& verdict) {
  const auto path = clp::testing::scratch("findings") / "claims.tsv";
  clp::TsvWriter w(path, {{"date", "2026-12-06"}, {"seeds", "5"}},
                   {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
  w.row("mc_x", "study", "[random] depth 3 is damaged more than depth 2 (5 seeds, paired by seed)",
        "mean 0.063, 95% CI [-0.018, 0.136], 3 of 5 seeds > 0.000 (per seed: 0.189, 0.005, 0.106, 0.086, -0.069)",
        "95% bootstrap CI of the mean over 5 seeds > 0.000", verdict, "ab");
  w.row("mc_x", "study", "[random] depth 2 is damaged more than depth 3 (5 seeds, paired by seed)",
        "mean -0.063, 95% CI [-0.136, 0.018], 1 of 5 seeds > 0.000 (per seed: -0.189, -0.005, -0.106, -0.086, 0.069)",
        "95% bootstrap CI of the mean over 5 seeds > 0.000", "DOES NOT HOLD", "ab");
  w.row("fig1", "paper", "a paper claim", "0.5", "> 0.1", "PASS", "cd");
  w.commit();
  auto t = clp::read_tsv(path);
  std::filesystem::remove(path);
  return t;
}

const std::string kClose = "<!-- /gen -->";

}  // namespace

TEST(Findings, EverySpanIsRenderedFromTheSnapshot) {
  const auto t = snapshot("DOES NOT HOLD");
  const std::string open = "<!-- gen claim | mc_x | depth 3 is damaged more than depth 2 | ";
  const std::string md = "Depth 3 against 2: " + open + "summary -->mean 0.1, 95% CI [0.005, 0.189]" + kClose + " (" +
                         open + "verdict -->HOLDS" + kClose + "; " + open + "seeds -->" + kClose + "; per seed " + open +
                         "per_seed -->" + kClose + "). Seeds: <!-- gen snapshot | seeds -->" + kClose +
                         "; <!-- gen count | * | DOES NOT HOLD -->7" + kClose + " do not hold.\n";
  const std::string out = clp::report::render_findings(md, t, "x.md");
  EXPECT_EQ(out, "Depth 3 against 2: " + open + "summary -->mean 0.063, 95% CI [-0.018, 0.136]" + kClose + " (" + open +
                     "verdict -->DOES NOT HOLD" + kClose + "; " + open + "seeds -->3 of 5 seeds > 0.000" + kClose +
                     "; per seed " + open + "per_seed -->0.189, 0.005, 0.106, 0.086, -0.069" + kClose +
                     "). Seeds: <!-- gen snapshot | seeds -->5" + kClose + "; <!-- gen count | * | DOES NOT HOLD -->2" +
                     kClose + " do not hold.\n");
  // Rendering is idempotent, and the stale text (the old 3-seed numbers) is found as a difference.
  EXPECT_EQ(clp::report::render_findings(out, t, "x.md"), out);
  EXPECT_NE(clp::report::first_difference(out, md), "");
  EXPECT_EQ(clp::report::first_difference(out, out), "");
  // A flipped verdict in the data changes the docs.
  EXPECT_NE(clp::report::render_findings(md, snapshot("HOLDS"), "x.md"), out);
}

TEST(Findings, TablesListTheMatchingRows) {
  const auto t = snapshot("HOLDS");
  const std::string out = clp::report::render_findings("<!-- gen table | mc_x | * -->old" + kClose, t, "x.md");
  EXPECT_NE(out.find("| [random] depth 3 is damaged more than depth 2 (5 seeds, paired by seed) | mean 0.063"), std::string::npos) << out;
  EXPECT_NE(out.find("| HOLDS |\n| [random] depth 2"), std::string::npos) << out;
  EXPECT_EQ(out.find("old"), std::string::npos);
}

TEST(Findings, ASpanThatCannotBeRenderedIsAnErrorNamingItsLine) {
  const auto t = snapshot("HOLDS");
  auto fails = [&](const std::string& md, const std::string& why) {
    try {
      clp::report::render_findings(md, t, "x.md");
      ADD_FAILURE() << "no error for: " << md;
    } catch (const clp::Error& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
  };
  fails("a\n<!-- gen claim | mc_x | depth | mean -->0" + kClose, "x.md, line 2: 2 rows of mc_x");         // ambiguous
  fails("<!-- gen claim | mc_x | depth 4 | mean -->0" + kClose, "no row of mc_x");                         // no such claim
  fails("<!-- gen claim | mc_x | depth 3 is | median -->0" + kClose, "unknown field 'median'");           // no such field
  fails("<!-- gen claim | mc_x | depth 3 is | mean -->0", "not closed");                                   // open span
  fails("0" + kClose, "without an opening marker");                                                        // stray close
  fails("<!-- gen snapshot | commit -->" + kClose, "no provenance 'commit'");
  fails("<!-- gen verdicts | mc_x -->" + kClose, "unknown generated span");
  // A study the snapshot does not have says so; one it has must have the row.
  EXPECT_EQ(clp::report::render_findings("<!-- gen claim | mc_y | depth 3 | mean -->0.1" + kClose, t, "x.md"),
            "<!-- gen claim | mc_y | depth 3 | mean -->not in the snapshot" + kClose);
  fails("<!-- gen count | * | * | five -->" + kClose, "not a number");
  EXPECT_EQ(clp::report::render_findings("<!-- gen count | * | * | 0.05 -->" + kClose, t, "x.md"),
            "<!-- gen count | * | * | 0.05 -->0.1" + kClose);
}

// The snapshot takes the study rows of a default-size claims table: HOLDS, DOES NOT HOLD and
// the FAIL of a claim that reads a run that did not converge (a verdict of complete data);
// a FAIL of missing data or a SKIP (QUICK data) is refused, naming the figure.
TEST(Findings, SnapshotTakesNotEvidenceButNotMissingDataOrQuickRows) {
  const auto dir = clp::testing::scratch("findings_import");
  auto table = [&](const std::string& third_verdict, const std::string& third_measured) {
    const auto path = dir / "claims.tsv";
    clp::TsvWriter w(path, {}, {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    w.row("mc_x", "study", "depth 3 is damaged more than depth 2", "mean 0.1", "> 0", "HOLDS", "ab");
    w.row("mc_x", "study", "depth 2 is damaged more than depth 3", "mean -0.1", "> 0", "DOES NOT HOLD", "ab");
    w.row("mc_y", "study", "depth 4 is damaged more than depth 3", third_measured, "> 0", third_verdict, "cd");
    w.commit();
    return clp::testing::run_program("findings", "--snapshot " + (dir / "snap.tsv").string() + " --import " +
                                                     path.string() + " --commit abc --seeds 5");
  };
  const auto ok = table("FAIL", "NOT EVIDENCE, runs that did not converge: depth 4 seed 2 T_switch 0: still-learning. "
                                "Measured: mean 0.4");
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(clp::read_tsv(dir / "snap.tsv").rows.size(), 3u);
  for (const auto& [verdict, measured] : std::vector<std::pair<std::string, std::string>>{
           {"FAIL", "final_error.tsv: missing"}, {"SKIP", "mean 0.4"}}) {
    const auto bad = table(verdict, measured);
    EXPECT_NE(bad.status, 0) << verdict;
    EXPECT_NE(bad.err.find("mc_y"), std::string::npos) << bad.err;
  }
}

// A claim that reads a run that did not converge is printed as not evidence, not as a finding.
TEST(Findings, NotEvidenceIsPrintedAsSuch) {
  clp::TsvTable t;
  t.columns = {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"};
  t.rows = {{"mc_x", "study", "depth 4 is damaged more than depth 3",
             "NOT EVIDENCE, runs that did not converge: depth 4 seed 2 T_switch 0: still-learning. Measured: mean 0.4, "
             "95% CI [0.1, 0.7]",
             "> 0", "FAIL", "ab"}};
  t.line.assign(1, 0);
  const std::string md = "<!-- gen claim | mc_x | depth 4 | verdict -->x" + kClose;
  EXPECT_EQ(clp::report::render_findings(md, t, "a.md"),
            "<!-- gen claim | mc_x | depth 4 | verdict -->FAIL (not evidence)" + kClose);
}
