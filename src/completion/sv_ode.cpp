#include "completion/sv_ode.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/error.hpp"
#include "completion/packets.hpp"

namespace clp::completion {

SvState sv_state_of_diagonal(const Eigen::VectorXd& diag) {
  const int N = static_cast<int>(diag.size());
  SvState x{Eigen::MatrixXd::Identity(N, N), Eigen::MatrixXd::Identity(N, N), diag.cwiseAbs()};
  for (int r = 0; r < N; ++r)
    if (diag(r) < 0) x.U(r, r) = -1;
  return x;
}

namespace {
// F_rc = 1 / (p_c - p_r) for r != c (p = s^(2/D)), 0 on the diagonal; throws where undefined.
inline double f_entry(const Eigen::VectorXd& p, const Eigen::VectorXd& s, int r, int c) {
  if (r == c) return 0;
  const double gap = p(c) - p(r);
  if (gap == 0 || !std::isfinite(1.0 / gap))
    throw Error("singular values " + std::to_string(r + 1) + " and " + std::to_string(c + 1) + " became equal (" +
                std::to_string(s(r)) + "): F is undefined; the ODE cannot continue");
  return 1.0 / gap;
}
}  // namespace

Eigen::MatrixXd sv_F(const Eigen::VectorXd& s, int depth) {
  const int N = static_cast<int>(s.size());
  const Eigen::VectorXd p = s.array().pow(2.0 / depth);
  Eigen::MatrixXd F(N, N);
  for (int c = 0; c < N; ++c)
    for (int r = 0; r < N; ++r) F(r, c) = f_entry(p, s, r, c);
  return F;
}

void sv_derivative(SvDerivative& d, const SvState& x, const Eigen::MatrixXd& A, int depth) {
  const auto& s = x.s;
  const int N = static_cast<int>(s.size());
  thread_local Eigen::VectorXd p;
  p = s.array().pow(2.0 / depth);
  d.ds = -depth * s.array().pow(2.0 - 2.0 / depth) * A.diagonal().array();
  // One pass, no temporaries: (A S)_rc = A_rc s_c, (S A^T)_rc = s_r A_cr; (S A)_rc = s_r A_rc,
  // (A^T S)_rc = A_cr s_c; K_U = -(F o (A S + S A^T)), K_V = -(F o (S A + A^T S)).
  d.KU.resize(N, N);
  d.KV.resize(N, N);
  for (int c = 0; c < N; ++c)
    for (int r = 0; r < N; ++r) {
      const double f = f_entry(p, s, r, c), a = A(r, c), at = A(c, r);
      d.KU(r, c) = -(f * (a * s(c) + at * s(r)));
      d.KV(r, c) = -(f * (s(r) * a + at * s(c)));
    }
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

}  // namespace

// U cay(K) with cay(K) = (I - K/2)^-1 (I + K/2), the definition (two products and a solve).
Eigen::MatrixXd cayley_reference(const Eigen::MatrixXd& U, const Eigen::MatrixXd& K) {
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(K.rows(), K.cols());
  return U * (I - 0.5 * K).partialPivLu().solve(I + 0.5 * K);
}

void cayley_rotate(Eigen::MatrixXd& U, const Eigen::MatrixXd& K) {
  // (I - K/2)^-1 (I + K/2) = 2 (I - K/2)^-1 - I, so U cay(K) = 2 X - U with X (I - K/2) = U,
  // i.e. (I + K/2) X^T = U^T (K is antisymmetric): one LU and one solve, no product.
  // Kept between calls: a step allocates nothing.
  thread_local Eigen::MatrixXd M, Ut, Xt;
  thread_local Eigen::PartialPivLU<Eigen::MatrixXd> lu;
  M = 0.5 * K;
  M.diagonal().array() += 1.0;
  lu.compute(M);
  Ut = U.transpose();
  Xt.noalias() = lu.solve(Ut);
  U = 2.0 * Xt.transpose() - U;
}

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

CLP_PACKETS_BEGIN
namespace {
// Doubles per SIMD vector.
constexpr int kLanes = Eigen::internal::unpacket_traits<Eigen::internal::packet_traits<double>::type>::size;

// The pass over the observed entries by row u, on columns of C packets (Np = C * width rows,
// padding zero): e_k = <(U S)^T[:, u], V^T[:, v]> - y_k, and (G V)^T[:, u] = sum_k (e_k / n) V^T[:, v].
// Returns the sum of squared residuals.
template <int C>
double sv_entry_pass(const ObservationSet& obs, const std::vector<double>& y, const Eigen::MatrixXd& us_t,
                     const Eigen::MatrixXd& v_t, Eigen::MatrixXd& gv_t) {
  using namespace Eigen::internal;
  using Packet = packet_traits<double>::type;
  constexpr int W = unpacket_traits<Packet>::size;
  const long ld = us_t.rows();
  const double inv_n = 1.0 / obs.size();
  double loss0 = 0, loss1 = 0;
  for (int u = 0; u < obs.N; ++u) {
    Packet p[C], acc[C];
    for (int c = 0; c < C; ++c) {
      p[c] = ploadu<Packet>(us_t.data() + u * ld + c * W);
      acc[c] = pset1<Packet>(0.0);
    }
    for (int j = obs.row_start[u]; j < obs.row_start[u + 1]; ++j) {
      const double* vv = v_t.data() + obs.col_by_row[j] * ld;
      const double e = packets::dot<C>(vv, p) - y[obs.by_row[j]];
      if (j % 2) loss1 += e * e;
      else loss0 += e * e;
      const Packet r = pset1<Packet>(e * inv_n);
      for (int c = 0; c < C; ++c) acc[c] = pmadd(r, ploadu<Packet>(vv + c * W), acc[c]);
    }
    for (int c = 0; c < C; ++c) pstoreu(gv_t.data() + u * ld + c * W, acc[c]);
  }
  return loss0 + loss1;
}

// The same pass on columns of any length.
double sv_entry_pass_generic(const ObservationSet& obs, const std::vector<double>& y, const Eigen::MatrixXd& us_t,
                             const Eigen::MatrixXd& v_t, Eigen::MatrixXd& gv_t) {
  const double inv_n = 1.0 / obs.size();
  double loss = 0;
  gv_t.setZero();
  for (int k = 0; k < obs.size(); ++k) {
    const int u = obs.row[k], v = obs.col[k];
    const double e = us_t.col(u).dot(v_t.col(v)) - y[k];
    loss += e * e;
    gv_t.col(u) += (e * inv_n) * v_t.col(v);
  }
  return loss;
}
}  // namespace
CLP_PACKETS_END

double SvOde::step(const ObservationSet& obs, const std::vector<double>& y, double eta) {
  const int n = obs.size(), N = static_cast<int>(x_.s.size());
  constexpr int W = kLanes;
  const int Np = (N + W - 1) / W * W;
  // W_uv = <row u of U S, row v of V>, with the rows stored as contiguous columns of Np
  // rows (the padding rows zero).
  if (US_t_.rows() != Np) {
    US_t_ = Eigen::MatrixXd::Zero(Np, N);
    V_t_ = Eigen::MatrixXd::Zero(Np, N);
    GV_t_ = Eigen::MatrixXd::Zero(Np, N);
  }
  US_t_.topRows(N).noalias() = (x_.U * x_.s.asDiagonal()).transpose();
  V_t_.topRows(N) = x_.V.transpose();
  const double loss = packets::dispatch<16>(
      Np / W, [&](auto c) { return sv_entry_pass<decltype(c)::value>(obs, y, US_t_, V_t_, GV_t_); },
      [&] { return sv_entry_pass_generic(obs, y, US_t_, V_t_, GV_t_); });
  // A = U^T G V = ((G V)^T U)^T: the product on gemm.hpp's (libxsmm where built).
  At_.resize(N, N);
  gemm::product(N, N, N, 1.0, {GV_t_.data(), Np, false}, {x_.U.data(), N, false}, false, At_.data(), N, ws_);
  A_ = At_.transpose();
  sv_derivative(d_, x_, A_, D_);
  x_.s += eta * d_.ds;
  d_.KU *= eta;
  d_.KV *= eta;
  cayley_rotate(x_.U, d_.KU);
  cayley_rotate(x_.V, d_.KV);
  if (!x_.s.allFinite() || !std::isfinite(loss))
    throw Error("the singular-value ODE diverged (not finite): lower the step size");
  return 0.5 * loss / n;
}

std::vector<double> SvOde::top(int count) const {
  std::vector<double> s(x_.s.data(), x_.s.data() + x_.s.size());
  std::partial_sort(s.begin(), s.begin() + count, s.end(), std::greater<>());
  s.resize(count);
  return s;
}

}  // namespace clp::completion
