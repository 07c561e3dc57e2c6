// Problem files (the authors' draws) without Python: the format read back
// exactly, every kind of damage an error, and mc_sweep --problem = the authors' loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "completion/factorization.hpp"
#include "completion/problem_file.hpp"
#include "completion/sweep.hpp"
#include "completion/trace.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace clp;
using namespace clp::completion;

namespace {

using clp::testing::slurp;

// A file in this test process's scratch directory (emptied at its first use).
fs::path scratch(const std::string& name) {
  static const fs::path dir = clp::testing::scratch("problem");
  fs::create_directories(dir);
  return dir / name;
}

// A small problem from our own draws: N 12, D 3, switch (or subset) mode.
Problem small_problem(const std::string& mode = "switch") {
  Problem p;
  p.mode = mode;
  p.N = 12;
  p.n = 60;
  p.n_deficit = mode == "subset" ? 30 : 60;
  p.rank1 = 3;
  p.rank2 = mode == "subset" ? 3 : 2;
  p.depth = 3;
  p.g = 0.1;
  p.seed = 7;
  p.task1 = make_ground_truth(p.N, p.rank1, 11);
  if (mode == "switch") p.task2 = make_ground_truth(p.N, p.rank2, 12);
  p.entries = sample_entries(p.N, p.n, 13);
  p.layers = gaussian_init(p.N, p.depth, p.g, 14);
  p.header = {{"draws", "test"}};
  return p;
}

void put(const fs::path& f, const std::string& s) { std::ofstream(f, std::ios::binary) << s; }

// The file with its body edited and the checksum line recomputed (damage a checksum cannot see).
void rewrite_body(const fs::path& f, const std::string& from, const std::string& to) {
  std::string s = slurp(f);
  s = s.substr(0, s.rfind("# crc32: "));
  const size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
  char tail[32];
  std::snprintf(tail, sizeof tail, "# crc32: %08x\n", crc32(s.data(), s.size()));
  put(f, s + tail);
}

void expect_error(const fs::path& f, const std::string& words) {
  try {
    read_problem(f);
    ADD_FAILURE() << "read_problem accepted a damaged file; expected an error with: " << words;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(f.string()), std::string::npos) << "should name the file: " << e.what();
  }
}

}  // namespace

TEST(ProblemFile, Crc32IsZlibs) {
  // The standard check value of CRC-32 (zlib, Python's zlib.crc32).
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(crc32("", 0), 0u);
}

TEST(ProblemFile, RoundTripIsExactInFloat32AndByteIdentical) {
  for (const std::string mode : {"switch", "subset"}) {
    const Problem p = small_problem(mode);
    const fs::path f = scratch("rt_" + mode + ".txt"), g = scratch("rt2_" + mode + ".txt");
    write_problem(p, f);
    const Problem q = read_problem(f);
    EXPECT_EQ(q.mode, mode);
    EXPECT_EQ(q.N, p.N);
    EXPECT_EQ(q.n_deficit, p.n_deficit);
    EXPECT_EQ(q.seed, p.seed);
    EXPECT_EQ(q.g, p.g);
    ASSERT_EQ(q.entries.size(), p.entries.size());
    for (size_t k = 0; k < p.entries.size(); ++k)
      EXPECT_TRUE(q.entries[k].u == p.entries[k].u && q.entries[k].v == p.entries[k].v) << k;  // order kept
    EXPECT_EQ(q.task1, p.task1.cast<float>().cast<double>());  // exactly the float32 values
    ASSERT_EQ(q.layers.size(), 3u);
    EXPECT_EQ(q.layers[2], p.layers[2].cast<float>().cast<double>());
    if (mode == "switch") {
      EXPECT_EQ(q.task2, p.task2.cast<float>().cast<double>());
    }
    write_problem(q, g);  // read and written again: the same bytes
    EXPECT_EQ(slurp(f), slurp(g));
  }
}

TEST(ProblemFile, DamageIsAnErrorNamingTheFile) {
  const fs::path f = scratch("damaged.txt");
  const Problem p = small_problem();
  auto fresh = [&] { write_problem(p, f); };
  fresh();
  const std::string good = slurp(f);

  put(f, good.substr(0, good.size() / 2));  // truncated
  expect_error(f, "truncated");
  put(f, "");
  expect_error(f, "truncated");
  std::string flipped = good;
  flipped[good.find("task1") + 20] ^= 1;  // one bit of a value
  put(f, flipped);
  expect_error(f, "checksum mismatch");
  fs::remove(f);
  expect_error(f, "cannot open");

  fresh();
  rewrite_body(f, "# N: 12", "# N: 13");  // wrong size
  expect_error(f, "task1");
  fresh();
  rewrite_body(f, "# depth: 3", "# depth: 4");  // a layer missing
  expect_error(f, "layer4");
  fresh();
  {
    const std::string s = slurp(f);
    const size_t row = s.find("\nlayer1 12 12\n") + 14;
    const std::string first_value = s.substr(row, s.find(' ', row) - row);
    rewrite_body(f, "\nlayer1 12 12\n" + first_value + " ", "\nlayer1 12 12\nnan ");  // non-finite value
  }
  expect_error(f, "not a finite number");
  fresh();
  rewrite_body(f, "\nend\n", "\n1 2 3\nend\n");  // a row too many
  expect_error(f, "expected 'end'");
  fresh();
  rewrite_body(f, "# seed: 7\n", "");  // a parameter missing
  expect_error(f, "'seed' is missing");
  fresh();
  const Problem q = read_problem(f);  // a duplicated entry
  const std::string e0 = "\n" + std::to_string(q.entries[0].u) + " " + std::to_string(q.entries[0].v) + "\n";
  const std::string e1 = "\n" + std::to_string(q.entries[1].u) + " " + std::to_string(q.entries[1].v) + "\n";
  rewrite_body(f, e1, e0);
  expect_error(f, "drawn twice");
  fresh();
  rewrite_body(f, e0, "\n12 0\n");  // out of range
  expect_error(f, "0 <= u, v < N");
}

// mc_sweep --problem trains the file's draws with the authors' loop: T_switch + 1 steps of
// task 1, then continue_steps - 2 of task 2, the error at the last iterate. Written out here
// by hand with the kernel and compared bit for bit.
TEST(ProblemFile, SweepOnAProblemIsTheAuthorsLoop) {
  for (const std::string mode : {"switch", "subset"}) {
    const Problem p = small_problem(mode);
    const fs::path f = scratch("sweep_" + mode + ".txt");
    write_problem(p, f);
    const Problem q = read_problem(f);
    SweepConfig cfg;
    cfg.mode = mode == "switch" ? SweepConfig::Mode::kSwitch : SweepConfig::Mode::kSubset;
    cfg.N = 12, cfg.n = 60, cfg.n_deficit = q.n_deficit, cfg.rank1 = 3, cfg.rank2 = q.rank2, cfg.depth = 3;
    cfg.g = 0.1, cfg.seed = 7, cfg.switch_times = {0, 7, 20}, cfg.continue_steps = 15, cfg.quiet = true;
    cfg.problem = f.string();
    const SweepResult res = run_sweep(cfg);
    ASSERT_EQ(res.points.size(), 3u);
    EXPECT_EQ(res.draws, "test");
    const ObservationSet all = arrange(q.N, q.entries);
    const ObservationSet first =
        mode == "subset" ? arrange(q.N, std::vector<Entry>(q.entries.begin(), q.entries.begin() + q.n_deficit)) : all;
    const Eigen::MatrixXd& M2 = mode == "subset" ? q.task1 : q.task2;
    const auto y1 = targets_at<float>(first, q.task1), y2 = targets_at<float>(all, M2);
    for (size_t i = 0; i < 3; ++i) {
      FastFactorization<float> net(q.layers);
      for (long t = 0; t < cfg.switch_times[i] + 1; ++t) net.step(first, y1, 0.2f);
      for (long t = 0; t < cfg.continue_steps - 2; ++t) net.step(all, y2, 0.2f);
      EXPECT_EQ(res.points[i].test_error, test_error(net.end_to_end(), M2)) << mode << " switch " << i;
      // the trace of the same loop reports the same error at its last iteration (before its update)
      TraceConfig tc;
      tc.steps = cfg.switch_times[i] + cfg.continue_steps;
      tc.switch_at = cfg.switch_times[i];
      EXPECT_EQ(run_trace(q, tc).test_error.back(), res.points[i].test_error) << mode << " switch " << i;
    }
  }
}

TEST(ProblemFile, SweepRefusesAFileOfOtherParameters) {
  const fs::path f = scratch("other.txt");
  write_problem(small_problem(), f);
  SweepConfig cfg;
  cfg.N = 12, cfg.n = 60, cfg.rank1 = 3, cfg.rank2 = 2, cfg.g = 0.1, cfg.seed = 7, cfg.quiet = true;
  cfg.switch_times = {0}, cfg.continue_steps = 3, cfg.problem = f.string();
  cfg.depth = 2;
  try {
    run_sweep(cfg);
    ADD_FAILURE() << "a depth-3 problem was trained at depth 2";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--depth 2 disagrees"), std::string::npos) << e.what();
  }
  cfg.depth = 3, cfg.seed = 8;
  EXPECT_THROW(run_sweep(cfg), Error);
  cfg.seed = 7, cfg.continue_steps = 1;  // the authors' loop needs 2
  EXPECT_THROW(run_sweep(cfg), Error);
}

TEST(ProblemFile, McSweepProgramTakesUnsetFlagsFromTheFileAndFailsCleanly) {
  const fs::path f = scratch("prog.txt"), out = scratch("prog_out"), bad = scratch("prog_bad");
  write_problem(small_problem(), f);
  const clp::testing::Outcome ok = clp::testing::run_program(
      "mc_sweep", "--quiet --problem " + f.string() + " --switch-times 0,5 --continue-steps 4 --out " + out.string());
  ASSERT_EQ(ok.status, 0) << ok.err;
  const std::string data = slurp(out / "final_error.tsv");
  EXPECT_NE(data.find("# draws: test\n"), std::string::npos);
  EXPECT_NE(data.find("# N: 12\n"), std::string::npos);      // from the file, not the default 100
  EXPECT_NE(data.find("# problem_crc32: "), std::string::npos);

  for (const std::string& args : {std::string("--problem /nonexistent/p.txt"), "--problem " + f.string() + " --rank1 4"}) {
    const clp::testing::Outcome r = clp::testing::run_program("mc_sweep", "--quiet " + args + " --out " + bad.string());
    EXPECT_NE(r.status, 0) << args;
    const std::string& msg = r.err;
    EXPECT_EQ(std::count(msg.begin(), msg.end(), '\n'), 1) << msg;
    EXPECT_FALSE(fs::exists(bad / "final_error.tsv")) << args;
  }
  fs::remove_all(scratch(""));
}
