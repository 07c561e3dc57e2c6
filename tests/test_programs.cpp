// The figure programs as a user runs them: bad input gives one clear error line naming the
// parameter, a non-zero exit, and no data file; --help lists the flags.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "common/tsv.hpp"
#include "completion/gemm.hpp"
#include "files.hpp"

namespace fs = std::filesystem;

namespace {

using clp::testing::has_files;
using clp::testing::Outcome;
using clp::testing::slurp;

Outcome run(const std::string& program, const std::string& args, const fs::path& dir) {
  return clp::testing::run_program(program, "--out " + dir.string() + " " + args);
}

fs::path fresh(const std::string& name) { return clp::testing::scratch("prog_" + name, false); }

void expect_clean_error(const std::string& program, const std::string& args, const std::string& names) {
  const fs::path dir = fresh(program);
  const Outcome r = run(program, args, dir);
  EXPECT_NE(r.status, 0) << program << " " << args;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(names), std::string::npos) << "stderr should name " << names << ": " << r.err;
  EXPECT_FALSE(has_files(dir)) << "a failed run left a data file in " << dir;
  fs::remove_all(dir);
}

}  // namespace

TEST(Programs, BadInputIsOneClearLineAndNoFile) {
  expect_clean_error("fig2_multipath_deficit", "--depth 0", "--depth");
  expect_clean_error("fig2_multipath_deficit", "--deficit-length -5", "--deficit-length");
  expect_clean_error("fig2_multipath_deficit", "--lr nan", "--lr");
  expect_clean_error("fig2_multipath_deficit", "--lr -0.1", "--lr");
  expect_clean_error("fig2_multipath_deficit", "--lr 1e6 --init-scale 1", "diverged");
  expect_clean_error("fig3_gate_lesion", "--lesion-mode 9", "--lesion-mode");
  expect_clean_error("fig11_nonlinear_tanh", "--steps 0", "--steps");
  expect_clean_error("fig1_phase_large", "--bogus 3", "--bogus");
  expect_clean_error("fig1_phase_large", "--depths 2,0", "--depths");
  expect_clean_error("fig1_phase_large", "--dt inf", "--dt");
  expect_clean_error("fig7_phase_small", "--early-length -1", "--early-length");
  expect_clean_error("fig1_phase_large", "--late-start -3", "--late-start");
  expect_clean_error("fig1_phase_large", "--runs 3 --runs 4", "--runs");  // given twice: not "last wins"
  expect_clean_error("fig1_phase_large", "--depths 2,5,", "--depths");   // trailing comma
  expect_clean_error("fig1_phase_large", "--depths 2,,5", "--depths");
  expect_clean_error("fig7_phase_small", "--init-p 0", "--init-p");
}

TEST(Programs, CompletionBadInputAndDivergence) {
  expect_clean_error("mc_sweep", "--N 10 --n 101", "--n");
  expect_clean_error("mc_sweep", "--rank1 0", "--rank1");
  expect_clean_error("mc_sweep", "--N 20 --n 400 --rank2 21", "--rank2");
  expect_clean_error("mc_sweep", "--depth 0", "--depth");
  expect_clean_error("mc_sweep", "--lr 0", "--lr");
  expect_clean_error("mc_sweep", "--lr nan", "--lr");
  expect_clean_error("mc_sweep", "--switch-times 0,100,50", "--switch-times");
  expect_clean_error("mc_sweep", "--mode sideways", "--mode");
  expect_clean_error("mc_sweep", "--N 20 --n 100 --g 1 --lr 500 --switch-times 0 --continue-steps 100 --quiet",
                     "diverged");
  expect_clean_error("mc_sweep", "--switch-times 0,200,", "--switch-times");
  expect_clean_error("mc_sweep", "--continue-steps 0", "--continue-steps");
  expect_clean_error("mc_sweep", "--seed 2 --seed 3", "--seed");
  // An initialization so large that training diverges: the message points at --g too.
  expect_clean_error("mc_sweep", "--N 20 --n 100 --g 1e30 --switch-times 0 --continue-steps 10 --quiet", "--g");
  // A singular-value ODE step so large that two values become equal names its step size.
  expect_clean_error("mc_sv_ode", "--N 30 --n 400 --rank1 3 --rank2 2 --eta 1e9 --quiet", "lower --eta");
  // --N 2 runs (the singular-value count matters only with --sv-every).
  const fs::path tiny = fresh("mc_tiny");
  const Outcome ok = run("mc_sweep", "--N 2 --n 3 --rank1 1 --rank2 1 --switch-times 0,5 --continue-steps 5 --quiet", tiny);
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_TRUE(fs::exists(tiny / "final_error.tsv"));
  fs::remove_all(tiny);
}

TEST(Programs, OutIsCheckedBeforeAnyComputation) {
  // Empty, a regular file in the way, a directory that cannot be created: one line naming
  // --out, status 2, and (for the empty one) nothing written into the current directory.
  auto expect_out_error = [](const std::string& program, const std::string& out) {
    const std::string rest = program == "mc_collect" ? " --seeds 1 --runs none.tsv" : " --quiet";
    const Outcome r = clp::testing::run_program(program, "--out '" + out + "'" + rest);
    const std::string text = r.out + r.err;
    EXPECT_EQ(r.status, 2) << program << " --out '" << out << "': " << text;
    EXPECT_NE(text.find("--out"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  };
  const fs::path file = fresh("out_is_a_file");
  fs::remove_all(file);
  std::ofstream(file) << "x";
  for (const std::string program : {"mc_sweep", "fig1_phase_large", "mc_collect"}) {
    expect_out_error(program, "");
    expect_out_error(program, file.string());
    expect_out_error(program, (file / "sub").string());
    expect_out_error(program, "/proc/clp_not_writable");
  }
  fs::remove(file);
}

TEST(Programs, StaleTemporaryFilesOfDeadProcessesAreRemoved) {
  // A file a killed process (SIGKILL cannot be caught) left half-written next to a file
  // written in place (the report, a claims table) is removed by the next write into that
  // directory; a live process's is left alone.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // child's pid is now dead
  const fs::path dir = fresh("stale_tmp");
  fs::create_directories(dir);
  const fs::path dead = dir / ("report.html.tmp." + std::to_string(child));
  const fs::path live = dir / ("report.html.tmp." + std::to_string(::getpid()));
  std::ofstream(dead) << "half";
  std::ofstream(live) << "busy";
  const Outcome r = run("make_report", "", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(dir / "report.html"));
  fs::remove_all(dir);
}

TEST(Programs, SigtermWhileWritingLeavesNoTemporaryFile) {
  // fig1 with many runs writes large trajectory files: terminate it at many moments, some
  // of them while a file is being written; no *.tmp.* file may remain.
  const fs::path dir = fresh("sigterm");
  for (int i = 0; i < 30; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      const std::string bin = std::string(CLP_BIN_DIR) + "/fig1_phase_large";
      const std::string out = dir.string();
      ::execl(bin.c_str(), bin.c_str(), "--out", out.c_str(), "--runs", "60", "--quiet", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::usleep(20000 + 7000 * i);
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
  }
  // A run that finishes: the output is whole, and no staging directory of the killed ones
  // (nor a temporary file) is left beside it or in it.
  ASSERT_EQ(run("fig1_phase_large", "--runs 5 --flow-grid 2 --quiet", dir).status, 0);
  EXPECT_TRUE(fs::exists(dir / "endpoints.tsv"));
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
  for (const auto& e : fs::directory_iterator(dir.parent_path()))
    EXPECT_EQ(e.path().filename().string().find("." + dir.filename().string() + ".staging-"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

TEST(Programs, HelpListsParametersWithPaperDefaults) {
  const fs::path dir = fresh("help");
  const Outcome r = run("fig2_multipath_deficit", "--help", dir);
  EXPECT_EQ(r.status, 0);
  for (const char* s : {"--depth <v>", "[4]", "--lr", "[0.01]", "--deficit-starts", "[0,400,750]", "--quiet"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  EXPECT_FALSE(has_files(dir));
}

TEST(Programs, SmallRunWritesItsFilesAndASummary) {
  const fs::path dir = fresh("small");
  const Outcome r = run("fig2_multipath_deficit", "--steps 50 --deficit-starts 0 --deficit-length 20 --quiet", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "trajectories.tsv"));
  EXPECT_TRUE(fs::exists(dir / "modes.tsv"));
  EXPECT_NE(r.out.find("fig2_multipath_deficit:"), std::string::npos);
  fs::remove_all(dir);
}

// The ODE program, the claim checker and the report as make figures runs them: a small
// mc_sv_ode run is checked (exit 0, every claim PASS in the table), then its data are cut
// (a row removed): check_claims exits 1 with a FAIL, and the report shows it.
TEST(Programs, SvOdeThenCheckClaimsThenReport) {
  const fs::path root = fresh("pipeline"), data = root / "data" / "mc_ode_vs_gd";
  fs::create_directories(root / "data");
  const Outcome ode =
      run("mc_sv_ode", "--N 30 --n 400 --rank1 3 --rank2 2 --g 0.1 --eta 0.2 --totals 1600,2400 --task2-steps 1200 --quiet", data);
  ASSERT_EQ(ode.status, 0) << ode.err;
  EXPECT_NE(ode.out.find("mc_sv_ode: max |sv_gd - sv_ode|"), std::string::npos) << ode.out;
  auto tool = [&](const std::string& cmd) { return clp::testing::run_shell(std::string(CLP_BIN_DIR) + "/" + cmd).status; };
  const std::string check = "check_claims --data " + (root / "data").string() + " --figures mc_ode_vs_gd --table " +
                            (root / "claims.tsv").string();
  EXPECT_EQ(tool(check), 0);
  std::string table = slurp(root / "claims.tsv");
  EXPECT_NE(table.find("\tPASS\t"), std::string::npos) << table;
  EXPECT_EQ(table.find("\tFAIL\t"), std::string::npos) << table;
  ASSERT_EQ(tool("make_report --out " + root.string()), 0);
  EXPECT_NE(slurp(root / "report.html").find("<td class=\"PASS\">2 / 2</td>"), std::string::npos);

  // Remove the last data row: the grid is incomplete, so the figure FAILs.
  std::string text = slurp(data / "singular_values.tsv");
  const size_t last = text.find_last_of('\n', text.find_last_not_of('\n'));
  std::ofstream(data / "singular_values.tsv") << text.substr(0, last + 1);
  EXPECT_EQ(tool(check), 1);
  table = slurp(root / "claims.tsv");
  EXPECT_NE(table.find("\tFAIL\t"), std::string::npos) << table;
  ASSERT_EQ(tool("make_report --out " + root.string()), 0);
  EXPECT_NE(slurp(root / "report.html").find("<td class=\"FAIL\">0 / 1</td>"), std::string::npos);
  // --table replaces a claims table, never a file check_claims did not write.
  std::ofstream(root / "notes.md") << "mine\n";
  EXPECT_EQ(tool("check_claims --data " + (root / "data").string() + " --figures mc_ode_vs_gd --table " +
                 (root / "notes.md").string()),
            2);
  EXPECT_EQ(slurp(root / "notes.md"), "mine\n");
  fs::remove_all(root);
}

// Every run writes <out>/config.toml; running the program on it (into another directory)
// computes byte-identical data files: two processes, the same bits.
TEST(Programs, ConfigTomlReplaysTheRunExactly) {
  for (const auto& [program, args] : std::vector<std::pair<std::string, std::string>>{
           {"mc_sweep", "--N 12 --n 60 --rank1 2 --rank2 1 --depth 2 --switch-times 0,30 --continue-steps 40 "
                        "--sv-every 10 --sv-count 3 --seed 4 --quiet"},
           // depth 3: the step's dense products (libxsmm where the build has it) in both runs
           {"mc_sweep", "--N 24 --n 200 --rank1 2 --rank2 1 --depth 3 --switch-times 0,30 --continue-steps 40 "
                        "--sv-every 10 --sv-count 3 --seed 4 --quiet"},
           {"fig2_multipath_deficit", "--steps 40 --deficit-starts 0,20 --deficit-length 10 --quiet"}}) {
    const fs::path a = fresh(program + "_a"), b = fresh(program + "_b");
    ASSERT_EQ(run(program, args, a).status, 0) << program;
    ASSERT_TRUE(fs::exists(a / "config.toml")) << program;
    const Outcome r = run(program, "--config " + (a / "config.toml").string(), b);
    ASSERT_EQ(r.status, 0) << r.err;
    int files = 0;
    for (const auto& e : fs::directory_iterator(a)) {
      if (e.path().extension() != ".tsv") continue;
      auto slurp = [](const fs::path& p) {
        std::ifstream f(p);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
      };
      EXPECT_EQ(slurp(e.path()), slurp(b / e.path().filename())) << program << ": " << e.path().filename();
      ++files;
    }
    EXPECT_GE(files, 2) << program;
    fs::remove_all(a);
    fs::remove_all(b);
  }
}

// A test that writes into its scratch directory; it fails when CLP_SCRATCH_PROBE_FAIL is set,
// for the test below, which runs it in a process of its own.
TEST(Scratch, ProbeWritesAFile) {
  const fs::path d = clp::testing::scratch("probe");
  std::ofstream(d / "file") << "x";
  ASSERT_TRUE(fs::exists(d / "file"));
  if (std::getenv("CLP_SCRATCH_PROBE_FAIL")) ADD_FAILURE() << "failing on purpose (CLP_SCRATCH_PROBE_FAIL)";
}

// A test process removes its scratch root when every test passed, and keeps and names it
// when one failed (files.hpp, scratch.cpp): make test leaves nothing behind in /tmp.
TEST(Scratch, RemovedWhenThePassingProcessEndsKeptAfterAFailure) {
  const auto probe = [](bool fail) {
    const Outcome r = clp::testing::run_shell(std::string(fail ? "CLP_SCRATCH_PROBE_FAIL=1 " : "") + CLP_BIN_DIR +
                                              "/clp_tests --gtest_filter=Scratch.ProbeWritesAFile >/dev/null & p=$!; "
                                              "wait $p; s=$?; echo $p; exit $s");
    return std::make_pair(r, clp::testing::scratch_root(std::stoi(r.out)));
  };
  const auto [passed, passed_root] = probe(false);
  EXPECT_EQ(passed.status, 0) << passed.err;
  EXPECT_FALSE(fs::exists(passed_root)) << passed_root << " was left behind by a passing test process";
  const auto [failed, failed_root] = probe(true);
  EXPECT_NE(failed.status, 0);
  EXPECT_TRUE(fs::exists(failed_root / "probe" / "file")) << "a failed test's scratch files should be kept";
  EXPECT_NE(failed.err.find(failed_root.string()), std::string::npos) << "stderr should name " << failed_root << ": "
                                                                       << failed.err;
  fs::remove_all(failed_root);
}

// Every data file states the arithmetic it was computed in (completion/gemm.hpp arithmetic());
// with libxsmm the line follows the instruction set its kernels are generated for, two runs
// whose lines agree write the same bytes, and a figure merged from runs of one arithmetic
// states it, from runs of two says "mixed".
TEST(Programs, DataFilesStateTheirArithmetic) {
  const std::string args = "--N 20 --n 200 --rank1 2 --rank2 2 --depth 3 --switch-times 0,50 --continue-steps 200 --quiet";
  const auto run_with = [&](const std::string& env, const std::string& name, int seed) {
    const fs::path dir = fresh(name);
    const Outcome r = clp::testing::run_shell(env + " " + CLP_BIN_DIR + "/mc_sweep --out " + dir.string() + " " + args +
                                              " --seed " + std::to_string(seed));
    EXPECT_EQ(r.status, 0) << r.err;
    return dir / "final_error.tsv";
  };
  const auto arithmetic = [](const fs::path& file) {
    const clp::TsvTable t = clp::read_tsv(file);
    return t.meta.count("arithmetic") ? t.meta.at("arithmetic") : std::string("(no arithmetic line)");
  };
  const auto collect = [](const fs::path& a, const fs::path& b, const std::string& name) {
    const fs::path dir = fresh(name);
    const Outcome r = clp::testing::run_program(
        "mc_collect", "--out " + dir.string() + " --description t --group depth --seeds 1,2 --runs " + a.string() +
                          "," + b.string());
    EXPECT_EQ(r.status, 0) << r.err;
    return dir / "final_error.tsv";
  };
  const fs::path own1 = run_with("env -u LIBXSMM_TARGET", "arith_own1", 1);
  const fs::path own2 = run_with("env -u LIBXSMM_TARGET", "arith_own2", 2);
  const std::string line = arithmetic(own1);
  EXPECT_NE(line.find("; SIMD "), std::string::npos) << line;
  EXPECT_NE(line.find("; products " + clp::completion::gemm::implementation()), std::string::npos) << line;
  EXPECT_EQ(arithmetic(collect(own1, own2, "arith_same")), line);
  if (!clp::completion::gemm::libxsmm_built()) return;
  const fs::path hsw1 = run_with("LIBXSMM_TARGET=hsw", "arith_hsw1", 1);
  const fs::path hsw2 = run_with("LIBXSMM_TARGET=hsw", "arith_hsw2", 2);
  const std::string other = arithmetic(hsw1);
  EXPECT_NE(other.find(", hsw kernels"), std::string::npos) << other;
  if (other == line) {
    EXPECT_EQ(slurp(own1), slurp(hsw1)) << "the same arithmetic wrote other bytes";
  } else {
    EXPECT_EQ(arithmetic(collect(own1, hsw2, "arith_mixed")), "mixed: " + std::min(line, other) + " | " +
                                                                   std::max(line, other));
  }
}
