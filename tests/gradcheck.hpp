// Finite-difference gradient checking for the tests.
//
// Central differences with step h: (f(x + h e_i) - f(x - h e_i)) / 2h, error O(h^2).
// Comparison rule: |analytic - numeric| <= kAbsTol + kRelTol * |numeric|, element-wise,
// with non-finite values always failing.
#pragma once
#include <Eigen/Dense>
#include <cmath>
#include <functional>

namespace clp::testing {

// Numeric gradient of f at x (x is restored on return).
inline Eigen::MatrixXd numeric_gradient(const std::function<double()>& f, Eigen::MatrixXd& x, double h) {
  Eigen::MatrixXd g(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double saved = x.data()[i];
    x.data()[i] = saved + h;
    const double fp = f();
    x.data()[i] = saved - h;
    const double fm = f();
    x.data()[i] = saved;
    g.data()[i] = (fp - fm) / (2 * h);
  }
  return g;
}

// Largest violation of |a - n| <= abs_tol + rel_tol |n| (<= 0 means every entry passes).
inline double gradient_mismatch(const Eigen::MatrixXd& analytic, const Eigen::MatrixXd& numeric,
                                double abs_tol, double rel_tol) {
  double worst = -INFINITY;
  for (Eigen::Index i = 0; i < analytic.size(); ++i) {
    const double a = analytic.data()[i], n = numeric.data()[i];
    if (!std::isfinite(a) || !std::isfinite(n)) return INFINITY;
    worst = std::max(worst, std::fabs(a - n) - (abs_tol + rel_tol * std::fabs(n)));
  }
  return worst;
}

}  // namespace clp::testing
