// The hierarchical dataset of the two-pathway experiments (paper Sec. 3, after Saxe et al.).
//
// 8 items with one-hot inputs (X = I_8, one item per column) and 15 binary features:
// feature 1 = every item; features 2-3 = items 1-4 / items 5-8; features 4-7 = item pairs
// {1,2} {3,4} {5,6} {7,8}; features 8-15 = the item's identity.
// The network maps X to Y^T X (15 by 8). The modes are the singular vectors of
// Y^T X = U S V^T, and the ODE's targets are s_alpha = S_alpha (the singular values of
// Y^T X itself, i.e. 8 times those of Sigma_yx = Y^T X / 8): sqrt(15), sqrt(7),
// sqrt(3) (twice), 1 (four times).
#pragma once
#include <Eigen/Dense>

namespace clp::twopath {

// Items, and modes of the target (8 items, 15 features: 8 modes).
inline constexpr int kHierarchicalModes = 8;

struct HierarchicalData {
  Eigen::MatrixXd X;       // 8 by 8 inputs, one item per column (= I_8)
  Eigen::MatrixXd Y;       // 8 by 15, items by features
  Eigen::MatrixXd target;  // 15 by 8, Y^T X: the input-output map to learn
  Eigen::MatrixXd U;       // 15 by 15, left singular vectors of target (full basis)
  Eigen::MatrixXd V;       // 8 by 8, right singular vectors
  Eigen::VectorXd s;       // 8 singular values of target, descending

  int inputs() const { return static_cast<int>(X.rows()); }
  int outputs() const { return static_cast<int>(target.rows()); }
  int modes() const { return static_cast<int>(s.size()); }
  // K = U^T W V (15 by 8) of an input-output map W (15 by 8).
  Eigen::MatrixXd modes_of(const Eigen::MatrixXd& W) const { return U.transpose() * W * V; }
};

HierarchicalData make_hierarchical_dataset();

}  // namespace clp::twopath
