// Effective rank of a matrix from its singular values s_1 >= s_2 >= ... >= 0:
//  - threshold rank: #{i : s_i > f s_1} (0 for the zero matrix), f a stated fraction;
//  - entropy rank (Roy and Vetterli 2007): exp(H(p)), p_i = s_i / sum_j s_j, H(p) =
//    -sum_i p_i log p_i (0 log 0 = 0); 1 for a rank-1 matrix, k for k equal singular
//    values, 0 for the zero matrix.
#pragma once
#include <Eigen/Dense>

namespace clp::completion {

int threshold_rank(const Eigen::VectorXd& sv, double fraction);
double entropy_rank(const Eigen::VectorXd& sv);

struct EffectiveRank {
  int threshold = 0;
  double entropy = 0;
};
// Both, from the singular values of W (Eigen's BDCSVD, values only).
EffectiveRank effective_rank(const Eigen::MatrixXd& W, double fraction);

}  // namespace clp::completion
