// The exporter of the authors' random draws (pipeline/authors_draws.py, Python + PyTorch),
// checked from our side: the model's identities on what it writes, byte-identical exports,
// and the authors' own final errors when our kernel trains their draws. Needs Debian's
// python3-torch: this is the clp_torch_tests program, run by make crosscheck (which
// installs it), not by make test.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "completion/problem_file.hpp"
#include "completion/sweep.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace clp::completion;

namespace {

using clp::testing::slurp;

// A file in this test process's scratch directory (emptied at its first use).
fs::path scratch(const std::string& name) {
  static const fs::path dir = clp::testing::scratch("authors");
  fs::create_directories(dir);
  return dir / name;
}

// Runs the exporter; fails the test if it fails.
fs::path draw(const std::string& name, const std::string& args) {
  const fs::path f = scratch(name);
  const std::string cmd = "/usr/bin/python3 " CLP_SOURCE_DIR "/pipeline/authors_draws.py --out " + f.string() + " " + args;
  const clp::testing::Outcome r = clp::testing::run_shell(cmd);
  EXPECT_EQ(r.status, 0) << cmd << "\n" << r.err;
  return f;
}

// A task of rank r: r singular values well above zero, the rest at float32 rounding level,
// and ||M||_F = N (float32: relative 1e-6).
void expect_task(const Eigen::MatrixXd& M, int N, int r) {
  ASSERT_EQ(M.rows(), N);
  const Eigen::VectorXd s = Eigen::JacobiSVD<Eigen::MatrixXd>(M).singularValues();
  EXPECT_GT(s(r - 1) / s(0), 1e-3) << "rank below " << r;
  if (r < N) {
    EXPECT_LT(s(r) / s(0), 1e-5) << "rank above " << r;  // float32 rounding of A B^T: ~1e-7
  }
  EXPECT_NEAR(M.norm(), N, 1e-5 * N);
}

// Entries N(0, sigma^2): the sample sd within 5 standard errors (sd of the sample sd of m
// normals ~ sigma / sqrt(2 m)), the sample mean within 5 sigma / sqrt(m).
void expect_init(const std::vector<Eigen::MatrixXd>& layers, int N, int D, double g) {
  ASSERT_EQ(static_cast<int>(layers.size()), D);
  const double sigma = std::pow(g, 1.0 / D) / std::sqrt(N), m = double(N) * N;
  for (const auto& W : layers) {
    const double mean = W.mean(), sd = std::sqrt((W.array() - mean).square().sum() / (m - 1));
    EXPECT_NEAR(mean, 0, 5 * sigma / std::sqrt(m));
    EXPECT_NEAR(sd, sigma, 5 * sigma / std::sqrt(2 * m));
  }
}

}  // namespace

TEST(AuthorsDraws, SwitchRunSatisfiesTheModelAndExportsAreByteIdentical) {
  const fs::path a = draw("a.txt", "--depth 3 --rank1 10 --rank2 5 --n 2000 --g 0.001");
  const fs::path b = draw("b.txt", "--depth 3 --rank1 10 --rank2 5 --n 2000 --g 0.001 --continue-steps 50000");
  EXPECT_EQ(slurp(a), slurp(b)) << "two exports of the same parameters differ";
  const Problem p = read_problem(a);  // checksum, sizes, finite values, entries distinct and in range
  EXPECT_EQ(p.mode, "switch");
  expect_task(p.task1, 100, 10);
  expect_task(p.task2, 100, 5);
  ASSERT_EQ(p.entries.size(), 2000u);
  std::set<int> flat;
  for (const Entry& e : p.entries) {
    EXPECT_TRUE(e.u >= 0 && e.u < 100 && e.v >= 0 && e.v < 100);
    flat.insert(e.u * 100 + e.v);
  }
  EXPECT_EQ(flat.size(), 2000u);
  expect_init(p.layers, 100, 3, 0.001);
  // Another seed is another draw.
  const Problem q = read_problem(draw("c.txt", "--depth 3 --rank1 10 --rank2 5 --n 2000 --seed 2"));
  EXPECT_GT((q.task1 - p.task1).norm(), 1.0);
}

TEST(AuthorsDraws, SubsetRunAndOtherDepths) {
  for (int D : {1, 2, 4}) {
    const Problem p = read_problem(draw("s" + std::to_string(D) + ".txt",
                                        "--mode subset --depth " + std::to_string(D) +
                                            " --rank1 5 --n 1500 --n-deficit 1000 --g 0.01 --seed 3"));
    EXPECT_EQ(p.mode, "subset");
    EXPECT_EQ(p.n_deficit, 1000);
    EXPECT_EQ(p.task2.size(), 0);
    expect_task(p.task1, 100, 5);
    expect_init(p.layers, 100, D, 0.01);
  }
  // The same seed draws the same task and entries whatever the depth (numpy's stream and
  // torch's multinomial come before the layers).
  const Problem a = read_problem(scratch("s1.txt")), b = read_problem(scratch("s4.txt"));
  EXPECT_EQ(a.task1, b.task1);
  EXPECT_TRUE(a.entries.front().u == b.entries.front().u && a.entries.back().v == b.entries.back().v);
}

TEST(AuthorsDraws, ExporterRejectsBadParametersWithoutWritingAFile) {
  const fs::path f = scratch("bad.txt");
  const clp::testing::Outcome r = clp::testing::run_shell(
      "/usr/bin/python3 " CLP_SOURCE_DIR "/pipeline/authors_draws.py --out " + f.string() + " --n 20000");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--n"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(f));
}

// What must hold: the authors' own script, run on this machine, gave final
// task-2 test errors 0.0001, 0.722 and 1.020 at T_switch = 0, 20,000 and 100,000 (depth 3,
// rank 10 -> 5, n 2000, g 0.001, seed 1). Our kernel on their draws, with their step
// counts, must land within 0.02 of each.
TEST(AuthorsDraws, ReplayGivesTheAuthorsFinalErrors) {
  SweepConfig cfg;  // the paper's defaults: N 100, n 2000, r 10 -> 5, D 3, lr 0.2, g 0.001, seed 1
  cfg.switch_times = {0, 20000, 100000};
  cfg.problem = draw("paper.txt", "").string();
  cfg.quiet = true;
  const SweepResult res = run_sweep(cfg);
  ASSERT_EQ(res.points.size(), 3u);
  EXPECT_NEAR(res.points[0].test_error, 0.0001, 0.02);
  EXPECT_NEAR(res.points[1].test_error, 0.722, 0.02);
  EXPECT_NEAR(res.points[2].test_error, 1.020, 0.02);
  std::printf("authors' draws, seed 1: final errors %.4f %.4f %.4f (theirs 0.0001 0.722 1.020)\n",
              res.points[0].test_error, res.points[1].test_error, res.points[2].test_error);
  fs::remove_all(scratch(""));
}
