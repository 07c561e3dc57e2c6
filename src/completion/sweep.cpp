#include "completion/sweep.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/patterns.hpp"
#include "completion/problem.hpp"
#include "completion/problem_file.hpp"

namespace clp::completion {

void SweepConfig::validate() const {
  const long long N2 = static_cast<long long>(N) * N;
  require(N >= 2, "--N must be at least 2");
  require(depth >= 1, "--depth must be at least 1 (got " + std::to_string(depth) + ")");
  require(rank1 >= 1 && rank1 <= N, "--rank1 must be in 1..N (got " + std::to_string(rank1) + ")");
  require(mode == Mode::kSubset || (rank2 >= 1 && rank2 <= N),
          "--rank2 must be in 1..N (got " + std::to_string(rank2) + ")");
  require(n >= 1 && n <= N2, "--n must be in 1..N^2 = " + std::to_string(N2) + " (got " + std::to_string(n) + ")");
  require(mode == Mode::kSwitch || (n_deficit >= 1 && n_deficit <= n),
          "--n-deficit must be in 1..n (got " + std::to_string(n_deficit) + ")");
  require(std::isfinite(lr) && lr > 0, "--lr must be a positive finite number");
  require(std::isfinite(g) && g > 0, "--g must be a positive finite number");
  require(!switch_times.empty(), "--switch-times must list at least one time");
  for (size_t i = 0; i < switch_times.size(); ++i) {
    require(switch_times[i] >= 0, "--switch-times must be non-negative");
    require(i == 0 || switch_times[i] > switch_times[i - 1], "--switch-times must be strictly increasing");
  }
  require(continue_steps >= 1, "--continue-steps must be at least 1 (the final error is measured after training on the last task)");
  require(problem.empty() || continue_steps >= 2,
          "--continue-steps must be at least 2 with --problem (the authors' loop trains continue_steps - 2 steps after the switch)");
  require(problem.empty() || shared < 0, "--task2-shared cannot be used with --problem (the file holds task 2)");
  require(std::isfinite(shrink) && shrink >= 0, "--switch-shrink must be a finite number >= 0 (1: no shrinking)");
  require(std::isfinite(perturb) && perturb >= 0, "--switch-perturb must be a finite number >= 0 (0: no noise)");
  require(!reinit || (shrink == 1 && perturb == 0),
          "--switch-reinit replaces the layers: drop --switch-shrink and --switch-perturb");
  require(std::isfinite(task2_wd) && task2_wd >= 0, "--task2-wd must be a finite number >= 0 (0: no weight decay)");
  require(problem.empty() || (shrink == 1 && perturb == 0 && !reinit && task2_wd == 0),
          "the remedies (--switch-shrink, --switch-perturb, --switch-reinit, --task2-wd) are ours: not with --problem");
  require(sv_every >= 0, "--sv-every must be non-negative");
  require(sv_every == 0 || (sv_count >= 1 && sv_count <= N),
          "--sv-count must be in 1..N = " + std::to_string(N) + " when --sv-every records singular values");
  require(shared < 0 || (mode == Mode::kSwitch && shared <= rank2 && shared <= rank1 && rank1 + rank2 - shared <= N),
          "--task2-shared must be in 0..min(rank1, rank2), with rank1 + rank2 - shared <= N (switch mode)");
  require(pattern == Pattern::kRandom || (mode == Mode::kSubset && problem.empty()),
          "--pattern block applies to the subset deficit on our draws (--mode subset, no --problem)");
  require(pattern == Pattern::kRandom || (blocks >= 1 && blocks <= N && diagonal_block_capacity(N, blocks) >= n_deficit),
          "--blocks must be in 1..N with room for --n-deficit entries in the diagonal blocks");
  require(init == Init::kGaussian || problem.empty(), "--init diagonal is ours: not with --problem (the file holds the layers)");
  require(std::isfinite(init_jitter) && init_jitter >= 0, "--init-jitter must be a finite number >= 0");
  require(std::isfinite(erank_fraction) && erank_fraction > 0 && erank_fraction < 1, "--erank-fraction must be in (0, 1)");
  require(checkpoints.empty() || branch_records, "--checkpoints needs --branch-records");
  require(!branch_records || problem.empty(), "--branch-records is ours: not with --problem");
  require(!branch_records || (depth <= 9 && rank1 <= 99 && checkpoints.size() <= 8),
          "--branch-records keys its curves by digits: depth <= 9, rank1 <= 99, at most 8 checkpoints");
  for (size_t i = 0; i < checkpoints.size(); ++i)
    require(checkpoints[i] >= 1 && checkpoints[i] < continue_steps && (i == 0 || checkpoints[i] > checkpoints[i - 1]),
            "--checkpoints must be strictly increasing, each in 1..continue-steps - 1");
}

namespace {

// The problem file's parameters must be the run's: a file drawn for another run is an error.
void check_problem_matches(const Problem& p, const SweepConfig& cfg) {
  const bool subset = cfg.mode == SweepConfig::Mode::kSubset;
  auto same = [&](bool ok, const std::string& flag, const std::string& ours, const std::string& theirs) {
    if (!ok)
      throw Error(flag + " " + ours + " disagrees with the problem file " + cfg.problem + " (" + theirs +
                  "): drop the flag, or write the file for these parameters");
  };
  same(p.mode == (subset ? "subset" : "switch"), "--mode", subset ? "subset" : "switch", p.mode);
  same(p.N == cfg.N, "--N", std::to_string(cfg.N), std::to_string(p.N));
  same(p.n == cfg.n, "--n", std::to_string(cfg.n), std::to_string(p.n));
  if (subset) same(p.n_deficit == cfg.n_deficit, "--n-deficit", std::to_string(cfg.n_deficit), std::to_string(p.n_deficit));
  same(p.rank1 == cfg.rank1, "--rank1", std::to_string(cfg.rank1), std::to_string(p.rank1));
  if (!subset) same(p.rank2 == cfg.rank2, "--rank2", std::to_string(cfg.rank2), std::to_string(p.rank2));
  same(p.depth == cfg.depth, "--depth", std::to_string(cfg.depth), std::to_string(p.depth));
  same(p.g == cfg.g, "--g", format_double(cfg.g), format_double(p.g));
  same(p.seed == cfg.seed, "--seed", std::to_string(cfg.seed), std::to_string(p.seed));
}

// A run's random draws: ours (derived from the seed) or a problem file's.
struct Draws {
  Eigen::MatrixXd M1, M2;
  std::vector<Entry> entries;
  std::vector<Eigen::MatrixXd> init;
  std::string crc32, draws = "ours";
};

Draws draw(const SweepConfig& cfg, const Problem* problem) {
  const bool subset = cfg.mode == SweepConfig::Mode::kSubset;
  Draws d;
  if (!cfg.problem.empty()) {
    std::optional<Problem> own;
    if (!problem) problem = &own.emplace(read_problem(cfg.problem));
    const Problem& p = *problem;
    check_problem_matches(p, cfg);
    d.M1 = p.task1;
    d.M2 = subset ? p.task1 : p.task2;
    d.entries = p.entries;
    d.init = p.layers;
    d.crc32 = p.crc32;
    d.draws = "problem file";
    for (const auto& [k, v] : p.header)
      if (k == "draws") d.draws = v;
    return d;
  }
  d.M1 = make_ground_truth(cfg.N, cfg.rank1, derive_seed(cfg.seed, kTask1));
  d.M2 = subset            ? d.M1
         : cfg.shared >= 0 ? make_related_task(d.M1, cfg.rank1, cfg.rank2, cfg.shared, derive_seed(cfg.seed, kTask2))
                           : make_ground_truth(cfg.N, cfg.rank2, derive_seed(cfg.seed, kTask2));
  d.entries = cfg.pattern == SweepConfig::Pattern::kBlock
                  ? sample_block_diagonal_entries(cfg.N, cfg.blocks, cfg.n_deficit, cfg.n, derive_seed(cfg.seed, kObservations))
                  : sample_entries(cfg.N, cfg.n, derive_seed(cfg.seed, kObservations));
  d.init = cfg.init == SweepConfig::Init::kDiagonal
               ? diagonal_init(cfg.N, cfg.depth, cfg.g, cfg.init_jitter, derive_seed(cfg.seed, kInit))
               : gaussian_init(cfg.N, cfg.depth, cfg.g, derive_seed(cfg.seed, kInit));
  return d;
}

template <typename T>
SweepResult run_typed(const SweepConfig& cfg, const Problem* problem) {
  const bool subset = cfg.mode == SweepConfig::Mode::kSubset;
  const Draws d = draw(cfg, problem);
  const Eigen::MatrixXd& M1 = d.M1;
  const Eigen::MatrixXd& M2 = d.M2;
  const std::vector<Entry>& entries = d.entries;
  const ObservationSet all = arrange(cfg.N, entries);
  const ObservationSet first =
      subset ? arrange(cfg.N, std::vector<Entry>(entries.begin(), entries.begin() + cfg.n_deficit)) : all;
  const std::vector<T> y1 = targets_at<T>(first, M1), y2 = targets_at<T>(all, M2);
  const auto& init = d.init;
  const bool authors = !cfg.problem.empty();
  const long extra = cfg.extra_deficit_steps(), cont = cfg.steps_after_deficit();

  SweepResult res;
  res.problem_crc32 = d.crc32;
  res.draws = d.draws;
  res.init_norm = end_to_end(init).norm();
  const T lr = static_cast<T>(cfg.lr);
  const T wd = static_cast<T>(cfg.task2_wd);
  const double total = cfg.switch_times.back() + extra + cfg.switch_times.size() * double(cont);
  Progress progress("completion D=" + std::to_string(cfg.depth) + " seed " + std::to_string(cfg.seed), total,
                    cfg.quiet);
  double done = 0;
  auto checked_step = [&](FastFactorization<T>& net, const ObservationSet& obs, const std::vector<T>& y,
                          long step, T decay = T(0)) {
    const double loss = net.step(obs, y, lr, decay);
    if (!std::isfinite(loss))
      throw Error("training diverged at step " + std::to_string(step) +
                  " (the loss is not finite): lower --lr, or --g if the initialization is large (--g " +
                  format_double(cfg.g) + ")");
    progress.update(++done);
    return loss;
  };
  // Every sv_every steps, and always at a branch's last iterate (not a multiple of sv_every
  // in the authors' loop).
  auto record_sv = [&](std::vector<SvSample>& to, const FastFactorization<T>& net, long t_switch, long step,
                       bool last = false) {
    if (cfg.sv_every > 0 && (step % cfg.sv_every == 0 || last))
      to.push_back({t_switch, step, top_singular_values(net.end_to_end(), cfg.sv_count)});
  };

  FastFactorization<T> trunk(init);
  std::vector<SvSample> trunk_sv;  // deficit-phase samples, shared by every branch
  std::vector<long> branch_points;  // steps taken before each branch
  for (long t_switch : cfg.switch_times) branch_points.push_back(t_switch + extra);
  trunk_and_branches(
      trunk, branch_points,
      [&](FastFactorization<T>& net, long t) {
        record_sv(trunk_sv, net, 0, t);
        checked_step(net, first, y1, t);
      },
      [&](size_t i, FastFactorization<T> branch) {
        const long t_switch = cfg.switch_times[i], t0 = branch_points[i];
        for (const SvSample& s : trunk_sv) res.sv.push_back({t_switch, s.step, s.sv});
        const EffectiveRank at_switch =
            cfg.branch_records ? effective_rank(branch.end_to_end(), cfg.erank_fraction) : EffectiveRank{};
        auto record_branch = [&](const Eigen::MatrixXd& W, long steps, double loss) {
          if (cfg.branch_records)
            res.branches.push_back(
                {t_switch, steps, test_error(W, M2), loss, at_switch, effective_rank(W, cfg.erank_fraction)});
        };
        size_t checkpoint = 0;
        if (cfg.reinit) branch = FastFactorization<T>(init);
        else if (cfg.shrink != 1 || cfg.perturb != 0)
          branch = FastFactorization<T>(
              shrink_and_perturb(branch.layers(), cfg.shrink, cfg.perturb, derive_seed(cfg.seed, kSwitchNoise)));
        double loss = NAN;
        for (long s = 0; s < cont; ++s) {
          record_sv(res.sv, branch, t_switch, t0 + s);
          loss = checked_step(branch, all, y2, t0 + s, wd);
          if (checkpoint < cfg.checkpoints.size() && s + 1 == cfg.checkpoints[checkpoint])
            record_branch(branch.end_to_end(), cfg.checkpoints[checkpoint++], loss);
        }
        record_sv(res.sv, branch, t_switch, t0 + cont, true);
        const Eigen::MatrixXd W = branch.end_to_end();
        if (authors) loss = train_loss_at(W, all, y2);
        res.points.push_back({t_switch, test_error(W, M2), loss});
        record_branch(W, cont, loss);
      });
  progress.finish();
  return res;
}

}  // namespace

SweepResult run_sweep(const SweepConfig& cfg, const Problem* problem) {
  cfg.validate();
  return cfg.use_double ? run_typed<double>(cfg, problem) : run_typed<float>(cfg, problem);
}

void write_sweep(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                 const std::filesystem::path& dir) {
  const std::string mode = cfg.mode == SweepConfig::Mode::kSwitch ? "switch" : "subset";
  Provenance prov_all = prov;
  prov_all.push_back({"draws", res.draws});
  prov_all.push_back({"last_step_offset", std::to_string(cfg.last_step_offset())});
  if (!cfg.problem.empty()) {
    prov_all.push_back({"problem_crc32", res.problem_crc32});
    prov_all.push_back({"steps", "the authors' loop: T_switch + 1 steps of the deficit, then continue_steps - 2; "
                                 "final error and train loss at the last iterate"});
  }
  if (!res.sv.empty()) {
    auto p = prov_all;
    p.push_back({"content", "top singular values of W = W_D ... W_1 per branch (t_switch) and step; index 1-based; blank lines separate (t_switch, index) series"});
    TsvWriter w(dir / "singular_values.tsv", p, {"t_switch", "step", "index", "sv"});
    for (long t_switch : cfg.switch_times)
      for (int i = 0; i < cfg.sv_count; ++i) {
        for (const SvSample& s : res.sv)
          if (s.t_switch == t_switch) w.row(t_switch, s.step, i + 1, s.sv[i]);
        w.blank_line();
      }
    w.commit();
  }
  auto p = prov_all;
  p.push_back({"content", "final test error (mean over all N^2 entries of (W - M)^2, M the task learned last) per switch time"});
  p.push_back({"init_norm", format_double(res.init_norm)});
  TsvWriter w(dir / "final_error.tsv", p,
              {"depth", "rank1", "rank2", "shared", "n", "n_deficit", "g", "lr", "seed", "mode", "t_switch", "continue_steps",
               "test_error", "excess_error", "train_loss", "shrink", "perturb", "reinit", "task2_wd"});
  const double base = res.points.front().test_error;
  for (const SweepPoint& pt : res.points)
    w.row(cfg.depth, cfg.rank1, cfg.mode == SweepConfig::Mode::kSwitch ? cfg.rank2 : cfg.rank1, cfg.shared, cfg.n,
          cfg.mode == SweepConfig::Mode::kSubset ? cfg.n_deficit : cfg.n, cfg.g, cfg.lr,
          static_cast<long>(cfg.seed), mode, pt.t_switch, cfg.continue_steps, pt.test_error, pt.test_error - base,
          pt.train_loss, cfg.shrink, cfg.perturb, cfg.reinit ? 1 : 0, cfg.task2_wd);
  w.commit();
}

}  // namespace clp::completion
