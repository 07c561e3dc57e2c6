#include "completion/sweep.hpp"

#include <cmath>
#include <string>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/problem.hpp"

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
  require(sv_every >= 0, "--sv-every must be non-negative");
  require(sv_every == 0 || (sv_count >= 1 && sv_count <= N),
          "--sv-count must be in 1..N = " + std::to_string(N) + " when --sv-every records singular values");
  require(shared < 0 || (mode == Mode::kSwitch && shared <= rank2 && shared <= rank1 && rank1 + rank2 - shared <= N),
          "--task2-shared must be in 0..min(rank1, rank2), with rank1 + rank2 - shared <= N (switch mode)");
}

namespace {

std::vector<double> top_singular_values(const Eigen::MatrixXd& W, int count) {
  Eigen::BDCSVD<Eigen::MatrixXd> svd(W);  // values only
  const Eigen::VectorXd s = svd.singularValues();
  return {s.data(), s.data() + count};
}

template <typename T>
SweepResult run_typed(const SweepConfig& cfg) {
  const bool subset = cfg.mode == SweepConfig::Mode::kSubset;
  const Eigen::MatrixXd M1 = make_ground_truth(cfg.N, cfg.rank1, derive_seed(cfg.seed, kTask1));
  const Eigen::MatrixXd M2 = subset              ? M1
                             : cfg.shared >= 0 ? make_related_task(M1, cfg.rank1, cfg.rank2, cfg.shared,
                                                                   derive_seed(cfg.seed, kTask2))
                                               : make_ground_truth(cfg.N, cfg.rank2, derive_seed(cfg.seed, kTask2));
  const std::vector<Entry> entries = sample_entries(cfg.N, cfg.n, derive_seed(cfg.seed, kObservations));
  const ObservationSet all = arrange(cfg.N, entries);
  const ObservationSet first =
      subset ? arrange(cfg.N, std::vector<Entry>(entries.begin(), entries.begin() + cfg.n_deficit)) : all;
  const std::vector<T> y1 = targets_at<T>(first, M1), y2 = targets_at<T>(all, M2);
  const auto init = gaussian_init(cfg.N, cfg.depth, cfg.g, derive_seed(cfg.seed, kInit));

  SweepResult res;
  res.init_norm = end_to_end(init).norm();
  const T lr = static_cast<T>(cfg.lr);
  const double total = cfg.switch_times.back() + cfg.switch_times.size() * double(cfg.continue_steps);
  Progress progress("completion D=" + std::to_string(cfg.depth) + " seed " + std::to_string(cfg.seed), total,
                    cfg.quiet);
  double done = 0;
  auto checked_step = [&](FastFactorization<T>& net, const ObservationSet& obs, const std::vector<T>& y,
                          long step) {
    const double loss = net.step(obs, y, lr);
    if (!std::isfinite(loss))
      throw Error("training diverged at step " + std::to_string(step) +
                  " (the loss is not finite): lower --lr, or --g if the initialization is large (--g " +
                  format_double(cfg.g) + ")");
    progress.update(++done);
    return loss;
  };
  auto record_sv = [&](const FastFactorization<T>& net, long t_switch, long step) {
    if (cfg.sv_every > 0 && step % cfg.sv_every == 0)
      res.sv.push_back({t_switch, step, top_singular_values(net.end_to_end(), cfg.sv_count)});
  };

  FastFactorization<T> trunk(init);
  std::vector<SvSample> trunk_sv;  // deficit-phase samples, shared by every branch
  long t = 0;
  for (long t_switch : cfg.switch_times) {
    for (; t < t_switch; ++t) {
      if (cfg.sv_every > 0 && t % cfg.sv_every == 0)
        trunk_sv.push_back({0, t, top_singular_values(trunk.end_to_end(), cfg.sv_count)});
      checked_step(trunk, first, y1, t);
    }
    FastFactorization<T> branch = trunk;
    if (cfg.sv_every > 0)
      for (const SvSample& s : trunk_sv) res.sv.push_back({t_switch, s.step, s.sv});
    double loss = NAN;
    for (long s = 0; s < cfg.continue_steps; ++s) {
      record_sv(branch, t_switch, t_switch + s);
      loss = checked_step(branch, all, y2, t_switch + s);
    }
    record_sv(branch, t_switch, t_switch + cfg.continue_steps);
    res.points.push_back({t_switch, test_error(branch.end_to_end(), M2), loss});
  }
  progress.finish();
  return res;
}

}  // namespace

SweepResult run_sweep(const SweepConfig& cfg) {
  cfg.validate();
  return cfg.use_double ? run_typed<double>(cfg) : run_typed<float>(cfg);
}

void write_sweep(const SweepResult& res, const SweepConfig& cfg, const Provenance& prov,
                 const std::filesystem::path& dir) {
  const std::string mode = cfg.mode == SweepConfig::Mode::kSwitch ? "switch" : "subset";
  if (!res.sv.empty()) {
    auto p = prov;
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
  auto p = prov;
  p.push_back({"content", "final test error (mean over all N^2 entries of (W - M)^2, M the task learned last) per switch time"});
  p.push_back({"init_norm", format_double(res.init_norm)});
  TsvWriter w(dir / "final_error.tsv", p,
              {"depth", "rank1", "rank2", "shared", "n", "n_deficit", "g", "lr", "seed", "mode", "t_switch", "continue_steps",
               "test_error", "excess_error", "train_loss"});
  const double base = res.points.front().test_error;
  for (const SweepPoint& pt : res.points)
    w.row(cfg.depth, cfg.rank1, cfg.mode == SweepConfig::Mode::kSwitch ? cfg.rank2 : cfg.rank1, cfg.shared, cfg.n,
          cfg.mode == SweepConfig::Mode::kSubset ? cfg.n_deficit : cfg.n, cfg.g, cfg.lr,
          static_cast<long>(cfg.seed), mode, pt.t_switch, cfg.continue_steps, pt.test_error, pt.test_error - base,
          pt.train_loss);
  w.commit();
}

}  // namespace clp::completion
