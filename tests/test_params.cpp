// Each parameter declared once (common/params.hpp, programs/programs.hpp): every program run
// with every option at a non-default value replays from its own config.toml, from another
// directory, to byte-identical files; and the rules the declarations state refuse what
// they must, in one line naming the flag, before any work.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/app.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "completion/params.hpp"
#include "completion/problem.hpp"
#include "completion/problem_file.hpp"
#include "files.hpp"
#include "programs/programs.hpp"

namespace fs = std::filesystem;
using namespace clp;

namespace {

using clp::testing::Outcome;
using clp::testing::slurp;

fs::path scratch(const std::string& name) { return clp::testing::scratch("params/" + name); }

// Runs `<program> <args>` in directory `cwd`.
Outcome run(const fs::path& cwd, const std::string& program, const std::string& args) {
  return clp::testing::run_shell("cd '" + cwd.string() + "' && " + std::string(CLP_BIN_DIR) + "/" + program + " " + args);
}

// A small switch-mode problem file (N 12, D 3) from our own draws.
completion::Problem small_problem(std::uint64_t layer_seed = 14) {
  completion::Problem p;
  p.mode = "switch";
  p.N = 12, p.n = 60, p.n_deficit = 60, p.rank1 = 3, p.rank2 = 2, p.depth = 3;
  p.g = 0.1, p.seed = 7;
  p.task1 = completion::make_ground_truth(p.N, p.rank1, 11);
  p.task2 = completion::make_ground_truth(p.N, p.rank2, 12);
  p.entries = completion::sample_entries(p.N, p.n, 13);
  p.layers = completion::gaussian_init(p.N, p.depth, p.g, layer_seed);
  p.header = {{"draws", "test"}};
  return p;
}

// The options of one case: name -> value ("" for a flag).
using Case = std::vector<std::pair<std::string, std::string>>;

std::string args_of(const Case& c) {
  std::string s;
  for (const auto& [k, v] : c) s += " --" + k + (v.empty() ? "" : " " + v);
  return s;
}

// Every program with cases that together set every option to a non-default valid value
// (small sizes: each runs in well under a second). "@crc" stands for the problem's checksum.
std::map<std::string, std::vector<Case>> all_cases() {
  const Case multipath{{"depth", "2"},      {"hidden", "20"},        {"lr", "0.02"},       {"steps", "100"},
                       {"deficit-starts", "0,50"}, {"deficit-length", "20"}, {"init-scale", "0.02"},
                       {"init-jitter", "0.2"}, {"seed", "3"},        {"record-every", "7"}, {"quiet", ""}};
  Case fig3 = multipath;
  fig3.push_back({"lesion-mode", "3"});
  return {
      {"fig1_phase_large",
       {{{"s", "8"}, {"dt", "0.002"}, {"steps", "300"}, {"depths", "2,3"}, {"early-start", "1"},
         {"early-length", "10"}, {"late-start", "120"}, {"late-length", "12"}, {"record-tol", "0.1"},
         {"flow-grid", "2"}, {"runs", "3"}, {"init-std", "0.02"}, {"seed", "4"}, {"quiet", ""}}}},
      {"fig7_phase_small",
       {{{"s", "8"}, {"dt", "0.02"}, {"steps", "2000"}, {"depths", "2,3"}, {"early-start", "1"},
         {"early-length", "4"}, {"late-start", "1000"}, {"late-length", "50"}, {"record-tol", "0.05"},
         {"flow-grid", "2"}, {"runs", "2"}, {"init-p", "0.01"}, {"quiet", ""}}}},
      {"fig2_multipath_deficit", {multipath}},
      {"fig3_gate_lesion", {fig3}},
      {"fig11_nonlinear_tanh", {multipath}},
      {"fig12_nonlinear_relu", {multipath}},
      {"mc_sweep",
       {{{"N", "12"}, {"n", "60"}, {"rank1", "2"}, {"rank2", "3"}, {"task2-shared", "1"}, {"depth", "2"},
         {"lr", "0.3"}, {"g", "0.01"}, {"seed", "3"}, {"switch-times", "0,40"}, {"continue-steps", "30"},
         {"switch-reinit", ""}, {"task2-wd", "0.001"}, {"sv-every", "10"}, {"sv-count", "3"},
         {"precision", "double"}, {"quiet", ""}},
        {{"mode", "subset"}, {"N", "12"}, {"n", "80"}, {"n-deficit", "40"}, {"rank1", "2"}, {"depth", "4"},
         {"switch-shrink", "0.5"}, {"switch-perturb", "0.01"}, {"switch-times", "0,30"},
         {"continue-steps", "20"}, {"quiet", ""}},
        {{"mode", "subset"}, {"N", "12"}, {"n", "80"}, {"n-deficit", "40"}, {"pattern", "block"}, {"blocks", "3"},
         {"init", "diagonal"}, {"init-jitter", "1e-4"}, {"branch-records", ""}, {"checkpoints", "5,10"},
         {"erank-fraction", "0.1"}, {"switch-times", "0,30"}, {"continue-steps", "20"}, {"quiet", ""}},
        {{"problem", "problem.txt"}, {"problem-crc32", "@crc"}, {"switch-times", "0,10"},
         {"continue-steps", "20"}, {"lr", "0.1"}, {"quiet", ""}},  // mc_sweep_3: the stale-problem check below
        {{"N", "12"}, {"n", "60"}, {"rank1", "2"}, {"rank2", "1"}, {"lr", "0.3"}, {"g", "0.01"},
         {"switch-at-multiples", "0,0.5,1"}, {"continue-steps", "20"}, {"quiet", ""}}}},
      {"mc_sv_ode",
       {{{"N", "12"}, {"n", "60,80"}, {"rank1", "3"}, {"rank2", "1"}, {"depth", "2"}, {"eta", "0.3"},
         {"g", "0.01"}, {"jitter", "1e-4"}, {"totals", "200,300"}, {"task2-steps", "100"}, {"record-every", "20"},
         {"sv-count", "4"}, {"seed", "2"}, {"quiet", ""}}}},
      {"mc_trace",
       {{{"problem", "problem.txt"}, {"problem-crc32", "@crc"}, {"steps", "50"}, {"switch-at", "20"}, {"lr", "0.1"},
         {"precision", "double"}}}},
      {"twopath_lr",
       {{{"depths", "2,3"}, {"lrs", "0.02,0.05"}, {"time", "1"}, {"deficit-time", "0.2"}, {"seeds", "1,2"},
         {"hidden", "12"}, {"init-scale", "0.02"}, {"init-jitter", "0.2"}, {"stop-above", "500"},
         {"rise-tol", "1e-8"}, {"quiet", ""}}}},
  };
}

}  // namespace

// The cases above set every declared option of every program, each to a value other than
// its default: a new option without a case here fails this test.
TEST(Params, ReplayCasesSetEveryOptionOfEveryProgramToANonDefaultValue) {
  const auto cases = all_cases();
  for (const std::string& name : programs::names()) {
    ASSERT_TRUE(cases.count(name)) << name << " has no replay case";
    auto p = programs::make(name);
    ParamTable t(p->name(), "");
    p->declare(t);
    std::set<std::string> set;
    for (const Case& c : cases.at(name))
      for (const auto& [k, v] : c) {
        const Param& q = t.at(k);
        if (!q.is_flag() && v != "@crc") {
          EXPECT_NE(v, q.default_value()) << name << " --" << k << " is its default";
        }
        set.insert(k);
      }
    for (const auto& q : t.params())
      if (q->role() != Role::kOutput) {
        EXPECT_TRUE(set.count(q->name())) << name << " --" << q->name() << " never set";
      }
  }
}

// Every program, every case: run in one directory, replayed with --config <run>/config.toml
// from another, the same files byte for byte (the data files and config.toml itself).
TEST(Params, EveryProgramReplaysFromItsConfigFromAnotherDirectory) {
  const fs::path home = scratch("replay_home"), away = scratch("replay_away");
  completion::write_problem(small_problem(), home / "problem.txt");
  const std::string crc = completion::read_problem(home / "problem.txt").crc32;
  for (const auto& [program, cases] : all_cases()) {
    for (size_t i = 0; i < cases.size(); ++i) {
      std::string args = args_of(cases[i]);
      if (const size_t at = args.find("@crc"); at != std::string::npos) args.replace(at, 4, crc);
      const std::string a = program + "_" + std::to_string(i) + "_A", b = program + "_" + std::to_string(i) + "_B";
      const Outcome first = run(home, program, args + " --out " + a);
      ASSERT_EQ(first.status, 0) << program << args << ": " << first.err;
      const Outcome again = run(away, program, "--config " + (home / a / "config.toml").string() + " --out " + b);
      ASSERT_EQ(again.status, 0) << program << " replay: " << again.err;
      size_t files = 0;
      for (const auto& e : fs::directory_iterator(home / a)) {
        const std::string f = e.path().filename().string();
        EXPECT_TRUE(fs::exists(away / b / f)) << program << ": replay lacks " << f;
        EXPECT_EQ(slurp(e.path()), slurp(away / b / f)) << program << args << ": " << f << " differs on replay";
        ++files;
      }
      EXPECT_GE(files, 2u) << program;  // data and config.toml
    }
  }
  // The problem file changed after the run: its replay is refused, naming the pin.
  completion::write_problem(small_problem(15), home / "problem.txt");
  const Outcome stale = run(away, "mc_sweep", "--config " + (home / "mc_sweep_3_A" / "config.toml").string() + " --out C");
  EXPECT_EQ(stale.status, 2);
  EXPECT_NE(stale.err.find("--problem-crc32"), std::string::npos) << stale.err;
  EXPECT_FALSE(fs::exists(away / "C"));
}

// A flag is replayed: config.toml holds every option, flags included, and the provenance
// holds the values in effect, without the parameters that do not apply to the run's mode.
TEST(Params, ProvenanceHoldsValuesInEffectAndOnlyWhatApplies) {
  const fs::path d = scratch("provenance");
  const Outcome r = run(d, "mc_sweep",
                    "--quiet --N 20 --n 150 --rank1 3 --rank2 2 --switch-times 0,300 --continue-steps 300 "
                    "--switch-reinit --out A");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string config = slurp(d / "A" / "config.toml"), data = slurp(d / "A" / "final_error.tsv");
  EXPECT_NE(config.find("switch-reinit = \"true\""), std::string::npos) << config;
  EXPECT_EQ(config.find("n-deficit"), std::string::npos) << config;  // switch mode: does not apply
  EXPECT_EQ(data.find("# n-deficit:"), std::string::npos) << data;
  EXPECT_NE(data.find("# switch-reinit: true"), std::string::npos) << data;
  // Given where it does not apply: an error naming it and the mode it needs.
  const Outcome wrong = run(d, "mc_sweep", "--n-deficit 10 --out B");
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.err.find("--n-deficit applies only with --mode subset"), std::string::npos) << wrong.err;
  EXPECT_FALSE(fs::exists(d / "B"));
}

// The parameter columns of mc_sweep's rows are its declared columns, with the values in
// effect: what the rows mean (n_deficit = n in switch mode, rank2 = rank1 in subset mode),
// a flag as 1, and every declared column in both files.
TEST(Params, DataColumnsComeFromTheDeclaration) {
  const fs::path d = scratch("columns");
  ASSERT_EQ(run(d, "mc_sweep", "--N 12 --n 60 --rank1 2 --rank2 1 --switch-times 0,10 --continue-steps 20 --lr 0.15 "
                               "--switch-reinit --out S").status, 0);
  ASSERT_EQ(run(d, "mc_sweep", "--mode subset --N 12 --n 60 --n-deficit 40 --rank1 2 --switch-times 0,10 "
                               "--continue-steps 20 --branch-records --out B").status, 0);
  completion::SweepConfig cfg;
  ParamTable t("mc_sweep", "");
  completion::declare_params(t, cfg);
  std::vector<std::string> declared;
  for (const auto& [name, cell] : t.columns()) declared.push_back(name);
  ASSERT_GE(declared.size(), 15u);
  for (const auto& [file, extra] : {std::pair{d / "S" / "final_error.tsv", 0}, {d / "B" / "final_error.tsv", 0},
                                    {d / "B" / "branches.tsv", 0}}) {  // no packed curve key before them
    const TsvTable f = read_tsv(file);
    ASSERT_GE(f.columns.size(), declared.size() + extra) << file;
    EXPECT_EQ(std::vector<std::string>(f.columns.begin() + extra, f.columns.begin() + extra + declared.size()), declared)
        << file;
  }
  const TsvTable s = read_tsv(d / "S" / "final_error.tsv"), b = read_tsv(d / "B" / "branches.tsv");
  EXPECT_EQ(s.text(0, "n_deficit"), "60");
  EXPECT_EQ(s.text(0, "rank2"), "1");
  EXPECT_EQ(s.text(0, "reinit"), "1");
  EXPECT_EQ(s.text(0, "lr"), "0.15");
  EXPECT_EQ(s.text(0, "N"), "12");
  EXPECT_EQ(b.text(0, "n_deficit"), "40");
  EXPECT_EQ(b.text(0, "rank2"), "2");
  EXPECT_EQ(b.text(0, "mode"), "subset");
  EXPECT_EQ(b.text(0, "reinit"), "0");
}

// Bad values that once ran: each is refused before any work, in one line naming the flag,
// with exit status 2 and no output directory.
TEST(Params, RulesRefuseBadRunsNamingTheFlag) {
  const fs::path d = scratch("rules");
  completion::write_problem(small_problem(), d / "problem.txt");
  const std::vector<std::tuple<std::string, std::string, std::string>> bad{
      {"fig1_phase_large", "--seed -1", "--seed"},
      {"mc_sv_ode", "--seed -5", "--seed"},
      {"mc_sweep", "--seed -1", "--seed"},
      {"mc_collect", "--description 'x\n# seeds: 1' --runs a --seeds 1", "--description"},
      {"mc_sweep", "--problem 'a\n# draws: authors'", "--problem"},
      {"mc_sweep", "--N 20 --n 200 --rank1 2 --rank2 2 --depth 2 --lr 2 --g 1e-90 --switch-times 0 --continue-steps 8000",
       "--precision double"},
      {"fig2_multipath_deficit", "--steps 100 --deficit-starts 0,500 --deficit-length 50", "--deficit-starts"},
      {"fig1_phase_large", "--late-start 5000 --steps 1000", "--late-length"},
      {"mc_sweep", "--depth 1000000", "--depth"},
      {"mc_sweep", "--N 100000", "--N"},
      {"fig2_multipath_deficit", "--depth 1000000", "--depth"},
      {"twopath_lr", "--depths 1000000", "--depths"},
      {"fig1_phase_large", "--flow-grid 1000000", "--flow-grid"},
      {"mc_trace", "--problem problem.txt --steps 100000000000", "--steps"},
      {"mc_sweep", "--N 10000 --depth 500", "memory"},
      // Buffers that grow with a step count: the per-step loss record of a branch, of the
      // task-2 phase of the ODE comparison (each step's loss kept for its status).
      {"mc_sweep", "--N 10 --n 40 --rank1 2 --rank2 1 --switch-times 0 --continue-steps 600000000000", "lower --continue-steps"},
      {"mc_sv_ode", "--N 12 --n 60 --totals 900000000000 --task2-steps 900000000000 --record-every 100000000000",
       "lower --task2-steps"},
      // A list names each item once.
      {"mc_sweep", "--switch-times 0,50,50", "--switch-times"},
      {"mc_sv_ode", "--n 60,80,60", "--n lists 60 twice"},
      {"fig1_phase_large", "--depths 2,3,2", "--depths lists 2 twice"},
      {"fig2_multipath_deficit", "--deficit-starts 0,100,0", "--deficit-starts lists 0 twice"},
      {"twopath_lr", "--seeds 1,2,1", "--seeds lists 1 twice"},
      {"twopath_lr", "--depths 2,2", "--depths lists 2 twice"},
  };
  for (const auto& [program, args, names] : bad) {
    const Outcome r = run(d, program, args + " --out X");
    EXPECT_EQ(r.status, 2) << program << " " << args;
    EXPECT_NE(r.err.find(names), std::string::npos) << program << " " << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(d / "X")) << program << " " << args;
  }
  // The underflowing initialization names both flags; in double the same run is accepted.
  const Outcome g = run(d, "mc_sweep", "--N 20 --n 200 --rank1 2 --rank2 2 --depth 2 --g 1e-90 --out Y --switch-times 0 "
                                   "--continue-steps 1");
  EXPECT_NE(g.err.find("--g"), std::string::npos) << g.err;
  EXPECT_EQ(run(d, "mc_sweep", "--N 20 --n 200 --rank1 2 --rank2 2 --depth 2 --g 1e-90 --precision double --out Y "
                               "--switch-times 0 --continue-steps 1 --quiet")
                .status,
            0);
}

// The output directory is one result: a rerun replaces the whole directory (an old file of
// another run does not survive beside the new ones, nor make's .args and .seconds, which
// describe the run they were written for), and a failed run leaves it as it was.
TEST(Params, RunDirectoryIsReplacedAsAWholeOrNotAtAll) {
  const fs::path d = scratch("rundir");
  ASSERT_EQ(run(d, "mc_sweep", "--N 12 --n 60 --rank1 2 --switch-times 0,10 --continue-steps 10 --sv-every 5 --out R")
                .status,
            0);
  ASSERT_TRUE(fs::exists(d / "R" / "singular_values.tsv"));
  std::ofstream(d / "R" / ".args") << "make's";
  std::ofstream(d / "R" / ".seconds") << "1.5";
  const std::string before = slurp(d / "R" / "final_error.tsv");
  // A failing run (bad value found before work, then one that fails inside): nothing changes.
  EXPECT_EQ(run(d, "mc_sweep", "--N 12 --n 60 --rank1 2 --lr 50 --switch-times 0 --continue-steps 50 --out R").status,
            2);
  EXPECT_EQ(slurp(d / "R" / "final_error.tsv"), before);
  EXPECT_TRUE(fs::exists(d / "R" / "singular_values.tsv"));
  EXPECT_EQ(slurp(d / "R" / ".args"), "make's") << "a failed run changes nothing";
  // A rerun without singular values: the old singular_values.tsv goes, and make's records with it.
  ASSERT_EQ(run(d, "mc_sweep", "--N 12 --n 60 --rank1 2 --switch-times 0,10 --continue-steps 12 --out R").status, 0);
  EXPECT_FALSE(fs::exists(d / "R" / "singular_values.tsv"));
  EXPECT_FALSE(fs::exists(d / "R" / ".args"));
  EXPECT_FALSE(fs::exists(d / "R" / ".seconds"));
  EXPECT_NE(slurp(d / "R" / "final_error.tsv"), before);
  for (const auto& e : fs::directory_iterator(d))
    EXPECT_EQ(e.path().filename().string().find(".staging-"), std::string::npos) << "left behind: " << e.path();
}

// A config file's text values replay byte for byte: TOML basic strings with their escapes
// (a backslash, quotes, a tab, any control character) and UTF-8 as it is.
TEST(Params, ConfigRoundTripsEveryTextByteForByte) {
  std::string every;  // every byte but NUL
  for (int c = 1; c < 256; ++c) every += static_cast<char>(c);
  for (const std::string& text : {std::string("a \\ b"), std::string("C:\\new\\table \"q\" 'single' # not a comment"),
                                  std::string("tab\there"), std::string("\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac"),
                                  std::string("\\u0041 \\n \\\\"), every}) {
    std::string value, back;
    ParamTable a("prog", "");
    a.add("description", value, "text");
    ASSERT_TRUE(a.parse(std::vector<std::string>{"--description", text}));
    const fs::path f = scratch("roundtrip") / "config.toml";
    std::ofstream(f, std::ios::binary) << a.config_toml();
    ParamTable b("prog", "");
    b.add("description", back, "text");
    ASSERT_TRUE(b.parse(std::vector<std::string>{"--config", f.string()})) << a.config_toml();
    EXPECT_EQ(back, text) << a.config_toml();
  }
  // The programs: a problem file in a directory with a backslash, a description with one.
  const fs::path d = scratch("roundtrip_programs");
  fs::create_directories(d / "bs\\dir");
  completion::write_problem(small_problem(), d / "bs\\dir" / "p.problem");
  const std::string args = " --switch-times 0,5 --continue-steps 4 --quiet";
  ASSERT_EQ(run(d, "mc_sweep", "--problem 'bs\\dir/p.problem' --out A" + args).status, 0);
  const Outcome replay = run(d, "mc_sweep", "--config A/config.toml --out B");
  ASSERT_EQ(replay.status, 0) << replay.err << slurp(d / "A" / "config.toml");
  EXPECT_EQ(slurp(d / "A" / "final_error.tsv"), slurp(d / "B" / "final_error.tsv"));
  const std::string description = "a \\ b \"c\" # e \xc3\xa9";  // single-quoted on the shell line
  ASSERT_EQ(run(d, "mc_collect", "--out C --seeds 7 --runs A/final_error.tsv --description '" + description + "'").status, 0);  // the problem file's seed
  const Outcome collect = run(d, "mc_collect", "--config C/config.toml --out D");
  ASSERT_EQ(collect.status, 0) << collect.err;
  EXPECT_EQ(slurp(d / "C" / "final_error.tsv"), slurp(d / "D" / "final_error.tsv"));
  EXPECT_NE(slurp(d / "D" / "final_error.tsv").find("# description: " + description + "\n"), std::string::npos);
}

// A config file says each thing once and plainly: a key given twice (anywhere), a flag's
// value that is not true or false, a byte-order mark, a value TOML does not read: refused
// in one line naming --config and the key, before any work.
TEST(Params, ConfigRefusesRepeatsNonBooleanFlagsAndAByteOrderMark) {
  const fs::path d = scratch("config_refuses");
  ASSERT_EQ(run(d, "mc_sweep", "--N 10 --n 40 --rank1 2 --switch-times 0,5 --continue-steps 4 --quiet --out A").status, 0);
  const std::string config = slurp(d / "A" / "config.toml");
  auto refused = [&](const std::string& text, const std::string& words) {
    std::ofstream(d / "c.toml", std::ios::binary) << text;
    const Outcome r = run(d, "mc_sweep", "--config c.toml --out B");
    EXPECT_EQ(r.status, 2) << text;
    EXPECT_NE(r.err.find("--config"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(d / "B"));
  };
  refused(config + "lr = \"0.05\"\n", "the key lr is given twice");  // far from the first lr line
  std::string adjacent = config;
  adjacent.insert(adjacent.find("lr = "), "lr = \"0.05\"\n");
  refused(adjacent, "the key lr is given twice");
  for (const char* flag : {"switch-reinit", "quiet"})
    for (const char* value : {"\"2\"", "\"yes\"", "1", "\"\""}) {
      std::string t = config;
      const size_t at = t.find(std::string(flag) + " = ");
      t.replace(at, t.find('\n', at) - at, std::string(flag) + " = " + value);
      refused(t, std::string("--") + flag + " is a flag");
    }
  // On the command line, the same rule, naming the flag (CLI11 alone took "yes" and "2" as true).
  for (const char* value : {"2", "yes", "banana", ""}) {
    const Outcome r = run(d, "mc_sweep", "--N 10 --n 40 --rank1 2 --switch-times 0,5 --continue-steps 4 --quiet=" +
                                            std::string(value) + " --out B");
    EXPECT_EQ(r.status, 2) << value;
    EXPECT_NE(r.err.find("--quiet is a flag: its value is true or false"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(d / "B"));
  }
  refused("\xEF\xBB\xBF" + config, "byte-order mark");
  refused(config + "[table]\n", "table header");
  refused(config + "bogus = \"1\"\n", "bogus");
  // A misspelt key gets the nearest option; a value a rule refuses, its file and line.
  {
    std::string t = config;
    t.replace(t.find("\ndepth = "), 9, "\ndpeth = ");
    refused(t, "'dpeth' is not an option of mc_sweep (did you mean depth?)");
    t = config;
    const size_t at = t.find("\nlr = ") + 1;
    t.replace(at, t.find('\n', at) - at, "lr = \"-0.2\"");
    const long line = std::count(t.begin(), t.begin() + static_cast<long>(at), '\n') + 1;
    refused(t, "c.toml, line " + std::to_string(line) + ": --lr must be positive (got -0.2)");
  }
  refused(config + "desc = \"a \\q\"\n", "escape");
  // Still read: bare words, literal strings, comments; true and false for a flag.
  std::ofstream(d / "ok.toml") << "# a comment\nN = 10\nn = '40'  # trailing\nrank1 = \"2\"\nswitch-times = \"0,5\"\n"
                                  "continue-steps = 4\nquiet = true\nswitch-reinit = \"false\"\n";
  const Outcome ok = run(d, "mc_sweep", "--config ok.toml --out E");
  EXPECT_EQ(ok.status, 0) << ok.err;
}
