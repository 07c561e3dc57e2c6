#include "completion/effective_rank.hpp"

#include <cmath>

namespace clp::completion {

int threshold_rank(const Eigen::VectorXd& sv, double fraction) {
  if (sv.size() == 0) return 0;
  const double top = sv.maxCoeff();
  if (!(top > 0)) return 0;
  int count = 0;
  for (Eigen::Index i = 0; i < sv.size(); ++i) count += sv(i) > fraction * top;
  return count;
}

double entropy_rank(const Eigen::VectorXd& sv) {
  const double total = sv.sum();
  if (!(total > 0)) return 0;
  double h = 0;
  for (Eigen::Index i = 0; i < sv.size(); ++i) {
    const double p = sv(i) / total;
    if (p > 0) h -= p * std::log(p);
  }
  return std::exp(h);
}

EffectiveRank effective_rank(const Eigen::MatrixXd& W, double fraction) {
  Eigen::BDCSVD<Eigen::MatrixXd> svd(W);
  const Eigen::VectorXd sv = svd.singularValues();
  return {threshold_rank(sv, fraction), entropy_rank(sv)};
}

}  // namespace clp::completion
