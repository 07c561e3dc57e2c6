#include "common/rng.hpp"

namespace clp {

Eigen::MatrixXd random_orthogonal(int n, Rng& rng) {
  const Eigen::MatrixXd g = rng.normal_matrix(n, n);
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, n);
  const Eigen::MatrixXd r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (int j = 0; j < n; ++j)
    if (r(j, j) < 0) q.col(j) = -q.col(j);
  return q;
}

}  // namespace clp
