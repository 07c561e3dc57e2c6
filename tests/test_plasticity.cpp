// Ours, the depth-and-plasticity studies (docs/plasticity.md): the block-diagonal observation
// pattern, the diagonal initialization, the effective rank, and the per-branch records of a
// sweep (recording along one long last phase equals separate runs of those lengths).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "claims/claims.hpp"
#include "common/error.hpp"
#include "common/tsv.hpp"
#include "completion/branches.hpp"
#include "completion/effective_rank.hpp"
#include "files.hpp"
#include "completion/factorization.hpp"
#include "completion/patterns.hpp"
#include "completion/sweep.hpp"
#include "stats/collect.hpp"

using namespace clp::completion;

TEST(Plasticity, BlockDiagonalPatternHasItsCountAndNoEntryOutsideItsBlocks) {
  for (int N : {20, 25, 50})
    for (int B : {1, 2, 3, 5}) {
      const long capacity = diagonal_block_capacity(N, B);
      long counted = 0;
      for (int u = 0; u < N; ++u)
        for (int v = 0; v < N; ++v) counted += in_diagonal_block(N, B, u, v);
      ASSERT_EQ(counted, capacity) << "N " << N << ", B " << B;
      const int n_block = static_cast<int>(capacity * 2 / 5), n = n_block + N * N / 10;
      const auto e = sample_block_diagonal_entries(N, B, n_block, n, 7 + N + B);
      ASSERT_EQ(static_cast<int>(e.size()), n);
      std::set<int> seen;
      for (int k = 0; k < n; ++k) {
        ASSERT_TRUE(e[k].u >= 0 && e[k].u < N && e[k].v >= 0 && e[k].v < N);
        EXPECT_TRUE(seen.insert(e[k].u * N + e[k].v).second) << "entry drawn twice";
        if (k < n_block) {
          EXPECT_TRUE(in_diagonal_block(N, B, e[k].u, e[k].v)) << "entry " << k << " outside its block";
        }
      }
      if (B > 1) {  // the entries after the deficit reach outside the blocks
        int outside = 0;
        for (int k = n_block; k < n; ++k) outside += !in_diagonal_block(N, B, e[k].u, e[k].v);
        EXPECT_GT(outside, 0);
      }
    }
  // Two blocks of N = 50 are 25 by 25: (0, 24) inside, (0, 25) outside, (49, 25) inside.
  EXPECT_EQ(diagonal_block_capacity(50, 2), 1250);
  EXPECT_TRUE(in_diagonal_block(50, 2, 0, 24));
  EXPECT_FALSE(in_diagonal_block(50, 2, 0, 25));
  EXPECT_TRUE(in_diagonal_block(50, 2, 49, 25));
  EXPECT_THROW(sample_block_diagonal_entries(10, 2, 51, 60, 1), clp::Error);  // capacity 50
}

TEST(Plasticity, DiagonalInitializationIsDiagonalWithSharedJitter) {
  for (int D : {2, 3, 4}) {
    const double g = 0.001, jitter = 1e-5;
    const auto layers = diagonal_init(30, D, g, jitter, 11);
    ASSERT_EQ(static_cast<int>(layers.size()), D);
    for (const auto& L : layers) {
      Eigen::MatrixXd off = L;
      off.diagonal().setZero();
      EXPECT_EQ(off.cwiseAbs().maxCoeff(), 0.0);
      EXPECT_EQ((L - layers[0]).cwiseAbs().maxCoeff(), 0.0) << "the jitter is shared";
      EXPECT_LT((L.diagonal().array() - std::pow(g, 1.0 / D)).abs().maxCoeff(), 10 * jitter);
    }
    EXPECT_GT(layers[0].diagonal().maxCoeff() - layers[0].diagonal().minCoeff(), 0.0) << "distinct entries";
  }
}

TEST(Plasticity, EffectiveRankOfKnownMatrices) {
  Eigen::VectorXd sv(5);
  sv << 3, 2, 1, 0.01, 0;
  EXPECT_EQ(threshold_rank(sv, 0.05), 3);
  EXPECT_EQ(threshold_rank(sv, 0.5), 2);  // 2 > 1.5, 1 is not
  EXPECT_EQ(threshold_rank(Eigen::VectorXd::Zero(4), 0.05), 0);
  EXPECT_NEAR(entropy_rank(Eigen::VectorXd::Constant(7, 2.5)), 7.0, 1e-12);
  Eigen::VectorXd one = Eigen::VectorXd::Zero(6);
  one(0) = 4;
  EXPECT_NEAR(entropy_rank(one), 1.0, 1e-15);
  // p = (1/2, 1/4, 1/4): H = 1.5 log 2, exp(H) = 2^1.5.
  Eigen::VectorXd q(3);
  q << 2, 1, 1;
  EXPECT_NEAR(entropy_rank(q), std::pow(2.0, 1.5), 1e-12);
  // A 40 by 40 matrix U diag(5, 4, 0.1) V^T with orthonormal U, V: threshold rank 2 at 5%, 3 at 1%.
  Eigen::HouseholderQR<Eigen::MatrixXd> qu(Eigen::MatrixXd::Random(40, 3)), qv(Eigen::MatrixXd::Random(40, 3));
  const Eigen::MatrixXd U = qu.householderQ() * Eigen::MatrixXd::Identity(40, 3);
  const Eigen::MatrixXd V = qv.householderQ() * Eigen::MatrixXd::Identity(40, 3);
  const Eigen::MatrixXd W = U * Eigen::Vector3d(5, 4, 0.1).asDiagonal() * V.transpose();
  EXPECT_EQ(effective_rank(W, 0.05).threshold, 2);
  EXPECT_EQ(effective_rank(W, 0.01).threshold, 3);
  Eigen::VectorXd s3(3);
  s3 << 5, 4, 0.1;
  EXPECT_NEAR(effective_rank(W, 0.05).entropy, entropy_rank(s3), 1e-9);
}

namespace {
SweepConfig small(SweepConfig::Mode mode) {
  SweepConfig cfg;
  cfg.mode = mode;
  cfg.N = 16;
  cfg.n = 110;
  cfg.n_deficit = 70;
  cfg.rank1 = mode == SweepConfig::Mode::kSubset ? 2 : 3;
  cfg.rank2 = 2;
  cfg.g = 0.05;
  cfg.switch_times = {0, 40, 120};
  cfg.quiet = true;
  cfg.branch_records = true;
  return cfg;
}
}  // namespace

TEST(Plasticity, RecordsAlongOneLongPhaseEqualSeparateRunsBitForBit) {
  using P = SweepConfig::Pattern;
  using I = SweepConfig::Init;
  for (auto mode : {SweepConfig::Mode::kSwitch, SweepConfig::Mode::kSubset})
    for (auto [pattern, init] : {std::pair{P::kRandom, I::kGaussian}, std::pair{P::kBlock, I::kDiagonal}}) {
      if (pattern == P::kBlock && mode == SweepConfig::Mode::kSwitch) continue;
      SweepConfig lng = small(mode);
      lng.pattern = pattern;
      lng.init = init;
      lng.continue_steps = 300;
      lng.checkpoints = {100, 200};
      const SweepResult all = run_sweep(lng);
      ASSERT_EQ(all.branches.size(), 9u);
      for (long len : {100L, 200L, 300L}) {
        SweepConfig one = lng;
        one.checkpoints.clear();
        one.continue_steps = len;
        const SweepResult r = run_sweep(one);
        ASSERT_EQ(r.branches.size(), 3u);
        for (size_t i = 0; i < r.points.size(); ++i) {
          const BranchRecord* rec = nullptr;
          for (const auto& b : all.branches)
            if (b.t_switch == r.points[i].t_switch && b.recovery == len) rec = &b;
          ASSERT_NE(rec, nullptr);
          EXPECT_EQ(rec->test_error, r.points[i].test_error) << "T_switch " << r.points[i].t_switch << ", length " << len;
          EXPECT_EQ(rec->train_loss, r.points[i].train_loss);
          EXPECT_EQ(rec->at_end.threshold, r.branches[i].at_end.threshold);
          EXPECT_EQ(rec->at_end.entropy, r.branches[i].at_end.entropy);
          EXPECT_EQ(rec->at_switch.entropy, r.branches[i].at_switch.entropy);
        }
      }
    }
}

TEST(Plasticity, DiagonalStartUnderBlockObservationsStaysBlockDiagonal) {
  // Every layer diagonal and every observed entry inside the blocks: each gradient
  // W_{>j}^T G W_{<j}^T is block-diagonal, so W stays exactly block-diagonal (the decoupled
  // dynamics of Shin and Yun), while inside the blocks it learns.
  const int N = 16, B = 2;
  const Eigen::MatrixXd M = make_ground_truth(N, 1, 5);
  const ObservationSet obs = arrange(N, sample_block_diagonal_entries(N, B, 80, 80, 6));
  const std::vector<float> y = targets_at<float>(obs, M);
  for (int D : {2, 3}) {
    FastFactorization<float> net(diagonal_init(N, D, 0.01, 1e-5, 7));
    for (int t = 0; t < 2000; ++t) net.step(obs, y, 0.2f);
    const Eigen::MatrixXd W = net.end_to_end();
    double off = 0, in = 0;
    for (int u = 0; u < N; ++u)
      for (int v = 0; v < N; ++v) {
        double& largest = in_diagonal_block(N, B, u, v) ? in : off;
        largest = std::max(largest, std::fabs(W(u, v)));
      }
    EXPECT_EQ(off, 0.0) << "D " << D;
    EXPECT_GT(in, 0.1) << "D " << D;
  }
}

TEST(Plasticity, TheNewParametersValidate) {
  SweepConfig cfg = small(SweepConfig::Mode::kSwitch);
  cfg.continue_steps = 100;
  cfg.pattern = SweepConfig::Pattern::kBlock;
  EXPECT_THROW(cfg.validate(), clp::Error);  // block pattern: subset deficit only
  cfg = small(SweepConfig::Mode::kSubset);
  cfg.continue_steps = 100;
  cfg.checkpoints = {50, 50};
  EXPECT_THROW(cfg.validate(), clp::Error);
  cfg.checkpoints = {100};
  EXPECT_THROW(cfg.validate(), clp::Error);  // must end before continue_steps
  cfg.checkpoints = {50};
  cfg.branch_records = false;
  EXPECT_THROW(cfg.validate(), clp::Error);
  cfg.branch_records = true;
  EXPECT_NO_THROW(cfg.validate());
  cfg.pattern = SweepConfig::Pattern::kBlock;
  cfg.blocks = 4;  // 4 blocks of 4: capacity 64 < 70
  EXPECT_THROW(cfg.validate(), clp::Error);
}

namespace {
// A tiny mc_permanence-shaped figure: two seeds of a subset run with one checkpoint, written
// as branches.tsv and collected as the pipeline does (mc_collect --group mode,pattern,init,rank1,depth,recovery).
std::filesystem::path tiny_permanence_figure(const std::filesystem::path& root) {
  std::vector<std::string> runs;
  for (long seed : {1L, 2L}) {
    SweepConfig cfg = small(SweepConfig::Mode::kSubset);
    cfg.seed = static_cast<std::uint64_t>(seed);
    // Long enough to converge (only converged runs are evidence): after 3000 steps seed 2's
    // loss still fell 20% over the last tenth (7.5e-5, 1.6e-4 of the zero prediction's).
    cfg.continue_steps = 5000;
    cfg.checkpoints = {1000};
    const auto dir = root / ("run" + std::to_string(seed));
    std::filesystem::create_directories(dir);
    write_branches(run_sweep(cfg), cfg, {{"program", "test"}}, dir);
    runs.push_back((dir / "branches.tsv").string());
  }
  const auto fig = root / "fig";
  std::filesystem::create_directories(fig);
  clp::stats::write_collected(clp::stats::collect_runs(runs, {1, 2}, "mode,pattern,init,rank1,depth,recovery", "test"), fig);
  return fig;
}
}  // namespace

TEST(Plasticity, PermanenceClaimsReadTheCollectedRecordsAndOnlyConvergedRuns) {
  const auto root = clp::testing::scratch("plasticity");
  std::filesystem::remove_all(root);
  const auto fig = tiny_permanence_figure(root);
  const auto rows = clp::claims::check_figure("mc_permanence", fig);
  // One setting, two switch times beyond the first: three claims each, all about the full sweep.
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& r : rows) EXPECT_TRUE(r.needs_full_sweep) << r.claim;
  // The `status` column (the evidence rule): a claim that reads a row whose run did not converge
  // FAILs as not evidence, naming it; the claims that do not read it keep their verdicts.
  const clp::TsvTable t = clp::read_tsv(fig / "final_error.tsv");
  const int status_col = t.column("status");
  for (size_t r = 0; r < t.rows.size(); ++r) EXPECT_EQ(t.rows[r][status_col], "converged") << "row " << r;
  for (const std::string status : {"converged", "oscillating"}) {
    clp::TsvWriter w(fig / "final_error.tsv", t.meta_lines, t.columns);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (size_t c = 0; c < t.rows[r].size(); ++c)
        w << (static_cast<int>(c) == status_col && r == 3 ? status : t.rows[r][c]);
      w.end_row();
    }
    w.commit();
    const auto checked = clp::claims::check_figure_or_fail("mc_permanence", fig);
    ASSERT_EQ(checked.size(), 6u);
    int not_evidence = 0;
    for (size_t i = 0; i < checked.size(); ++i) {
      EXPECT_EQ(checked[i].claim, rows[i].claim);
      if (checked[i].measured.rfind("NOT EVIDENCE", 0) == 0) {
        ++not_evidence;
        EXPECT_FALSE(checked[i].pass) << checked[i].claim;
        // FAIL, not DOES NOT HOLD: no finding either way.
        EXPECT_EQ(clp::claims::verdict(checked[i], false), clp::claims::kFail) << checked[i].claim;
        EXPECT_NE(checked[i].measured.find("oscillating"), std::string::npos) << checked[i].measured;
        EXPECT_NE(checked[i].measured.find(rows[i].measured), std::string::npos) << "the measured value is still shown";
      } else {
        EXPECT_EQ(checked[i].pass, rows[i].pass) << checked[i].claim;
        EXPECT_EQ(checked[i].measured, rows[i].measured);
      }
    }
    if (status == "converged")
      EXPECT_EQ(not_evidence, 0);
    else  // the row is read by some claims and not by all (row 3: one record of one switch time)
      EXPECT_TRUE(not_evidence > 0 && not_evidence < 6) << not_evidence;
    // check_claims: a study's not-evidence FAIL is reported, and the exit status stays the paper's.
    const auto data = root / "data";
    std::filesystem::remove_all(data);
    std::filesystem::create_directories(data);
    std::filesystem::copy(fig, data / "mc_permanence");
    const auto checked_run = clp::testing::run_program("check_claims", "--data " + data.string() + " --figures mc_permanence");
    EXPECT_EQ(checked_run.status, 0) << checked_run.out << checked_run.err;
    if (status != "converged") {
      EXPECT_NE(checked_run.out.find("FAIL"), std::string::npos) << checked_run.out;
    }
  }
  std::filesystem::remove_all(root);
}
