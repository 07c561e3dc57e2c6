#include "completion/sv_ode.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/error.hpp"

namespace clp::completion {

SvState sv_state_of_diagonal(const Eigen::VectorXd& diag) {
  const int N = static_cast<int>(diag.size());
  SvState x{Eigen::MatrixXd::Identity(N, N), Eigen::MatrixXd::Identity(N, N), diag.cwiseAbs()};
  for (int r = 0; r < N; ++r)
    if (diag(r) < 0) x.U(r, r) = -1;
  return x;
}

Eigen::MatrixXd sv_F(const Eigen::VectorXd& s, int depth) {
  const int N = static_cast<int>(s.size());
  const Eigen::VectorXd p = s.array().pow(2.0 / depth);
  Eigen::MatrixXd F(N, N);
  for (int c = 0; c < N; ++c)
    for (int r = 0; r < N; ++r) {
      if (r == c) {
        F(r, c) = 0;
        continue;
      }
      const double gap = p(c) - p(r);
      if (gap == 0 || !std::isfinite(1.0 / gap))
        throw Error("singular values " + std::to_string(r + 1) + " and " + std::to_string(c + 1) +
                    " became equal (" + std::to_string(s(r)) + "): F is undefined; the ODE cannot continue");
      F(r, c) = 1.0 / gap;
    }
  return F;
}

void sv_derivative(SvDerivative& d, const SvState& x, const Eigen::MatrixXd& A, int depth) {
  const Eigen::MatrixXd F = sv_F(x.s, depth);
  const auto& s = x.s;
  d.ds = -depth * s.array().pow(2.0 - 2.0 / depth) * A.diagonal().array();
  // (A S)_rc = A_rc s_c, (S A^T)_rc = s_r A_cr; (S A)_rc = s_r A_rc, (A^T S)_rc = A_cr s_c.
  const Eigen::MatrixXd AS = A * s.asDiagonal(), SA = s.asDiagonal() * A;
  d.KU = -(F.array() * (AS + AS.transpose()).array()).matrix();
  d.KV = -(F.array() * (SA + SA.transpose()).array()).matrix();
}

Eigen::MatrixXd completion_gradient(const Eigen::MatrixXd& W, const ObservationSet& obs, const std::vector<double>& y) {
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(W.rows(), W.cols());
  const double inv_n = 1.0 / obs.size();
  for (int k = 0; k < obs.size(); ++k) G(obs.row[k], obs.col[k]) = (W(obs.row[k], obs.col[k]) - y[k]) * inv_n;
  return G;
}

namespace {
double loss_at(const Eigen::MatrixXd& G, const ObservationSet& obs) {
  // G holds (W - y) / n at the entries: loss = (n / 2) sum G^2.
  double sum = 0;
  for (int k = 0; k < obs.size(); ++k) sum += G(obs.row[k], obs.col[k]) * G(obs.row[k], obs.col[k]);
  return 0.5 * sum * obs.size();
}

// cay(K) = (I - K/2)^-1 (I + K/2).
Eigen::MatrixXd cayley(const Eigen::MatrixXd& K) {
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(K.rows(), K.cols());
  return (I - 0.5 * K).partialPivLu().solve(I + 0.5 * K);
}
}  // namespace

double sv_reference_step(SvState& x, const ObservationSet& obs, const std::vector<double>& y, int depth,
                         double eta) {
  const Eigen::MatrixXd W = x.W();
  const Eigen::MatrixXd G = completion_gradient(W, obs, y);
  const double loss = loss_at(G, obs);
  SvDerivative d;
  sv_derivative(d, x, x.U.transpose() * G * x.V, depth);
  // W + eta (dU S V^T + U dS V^T + U S dV^T) = U (S + eta (K_U S + dS + S K_V^T)) V^T
  const Eigen::MatrixXd S = x.s.asDiagonal();
  const Eigen::MatrixXd inner = S + eta * (d.KU * S + Eigen::MatrixXd(d.ds.asDiagonal()) + S * d.KV.transpose());
  Eigen::BDCSVD<Eigen::MatrixXd> svd(x.U * inner * x.V.transpose(), Eigen::ComputeFullU | Eigen::ComputeFullV);
  x.U = svd.matrixU();
  x.V = svd.matrixV();
  x.s = svd.singularValues();
  if (!x.s.allFinite()) throw Error("the singular-value ODE diverged: lower the step size");
  return loss;
}

double SvOde::step(const ObservationSet& obs, const std::vector<double>& y, double eta) {
  const int n = obs.size();
  const double inv_n = 1.0 / n;
  // W_uv = <row u of U S, row v of V>, with the rows stored as contiguous columns.
  US_t_.noalias() = (x_.U * x_.s.asDiagonal()).transpose();
  V_t_ = x_.V.transpose();
  GV_t_.setZero(x_.V.cols(), x_.U.rows());
  double loss = 0;
  for (int k = 0; k < n; ++k) {
    const int u = obs.row[k], v = obs.col[k];
    const double e = US_t_.col(u).dot(V_t_.col(v)) - y[k];
    loss += e * e;
    GV_t_.col(u) += (e * inv_n) * V_t_.col(v);  // (G V)^T[:, u] += G_uv V[v, :]^T
  }
  A_.noalias() = (GV_t_ * x_.U).transpose();  // A = U^T G V = ((G V)^T U)^T
  sv_derivative(d_, x_, A_, D_);
  x_.s += eta * d_.ds;
  x_.U = x_.U * cayley(eta * d_.KU);
  x_.V = x_.V * cayley(eta * d_.KV);
  if (!x_.s.allFinite() || !std::isfinite(loss))
    throw Error("the singular-value ODE diverged (not finite): lower the step size");
  return 0.5 * loss * inv_n;
}

std::vector<double> SvOde::top(int count) const {
  std::vector<double> s(x_.s.data(), x_.s.data() + x_.s.size());
  std::partial_sort(s.begin(), s.begin() + count, s.end(), std::greater<>());
  s.resize(count);
  return s;
}

}  // namespace clp::completion
