#include "twopath/lr_sweep.hpp"
#include "twopath/params.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "common/error.hpp"
#include "common/progress.hpp"
#include "stats/seed_stats.hpp"

namespace clp::twopath {

std::vector<double> default_lrs() {
  std::vector<double> lrs;
  for (int k = 0; k <= 12; ++k) lrs.push_back(0.01 * std::pow(2.0, k / 2.0));
  return lrs;
}

void LrSweepConfig::validate() const {
  // The rules are those of the declaration (twopath/params.cpp), checked on a copy.
  LrSweepConfig c = *this;
  ParamTable t("LrSweepConfig", "");
  declare_params(t, c);
  t.check();
}

long LrSweepConfig::steps(double lr) const { return std::lround(time / lr); }
long LrSweepConfig::deficit_steps(double lr) const { return std::lround(deficit_time / lr); }

std::vector<LrRun> run_lr_sweep(const LrSweepConfig& cfg) {
  cfg.validate();
  const HierarchicalData data = make_hierarchical_dataset();
  double total = 0;
  for (double lr : cfg.lrs) total += static_cast<double>(cfg.steps(lr)) * cfg.depths.size() * cfg.seeds.size();
  Progress progress("twopath_lr", total, cfg.quiet);
  double done = 0;
  std::vector<LrRun> out;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (int D : cfg.depths)
    for (double lr : cfg.lrs)
      for (long seed : cfg.seeds) {
        TrainConfig t = cfg.train;
        t.depth = D;
        t.lr = lr;
        t.steps = cfg.steps(lr);
        t.b_frozen = {0, cfg.deficit_steps(lr)};
        t.seed = static_cast<std::uint64_t>(seed);
        t.stop_above = cfg.stop_above;
        const TrainResult r = train_two_pathway(t, data, [&](long) { progress.update(++done); });
        LrRun run{D, lr, seed, t.steps, t.b_frozen.length, "monotone", -1, nan, nan, nan, nan, "diverged"};
        if (r.stopped_at >= 0) {
          run.status = "diverged";
          run.first_rise = r.stopped_at;
          done += static_cast<double>(t.steps - r.stopped_at);
        } else {
          const convergence::Verdict v =
              convergence::classify(r.loss, cfg.tolerances());
          run.validity = convergence::name(v.status);
          run.first_rise = v.first_rise;
          if (run.first_rise >= 0) run.status = "oscillating";
          run.Ka1 = r.Ka(t.steps, 0);
          run.Kb1 = r.Kb(t.steps, 0);
          run.share = run.Kb1 / (run.Ka1 + run.Kb1);
          run.final_loss = r.loss.back();
        }
        out.push_back(run);
      }
  progress.finish();
  return out;
}

void LrCell::add(const std::string& status, double share, const std::string& validity) {
  if (status != "monotone" && status != "oscillating" && status != "diverged")
    throw Error("status '" + status + "' is not monotone, oscillating or diverged");
  const convergence::Status v = convergence::parse(validity, "validity");
  if ((status == "diverged") != (v == convergence::Status::kDiverged))
    throw Error("status '" + status + "' and validity '" + validity + "' disagree on divergence");
  ++seeds;
  monotone += status == "monotone";
  oscillating += status == "oscillating";
  diverged += status == "diverged";
  if (v == convergence::Status::kConverged) shares.push_back(share);
  else if (status != "diverged") ++unconverged;
}

std::map<std::pair<int, double>, LrCell> group_lr_runs(const std::vector<LrRun>& runs) {
  std::map<std::pair<int, double>, LrCell> cells;
  for (const LrRun& r : runs) cells[{r.depth, r.lr}].add(r.status, r.share, r.validity);
  return cells;
}

void write_lr_sweep(const std::vector<LrRun>& runs, const Provenance& prov, const std::filesystem::path& dir,
                    convergence::Tolerances tol) {
  Provenance p = prov;
  p.push_back({"schedule", "steps = round(time / lr), pathway b frozen for steps [0, round(deficit_time / lr)); "
                           "share = K_b / (K_a + K_b) of mode 1 after the last step"});
  p.push_back({"status", "monotone: the loss never rose by more than rise-tol x its initial value; oscillating: it "
                         "did at step first_rise; diverged: not finite or above stop-above x the initial loss at "
                         "step first_rise (training stopped; share and loss nan); the rise test and the validity "
                         "column: " + convergence::rule_text(tol) +
                         "; only converged runs enter the shares of summary.tsv"});
  {
    auto ps = p;
    ps.push_back({"content", "per depth and lr over seeds: counts per status, n_unconverged (runs that did not "
                             "diverge and are not converged: left out of the shares); pathway b's final share of mode 1 "
                             "over the converged seeds (mean, sample sd, min, max, 95% bootstrap interval of "
                             "the mean; nan if no seed converged)"});
    TsvWriter w(dir / "summary.tsv", ps,
                {"depth", "lr", "n_seeds", "n_monotone", "n_oscillating", "n_diverged", "mean_share", "sd_share",
                 "min_share", "max_share", "ci_lo", "ci_hi", "n_unconverged"});
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& [key, c] : group_lr_runs(runs)) {
      const bool any = !c.shares.empty();
      const stats::Summary s = any ? stats::summarize(c.shares) : stats::Summary{};
      w.row(key.first, key.second, c.seeds, c.monotone, c.oscillating, c.diverged, any ? s.mean : nan, any ? s.sd : nan,
            any ? s.min : nan, any ? s.max : nan, any ? s.ci.lo : nan, any ? s.ci.hi : nan, c.unconverged);
    }
    w.commit();
  }
  p.push_back({"content", "one row per depth, lr and seed: the run's status and mode 1 at the end"});
  write_table(dir / "runs.tsv", p, lr_runs_table(runs));
}

DataTable lr_runs_table(const std::vector<LrRun>& runs) {
  DataTable w({"depth", "lr", "seed", "steps", "deficit_steps", "status", "first_rise", "share", "Ka1", "Kb1",
               "final_loss", "validity"});
  for (const LrRun& r : runs)
    w.row(r.depth, r.lr, r.seed, r.steps, r.deficit_steps, r.status, r.first_rise, r.share, r.Ka1, r.Kb1, r.final_loss,
          r.validity);
  return w;
}

}  // namespace clp::twopath
