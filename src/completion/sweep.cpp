#include "completion/sweep.hpp"
#include "completion/params.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "common/format.hpp"
#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/onset.hpp"
#include "completion/patterns.hpp"
#include "completion/problem.hpp"
#include "completion/problem_file.hpp"

namespace clp::completion {

void SweepConfig::validate() const {
  // The rules are those of the declaration (completion/params.cpp), checked on a copy.
  SweepConfig c = *this;
  ParamTable t("mc_sweep", "");
  declare_params(t, c);
  t.check();
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

// The draw's fingerprint (SweepResult::draw_crc32): the CRC-32 of the CRC-32s of each array.
std::string draw_fingerprint(const Draws& d) {
  std::string crcs;
  auto add = [&crcs](const void* data, size_t bytes) {
    const std::uint32_t c = crc32(static_cast<const char*>(data), bytes);
    crcs.append(reinterpret_cast<const char*>(&c), sizeof c);
  };
  add(d.M1.data(), sizeof(double) * static_cast<size_t>(d.M1.size()));
  add(d.M2.data(), sizeof(double) * static_cast<size_t>(d.M2.size()));
  add(d.entries.data(), sizeof(Entry) * d.entries.size());
  for (const auto& W : d.init) add(W.data(), sizeof(double) * static_cast<size_t>(W.size()));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", crc32(crcs.data(), crcs.size()));
  return hex;
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
  const double reference = zero_prediction_loss(y2);  // of every phase after the switch
  const auto& init = d.init;
  const bool authors = !cfg.problem.empty();
  const long extra = cfg.extra_deficit_steps(), cont = cfg.steps_after_deficit();

  SweepResult res;
  res.problem_crc32 = d.crc32;
  res.draws = d.draws;
  res.draw_crc32 = draw_fingerprint(d);
  res.init_norm = end_to_end(init).norm();
  const T lr = static_cast<T>(cfg.lr);
  const T wd = static_cast<T>(cfg.task2_wd);
  const double total = cfg.switch_times.back() + extra + cfg.switch_times.size() * double(cont);
  Progress progress("completion D=" + std::to_string(cfg.depth) + " seed " + std::to_string(cfg.seed), total,
                    cfg.quiet);
  double done = 0;
  // Divergence (common/convergence.hpp) is checked at every step of every phase against the
  // phase's first loss, the final iterate included: an error naming --lr, and no file.
  // kBlowUpFactor at every step, kDivergenceFactor at the end of a phase (`end`).
  auto diverged = [&](double loss, double start, long step, long t_switch, bool end = false) {
    const double factor = end ? convergence::kDivergenceFactor : convergence::kBlowUpFactor;
    if (!convergence::loss_diverged(loss, start, factor)) return;
    const std::string where = t_switch < 0 ? "in the deficit phase" : "after the switch at T_switch " + std::to_string(t_switch);
    throw Error("training diverged at step " + std::to_string(step) + " " + where + " (train loss " + format_double(loss) +
                (std::isfinite(loss) ? " > " + format_double(factor) + " x its starting value " +
                                           format_double(start)
                                     : std::string(", not finite")) +
                "): lower --lr (--lr " + format_double(cfg.lr) + "), or --g if the initialization is large");
  };
  double trunk_start = NAN;
  auto checked_step = [&](FastFactorization<T>& net, const ObservationSet& obs, const std::vector<T>& y,
                          T decay = T(0)) {
    const double loss = net.step(obs, y, lr, decay);
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
        const double loss = checked_step(net, first, y1);
        if (t == 0) trunk_start = loss;
        else if (res.t_learn < 0 && loss <= trunk_start / 2) res.t_learn = t;
        diverged(loss, trunk_start, t, -1);
      },
      [&](size_t i, FastFactorization<T> branch) {
        const long t_switch = cfg.switch_times[i], t0 = branch_points[i];
        for (const SvSample& s : trunk_sv) res.sv.push_back({t_switch, s.step, s.sv});
        // The deficit phase's last iterate (the branch point), checked like every other.
        if (t0 > 0) diverged(train_loss_at(branch.end_to_end(), first, y1), trunk_start, t0, -1, true);
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
        // The phase after the switch: its losses L_0 .. L_{cont-1} (before each update) and
        // the final iterate's, checked for divergence as they come and classified at the end.
        std::vector<double> losses;
        losses.reserve(cont + 1);
        for (long s = 0; s < cont; ++s) {
          record_sv(res.sv, branch, t_switch, t0 + s);
          losses.push_back(checked_step(branch, all, y2, wd));
          diverged(losses.back(), losses.front(), t0 + s, t_switch);
          if (checkpoint < cfg.checkpoints.size() && s + 1 == cfg.checkpoints[checkpoint])
            record_branch(branch.end_to_end(), cfg.checkpoints[checkpoint++], losses.back());
        }
        record_sv(res.sv, branch, t_switch, t0 + cont, true);
        const Eigen::MatrixXd W = branch.end_to_end();
        const double final_loss = train_loss_at(W, all, y2);
        diverged(final_loss, losses.front(), t0 + cont, t_switch, true);
        const double loss = authors ? final_loss : losses.back();
        losses.push_back(final_loss);
        const convergence::Verdict v = convergence::classify(
            losses, cfg.use_double ? convergence::kDoubleTolerances : convergence::kFloatTolerances, reference);
        res.points.push_back({t_switch, test_error(W, M2), loss, v.status});
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
  prov_all.push_back({"draw_crc32", res.draw_crc32});
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
  p.push_back({"status", convergence::rule_text(cfg.use_double ? convergence::kDoubleTolerances
                                                              : convergence::kFloatTolerances, true) +
                             "; the phase is the training after the switch"});
  p.push_back({"content", "final test error (mean over all N^2 entries of (W - M)^2, M the task learned last) per switch time"});
  p.push_back({"init_norm", format_double(res.init_norm)});
  if (!cfg.switch_multiples.empty())
    p.push_back({"t_learn", "first trunk step t >= 1 whose task-1 train loss (before update t) is at most half "
                            "its initial value; nan if the trunk never got there"});
  write_table(dir / "final_error.tsv", p, sweep_table(res, cfg));
}

DataTable sweep_table(const SweepResult& res, const SweepConfig& cfg) {
  // The parameter columns come from the parameters' declaration (completion/params.cpp),
  // typed as the numbers they are (a text only where the value is one, e.g. mode).
  const auto params = sweep_columns(cfg);
  std::vector<std::string> columns;
  for (const auto& [name, cell] : params) columns.push_back(name);
  for (const char* c : {"t_switch", "test_error", "excess_error", "train_loss", "status"}) columns.push_back(c);
  // The onset study's clocks (completion/onset.hpp): t*, and the trunk's learning time (NaN:
  // not reached).
  const bool clocks = !cfg.switch_multiples.empty();
  if (clocks) {
    columns.push_back(kPredictedTimeColumn);
    columns.push_back(kLearnTimeColumn);
  }
  DataTable w(columns);
  const double base = res.points.front().test_error;
  for (const SweepPoint& pt : res.points) {
    for (const auto& [name, cell] : params) w << typed_cell(cell);
    if (!clocks) {
      w.row(pt.t_switch, pt.test_error, pt.test_error - base, pt.train_loss, std::string(convergence::name(pt.status)));
      continue;
    }
    w.row(pt.t_switch, pt.test_error, pt.test_error - base, pt.train_loss, std::string(convergence::name(pt.status)),
          cfg.t_pred, res.t_learn >= 0 ? double(res.t_learn) : double(NAN));
  }
  return w;
}

}  // namespace clp::completion
