// The figure registry (pipeline/figures.tsv) is the one list of figures: the Makefile, CMake,
// the claim checker, the report and the gnuplot scripts must all agree with it. Each test
// fails when one of them has a figure the registry lacks, or lacks one it has.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "registry/registry.hpp"
#include "report/report.hpp"

namespace fs = std::filesystem;
using clp::registry::Figure;

namespace {

const fs::path kSource = CLP_SOURCE_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

fs::path fresh(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("clp_registry_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Runs a shell command in the source tree; returns (exit status, stdout + stderr).
std::pair<int, std::string> shell(const std::string& cmd, const fs::path& scratch) {
  const fs::path log = scratch / "log.txt";
  // A nested make must not join the jobserver of the make that runs the tests.
  const std::string full = "cd '" + kSource.string() + "' && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS " + cmd + " >'" +
                           log.string() + "' 2>&1";
  const int raw = std::system(full.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(log)};
}

std::set<std::string> registry_ids() {
  std::set<std::string> ids;
  for (const Figure& f : clp::registry::figures()) ids.insert(f.id);
  return ids;
}

}  // namespace

TEST(Registry, CompiledTextIsTheFileInTheSourceTree) {
  EXPECT_EQ(std::string(clp::registry::text()), slurp(kSource / "pipeline/figures.tsv"))
      << "rebuild: CMake copies pipeline/figures.tsv into the library";
  EXPECT_EQ(clp::registry::figures().size(), registry_ids().size());
  EXPECT_EQ(clp::registry::figure("mc_depth").recipe, "collect");
  EXPECT_THROW(clp::registry::figure("fig99"), clp::Error);
}

TEST(Registry, EveryFigureHasItsGnuplotScriptAndProgram) {
  for (const Figure& f : clp::registry::figures()) {
    EXPECT_TRUE(fs::exists(kSource / "figures" / (f.id + ".gp"))) << "figures/" << f.id << ".gp is missing";
    EXPECT_TRUE(fs::exists(fs::path(CLP_BIN_DIR) / f.program)) << f.id << ": no program " << f.program;
  }
  // And no script renders a figure the registry lacks (style.gp and the benchmark's aside).
  for (const auto& e : fs::directory_iterator(kSource / "figures")) {
    const std::string stem = e.path().stem().string();
    if (e.path().extension() != ".gp" || stem == "style" || stem == "bench_scaling") continue;
    const bool helper = stem == "phase" || stem == "multipath" || stem == "mc_sweep" || stem == "sv_ode";
    EXPECT_TRUE(helper || registry_ids().count(stem)) << "figures/" << stem << ".gp renders no registry figure";
  }
}

TEST(Registry, ClaimCheckersCoverExactlyTheRegistry) {
  const auto checked = clp::claims::checked_figures();
  const std::set<std::string> have(checked.begin(), checked.end());
  EXPECT_EQ(have.size(), checked.size()) << "a figure has two checkers";
  EXPECT_EQ(have, registry_ids());
}

TEST(Registry, ReportListsEveryFigure) {
  const fs::path root = fresh("report");
  clp::report::write_report(root, clp::registry::figures());
  const std::string html = slurp(root / "report.html");
  for (const Figure& f : clp::registry::figures()) {
    EXPECT_NE(html.find("id=\"" + f.id + "\""), std::string::npos) << f.id;
    EXPECT_NE(html.find(f.title), std::string::npos) << f.id;
    EXPECT_NE(html.find("run <code>make " + f.id + "</code>"), std::string::npos) << f.id;
  }
  fs::remove_all(root);
}

// A dry run of make for every figure: each has a rule that runs its recipe and renders
// figures/<id>.gp; the Makefile's figure list is the registry's.
TEST(Registry, MakefileBuildsEveryFigureByItsRecipe) {
  const fs::path scratch = fresh("make");
  const fs::path out = scratch / "out";
  std::string ids;
  for (const Figure& f : clp::registry::figures()) ids += " " + f.id;
  const auto [status, log] = shell("make -n --no-print-directory OUT=" + out.string() + ids, scratch);
  ASSERT_EQ(status, 0) << log;
  for (const Figure& f : clp::registry::figures()) {
    const std::string data = out.string() + "/data/" + f.id;
    EXPECT_NE(log.find("gnuplot -c figures/" + f.id + ".gp " + data + " " + out.string() + "/figures/" + f.id + " png"),
              std::string::npos)
        << f.id << " is not rendered";
    std::string recipe;
    if (f.recipe == "program") recipe = "bin/" + f.program + " --out " + data;
    if (f.recipe == "collect") recipe = "bin/mc_collect --out " + data;
    if (f.recipe == "copy") recipe = " " + data + "/" + f.data + ".tmp";
    EXPECT_NE(log.find(recipe), std::string::npos) << f.id << ": no '" + recipe + "' in the dry run";
  }
  const auto [s2, listed] = shell("make -s --no-print-directory print-figures", scratch);
  ASSERT_EQ(s2, 0) << listed;
  std::string want;
  for (const Figure& f : clp::registry::figures()) want += (want.empty() ? "" : " ") + f.id;
  EXPECT_EQ(listed, want + "\n");
  fs::remove_all(scratch);
}

TEST(Registry, MalformedRowsAreErrorsNamingTheRow) {
  const std::string ok = "a_fig\tA\tFig 1\tprog\tprogram\tdata.tsv\ta title; with a semicolon\n";
  EXPECT_EQ(clp::registry::parse("# comment\n" + ok, "r.tsv").size(), 1u);
  auto message = [](const std::string& text) {
    try {
      clp::registry::parse(text, "r.tsv");
    } catch (const clp::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(ok + ok).find("r.tsv, row 2: id 'a_fig' is listed twice"), std::string::npos);
  EXPECT_NE(message("a\tA\tp\tq\tprogram\tdata.tsv\n").find("row 1: has 6"), std::string::npos);
  EXPECT_NE(message("a\tD\tp\tq\tprogram\td.tsv\tt\n").find("part 'D'"), std::string::npos);
  EXPECT_NE(message("a\tA\tp\tq\tbake\td.tsv\tt\n").find("recipe 'bake'"), std::string::npos);
  EXPECT_NE(message("a\tA\tp\tq\tprogram\td.csv\tt\n").find("data file 'd.csv'"), std::string::npos);
  EXPECT_NE(message("Fig-1\tA\tp\tq\tprogram\td.tsv\tt\n").find("id 'Fig-1'"), std::string::npos);
  EXPECT_NE(message("# only comments\n").find("no figures"), std::string::npos);
  // The Makefile's reader (pipeline/registry.sh) refuses the same rows, naming file and row.
  const fs::path scratch = fresh("sh");
  std::ofstream(scratch / "bad.tsv") << ok << ok;
  const auto [status, log] = shell("pipeline/registry.sh " + (scratch / "bad.tsv").string(), scratch);
  EXPECT_EQ(status, 2);
  EXPECT_NE(log.find("bad.tsv, row 2: id \"a_fig\" is listed twice"), std::string::npos) << log;
  fs::remove_all(scratch);
}
