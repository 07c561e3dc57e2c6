// --out never costs the user a file: a program replaces only a directory that is empty or
// holds a run of the same program (its .clp-run manifest lists every file), follows a
// symbolic link to the directory it names, never replaces a directory that holds an input of
// the run, refuses all else in one line naming --out before any work, and leaves no staging
// directory behind on SIGINT, SIGTERM or SIGHUP.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "files.hpp"

namespace fs = std::filesystem;
using clp::testing::Outcome;
using clp::testing::slurp;

namespace {

// A tiny run of each program that writes a run directory, and the arguments of mc_collect.
const char* const kSweep = "--N 10 --n 40 --rank1 2 --rank2 1 --switch-times 0,5 --continue-steps 5 --quiet";
// A run that fails only inside the computation (it diverges): an --out refused with this
// proves the check comes before any work.
const char* const kDiverges = "--N 20 --n 100 --g 1 --lr 500 --switch-times 0 --continue-steps 100 --quiet";

Outcome run(const std::string& program, const std::string& args) { return clp::testing::run_program(program, args); }

void expect_out_refused(const Outcome& r, const std::string& what, const std::string& words = "--out") {
  EXPECT_EQ(r.status, 2) << what << ": " << r.out << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << what << ": " << r.err;
  EXPECT_NE(r.err.find("--out"), std::string::npos) << what << ": " << r.err;
  EXPECT_NE(r.err.find(words), std::string::npos) << what << ": " << r.err;
  EXPECT_EQ(r.err.find("diverge"), std::string::npos) << what << ": refused only after the work: " << r.err;
}

void expect_no_staging(const fs::path& parent) {
  for (const auto& e : fs::directory_iterator(parent))
    EXPECT_EQ(e.path().filename().string().find(".staging-"), std::string::npos) << "left behind: " << e.path();
}

// A user's directory: a thesis and nested data.
void make_user_dir(const fs::path& d) {
  fs::create_directories(d / "sub" / "deeper");
  std::ofstream(d / "thesis.tex") << "\\documentclass{article}";
  std::ofstream(d / "sub" / "deeper" / "data.csv") << "1,2\n";
}

void expect_user_dir_intact(const fs::path& d) {
  EXPECT_EQ(slurp(d / "thesis.tex"), "\\documentclass{article}");
  EXPECT_EQ(slurp(d / "sub" / "deeper" / "data.csv"), "1,2\n");
}

}  // namespace

TEST(OutSafety, ADirectoryWithUserFilesIsRefusedBeforeAnyWork) {
  const fs::path d = clp::testing::scratch("out_user");
  make_user_dir(d / "U");
  for (const std::string program : {"mc_sweep", "fig1_phase_large", "mc_trace", "twopath_lr", "mc_collect"}) {
    const std::string args = program == "mc_sweep"     ? kDiverges
                             : program == "mc_collect" ? "--seeds 1 --runs " + (d / "none.tsv").string()
                             : program == "mc_trace"   ? "--problem " + (d / "none.txt").string()
                                                       : "--quiet";
    expect_out_refused(run(program, "--out " + (d / "U").string() + " " + args), program, "thesis.tex");
    expect_user_dir_intact(d / "U");
  }
  // A home directory: dotfiles only, still the user's.
  fs::create_directories(d / "home");
  std::ofstream(d / "home" / ".bashrc") << "alias x=y";
  expect_out_refused(run("mc_sweep", "--out " + (d / "home").string() + " " + kDiverges), "home", ".bashrc");
  EXPECT_EQ(slurp(d / "home" / ".bashrc"), "alias x=y");
  // An empty directory, and one holding only the pipeline's bookkeeping (make's mkdir -p, and
  // .args and .seconds of an earlier run): accepted; the bookkeeping, which described that
  // earlier run, goes with it.
  fs::create_directories(d / "empty");
  ASSERT_EQ(run("mc_sweep", "--out " + (d / "empty").string() + " " + kSweep).status, 0);
  fs::create_directories(d / "made");
  std::ofstream(d / "made" / ".args") << "args";
  std::ofstream(d / "made" / ".seconds") << "1.0";
  const Outcome m = run("mc_sweep", "--out " + (d / "made").string() + " " + kSweep);
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_FALSE(fs::exists(d / "made" / ".args"));
  EXPECT_TRUE(fs::exists(d / "made" / "final_error.tsv"));
  expect_no_staging(d);
  fs::remove_all(d);
}

TEST(OutSafety, OnlyARunOfTheSameProgramIsReplaced) {
  const fs::path d = clp::testing::scratch("out_run");
  const std::string R = (d / "R").string();
  ASSERT_EQ(run("mc_sweep", "--out " + R + " " + kSweep + " --sv-every 5").status, 0);
  ASSERT_TRUE(fs::exists(d / "R" / "singular_values.tsv"));
  EXPECT_NE(slurp(d / "R" / ".clp-run").find("program: mc_sweep\n"), std::string::npos);
  // The same program: replaced as a whole.
  ASSERT_EQ(run("mc_sweep", "--out " + R + " " + kSweep).status, 0);
  EXPECT_FALSE(fs::exists(d / "R" / "singular_values.tsv"));
  // Another program's run: refused, naming both programs.
  const std::string before = slurp(d / "R" / "final_error.tsv");
  expect_out_refused(run("fig7_phase_small", "--out " + R + " --quiet"), "fig7 over mc_sweep", "a run of mc_sweep");
  // A user's file added to a run: refused, naming the file.
  std::ofstream(d / "R" / "notes.txt") << "mine";
  expect_out_refused(run("mc_sweep", "--out " + R + " " + kDiverges), "notes", "notes.txt");
  EXPECT_EQ(slurp(d / "R" / "notes.txt"), "mine");
  fs::remove(d / "R" / "notes.txt");
  fs::create_directories(d / "R" / "keep");
  expect_out_refused(run("mc_sweep", "--out " + R + " " + kDiverges), "subdirectory", "keep/");
  EXPECT_EQ(slurp(d / "R" / "final_error.tsv"), before);
  // A forged manifest of another program names that program.
  fs::remove_all(d / "R" / "keep");
  std::ofstream(d / "R" / ".clp-run") << "program: mc_collect\nfinal_error.tsv\n";
  expect_out_refused(run("mc_sweep", "--out " + R + " " + kDiverges), "forged", "a run of mc_collect");
  fs::remove_all(d);
}

TEST(OutSafety, AnInputOfTheRunIsNeverUnderItsOut) {
  const fs::path d = clp::testing::scratch("out_inputs");
  const std::string R = (d / "R").string();
  ASSERT_EQ(run("mc_sweep", "--out " + R + " " + kSweep).status, 0);
  const std::string config = slurp(d / "R" / "config.toml");
  // Replaying a run into its own directory would replace the config file it reads.
  expect_out_refused(run("mc_sweep", "--config " + R + "/config.toml --out " + R), "config", "input");
  EXPECT_EQ(slurp(d / "R" / "config.toml"), config);
  // A problem file under --out (even in a directory the run would create).
  expect_out_refused(run("mc_sweep", "--problem " + R + "/p.txt --out " + R + " --quiet"), "problem", "input");
  expect_out_refused(run("mc_trace", "--problem " + (d / "new" / "p.txt").string() + " --out " + (d / "new").string()),
                     "problem in new", "input");
  // mc_collect into the directory of its input, or a parent of its inputs.
  ASSERT_EQ(run("mc_sweep", "--out " + (d / "runs" / "s1").string() + " " + kSweep).status, 0);
  const std::string in = (d / "runs" / "s1" / "final_error.tsv").string();
  for (const fs::path& out : {d / "runs" / "s1", d / "runs", d})
    expect_out_refused(run("mc_collect", "--out " + out.string() + " --seeds 1 --runs " + in), out.string(), "input");
  EXPECT_TRUE(fs::exists(in));
  ASSERT_EQ(run("mc_collect", "--out " + (d / "C").string() + " --seeds 1 --runs " + in).status, 0);
  fs::remove_all(d);
}

TEST(OutSafety, ASymbolicLinkIsFollowedOrRefusedBeforeAnyWork) {
  const fs::path d = clp::testing::scratch("out_link");
  ASSERT_EQ(run("mc_sweep", "--out " + (d / "target").string() + " " + kSweep + " --sv-every 5").status, 0);
  fs::create_directory_symlink(d / "target", d / "link");
  const Outcome r = run("mc_sweep", "--out " + (d / "link").string() + " " + kSweep);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(d / "link"));                             // still the link
  EXPECT_FALSE(fs::exists(d / "target" / "singular_values.tsv"));     // the target's run replaced
  EXPECT_TRUE(fs::exists(d / "target" / "final_error.tsv"));
  // A link to a user's directory is refused like the directory.
  make_user_dir(d / "U");
  fs::create_directory_symlink(d / "U", d / "ulink");
  expect_out_refused(run("mc_sweep", "--out " + (d / "ulink").string() + " " + kDiverges), "link to user dir", "thesis.tex");
  expect_user_dir_intact(d / "U");
  // A dangling link: refused before any work.
  fs::create_directory_symlink(d / "nowhere", d / "dangling");
  for (const std::string program : {"mc_sweep", "mc_collect", "make_report"}) {
    const std::string args = program == "mc_sweep" ? kDiverges : program == "mc_collect" ? "--seeds 1 --runs x.tsv" : "";
    expect_out_refused(run(program, "--out " + (d / "dangling").string() + " " + args), program, "symbolic link");
  }
  EXPECT_FALSE(fs::exists(d / "nowhere"));
  expect_no_staging(d);
  fs::remove_all(d);
}

// A run killed by a signal that can be caught removes its staging directory and dies of
// that signal; a dead process's staging directory beside any output is removed by the next
// run there.
TEST(OutSafety, ASignalLeavesNoStagingDirectory) {
  const fs::path d = clp::testing::scratch("out_signal");
  const std::string bin = std::string(CLP_BIN_DIR) + "/mc_sweep";
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    for (const int delay_ms : {0, 30, 200}) {
      const std::string out = (d / "R").string();
      const pid_t pid = ::fork();
      if (pid == 0) {
        for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);  // not ignored, as under nohup
        ::execl(bin.c_str(), bin.c_str(), "--out", out.c_str(), "--N", "30", "--n", "300", "--switch-times", "0,100",
                "--continue-steps", "100000000", "--quiet", static_cast<char*>(nullptr));
        ::_exit(127);
      }
      // Wait until the run has its staging directory, then signal it.
      bool staged = false;
      for (int i = 0; i < 2000 && !staged; ++i) {
        for (const auto& e : fs::directory_iterator(d))
          staged |= e.path().filename().string().find(".R.staging-" + std::to_string(pid)) == 0;
        if (!staged) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      EXPECT_TRUE(staged) << "signal " << sig;
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::kill(pid, sig);
      int status = 0;
      ::waitpid(pid, &status, 0);
      EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "signal " << sig << ": status " << status;
      expect_no_staging(d);
      EXPECT_FALSE(fs::exists(d / "R")) << "signal " << sig;
    }
  }
  // Stale staging directories (of a dead process) beside another output go; a live one stays.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  const fs::path dead = d / (".other.staging-" + std::to_string(child) + "-abcdef");
  const fs::path live = d / (".other.staging-" + std::to_string(::getpid()) + "-abcdef");
  fs::create_directories(dead / "sub");
  std::ofstream(dead / "sub" / "final_error.tsv") << "half";
  fs::create_directories(live);
  ASSERT_EQ(run("mc_sweep", "--out " + (d / "R").string() + " " + kSweep).status, 0);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  fs::remove_all(d);
}
