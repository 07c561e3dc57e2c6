// The onset study (ours; docs/onset.md): the learning time of task 1 that the deep-linear
// theory predicts, from the problem's own scale, and the switch times set as multiples of it.
//
// The step minimizes L = (1/(2n)) sum over the n observed entries of (W_uv - M_uv)^2; for
// uniformly drawn entries its expected gradient is that of (1/(2 N^2)) ||W - M||_F^2, so a
// mode of a balanced depth-D network follows d sigma/dt = (lr / N^2) D sigma^(2 - 2/D) (s - sigma)
// (Saxe, McClelland, Ganguli, ICLR 2014; Arora, Cohen, Hu, Luo, NeurIPS 2019), t in steps.
#pragma once
#include <Eigen/Dense>

#include "completion/sweep.hpp"

namespace clp::completion {

// The data columns of a run whose switch times are multiples of t* (final_error.tsv).
inline constexpr const char* kPredictedTimeColumn = "t_pred";  // t*, whole steps
inline constexpr const char* kLearnTimeColumn = "t_learn";     // measured on the trunk, steps

// The time (steps) for a mode with target singular value s to grow from sigma_0 = g to s/2
// under the mode ODE above, to leading order in g / s (docs/onset.md, section 1):
//   D = 2:  N^2 ln(s / g) / (2 lr s)
//   D >= 3: N^2 g^(-(D-2)/D) / ((D - 2) lr s)
// Requires depth >= 2, 0 < g < s, lr > 0 (throws clp::Error otherwise).
double predicted_learning_time(int N, int depth, double g, double lr, double s);

// The root-mean-square of the nonzero singular values of a rank-`rank` matrix: ||M||_F / sqrt(rank)
// (N / sqrt(rank) for our tasks, normalized to ||M||_F = N).
double rms_singular_value(const Eigen::MatrixXd& M, int rank);

// With cfg.switch_multiples set: t* of task 1 (cfg.t_pred, rounded to whole steps; s the rms
// singular value of the drawn task 1, or of `problem`'s) and switch_times = round(m_k t*).
// Throws clp::Error naming --switch-at-multiples if two multiples give the same step.
void resolve_switch_multiples(SweepConfig& cfg, const Problem* problem);

}  // namespace clp::completion
