// The paper's claims, checked on data produced at reduced size (fewer random starts, every
// 5th step written), plus the data contract and bit-identical reruns.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "claims/claims.hpp"
#include "stats/collect.hpp"
#include "common/tsv.hpp"
#include "files.hpp"
#include "twopath/multipath.hpp"
#include "twopath/paper.hpp"
#include "twopath/phase.hpp"

namespace fs = std::filesystem;
using namespace clp;

namespace {

using clp::testing::slurp;

fs::path temp_dir(const std::string& name) { return clp::testing::scratch("claims_" + name); }

void expect_all_pass(const std::vector<claims::ClaimResult>& rows) {
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) EXPECT_TRUE(r.pass) << r.figure << ": " << r.claim << " -- measured " << r.measured;
}

twopath::PhaseConfig fig7_config() {
  twopath::PhaseConfig cfg = twopath::paper::fig7();
  cfg.flow_grid = 3;
  return cfg;
}

void write_multipath_figure(const twopath::MultipathConfig& cfg, const fs::path& dir) {
  const auto out = twopath::run_multipath(cfg);
  // The provenance the programs write and the claims' completeness checks read.
  std::string starts;
  for (long x : cfg.deficit_starts) starts += (starts.empty() ? "" : ",") + std::to_string(x);
  Provenance prov{{"program", "test"},
                  {"steps", std::to_string(cfg.train.steps)},
                  {"deficit-starts", starts},
                  {"record-every", std::to_string(cfg.record_every)}};
  if (cfg.train.lesion_mode > 0) prov.push_back({"lesion-mode", std::to_string(cfg.train.lesion_mode)});
  twopath::write_multipath(out, cfg, prov, dir);
}

// The provenance fig1_phase_large and fig7_phase_small write (what the checks read).
Provenance phase_provenance(const twopath::PhaseConfig& cfg) {
  std::string depths;
  for (int d : cfg.depths) depths += (depths.empty() ? "" : ",") + std::to_string(d);
  return {{"program", "test"}, {"depths", depths}, {"runs", std::to_string(cfg.runs)}};
}

}  // namespace

TEST(Claims, Fig1OnReducedData) {
  const fs::path dir = temp_dir("fig1");
  twopath::PhaseConfig cfg = twopath::paper::fig1();  // 30 random starts instead of 100
  cfg.runs = 30;
  cfg.flow_grid = 3;
  twopath::write_phase(twopath::run_phase(cfg), phase_provenance(cfg), dir);
  expect_all_pass(claims::check_figure("fig1_phase_large", dir));
  fs::remove_all(dir);
}

TEST(Claims, Fig7OnFullData) {
  const fs::path dir = temp_dir("fig7");
  twopath::write_phase(twopath::run_phase(fig7_config()), phase_provenance(fig7_config()), dir);
  expect_all_pass(claims::check_figure("fig7_phase_small", dir));
  fs::remove_all(dir);
}

TEST(Claims, Fig7ClaimsFailWithoutTheDeficit) {
  // The checks can fail: with no early deficit nothing breaks the symmetry.
  const fs::path dir = temp_dir("fig7_nodeficit");
  auto cfg = fig7_config();
  cfg.early.length = 0;
  twopath::write_phase(twopath::run_phase(cfg), phase_provenance(cfg), dir);
  const auto rows = claims::check_figure("fig7_phase_small", dir);
  EXPECT_FALSE(rows.at(0).pass);
  fs::remove_all(dir);
}

TEST(Claims, Fig2OnReducedDataFollowsTheDataContract) {
  const fs::path dir = temp_dir("fig2");
  twopath::MultipathConfig cfg = twopath::paper::fig2();
  cfg.record_every = 5;
  write_multipath_figure(cfg, dir);
  expect_all_pass(claims::check_figure("fig2_multipath_deficit", dir));
  const TsvTable t = read_tsv(dir / "trajectories.tsv");
  EXPECT_EQ(t.columns, (std::vector<std::string>{"deficit_start", "step", "mode", "Ka_gd", "Kb_gd", "Ka_ode", "Kb_ode"}));
  EXPECT_EQ(t.rows.size(), 3u * 8u * 201u);  // 3 deficits, 8 modes, steps 0, 5, ..., 1000
  fs::remove_all(dir);
}

TEST(Claims, Fig2LateClaimFailsWhenTheLateDeficitIsEarly) {
  const fs::path dir = temp_dir("fig2_fail");
  twopath::MultipathConfig cfg;
  cfg.deficit_starts = {0, 10};  // the "late" run is early too
  cfg.record_every = 5;
  write_multipath_figure(cfg, dir);
  const auto rows = claims::check_figure("fig2_multipath_deficit", dir);
  EXPECT_TRUE(rows.at(0).pass);
  EXPECT_FALSE(rows.at(2).pass);
  fs::remove_all(dir);
}

TEST(Claims, Fig3GateAndLesion) {
  const fs::path dir = temp_dir("fig3");
  twopath::MultipathConfig cfg = twopath::paper::fig3();
  cfg.record_every = 5;
  write_multipath_figure(cfg, dir);
  expect_all_pass(claims::check_figure("fig3_gate_lesion", dir));
  EXPECT_TRUE(fs::exists(dir / "final_Ka.tsv"));
  fs::remove_all(dir);
}

TEST(Claims, NonlinearNetworks) {
  for (const auto& [id, paper_cfg] : {std::pair{"fig11_nonlinear_tanh", twopath::paper::fig11()},
                                       std::pair{"fig12_nonlinear_relu", twopath::paper::fig12()}}) {
    const fs::path dir = temp_dir("nonlinear");
    twopath::MultipathConfig cfg = paper_cfg;
    cfg.record_every = 5;
    write_multipath_figure(cfg, dir);
    const TsvTable t = read_tsv(dir / "trajectories.tsv");
    EXPECT_EQ(t.columns.size(), 5u);  // no ODE columns for nonlinear networks
    expect_all_pass(claims::check_figure(id, dir));
    fs::remove_all(dir);
  }
}

TEST(Determinism, SameSeedGivesBitIdenticalFiles) {
  const fs::path a = temp_dir("det_a"), b = temp_dir("det_b");
  twopath::MultipathConfig cfg;
  cfg.record_every = 5;
  write_multipath_figure(cfg, a);
  write_multipath_figure(cfg, b);
  EXPECT_EQ(slurp(a / "trajectories.tsv"), slurp(b / "trajectories.tsv"));
  twopath::PhaseConfig pc;
  pc.runs = 5;
  twopath::write_phase(twopath::run_phase(pc), {}, a);
  twopath::write_phase(twopath::run_phase(pc), {}, b);
  for (const char* f : {"endpoints.tsv", "trajectories.tsv", "flow.tsv"}) EXPECT_EQ(slurp(a / f), slurp(b / f)) << f;
  fs::remove_all(a);
  fs::remove_all(b);
}

// ---- Part B, reduced: the paper's N = 100, n = 2000, but two switch times (0 and 40,000)
// instead of nine; that is where the full sweep's depth ordering is already clear.
#include "completion/sweep.hpp"

namespace {
completion::SweepConfig reduced_switch(int depth) {
  completion::SweepConfig cfg;
  cfg.depth = depth;
  cfg.switch_times = {0, 40000};
  cfg.quiet = true;
  return cfg;
}
}  // namespace

TEST(ClaimsScience, CompletionDepthAndSingularValuesOnReducedSweep) {
  const fs::path runs = temp_dir("mc_runs"), fig = temp_dir("mc_depth"), svdir = temp_dir("mc_sv");
  for (int D : {1, 2, 3}) {
    auto cfg = reduced_switch(D);
    if (D == 3) cfg.sv_every = 1000;
    const auto res = completion::run_sweep(cfg);
    // The provenance mc_sweep writes that the checks read.
    std::string times;
    for (long t : cfg.switch_times) times += (times.empty() ? "" : ",") + std::to_string(t);
    completion::write_sweep(res, cfg,
                            {{"rank2", "5"}, {"switch-times", times}, {"sv-count", std::to_string(cfg.sv_count)},
                             {"sv-every", std::to_string(cfg.sv_every)},
                             {"continue-steps", std::to_string(cfg.continue_steps)}},
                            runs / std::to_string(D));
  }
  // Collect as mc_collect does.
  std::vector<std::string> files;
  for (int D : {1, 2, 3}) files.push_back((runs / std::to_string(D) / "final_error.tsv").string());
  stats::write_collected(stats::collect_runs(files, {1}, "depth", "test"), fig);
  expect_all_pass(claims::check_figure("mc_depth", fig));
  fs::copy_file(runs / "3" / "singular_values.tsv", svdir / "singular_values.tsv");
  expect_all_pass(claims::check_figure("mc_singular_values", svdir));
  // A branch missing interior recordings (step 1000 of every index) breaks the contract.
  {
    std::ifstream in(svdir / "singular_values.tsv");
    std::string kept, line;
    while (std::getline(in, line))
      if (line.find("\t1000\t") == std::string::npos || line[0] == '#') kept += line + "\n";
    std::ofstream(svdir / "singular_values.tsv") << kept;
  }
  const auto broken = claims::check_figure_or_fail("mc_singular_values", svdir);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_FALSE(broken[0].pass);
  EXPECT_NE(broken[0].measured.find("lacks step 1000"), std::string::npos) << broken[0].measured;
  fs::remove_all(runs);
  fs::remove_all(fig);
  fs::remove_all(svdir);
}
