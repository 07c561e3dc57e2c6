// The report generator on small data: figures with and without data, claims with every
// verdict, parameters from provenance, timing from .seconds files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "claims/claims.hpp"
#include "common/tsv.hpp"
#include "report/report.hpp"
#include "files.hpp"

namespace fs = std::filesystem;

TEST(Report, ShowsFiguresClaimsParametersAndTiming) {
  const fs::path root = clp::testing::scratch("report");
  fs::remove_all(root);
  // One figure with data, a PNG, a timing and two claims; one collected figure; one missing.
  clp::TsvWriter d(root / "data" / "figA" / "main.tsv",
                   {{"program", "figA"}, {"depth", "4"}, {"seed", "7"}, {"problem", ""}, {"status", "per phase, on its loss L_0"}},
                   {"x"});
  d.row(1.0);
  d.commit();
  std::ofstream(root / "data" / "figA" / ".seconds") << "1.5\n";
  fs::create_directories(root / "figures");
  std::ofstream(root / "figures" / "figA.png") << "png";
  for (const char* run : {"r1", "r2"}) {
    clp::TsvWriter r(root / "runs" / run / "final_error.tsv", {{"program", "mc_sweep"}}, {"t_switch"});
    r.row(0L);
    r.commit();
    std::ofstream(root / "runs" / run / ".seconds") << "10\n";
  }
  clp::TsvWriter c(root / "data" / "figB" / "final_error.tsv",
                   {{"program", "mc_collect"},
                    {"source", (root / "runs" / "r1" / "final_error.tsv").string()},
                    {"status_rule", "per phase, on its loss L_0"}},
                   {"t_switch"});
  c.row(0L);
  c.commit();
  // Two "source" lines: the TSV writer keeps both in order.
  {
    std::ifstream in(root / "data" / "figB" / "final_error.tsv");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    text.insert(text.find("t_switch"), "# source: " + (root / "runs" / "r2" / "final_error.tsv").string() + "\n");
    std::ofstream(root / "data" / "figB" / "final_error.tsv") << text;
  }
  const std::string fpA = clp::claims::data_fingerprint(root / "data" / "figA"),
                    fpB = clp::claims::data_fingerprint(root / "data" / "figB");
  clp::TsvWriter cl(root / "claims.tsv", {{"program", "check_claims"}, {"rows", "3"}},
                    {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
  cl.row("figA", "deeper suffers more", "0.43 > 0.18", "decreasing", "PASS", fpA);
  cl.row("figA", "late is harmless <b>", "0.3", "> 0.45", "FAIL", fpA);
  cl.row("figB", "long deficit claim", "n/a", "x", "SKIP", fpB);
  cl.commit();

  const int present = clp::report::write_report(
      root, {{"figA", "A", "Fig 1", "progA", "program", "main.tsv", "first"},
             {"figB", "B", "Sec. 4", "mc_sweep", "collect", "final_error.tsv", "second"},
             {"figC", "C", "ours", "progC", "program", "main.tsv", "third"}});
  EXPECT_EQ(present, 2);
  std::ifstream in(root / "report.html");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string html = ss.str();
  for (const char* s : {"<img src=\"figures/figA.png\"", "deeper suffers more", "class=\"PASS\"", "class=\"FAIL\"",
                        "class=\"SKIP\"", "depth = 4", "seed = 7", "1.5 s", "20.0 s", "Not computed: run <code>make figC",
                        "late is harmless &lt;b&gt;", "<td>1</td><td>1</td><td>1</td><td>0</td>",
                        // per figure: a failed claim is red; only skipped ones, grey (QUICK data)
                        "<td class=\"FAIL\">1 / 2</td>", "<td class=\"SKIP\">0 / 1 (1 skipped)</td>"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  EXPECT_EQ(html.find("<b>late"), std::string::npos);  // escaped
  // The parameters: no empty value, and the convergence rule's text named, not quoted (the
  // two-pathway programs write it as status_rule: figB's).
  EXPECT_EQ(html.find("problem ="), std::string::npos);
  EXPECT_EQ(html.find("per phase, on its loss"), std::string::npos);
  EXPECT_NE(html.find("<b>status</b> of every run by the rule of docs/validity.md"), std::string::npos);
  fs::remove_all(root);
}

namespace {
std::string report_of_figures(const fs::path& root, const std::vector<clp::registry::Figure>& figures) {
  clp::report::write_report(root, figures);
  std::ifstream in(root / "report.html");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string report_of(const fs::path& root) {
  clp::report::write_report(root, {{"figA", "A", "Fig 1", "progA", "program", "main.tsv", "first"},
                                   {"figB", "A", "Fig 2", "progB", "program", "main.tsv", "second"}});
  std::ifstream in(root / "report.html");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(Report, NeverShowsVerdictsOlderThanTheDataOrFromACutTable) {
  const fs::path root = clp::testing::scratch("report_stale");
  fs::remove_all(root);
  for (const char* id : {"figA", "figB"}) {
    clp::TsvWriter d(root / "data" / id / "main.tsv", {{"program", id}}, {"x"});
    d.row(1.0);
    d.commit();
  }
  auto write_claims = [&](const std::string& rows, const std::string& verdictB) {
    clp::TsvWriter cl(root / "claims.tsv", {{"program", "check_claims"}, {"rows", rows}},
                      {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    cl.row("figA", "claim a", "1", "> 0", "PASS", clp::claims::data_fingerprint(root / "data" / "figA"));
    cl.row("figB", "claim b", "1", "> 0", verdictB, clp::claims::data_fingerprint(root / "data" / "figB"));
    cl.commit();
  };
  write_claims("2", "PASS");
  EXPECT_NE(report_of(root).find("<td>2</td><td>0</td><td>0</td><td>0</td>"), std::string::npos);
  // figB's data changes after the check: its verdict is STALE, not PASS.
  {
    clp::TsvWriter d(root / "data" / "figB" / "main.tsv", {{"program", "figB"}}, {"x"});
    d.row(2.0);
    d.commit();
  }
  std::string html = report_of(root);
  EXPECT_NE(html.find("<td>1</td><td>0</td><td>0</td><td>1</td>"), std::string::npos);
  EXPECT_NE(html.find("class=\"STALE\">STALE"), std::string::npos);
  // A verdict that is not PASS, FAIL or SKIP counts as failed.
  write_claims("2", "nan");
  html = report_of(root);
  EXPECT_NE(html.find("<td>1</td><td>1</td><td>0</td><td>0</td>"), std::string::npos);
  EXPECT_NE(html.find("class=\"INVALID\">INVALID"), std::string::npos);
  // A table cut short (it says 3 rows, has 2): no verdict is shown at all.
  write_claims("3", "PASS");
  html = report_of(root);
  EXPECT_NE(html.find("<td>0</td><td>0</td><td>0</td><td>0</td>"), std::string::npos);
  EXPECT_NE(html.find("cut short"), std::string::npos);
  EXPECT_NE(html.find("not checked"), std::string::npos);
  EXPECT_EQ(html.find("class=\"PASS\">PASS"), std::string::npos);
  // A figure with no data when checked and none now (a root of the studies alone): the
  // checker's FAIL (it names the missing file), not STALE; once its data exist, STALE.
  fs::remove_all(root / "data" / "figB");
  {
    clp::TsvWriter cl(root / "claims.tsv", {{"program", "check_claims"}, {"rows", "2"}},
                      {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    cl.row("figA", "claim a", "1", "> 0", "PASS", clp::claims::data_fingerprint(root / "data" / "figA"));
    cl.row("figB", "the data exist", "cannot read figB/main.tsv", "complete data", "FAIL", "");
    cl.commit();
  }
  html = report_of(root);
  EXPECT_NE(html.find("<td>1</td><td>1</td><td>0</td><td>0</td>"), std::string::npos);
  EXPECT_EQ(html.find("class=\"STALE\""), std::string::npos);
  {
    clp::TsvWriter d(root / "data" / "figB" / "main.tsv", {{"program", "figB"}}, {"x"});
    d.row(1.0);
    d.commit();
  }
  EXPECT_NE(report_of(root).find("<td>1</td><td>0</td><td>0</td><td>1</td>"), std::string::npos);
  fs::remove_all(root);
}

// A study's hypotheses are findings: HOLDS / DOES NOT HOLD in a section of their own, counted
// apart from the paper's claims (which alone are the reproduction's verdict).
TEST(Report, StudiesHaveTheirOwnSectionAndVerdicts) {
  const fs::path root = clp::testing::scratch("report_study");
  fs::remove_all(root);
  for (const char* id : {"figA", "figS"}) {
    clp::TsvWriter d(root / "data" / id / "main.tsv", {{"program", id}}, {"x"});
    d.row(1.0);
    d.commit();
  }
  const std::string fpA = clp::claims::data_fingerprint(root / "data" / "figA"),
                    fpS = clp::claims::data_fingerprint(root / "data" / "figS");
  {
    clp::TsvWriter cl(root / "claims.tsv", {{"program", "check_claims"}, {"rows", "3"}},
                      {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    cl.row("figA", "paper", "a paper claim", "1", "> 0", "PASS", fpA);
    cl.row("figS", "study", "a hypothesis that holds", "1", "> 0", "HOLDS", fpS);
    cl.row("figS", "study", "a hypothesis the data answer no", "0", "> 0", "DOES NOT HOLD", fpS);
    cl.commit();
  }
  clp::report::write_report(root, {{"figA", "A", "Fig 1", "progA", "program", "main.tsv", "first"},
                                   {"figS", "C", "ours", "progS", "program", "main.tsv", "a study"},
                                   {"figT", "C", "ours", "progT", "program", "main.tsv", "a study not computed"}});
  std::ifstream in(root / "report.html");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string html = ss.str();
  for (const char* s : {"id=\"paper\"", "id=\"studies\"", "<td>1</td><td>0</td><td>0</td><td>0</td>",
                        "class=\"HOLDS\">HOLDS", "class=\"NOTHELD\">DOES NOT HOLD", "1 of 2 hold",
                        "<td>1 of 2</td><td>1</td><td>1</td>", "Not computed: run <code>make figT</code>",
                        "run <code>make studies</code>"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  EXPECT_LT(html.find("id=\"paper\""), html.find("id=\"figA\""));
  EXPECT_LT(html.find("id=\"studies\""), html.find("id=\"figS\""));
  EXPECT_EQ(html.find("class=\"INVALID\""), std::string::npos);
  fs::remove_all(root);
}

// Every text the report shows from a file is escaped: claims.tsv (its `# rows:` line and every
// field), a figure's provenance (parameters, seeds, draws) and the registry's texts. The
// hostile text would run a script, close an attribute or start an entity if copied raw.
TEST(Report, EscapesHostileTextFromEveryField) {
  const fs::path root = clp::testing::scratch("report_hostile");
  fs::remove_all(root);
  const std::string evil = "<script>alert('x')</script> & \"q\"";
  const std::string escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";
  {
    clp::TsvWriter d(root / "data" / "figA" / "main.tsv",
                     {{"program", "figA"}, {"depth", evil}, {evil.substr(0, 8), "v"}, {"seed", evil}}, {"x"});
    d.row(1.0);
    d.commit();
    clp::TsvWriter b(root / "data" / "figB" / "main.tsv", {{"program", "figB"}, {"seeds", evil}, {"draws", evil}},
                     {"x"});
    b.row(1.0);
    b.commit();
  }
  auto html_with = [&](const std::string& rows, const std::string& verdict) {
    clp::TsvWriter cl(root / "claims.tsv", {{"program", "check_claims"}, {"rows", rows}},
                      {"figure", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    cl.row("figA", evil, evil, evil, verdict, clp::claims::data_fingerprint(root / "data" / "figA"));
    cl.row("figB", evil, evil, evil, verdict, evil);
    cl.commit();
    return report_of_figures(root, {{"figA", "A", evil, "progA", "program", "main.tsv", evil},
                                    {"figB", "C", evil, "progB", "program", "main.tsv", evil}});
  };
  for (const auto& [rows, verdict] : {std::pair<std::string, std::string>{"2", "PASS"}, {"2", evil}, {evil, "PASS"}}) {
    const std::string html = html_with(rows, verdict);
    EXPECT_EQ(html.find("<script"), std::string::npos) << "rows " << rows << ", verdict " << verdict;
    EXPECT_EQ(html.find("'x'"), std::string::npos);
    EXPECT_EQ(html.find("\"q\""), std::string::npos);
    EXPECT_NE(html.find(escaped), std::string::npos);
  }
  fs::remove_all(root);
}
