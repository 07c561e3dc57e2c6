#include "twopath/dataset.hpp"

namespace clp::twopath {

HierarchicalData make_hierarchical_dataset() {
  HierarchicalData d;
  const int items = kHierarchicalModes, features = 15;
  d.X = Eigen::MatrixXd::Identity(items, items);
  d.Y = Eigen::MatrixXd::Zero(items, features);
  for (int i = 0; i < items; ++i) {
    d.Y(i, 0) = 1;              // feature 1: every item
    d.Y(i, 1 + i / 4) = 1;      // features 2-3: halves
    d.Y(i, 3 + i / 2) = 1;      // features 4-7: pairs
    d.Y(i, 7 + i) = 1;          // features 8-15: identity
  }
  d.target = d.Y.transpose() * d.X;
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(d.target, Eigen::ComputeFullU | Eigen::ComputeFullV);
  d.U = svd.matrixU();
  d.V = svd.matrixV();
  d.s = svd.singularValues();
  // Fix the sign of each mode so that the first nonzero entry of v_alpha is positive:
  // the basis is then a function of the data alone.
  for (int a = 0; a < d.modes(); ++a) {
    int k = 0;
    while (k < d.V.rows() - 1 && std::abs(d.V(k, a)) < 1e-12) ++k;
    if (d.V(k, a) < 0) {
      d.V.col(a) *= -1;
      d.U.col(a) *= -1;
    }
  }
  return d;
}

}  // namespace clp::twopath
