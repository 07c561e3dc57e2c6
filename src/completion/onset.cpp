#include "completion/onset.hpp"

#include <cmath>
#include <string>

#include "common/error.hpp"
#include "common/format.hpp"
#include "common/rng.hpp"
#include "completion/problem.hpp"
#include "completion/problem_file.hpp"

namespace clp::completion {

double predicted_learning_time(int N, int depth, double g, double lr, double s) {
  require(depth >= 2, "the predicted learning time needs depth >= 2 (got " + std::to_string(depth) + ")");
  require(g > 0 && s > g && lr > 0, "the predicted learning time needs 0 < g < s and lr > 0 (g " + format_double(g) +
                                        ", s " + format_double(s) + ", lr " + format_double(lr) + ")");
  const double N2 = double(N) * double(N);
  if (depth == 2) return N2 * std::log(s / g) / (2 * lr * s);
  const double D = depth;
  return N2 * std::pow(g, -(D - 2) / D) / ((D - 2) * lr * s);
}

double rms_singular_value(const Eigen::MatrixXd& M, int rank) { return M.norm() / std::sqrt(double(rank)); }

void resolve_switch_multiples(SweepConfig& cfg, const Problem* problem) {
  if (cfg.switch_multiples.empty()) return;
  const Eigen::MatrixXd task1 =
      problem ? problem->task1 : make_ground_truth(cfg.N, cfg.rank1, derive_seed(cfg.seed, kTask1));
  const double t = predicted_learning_time(cfg.N, cfg.depth, cfg.g, cfg.lr, rms_singular_value(task1, cfg.rank1));
  cfg.t_pred = std::lround(t);
  require(cfg.t_pred >= 1, "--switch-at-multiples: the predicted learning time " + format_double(t) +
                               " rounds to no step; raise --N or lower --lr");
  cfg.switch_times.clear();
  for (double m : cfg.switch_multiples) {
    const long step = std::lround(m * double(cfg.t_pred));
    require(cfg.switch_times.empty() || step > cfg.switch_times.back(),
            "--switch-at-multiples: " + format_double(m) + " x t* (" + std::to_string(cfg.t_pred) +
                " steps) rounds to the same step as the multiple before it; space the multiples further apart");
    cfg.switch_times.push_back(step);
  }
}

}  // namespace clp::completion
