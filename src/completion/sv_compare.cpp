#include "completion/sv_compare.hpp"
#include "completion/params.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/format.hpp"
#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/problem.hpp"
#include "completion/sv_ode.hpp"

namespace clp::completion {

void OdeCompareConfig::validate() const {
  // The rules are those of the declaration (completion/params.cpp), checked on a copy.
  OdeCompareConfig c = *this;
  ParamTable t("mc_sv_ode", "");
  declare_params(t, c);
  t.check();
}

namespace {

struct Sample {
  long step;
  std::vector<double> gd, ode;
};

// Gradient descent on the network and the ODE, side by side.
struct Pair {
  FastFactorization<double> net;
  SvOde ode;
};

}  // namespace

std::vector<OdeCompareRow> run_ode_vs_gd(const OdeCompareConfig& cfg) {
  cfg.validate();
  std::vector<OdeCompareRow> rows;
  const Eigen::MatrixXd M1 = make_ground_truth(cfg.N, cfg.rank1, derive_seed(cfg.seed, kTask1));
  const Eigen::MatrixXd M2 = make_ground_truth(cfg.N, cfg.rank2, derive_seed(cfg.seed, kTask2));
  // Shared diagonal jitter: every layer is g^(1/D) I + diag(e).
  Rng rng(derive_seed(cfg.seed, kInit));
  Eigen::VectorXd e(cfg.N);
  for (int i = 0; i < cfg.N; ++i) e(i) = cfg.jitter * rng.normal();
  const Eigen::MatrixXd layer = (Eigen::VectorXd::Constant(cfg.N, std::pow(cfg.g, 1.0 / cfg.depth)) + e).asDiagonal();
  const std::vector<Eigen::MatrixXd> init(cfg.depth, layer);
  const Eigen::VectorXd w0 = (Eigen::VectorXd::Constant(cfg.N, std::pow(cfg.g, 1.0 / cfg.depth)) + e).array().pow(cfg.depth);

  std::vector<long> switches;
  for (long t : cfg.totals) switches.push_back(t - cfg.task2_steps);
  const double total_work = cfg.n_list.size() * (switches.back() + cfg.totals.size() * double(cfg.task2_steps));
  Progress progress("singular-value ODE vs GD", total_work, cfg.quiet);
  double done = 0;

  for (int n : cfg.n_list) {
    const ObservationSet obs = arrange(cfg.N, sample_entries(cfg.N, n, derive_seed(cfg.seed, kObservations)));
    const std::vector<double> y1 = targets_at<double>(obs, M1), y2 = targets_at<double>(obs, M2);
    Pair trunk{FastFactorization<double>(init), SvOde(sv_state_of_diagonal(w0), cfg.depth)};
    std::vector<Sample> trunk_samples;
    auto sample = [&](const Pair& p, long step) {
      return Sample{step, top_singular_values(p.net.end_to_end(), cfg.sv_count), p.ode.top(cfg.sv_count)};
    };
    // Divergence of either (common/convergence.hpp) at every step of a phase, the final
    // iterate included, against the phase's first loss; each run's status (against the scale of
    // task 2's targets, common/convergence.hpp) is the worse of
    // the two verdicts on its phase after the switch.
    auto check = [&](double loss, double start, long step, const char* who, bool end = false) {
      if (convergence::loss_diverged(loss, start, end ? convergence::kDivergenceFactor : convergence::kBlowUpFactor))
        throw Error(std::string(who) + " diverged at step " + std::to_string(step) + " (train loss " +
                    format_double(loss) + ", its phase started at " + format_double(start) + "): lower --eta (--eta " +
                    format_double(cfg.eta) + ")");
    };
    double start_gd = NAN, start_ode = NAN;
    auto advance = [&](Pair& p, const std::vector<double>& y, long step, std::vector<double>* gd = nullptr,
                       std::vector<double>* ode = nullptr) {
      const double la = p.net.step(obs, y, cfg.eta);
      double lb = 0;
      try {
        lb = p.ode.step(obs, y, cfg.eta);
      } catch (const Error& e) {  // e.g. two singular values made equal by a step too large
        throw Error("the singular-value ODE stopped at step " + std::to_string(step) + ": " + e.what() +
                    ": lower --eta (--eta " + format_double(cfg.eta) + ")");
      }
      if (gd) gd->push_back(la), ode->push_back(lb);
      const double sa = gd ? gd->front() : start_gd, sb = gd ? ode->front() : start_ode;
      check(la, std::isnan(sa) ? la : sa, step, "gradient descent");
      check(lb, std::isnan(sb) ? lb : sb, step, "the singular-value ODE");
      progress.update(++done);
      return std::pair{la, lb};
    };
    trunk_and_branches(
        trunk, switches,
        [&](Pair& p, long t) {
          if (t % cfg.record_every == 0) trunk_samples.push_back(sample(p, t));
          const auto [la, lb] = advance(p, y1, t);
          if (t == 0) start_gd = la, start_ode = lb;
        },
        [&](size_t i, Pair branch) {
          std::vector<Sample> mine(trunk_samples.begin(), trunk_samples.end());
          if (switches[i] > 0) {
            check(train_loss_at(branch.net.end_to_end(), obs, y1), start_gd, switches[i], "gradient descent", true);
            check(train_loss_at(branch.ode.state().W(), obs, y1), start_ode, switches[i], "the singular-value ODE", true);
          }
          std::vector<double> gd, ode;
          for (long s = 0; s <= cfg.task2_steps; ++s) {
            const long step = switches[i] + s;
            if (step % cfg.record_every == 0 || s == cfg.task2_steps) mine.push_back(sample(branch, step));
            if (s < cfg.task2_steps) advance(branch, y2, step, &gd, &ode);
          }
          gd.push_back(train_loss_at(branch.net.end_to_end(), obs, y2));
          ode.push_back(train_loss_at(branch.ode.state().W(), obs, y2));
          check(gd.back(), gd.front(), cfg.totals[i], "gradient descent", true);
          check(ode.back(), ode.front(), cfg.totals[i], "the singular-value ODE", true);
          // Judged against the scale of task 2's targets, not the phase's start (which task 1 inflates).
          const double reference = zero_prediction_loss(y2);
          const auto status = std::max(convergence::classify(gd, convergence::kDoubleTolerances, reference).status,
                                       convergence::classify(ode, convergence::kDoubleTolerances, reference).status);
          for (const Sample& smp : mine)
            for (int k = 0; k < cfg.sv_count; ++k)
              rows.push_back({n, cfg.totals[i], smp.step, k + 1, smp.gd[k], smp.ode[k], status});
        });
  }
  progress.finish();
  return rows;
}

void write_ode_vs_gd(const std::vector<OdeCompareRow>& rows, const Provenance& prov,
                     const std::filesystem::path& dir) {
  auto p = prov;
  p.push_back({"content", "top singular values of W: gradient descent on the network (sv_gd) and the singular-value ODE (sv_ode); index 1-based"});
  p.push_back({"order", "grouped by (n, total_steps, index), steps ascending; a blank line closes each group"});
  p.push_back({"status", convergence::rule_text(convergence::kDoubleTolerances, true) +
                            "; the phase is task 2 (the last task2-steps); a run's status is the worse of gradient "
                            "descent's and the ODE's"});
  write_table(dir / "singular_values.tsv", p, ode_vs_gd_table(rows));
}

DataTable ode_vs_gd_table(const std::vector<OdeCompareRow>& rows) {
  std::vector<OdeCompareRow> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(), [](const OdeCompareRow& a, const OdeCompareRow& b) {
    if (a.n != b.n) return a.n > b.n;
    if (a.total_steps != b.total_steps) return a.total_steps < b.total_steps;
    if (a.index != b.index) return a.index < b.index;
    return a.step < b.step;
  });
  DataTable w({"n", "total_steps", "step", "index", "sv_gd", "sv_ode", "status"});
  for (size_t i = 0; i < sorted.size(); ++i) {
    const auto& r = sorted[i];
    w.row(r.n, r.total_steps, r.step, r.index, r.sv_gd, r.sv_ode, std::string(convergence::name(r.status)));
    if (i + 1 == sorted.size() || sorted[i + 1].index != r.index || sorted[i + 1].total_steps != r.total_steps ||
        sorted[i + 1].n != r.n)
      w.blank_line();
  }
  return w;
}

OdeGap max_ode_gap(const std::vector<OdeCompareRow>& rows) {
  OdeGap g;
  for (const auto& r : rows) g.gap = std::max(g.gap, std::abs(r.sv_gd - r.sv_ode)), g.top = std::max(g.top, r.sv_gd);
  return g;
}

}  // namespace clp::completion
