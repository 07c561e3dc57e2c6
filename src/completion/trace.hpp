// One gradient-descent trajectory on a problem file, step by step, for the cross-check
// against an independent implementation (make crosscheck: the same loop in PyTorch).
//
// The authors' loop: iteration t = 0 .. steps-1 evaluates the current iterate on the task
// of its phase (task 1, or the first n_deficit entries in subset mode, while t <= switch_at;
// then task 2, or all n entries) and then takes one step of FastFactorization<T> on that
// phase's loss. Recorded per iteration, before its update: the train loss
// (1/(2 n_phase)) sum (W_uv - y_uv)^2 and the test error mean over all N^2 of (W - M)^2 for
// the phase's task, both evaluated in double from W = W_D ... W_1.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "common/convergence.hpp"
#include "common/tsv.hpp"
#include "completion/problem_file.hpp"

namespace clp::completion {

struct TraceConfig {
  long steps = 1000;     // iterations
  long switch_at = -1;   // iterations t <= switch_at use the deficit phase (-1: none)
  double lr = 0.2;
  bool use_double = false;  // FastFactorization<double> instead of <float>

  void validate() const;  // throws clp::Error naming the flag
};

struct Trace {
  std::vector<double> train_loss, test_error;  // one per iteration, before its update
  std::vector<Eigen::MatrixXd> layers;          // W_1 .. W_D after the last update
  // common/convergence.hpp's verdict on the last phase (its train losses and the final
  // iterate's, all in double); a divergence is an error instead.
  convergence::Status status = convergence::Status::kConverged;
};

Trace run_trace(const Problem& p, const TraceConfig& cfg);
// The rows of trajectory.tsv (step, train_loss, test_error; the file and clp.mc_trace() both
// come from it). The status is the file's '# status:' line.
DataTable trajectory_table(const Trace& tr);

}  // namespace clp::completion
