#include "completion/trace.hpp"
#include "completion/params.hpp"

#include <cmath>
#include <string>

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
  Progress progress("mc_trace", static_cast<double>(cfg.steps), true);  // the hook only (Python)
  for (long t = 0; t < cfg.steps; ++t) {
    const bool deficit = t <= cfg.switch_at;
    const ObservationSet& obs = deficit ? first : all;
    const std::vector<T>& y = deficit ? y1 : y2;
    const Eigen::MatrixXd W = net.end_to_end();
    tr.train_loss.push_back(train_loss_at(W, obs, y));
    tr.test_error.push_back(test_error(W, deficit ? M1 : M2));
    const double loss = net.step(obs, y, static_cast<T>(cfg.lr));
    if (!std::isfinite(loss)) throw Error("training diverged at step " + std::to_string(t) + ": lower --lr");
    progress.update(static_cast<double>(t + 1));
  }
  progress.finish();
  tr.layers = net.layers();
  return tr;
}

}  // namespace

Trace run_trace(const Problem& p, const TraceConfig& cfg) {
  cfg.validate();
  return cfg.use_double ? run_typed<double>(p, cfg) : run_typed<float>(p, cfg);
}

}  // namespace clp::completion
