// The figure registry (pipeline/figures.tsv) is the one list of figures: the Makefile, CMake,
// the claim checker, the report and the gnuplot scripts must all agree with it. Each test
// fails when one of them has a figure the registry lacks, or lacks one it has.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "programs/programs.hpp"
#include "registry/experiments.hpp"
#include "registry/registry.hpp"
#include "report/report.hpp"
#include "common/tsv.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using clp::registry::Figure;

namespace {

const fs::path kSource = CLP_SOURCE_DIR;

using clp::testing::slurp;

fs::path fresh(const std::string& name) { return clp::testing::scratch("registry_" + name); }

// Runs a shell command in the source tree; returns (exit status, stdout + stderr).
std::pair<int, std::string> shell(const std::string& cmd) {
  // A nested make must not join the jobserver of the make that runs the tests.
  const clp::testing::Outcome r =
      clp::testing::run_shell("cd '" + kSource.string() + "' && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS " + cmd + " 2>&1");
  return {r.status, r.out + r.err};
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
    std::string title;  // as HTML text: the report escapes every text it takes from a file
    for (char c : f.title) title += c == '\'' ? std::string("&#39;") : c == '&' ? std::string("&amp;") : std::string(1, c);
    EXPECT_NE(html.find(title), std::string::npos) << f.id;
    EXPECT_NE(html.find("run <code>make " + f.id + "</code>"), std::string::npos) << f.id;
  }
  fs::remove_all(root);
}

// A dry run of make for every figure: each has a rule that runs its recipe and renders
// figures/<id>.gp; the Makefile's figure list is the registry's. AUTHORS_OUT names no data, so
// that a checkout where the authors' draws were computed (their curve drawn beside ours) gives
// the same commands.
TEST(Registry, MakefileBuildsEveryFigureByItsRecipe) {
  const fs::path scratch = fresh("make");
  const fs::path out = scratch / "out";
  std::string ids;
  for (const Figure& f : clp::registry::figures()) ids += " " + f.id;
  const auto [status, log] = shell("make -n --no-print-directory OUT=" + out.string() + " AUTHORS_OUT=" + (scratch / "no-authors").string() + ids);
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
  // A figure is rendered again when a gnuplot script changes: its rule lists them (make's
  // database of the same rules; the scripts' list must be set before the rules are read).
  const auto [s1, db] = shell("make -pn --no-print-directory OUT=" + out.string() + " mc-runs");
  for (const Figure& f : clp::registry::figures()) {
    const std::string head = out.string() + "/figures/" + f.id + ".png:";
    const size_t at = db.find("\n" + head);
    ASSERT_NE(at, std::string::npos) << head;
    const std::string line = db.substr(at + 1, db.find('\n', at + 1) - at - 1);
    EXPECT_NE(line.find(" figures/" + f.id + ".gp"), std::string::npos) << line;
    EXPECT_NE(line.find(" figures/style.gp"), std::string::npos) << line;
  }
  const auto [s2, listed] = shell("make -s --no-print-directory print-figures");
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
  const auto [status, log] = shell("pipeline/registry.sh " + (scratch / "bad.tsv").string());
  EXPECT_EQ(status, 2);
  EXPECT_NE(log.find("bad.tsv, row 2: id \"a_fig\" is listed twice"), std::string::npos) << log;
  fs::remove_all(scratch);
}

// The README is a manual: short, and every make command in it runs as written. Each line of
// a fenced code block that starts with "make " is dry-run (make -n) from the source tree, with
// its comment removed: a renamed target, a variable the Makefile refuses or a figure id that
// no longer exists fails here.
TEST(Readme, IsAManualUnder250Lines) {
  const std::string readme = slurp(kSource / "README.md");
  const auto lines = std::count(readme.begin(), readme.end(), '\n');
  EXPECT_LT(lines, 250) << "README.md has " << lines << " lines: move details to docs/";
  EXPECT_GT(lines, 50);
}

TEST(Readme, EveryMakeCommandRunsAsWritten) {
  const std::string readme = slurp(kSource / "README.md");
  std::istringstream in(readme);
  std::string line;
  bool fenced = false;
  std::vector<std::string> commands;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      fenced = !fenced;
      continue;
    }
    if (!fenced || line.rfind("make ", 0) != 0) continue;
    const auto hash = line.find(" #");
    std::string cmd = line.substr(0, hash);
    while (!cmd.empty() && cmd.back() == ' ') cmd.pop_back();
    commands.push_back(cmd);
  }
  ASSERT_GE(commands.size(), 5u) << "found no make commands in README.md's code blocks";
  const fs::path scratch = fresh("readme");
  const bool had_sweep_root = fs::exists(kSource / "out-lr");  // a user's real make sweep
  for (const std::string& cmd : commands) {
    const auto [status, log] = shell("make -n --no-print-directory" + cmd.substr(4));
    EXPECT_EQ(status, 0) << "README.md: '" << cmd << "' fails as a dry run:\n" << log.substr(0, 2000);
  }
  if (!had_sweep_root) {
    EXPECT_FALSE(fs::exists(kSource / "out-lr")) << "a dry run of make sweep created its output root";
  }
  fs::remove_all(scratch);
}

// The reproduction's verdict is the paper's claims; a study's hypotheses are findings. A
// paper figure's claim PASSes or FAILs, a study's HOLDS or DOES NOT HOLD, broken data FAIL
// in both, and a claim about long deficits on QUICK data is a SKIP.
TEST(Registry, PaperClaimsPassOrFailStudyHypothesesHoldOrNot) {
  std::string paper, study;
  for (const Figure& f : clp::registry::figures()) {
    EXPECT_EQ(f.study(), f.part == "C") << f.id;
    EXPECT_EQ(clp::claims::is_study(f.id), f.study()) << f.id;
    (f.study() ? study : paper) = f.id;
  }
  ASSERT_FALSE(paper.empty());
  ASSERT_FALSE(study.empty());
  EXPECT_FALSE(clp::claims::is_study("not_a_figure"));
  auto v = [](const std::string& id, bool pass, bool data_problem, bool needs_full, bool quick) {
    clp::claims::ClaimResult r{id, "claim", "1", "> 0", pass};
    r.data_problem = data_problem, r.needs_full_sweep = needs_full;
    return clp::claims::verdict(r, quick);
  };
  EXPECT_EQ(v(paper, true, false, false, false), "PASS");
  EXPECT_EQ(v(paper, false, false, false, false), "FAIL");
  EXPECT_EQ(v(study, true, false, false, false), "HOLDS");
  EXPECT_EQ(v(study, false, false, false, false), "DOES NOT HOLD");
  EXPECT_EQ(v(study, false, true, false, false), "FAIL");
  EXPECT_EQ(v(paper, false, false, true, true), "SKIP");
  EXPECT_EQ(v(study, false, false, true, true), "SKIP");
  EXPECT_EQ(v(paper, false, false, true, false), "FAIL");
}

// A study that was not computed is listed, not checked, and never fails make check; a paper
// figure without data fails closed.
TEST(Registry, CheckClaimsExitsZeroWithoutTheStudies) {
  const fs::path scratch = fresh("nostudies");
  std::string study, paper;
  for (const Figure& f : clp::registry::figures()) (f.study() ? study : paper) = f.id;
  const std::string bin = std::string(CLP_BIN_DIR) + "/check_claims --data " + (scratch / "data").string();
  auto [s1, log1] = shell(bin + " --figures " + study);
  EXPECT_EQ(s1, 0) << log1;
  EXPECT_NE(log1.find("not computed (make studies): " + study), std::string::npos) << log1;
  auto [s2, log2] = shell(bin + " --figures " + paper);
  EXPECT_EQ(s2, 1) << log2;
  fs::remove_all(scratch);
}

namespace {
namespace ex = clp::experiments;
ex::Declaration declaration() { return ex::read((kSource / "pipeline/experiments.txt").string()); }

std::string expand_error(const std::string& text, const ex::Options& o = {}) {
  try {
    ex::expand(ex::parse(text, "decl.txt"), clp::registry::figures(), o);
  } catch (const clp::Error& e) {
    return e.what();
  }
  return "no error";
}

// pipeline/experiments.txt with one figure's lines replaced.
std::string with_figure(const std::string& id, const std::string& lines) {
  const std::string text = slurp(kSource / "pipeline/experiments.txt");
  const auto at = text.find("figure " + id + "\n");
  const auto next = text.find("\nfigure ", at + 1);
  return text.substr(0, at) + "figure " + id + "\n" + lines + text.substr(next);
}
}  // namespace

// Adding a figure is its registry row, its entry in pipeline/experiments.txt, its gnuplot script
// and its claims: every figure of the registry has all four, and the declaration nothing else.
TEST(Registry, EveryFigureIsDeclaredWithItsScriptAndItsClaims) {
  const auto d = declaration();
  const auto checked = clp::claims::checked_figures();
  for (const Figure& f : clp::registry::figures()) {
    EXPECT_NE(d.find(f.id), nullptr) << f.id << " has no entry in pipeline/experiments.txt";
    EXPECT_TRUE(fs::exists(kSource / "figures" / (f.id + ".gp"))) << f.id;
    EXPECT_NE(std::find(checked.begin(), checked.end(), f.id), checked.end()) << f.id << " has no claims";
  }
  for (const auto& f : d.figures) EXPECT_TRUE(registry_ids().count(f.id)) << f.id << " is declared but not registered";
  for (const bool quick : {false, true}) EXPECT_NO_THROW(ex::expand(d, clp::registry::figures(), {quick, 5, "ours"}));
  // A figure without an entry is an error naming it.
  const std::string text = slurp(kSource / "pipeline/experiments.txt");
  const auto at = text.find("figure mc_rank\n"), next = text.find("\nfigure ", at + 1);
  EXPECT_NE(expand_error(text.substr(0, at) + text.substr(next + 1)).find("declares no figure mc_rank"), std::string::npos);
}

// A run's id comes from its parameters: the base run is one run whichever figure names it, a
// different parameter is a different run, and QUICK's sizes are other runs than the full ones.
TEST(Registry, RunIdsComeFromTheParametersAndSharedRunsAreOne) {
  const auto plans = ex::expand(declaration(), clp::registry::figures(), {false, 3, "ours"});
  std::map<std::string, const ex::FigurePlan*> by;
  for (const auto& p : plans) by[p.figure.id] = &p;
  auto ids = [&](const std::string& fig) {
    std::set<std::string> out;
    for (const auto& r : by.at(fig)->runs) out.insert(r.id);
    return out;
  };
  // mc_depth's depth-3 runs are mc_rank's rank-10 runs and mc_lr's lr-0.2 runs (one set of files).
  std::set<std::string> depth3;
  for (const auto& r : by.at("mc_depth")->runs)
    if (ex::normalized(r.program, r.args).find("depth 3\n") != std::string::npos) depth3.insert(r.id);
  ASSERT_EQ(depth3.size(), 3u);  // seeds 1..3
  for (const auto& id : depth3) {
    EXPECT_TRUE(ids("mc_rank").count(id)) << id;
    EXPECT_TRUE(ids("mc_lr").count(id)) << id;
  }
  // Every id names one parameter set, and differs from every other parameter set's.
  std::map<std::string, std::string> params_of;
  for (const auto& p : plans)
    for (const auto& r : p.runs) {
      const std::string n = r.program + "\n" + ex::normalized(r.program, r.args);
      const auto [it, fresh] = params_of.emplace(r.id, n);
      EXPECT_EQ(it->second, n) << r.id;
    }
  std::set<std::string> sets;
  for (const auto& [id, n] : params_of) EXPECT_TRUE(sets.insert(n).second) << id << " duplicates another run";
  // The id spells the parameters that differ from the program's defaults, and the seed.
  EXPECT_EQ(ex::run_id("mc_sweep", {"--depth", "5", "--lr", "0.05", "--seed", "4"}, "ours"), "depth-5_lr-0.05_s4");
  EXPECT_EQ(ex::run_id("mc_sweep", {"--depth", "3"}, "ours"), "defaults_s1");
  EXPECT_EQ(ex::run_id("mc_sweep", {"--switch-times", "0,100"}, "authors"), "authors_switch-times-0+100_s1");
  const auto quick = ex::expand(declaration(), clp::registry::figures(), {true, 3, "ours"});
  for (const auto& p : quick) {
    if (p.figure.id != "mc_depth") continue;
    for (const auto& r : p.runs) EXPECT_FALSE(ids("mc_depth").count(r.id)) << r.id;
  }
}

// A bad value is refused when the rules are written, before any run, naming the figure and the
// declaration's line, with the program's own message.
TEST(Registry, ABadValueInASweepIsRefusedNamingTheFigure) {
  const std::string e = expand_error(with_figure("mc_lr", "  base depth=3\n  runs lr=0.1,0\n  group lr\n"));
  EXPECT_NE(e.find("figure mc_lr"), std::string::npos) << e;
  EXPECT_NE(e.find("decl.txt:"), std::string::npos) << e;
  EXPECT_NE(e.find("--lr"), std::string::npos) << e;
  EXPECT_NE(expand_error(with_figure("mc_depth", "  runs dpeth=1,2\n")).find("dpeth"), std::string::npos);
  EXPECT_NE(expand_error(with_figure("mc_depth", "  runs depth=1,2\n  colour red\n")).find("unknown statement 'colour'"),
            std::string::npos);
  // make sweep's settings are checked the same way.
  try {
    ex::expand(declaration(), clp::registry::figures(), {}, "mc_depth", "lr=0");
    ADD_FAILURE() << "lr=0 must be refused";
  } catch (const clp::Error& err) {
    EXPECT_NE(std::string(err.what()).find("figure mc_depth"), std::string::npos) << err.what();
    EXPECT_NE(std::string(err.what()).find("VARY lr=0"), std::string::npos) << err.what();
  }
  // What a sweep may not vary, each refused by name: what the figure's runs already vary (its
  // curves), an option that does not change what a run computes, the seed.
  const auto vary_error = [](const std::string& set) {
    try {
      ex::expand(declaration(), clp::registry::figures(), {}, "mc_depth", set);
    } catch (const clp::Error& err) {
      return std::string(err.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_NE(vary_error("depth=2").find("'depth' is what figure mc_depth already varies"), std::string::npos);
  EXPECT_NE(vary_error("quiet").find("'quiet' does not change what a run computes"), std::string::npos);
  EXPECT_NE(vary_error("out=x").find("'out' does not change what a run computes"), std::string::npos);
  EXPECT_NE(vary_error("seed=2").find("SEEDS"), std::string::npos);
  // Python's spelling of a flag, and a flag's value other than true or false: named.
  EXPECT_NE(vary_error("switch_times=0").find("flags are written with '-' (switch-times)"), std::string::npos);
  EXPECT_NE(vary_error("switch-reinit=yes").find("'switch-reinit' is a flag: its values are true and false"),
            std::string::npos);
  // A flag is swept as --name=true / --name=false (its one spelling with a value).
  for (const char* value : {"true", "false"}) {
    for (const auto& plan : ex::expand(declaration(), clp::registry::figures(), {}, "mc_depth",
                                       std::string("switch-reinit=") + value)) {
      if (plan.figure.id != "mc_depth") continue;
      for (const auto& run : plan.runs)
        EXPECT_NE(std::find(run.args.begin(), run.args.end(), std::string("--switch-reinit=") + value), run.args.end());
    }
  }
  // A list is written with + between its items: one value of the sweep, the runs' list.
  const auto plans = ex::expand(declaration(), clp::registry::figures(), {}, "mc_depth", "switch-times=0+500+1000");
  for (const auto& plan : plans)
    if (plan.figure.id == "mc_depth")
      for (const auto& run : plan.runs) {
        const auto it = std::find(run.args.begin(), run.args.end(), "--switch-times");
        ASSERT_NE(it, run.args.end());
        EXPECT_EQ(*std::next(it), "0,500,1000");
      }
  // A name that is not a parameter of the figure's program is refused by name, before parsing.
  try {
    ex::expand(declaration(), clp::registry::figures(), {}, "mc_depth", "lrate=0.1");
    ADD_FAILURE() << "lrate must be refused";
  } catch (const clp::Error& err) {
    EXPECT_NE(std::string(err.what()).find("VARY: 'lrate' is not a parameter of mc_sweep"), std::string::npos)
        << err.what();
  }
}

// make sweep's VARY: its values in order; an empty item, a value given twice, or one that cannot
// name a directory is refused.
TEST(Registry, SweepValuesAreCheckedBeforeAnyRun) {
  const auto [name, values] = ex::sweep_values("lr=0.05,0.1,0.2");
  EXPECT_EQ(name, "lr");
  EXPECT_EQ(values, (std::vector<std::string>{"0.05", "0.1", "0.2"}));
  for (const char* bad : {"lr", "lr=", "=0.1", "lr=0.1,", "lr=0.1,,0.2", "lr=0.1,0.1", "problem=/tmp/x", "lr=0.1 0.2"})
    EXPECT_THROW(ex::sweep_values(bad), clp::Error) << bad;
  // Two spellings of one value would compute the same runs twice: refused, naming both.
  for (const std::string vary : {"lr=0.1,0.10", "g=1e-3,0.001"}) {
    const auto [status, log] = shell(std::string(CLP_BIN_DIR) + "/pipeline_plan vary --quick 1 --seeds 2 --draws ours "
                                     "--set-figure mc_depth --vary " + vary);
    EXPECT_EQ(status, 2) << vary << ": " << log;
    EXPECT_NE(log.find("are the same value: keep one"), std::string::npos) << log;
  }
  EXPECT_EQ(shell(std::string(CLP_BIN_DIR) + "/pipeline_plan vary --quick 1 --seeds 2 --draws ours --set-figure mc_depth "
                  "--vary lr=0.1,0.2").first,
            0);
}

// Every provenance key a figure's gnuplot script reads (meta(f, "key"), m("key")) is a parameter
// of the program that made its data, or a line the collection adds: a renamed flag fails here,
// not as an empty string in a title.
TEST(Registry, EveryProvenanceKeyAScriptReadsIsDeclared) {
  const std::set<std::string> collected{"seeds", "draws", "curves", "group", "description", "program", "version"};
  const std::regex key_re(R"re((?:meta\([a-z_]+, |\bm\()"([A-Za-z0-9_-]+)"\))re");
  for (const Figure& f : clp::registry::figures()) {
    auto prog = clp::programs::make(f.program);
    clp::ParamTable t(prog->name(), "");
    prog->declare(t);
    std::set<std::string> names;
    for (const auto& p : t.params()) names.insert(p->name());
    std::vector<std::string> scripts{f.id};
    if (f.recipe == "collect") scripts.push_back("mc_sweep");
    for (const auto& s : scripts) {
      const std::string text = slurp(kSource / "figures" / (s + ".gp"));
      for (std::sregex_iterator it(text.begin(), text.end(), key_re), end; it != end; ++it) {
        const std::string key = (*it)[1];
        EXPECT_TRUE(names.count(key) || collected.count(key))
            << "figures/" << s << ".gp reads provenance key '" << key << "', which " << f.program << " does not declare";
      }
    }
  }
}

// The make layer stays small: the runs are data (pipeline/experiments.txt) and their rules are
// generated, so the Makefile and any pipeline/*.mk together keep within 285 lines (half of the
// hand-written layer they replaced), and no make macro calls another by name.
TEST(Registry, MakeLayerIsSmall) {
  const fs::path src = kSource;
  size_t lines = 0;
  std::vector<fs::path> files{src / "Makefile"};
  for (const auto& e : fs::directory_iterator(src / "pipeline"))
    if (e.path().extension() == ".mk") files.push_back(e.path());
  for (const auto& f : files) {
    const std::string text = slurp(f);
    lines += static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(text.find("$(call $("), std::string::npos) << f << ": a macro called by another's name";
  }
  EXPECT_LE(lines, 285u);
}

// A misspelt variable (QUIK=1) would run the full-size figures: refused before anything runs,
// listing the variables make takes; every variable the docs and scripts give is accepted.
TEST(Registry, MakeRefusesAVariableItDoesNotRead) {
  const auto [status, log] = shell("make -n --no-print-directory figures QUIK=1");
  EXPECT_EQ(status, 2) << log;
  EXPECT_NE(log.find("unknown variable QUIK: make takes QUICK SEEDS OUT"), std::string::npos) << log;
  EXPECT_EQ(log.find("cmake"), std::string::npos) << "something ran: " << log;
  const auto [ok, ok_log] = shell("make -n --no-print-directory help QUICK=1 SEEDS=2 OUT=x DRAWS=ours PRESET=release "
                                  "FIGURE=mc_depth VARY=lr=0.1 A=a B=b TABLE=t SRUN_FLAGS='--partition=cpu --qos=x'");
  EXPECT_EQ(ok, 0) << ok_log;
}

// A misspelt goal (make figure, a figure id with a typo) is named, pointing to the lists of
// goals and figures; every goal the Makefile's help names, and a file target, pass.
TEST(Registry, MakeNamesAGoalItDoesNotHave) {
  for (const std::string goal : {"figure", "fig2_multipath_defict"}) {
    const auto [status, log] = shell("make -n --no-print-directory " + goal);
    EXPECT_EQ(status, 2) << log;
    EXPECT_NE(log.find("no goal '" + goal + "': make help lists the goals, make print-figures the figure ids"),
              std::string::npos)
        << log;
  }
  // The goals make help names (the Makefile's leading comment lines).
  const std::string makefile = slurp(kSource / "Makefile");
  std::string help;
  std::istringstream lines(makefile);
  for (std::string l; std::getline(lines, l) && l.rfind("#", 0) == 0;) help += l + "\n";
  const std::regex goal_re(R"(\bmake ([a-z][a-z0-9_-]*))");
  std::set<std::string> goals;
  for (auto it = std::sregex_iterator(help.begin(), help.end(), goal_re); it != std::sregex_iterator(); ++it)
    goals.insert((*it)[1]);
  EXPECT_GT(goals.size(), 15u);
  for (const char* g : {"help", "clean", "print-figures", "findings-snapshot", "findings-against"}) goals.insert(g);
  for (const Figure& f : clp::registry::figures()) goals.insert(f.id);
  goals.insert("/nonexistent/out/data/mc_depth/final_error.tsv");  // a file target
  for (const auto& goal : goals) {
    const auto [status, log] = shell("make -n --no-print-directory NO_BUILD=1 NO_DEPS=1 OUT=/nonexistent/out " + goal);
    EXPECT_EQ(log.find("no goal"), std::string::npos) << goal << ": " << log;
  }
}

// The start-of-run estimate reads make's dry run: one that failed (it lists nothing) is an
// error naming it, never "all runs are up to date".
TEST(Registry, EstimateRefusesAFailedDryRun) {
  const fs::path scratch = fresh("estimate");
  const std::string estimate = std::string(CLP_BIN_DIR) + "/pipeline_plan estimate --bin " + CLP_BIN_DIR +
                               " --jobs 2 --cores 2 --total 5 --what test --out " + (scratch / "out").string();
  for (const std::string input : {"printf 'dry-run-status 2\\n'", "printf ''"}) {
    const auto [status, log] = shell(input + " | " + estimate);
    EXPECT_EQ(status, 2) << input << ": " << log;
    EXPECT_NE(log.find("make's dry run of the goal's runs failed"), std::string::npos) << log;
    EXPECT_EQ(log.find("up to date"), std::string::npos) << log;
  }
  const auto [status, log] = shell("printf 'dry-run-status 0\\n' | " + estimate);
  EXPECT_EQ(status, 0) << log;
  EXPECT_NE(log.find("all 5 runs are up to date"), std::string::npos) << log;
  fs::remove_all(scratch);
}

// A run on a problem file the pipeline writes first (the authors' draws) is counted at the sizes
// its command gives: the same flops as the command without the file, never left out.
TEST(Registry, EstimateCountsRunsOnProblemFilesNotYetWritten) {
  const fs::path scratch = fresh("estimate-problem");
  const std::string estimate = std::string(CLP_BIN_DIR) + "/pipeline_plan estimate --bin " + CLP_BIN_DIR +
                               " --jobs 1 --cores 1 --total 1 --what test --out " + (scratch / "out").string();
  const std::string run = "pipeline/timed.sh r/.seconds " + std::string(CLP_BIN_DIR) + "/mc_sweep --out r --depth 3 --n 1500";
  const auto flops = [](const std::string& log) {
    const auto at = log.find(" FLOP at ");
    return at == std::string::npos ? std::string() : log.substr(log.rfind(' ', at - 1) + 1, at - log.rfind(' ', at - 1) - 1);
  };
  const auto [s0, plain] = shell("printf '%s\ndry-run-status 0\n' '" + run + "' | " + estimate);
  const auto [s1, drawn] =
      shell("printf '%s\ndry-run-status 0\n' '" + run + " --problem " + (scratch / "p.txt").string() + "' | " + estimate);
  EXPECT_EQ(s0 + s1, 0) << plain << drawn;
  EXPECT_FALSE(flops(plain).empty()) << plain;
  EXPECT_EQ(flops(drawn), flops(plain)) << plain << drawn;
  EXPECT_NE(drawn.find("1 of them on problem files the pipeline writes first, counted at the sizes their commands give"),
            std::string::npos)
      << drawn;
  EXPECT_EQ(drawn.find("not counted"), std::string::npos) << drawn;
  fs::remove_all(scratch);
}

// make -jN limits the build too (ninja alone runs cores + 2 compilers); plain make and make -j
// leave ninja its own count.
TEST(Registry, MakeJobsLimitTheCompilers) {
  const auto cmake_line = [](const std::string& flags) {
    // (Without a CLP_BUILD_TARGET a make above exported: make test-asan runs this test under one.)
    const auto [status, log] = shell("env -u CLP_BUILD_TARGET make -n --no-print-directory NO_DEPS=1 " + flags + " build test-asan");
    EXPECT_EQ(status, 0) << log;
    std::string lines;
    std::istringstream in(log);
    for (std::string l; std::getline(in, l);)
      if (l.rfind("cmake --build", 0) == 0) lines += l + "\n";
    return lines;
  };
  EXPECT_EQ(cmake_line("-j3"), "cmake --build build/release --target all --parallel 3\ncmake --build build/asan --target "
                               "clp_tests --parallel 3\n");
  EXPECT_EQ(cmake_line(""), "cmake --build build/release --target all\ncmake --build build/asan --target clp_tests\n");
  EXPECT_EQ(cmake_line("-j"), cmake_line(""));
}

// A figure's data record a digest of what made them (.args); the rules remake them when the
// digest differs, so that data of another configuration (here SEEDS) in the same OUT are
// never taken as done; the digest of one configuration is stable.
TEST(Registry, DataOfAnotherConfigurationAreRemade) {
  const std::string plan = std::string(CLP_BIN_DIR) + "/pipeline_plan rules --quick 1 --draws ours --seeds ";
  const auto [s1, one] = shell(plan + "1");
  const auto [s2, two] = shell(plan + "2");
  const auto [s3, again] = shell(plan + "1");
  ASSERT_EQ(s1 + s2 + s3, 0) << one << two;
  EXPECT_EQ(one, again);
  const std::regex made_by(R"(\$\(DATA\)/mc_depth/final_error\.tsv: .*\$\(call args_changed,\$\(DATA\)/mc_depth,([0-9a-f]{16})\)\n(?:\t.*\n)*?\t@echo ([0-9a-f]{16}) > \$\(DATA\)/mc_depth/\.args)");
  std::smatch m1, m2;
  ASSERT_TRUE(std::regex_search(one, m1, made_by)) << "mc_depth's collection neither checks nor records its digest";
  ASSERT_TRUE(std::regex_search(two, m2, made_by));
  EXPECT_EQ(m1[1], m1[2]) << "the recipe records another digest than the rule checks";
  EXPECT_NE(m1[1], m2[1]) << "SEEDS 1 and 2 give the same digest: data of one would be taken for the other's";
  // Every figure's data carry the check (program, collect and copy recipes alike).
  for (const Figure& f : clp::registry::figures())
    EXPECT_NE(one.find("$(call args_changed,$(DATA)/" + f.id + ","), std::string::npos) << f.id;
  // So does every run: its rule checks the digest its recipe records.
  const std::regex run_rule(R"(\$\(RUNS\)/([^/\s]+)/final_error\.tsv: [^\n]*\n)");
  const std::regex checked(R"(\$\(call args_changed,\$\(RUNS\)/([^,]+),([0-9a-f]{16})\)\n(?:\t.*\n)*?\t@echo ([0-9a-f]{16}) > \$\(RUNS\)/([^/]+)/\.args\n)");
  size_t runs = 0;
  for (auto it = std::sregex_iterator(one.begin(), one.end(), run_rule); it != std::sregex_iterator(); ++it) {
    ++runs;
    std::smatch m;
    const std::string rest = one.substr(static_cast<size_t>(it->position(0)));
    ASSERT_TRUE(std::regex_search(rest, m, checked)) << (*it)[1];
    EXPECT_LT(m.position(0), it->length(0)) << (*it)[1] << ": the check is not on the run's own rule line";
    EXPECT_EQ(m[1], (*it)[1]);
    EXPECT_EQ(m[4], (*it)[1]);
    EXPECT_EQ(m[2], m[3]) << (*it)[1];
  }
  EXPECT_GT(runs, 50u);
}

// Data made outside their rule (the program run by hand into the pipeline's directory, with
// other parameters) are never taken by make as the rule's: the program drops make's record
// (.args) when it replaces the directory, so make remakes them and make check refuses them.
TEST(Registry, DataMadeByHandAreNotTakenForTheRules) {
  const fs::path scratch = fresh("byhand");
  const std::string build = fs::path(CLP_BIN_DIR).parent_path().string();
  const Figure& fig = clp::registry::figure("fig2_multipath_deficit");
  const fs::path dir = scratch / "out" / "data" / fig.id;
  const std::string make = "timeout 600 make --no-print-directory QUICK=1 NO_DEPS=1 BUILD=" + build +
                           " OUT=" + (scratch / "out").string() + " " + (dir / fig.data).string();
  const auto [made, log] = shell(make);
  ASSERT_EQ(made, 0) << log;
  EXPECT_EQ(shell(make + " -q NO_BUILD=1").first, 0) << "just made, not up to date";
  const auto by_hand = clp::testing::run_program(fig.program, "--depth 2 --quiet --out " + dir.string());
  ASSERT_EQ(by_hand.status, 0) << by_hand.err;
  EXPECT_EQ(shell(make + " -q NO_BUILD=1").first, 1) << "data made by hand with --depth 2 taken as the rule's";
  fs::remove_all(scratch);
}

// make check computes nothing: on an output root without this configuration's data it says so
// in one line and fails (it used to start computing them).
TEST(Registry, CheckRefusesDataItDoesNotHave) {
  const fs::path scratch = fresh("check");
  const std::string build = fs::path(CLP_BIN_DIR).parent_path().string();
  // (Under the sanitizers make build first builds what the test program does not need, about
  // a minute; a check that computed would run far longer than the timeout.)
  const auto [status, log] = shell("timeout 600 make --no-print-directory check QUICK=1 SEEDS=1 BUILD=" + build +
                                   " OUT=" + (scratch / "out").string());
  EXPECT_EQ(status, 2) << log;
  EXPECT_NE(log.find("does not hold up-to-date data of any paper figure for QUICK=1 SEEDS=1"), std::string::npos) << log;
  EXPECT_NE(log.find("make figures with them first"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(scratch / "out" / "data" / "runs")) << "make check started runs";
  fs::remove_all(scratch);
}

// Nothing lost: make's OUT must be an output root the pipeline made (its mark), new, empty, or
// a root of an earlier version (data/runs); a directory of the user's is refused in one line
// before any work, and nothing is written into it.
TEST(Registry, OutputRootOfTheUsersIsRefusedBeforeAnyWork) {
  const fs::path scratch = fresh("outroot");
  const fs::path users = scratch / "notes", fresh_root = scratch / "new", empty = scratch / "empty",
                 legacy = scratch / "legacy", file = scratch / "file", mixed = scratch / "mixed";
  fs::create_directories(users);
  std::ofstream(users / "notes.txt") << "mine\n";
  // A root of an earlier version is recognised by what it holds, but not beside a user's file:
  // once marked, make clean would remove that file with it.
  fs::create_directories(mixed / "data" / "runs");
  std::ofstream(mixed / "thesis.tex") << "mine\n";
  fs::create_directories(empty);
  fs::create_directories(legacy / "data" / "runs");
  std::ofstream(file) << "x\n";
  const auto claim = [](const fs::path& p) { return clp::testing::run_program("pipeline_plan", "out-root " + p.string()); };
  for (const fs::path& bad : {users, file, mixed}) {
    const auto r = claim(bad);
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.err.find("OUT=" + bad.string()), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_FALSE(fs::exists(users / ".clp-output-root"));
  EXPECT_FALSE(fs::exists(mixed / ".clp-output-root"));
  EXPECT_NE(claim(users).err.find("(it holds notes.txt, and no .clp-output-root)"), std::string::npos) << claim(users).err;
  // A symbolic link to nothing: named as such (not a library's "cannot create directories").
  fs::create_directory_symlink(scratch / "nowhere", scratch / "dangling");
  const auto dangling = claim(scratch / "dangling");
  EXPECT_EQ(dangling.status, 2);
  EXPECT_NE(dangling.err.find("is a symbolic link to " + (scratch / "nowhere").string() + ", which does not exist"),
            std::string::npos)
      << dangling.err;
  EXPECT_FALSE(fs::exists(scratch / "nowhere"));
  fs::remove(scratch / "dangling");
  // make_report writes into an output root only, never into the user's directory.
  std::ofstream(users / "report.html") << "my own report\n";
  const auto report = clp::testing::run_program("make_report", "--out " + users.string());
  EXPECT_EQ(report.status, 2) << report.err;
  EXPECT_NE(report.err.find("not an output root"), std::string::npos) << report.err;
  EXPECT_EQ(slurp(users / "report.html"), "my own report\n");
  fs::remove(users / "report.html");
  // make clean reads the same mark (in the shell: the programs may not be built).
  EXPECT_NE(slurp(kSource / "Makefile").find("$(OUT)/.clp-output-root ]"), std::string::npos);
  for (const fs::path& good : {fresh_root, empty, legacy}) {
    EXPECT_EQ(claim(good).status, 0) << good;
    EXPECT_TRUE(fs::exists(good / ".clp-output-root")) << good;
    EXPECT_EQ(claim(good).status, 0) << "a marked root is taken again: " << good;
  }
  // A dry run (make -n runs a recipe line that calls make) creates nothing, and still refuses.
  const std::string plan = (fs::path(CLP_BIN_DIR) / "pipeline_plan").string();
  EXPECT_EQ(clp::testing::run_shell("MAKEFLAGS='n --no-print-directory' " + plan + " out-root " + (scratch / "dry").string()).status, 0);
  EXPECT_FALSE(fs::exists(scratch / "dry"));
  EXPECT_EQ(clp::testing::run_shell("MAKEFLAGS='n' " + plan + " out-root " + users.string()).status, 2);
  // Through make: the report (which would write report.html and claims.tsv) and a figure goal.
  const std::string build = fs::path(CLP_BIN_DIR).parent_path().string();
  for (const std::string goal : {"report", "fig2_multipath_deficit"}) {
    const auto [status, log] = shell("timeout 600 make --no-print-directory " + goal + " NO_DEPS=1 BUILD=" + build +
                                     " OUT=" + users.string());
    EXPECT_EQ(status, 2) << goal << ": " << log;
    EXPECT_NE(log.find("did not make"), std::string::npos) << log;
  }
  // An OUT that is a file, empty, or has a space: one line saying so, before any rule reads it,
  // from a goal that reads the generated rules and from one that does not (make sweep).
  for (const auto& [out, says] : std::vector<std::pair<std::string, std::string>>{
           {file.string(), "is a file, not a directory"}, {"", "OUT is empty"}, {"'" + (scratch / "a b").string() + "'", "has a space"}}) {
    for (const std::string goal : {"fig2_multipath_deficit", "sweep FIGURE=mc_depth VARY=lr=0.1"}) {
      const auto [status, log] = shell("timeout 600 make --no-print-directory " + goal + " NO_DEPS=1 BUILD=" + build + " OUT=" + out);
      EXPECT_EQ(status, 2) << goal << " OUT=" << out << ": " << log;
      EXPECT_NE(log.find(says), std::string::npos) << goal << ": " << log;
      EXPECT_EQ(log.find("usage"), std::string::npos) << goal << ": " << log;
      // The one line, and make's own lines: the build it runs first (sweep) and its exit.
      int other = 0;
      std::istringstream in(log);
      for (std::string line; std::getline(in, line);)
        other += line.find(says) == std::string::npos && line.find("make: ***") != 0 && line.find("cmake --build") != 0 &&
                 line.find("ninja: no work") != 0;
      EXPECT_EQ(other, 0) << goal << ": " << log;
    }
  }
  EXPECT_EQ(slurp(file), "x\n");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(users)) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"notes.txt"}) << "something was written into the user's directory";
  fs::remove_all(scratch);
}

// make compare: every claim of either root with its change (same, changed, only in one root),
// and every point of a collected figure with B - A and whether the two seed intervals are apart.
TEST(Registry, CompareListsEveryClaimAndPointWithItsChange) {
  const fs::path root = fresh("compare");
  // As check_claims writes it: its row count, and the fingerprint of the data it checked.
  auto claims = [&](const fs::path& dir, const std::vector<std::vector<std::string>>& rows) {
    clp::TsvWriter w(dir / "claims.tsv", {{"program", "check_claims"}, {"rows", std::to_string(rows.size())}},
                     {"figure", "kind", "claim", "measured", "threshold", "verdict", "data_fingerprint"});
    for (const auto& r : rows)
      w.row(r[0], "paper", r[1], "m", "t", r[2], clp::claims::data_fingerprint(dir / "data" / "mc_depth"));
    w.commit();
  };
  auto points = [&](const fs::path& dir, const std::vector<std::vector<std::string>>& rows) {
    fs::create_directories(dir / "data" / "mc_depth");
    clp::TsvWriter w(dir / "data" / "mc_depth" / "seed_stats.tsv", {},
                     {"depth", "t_switch", "mean_excess", "ci_lo_excess", "ci_hi_excess", "n_seeds", "n_converged"});
    for (const auto& r : rows) w.row(r[0], r[1], r[2], r[3], r[4], "2", r.size() > 5 ? r[5] : "2");
    w.commit();
  };
  fs::create_directories(root / "a");
  fs::create_directories(root / "b");
  // Depth 3 at T_switch 200 and depth 5 (its baseline) have a run that did not converge in B.
  points(root / "a", {{"2", "0", "0", "0", "0"}, {"2", "100", "0.5", "0.4", "0.6"}, {"3", "0", "0", "0", "0"},
                      {"3", "100", "0.5", "0.4", "0.6"}, {"3", "200", "0.5", "0.4", "0.6"}, {"5", "0", "0", "0", "0"},
                      {"5", "100", "0.5", "0.4", "0.6"}});
  points(root / "b", {{"2", "0", "0", "0", "0"}, {"2", "100", "0.55", "0.45", "0.65"}, {"3", "0", "0", "0", "0"},
                      {"3", "100", "0.9", "0.8", "1.0"}, {"3", "200", "0.9", "0.8", "1.0", "1"},
                      {"4", "100", "1", "1", "1"}, {"5", "0", "0", "0", "0", "1"}, {"5", "100", "0.9", "0.8", "1.0"}});
  claims(root / "a", {{"mc_depth", "same", "PASS"}, {"mc_depth", "flips", "PASS"}, {"mc_depth", "gone", "PASS"},
                      {"mc_depth", "rises (2 seeds, paired by seed)", "PASS"}});
  claims(root / "b", {{"mc_depth", "same", "PASS"}, {"mc_depth", "flips", "FAIL"},
                      {"mc_depth", "rises (3 seeds, paired by seed)", "FAIL"}});
  const auto r = clp::testing::run_program("compare_results", "--a " + (root / "a").string() + " --b " +
                                                                 (root / "b").string() + " --table " +
                                                                 (root / "cmp.tsv").string());
  ASSERT_EQ(r.status, 0) << r.err;
  const clp::TsvTable t = clp::read_tsv(root / "cmp.tsv");
  std::map<std::string, std::pair<std::string, std::string>> got;  // what -> (change, exceeds)
  for (size_t i = 0; i < t.rows.size(); ++i) got[t.rows[i][2]] = {t.rows[i][5], t.rows[i][6]};
  EXPECT_EQ(got.at("same").first, "same verdict");
  EXPECT_EQ(got.at("flips").first, "verdict changed");
  EXPECT_EQ(got.at("gone").first, "only in A");
  EXPECT_EQ(got.at("rise: depth 2, T_switch 100").second, "no");   // intervals overlap
  EXPECT_EQ(got.at("rise: depth 3, T_switch 100").second, "yes");  // apart
  EXPECT_EQ(got.at("rise: depth 3, T_switch 100").first, "0.4");
  EXPECT_TRUE(got.count("depth 4, T_switch 100")) << "a point of one root only is listed";
  // A point is judged only if every seed's run converged, there and at its curve's T_switch 0.
  EXPECT_EQ(got.at("rise: depth 3, T_switch 200").second, "not judged");
  EXPECT_EQ(got.at("rise: depth 5, T_switch 100").second, "not judged");
  // The same claim on roots of other seed counts is one row.
  EXPECT_EQ(got.at("rises (2 seeds, paired by seed)").first, "verdict changed");
  EXPECT_NE(r.out.find("3 claims in both roots (1 same verdict, 2 verdict changed), 1 in one only; 4 points judged, 1 of "
                      "them changed beyond the seed spread, 3 not judged (a run did not converge)"),
            std::string::npos)
      << r.out;
  // --table never goes over an input: a root's claims.tsv is refused, in one line naming --table.
  const std::string before = slurp(root / "a" / "claims.tsv");
  const auto over = clp::testing::run_program("compare_results", "--a " + (root / "a").string() + " --b " +
                                                                      (root / "b").string() + " --table " +
                                                                      (root / "a" / "claims.tsv").string());
  EXPECT_NE(over.status, 0);
  EXPECT_NE(over.err.find("--table"), std::string::npos) << over.err;
  EXPECT_EQ(slurp(root / "a" / "claims.tsv"), before);
  // A root that holds no results is refused, naming it (not compared as if every result vanished).
  fs::create_directories(root / "empty");
  const auto empty = clp::testing::run_program("compare_results", "--a " + (root / "empty").string() + " --b " +
                                                                       (root / "b").string());
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.err.find("holds no results"), std::string::npos) << empty.err;
  // A make sweep root (one output root per value) is named as such, with its roots.
  fs::create_directories(root / "sweep" / "lr-0.1");
  fs::copy_file(root / "a" / "claims.tsv", root / "sweep" / "lr-0.1" / "claims.tsv");
  const auto sweep = clp::testing::run_program("compare_results", "--a " + (root / "sweep").string() + " --b " +
                                                                       (root / "b").string());
  EXPECT_EQ(sweep.status, 2);
  EXPECT_NE(sweep.err.find("output roots of a sweep: compare one of them (" + (root / "sweep" / "lr-0.1").string() + ")"),
            std::string::npos)
      << sweep.err;
  // --table never replaces a file compare_results did not write (it does replace its own).
  std::ofstream(root / "notes.md") << "mine\n";
  const auto user = clp::testing::run_program("compare_results", "--a " + (root / "a").string() + " --b " +
                                                                      (root / "b").string() + " --table " +
                                                                      (root / "notes.md").string());
  EXPECT_EQ(user.status, 2);
  EXPECT_NE(user.err.find("was not written by compare_results"), std::string::npos) << user.err;
  EXPECT_EQ(slurp(root / "notes.md"), "mine\n");
  // Data changed after make check: B's verdicts are STALE and not compared, its points not judged.
  {
    std::ofstream(root / "b" / "data" / "mc_depth" / "seed_stats.tsv", std::ios::app) << "6\t100\t0.1\t0\t0.2\t2\t2\n";
  }
  const auto stale = clp::testing::run_program("compare_results", "--a " + (root / "a").string() + " --b " +
                                                                       (root / "b").string() + " --table " +
                                                                       (root / "cmp.tsv").string());
  ASSERT_EQ(stale.status, 0) << stale.err;
  const clp::TsvTable s = clp::read_tsv(root / "cmp.tsv");
  got.clear();
  for (size_t i = 0; i < s.rows.size(); ++i) got[s.rows[i][2]] = {s.rows[i][5], s.rows[i][4]};
  EXPECT_EQ(got.at("same").first, "not compared: run make check on the STALE root");
  EXPECT_EQ(got.at("same").second.rfind("STALE", 0), 0u) << got.at("same").second;
  EXPECT_EQ(got.at("not judged: its data changed after make check").second, "changed");
  EXPECT_FALSE(got.count("rise: depth 3, T_switch 100")) << "a point of changed data is not judged";
  EXPECT_NE(stale.out.find("3 claims in both roots (0 same verdict, 0 verdict changed, 3 not compared: the data changed "
                           "after make check), 1 in one only; 0 points judged"),
            std::string::npos)
      << stale.out;
  EXPECT_NE(stale.out.find("; 1 figure not judged (the data changed)"), std::string::npos) << stale.out;
  // A claims table cut short is named, not read as a root with fewer claims.
  {
    const std::string text = slurp(root / "b" / "claims.tsv");
    std::ofstream(root / "b" / "claims.tsv") << text.substr(0, text.rfind("mc_depth"));
  }
  const auto cut = clp::testing::run_program("compare_results", "--a " + (root / "a").string() + " --b " +
                                                                     (root / "b").string());
  ASSERT_EQ(cut.status, 0) << cut.err;
  EXPECT_NE(cut.out.find("claims.tsv cannot be trusted: it has 2 rows but says 3"), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find("; 1 claims table that cannot be trusted"), std::string::npos) << cut.out;
  fs::remove_all(root);
}

// figures/style.gp's distinct(file, column): the values a figure loops over (its panels and
// curves). A string column keeps every value: sorted numerically alone, as it once was,
// "block" and "random" compare equal and a panel disappeared.
TEST(Figures, DistinctKeepsEveryValueOfAStringOrNumberColumn) {
  if (shell("gnuplot --version").first != 0) GTEST_SKIP() << "gnuplot is not installed (make figures installs it)";
  const fs::path dir = fresh("distinct");
  {
    std::ofstream f(dir / "t.tsv");
    f << "# program: test\npattern\tdepth\nrandom\t10\nblock\t2\nrandom\t2\nblock\t10\n";
  }
  const fs::path gp = dir / "t.gp";
  {
    std::ofstream g(gp);
    g << "fmt = 'png'; W = 4; H = 3; outbase = '" << (dir / "x").string() << "'\n"
      << "load 'figures/style.gp'\n"
      << "print distinct('" << (dir / "t.tsv").string() << "', 'pattern').'|'.distinct('"
      << (dir / "t.tsv").string() << "', 'depth')\n";
  }
  const auto [status, out] = shell("gnuplot '" + gp.string() + "'");
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("block random |2 10"), std::string::npos) << out;
}
