#include "completion/trace.hpp"
#include "completion/params.hpp"

#include <cmath>
#include <string>

#include "common/format.hpp"
#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "completion/factorization.hpp"

namespace clp::completion {

void TraceConfig::validate() const {
  // The rules are those of the declaration (completion/params.cpp), checked on a copy.
  TraceConfig c = *this;
  ParamTable t("mc_trace", "");
  declare_params(t, c);
  t.check();
}

namespace {

template <typename T>
Trace run_typed(const Problem& p, const TraceConfig& cfg) {
  const bool subset = p.mode == "subset";
  const ObservationSet all = arrange(p.N, p.entries);
  const ObservationSet first =
      subset ? arrange(p.N, std::vector<Entry>(p.entries.begin(), p.entries.begin() + p.n_deficit)) : all;
  const Eigen::MatrixXd& M1 = p.task1;
  const Eigen::MatrixXd& M2 = subset ? p.task1 : p.task2;
  const std::vector<T> y1 = targets_at<T>(first, M1), y2 = targets_at<T>(all, M2);
  FastFactorization<T> net(p.layers);
  Trace tr;
  // Divergence (common/convergence.hpp) at every iteration and at the final iterate, against
  // the first loss of the iteration's phase; the last phase's losses give the status.
  double start = NAN;
  std::vector<double> last_phase;
  auto check = [&](double loss, long t, double factor = convergence::kBlowUpFactor) {
    if (convergence::loss_diverged(loss, start, factor))
      throw Error("training diverged at iteration " + std::to_string(t) + " (train loss " + format_double(loss) +
                  ", its phase started at " + format_double(start) + "): lower --lr (--lr " + format_double(cfg.lr) +
                  ")");
  };
  Progress progress("mc_trace", static_cast<double>(cfg.steps), true);  // the hook only (Python)
  for (long t = 0; t < cfg.steps; ++t) {
    const bool deficit = t <= cfg.switch_at;
    const ObservationSet& obs = deficit ? first : all;
    const std::vector<T>& y = deficit ? y1 : y2;
    const Eigen::MatrixXd W = net.end_to_end();
    tr.train_loss.push_back(train_loss_at(W, obs, y));
    tr.test_error.push_back(test_error(W, deficit ? M1 : M2));
    if (t == 0 || t == cfg.switch_at + 1) start = tr.train_loss.back(), last_phase.clear();
    last_phase.push_back(tr.train_loss.back());
    check(tr.train_loss.back(), t);
    net.step(obs, y, static_cast<T>(cfg.lr));
    progress.update(static_cast<double>(t + 1));
  }
  progress.finish();
  // The last phase: the deficit's if the run ends in it.
  const bool ends_in_deficit = cfg.steps - 1 <= cfg.switch_at;
  const std::vector<T>& y_last = ends_in_deficit ? y1 : y2;
  const double final_loss = train_loss_at(net.end_to_end(), ends_in_deficit ? first : all, y_last);
  check(final_loss, cfg.steps, convergence::kDivergenceFactor);
  last_phase.push_back(final_loss);
  tr.status = convergence::classify(last_phase,
                                    cfg.use_double ? convergence::kDoubleTolerances : convergence::kFloatTolerances,
                                    zero_prediction_loss(y_last))
                  .status;
  tr.layers = net.layers();
  return tr;
}

}  // namespace

DataTable trajectory_table(const Trace& tr) {
  DataTable t({"step", "train_loss", "test_error"});
  for (size_t s = 0; s < tr.train_loss.size(); ++s) t.row(static_cast<long>(s), tr.train_loss[s], tr.test_error[s]);
  return t;
}

Trace run_trace(const Problem& p, const TraceConfig& cfg) {
  cfg.validate();
  return cfg.use_double ? run_typed<double>(p, cfg) : run_typed<float>(p, cfg);
}

}  // namespace clp::completion
