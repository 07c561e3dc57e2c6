// The singular-value dynamics of a balanced deep factorization (Arora, Cohen, Hu, Luo 2019,
// "Implicit Regularization in Deep Matrix Factorization", Thm 3 and Lemma 2).
//
// Under gradient flow on W = W_D ... W_1 from a balanced start, with G = dLoss/dW and
// W = U S V^T (U, V N by N orthogonal, S = diag(s)):
//   ds_r/dt = -D s_r^(2 - 2/D) <G, u_r v_r^T> = -D s_r^(2 - 2/D) A_rr,   A = U^T G V
//   dU/dt   = U K_U,  K_U = -(F o (A S + S A^T))
//   dV/dt   = V K_V,  K_V = -(F o (S A + A^T S))
//   F_rr' = 1 / (s_r'^(2/D) - s_r^(2/D)) for r != r', F_rr = 0   (o = elementwise)
// (the terms (I - U U^T) G V S^(1-2/D) of SPEC vanish for square orthogonal U, V).
// F is antisymmetric and both brackets symmetric, so K_U and K_V are antisymmetric.
//
// Two integrators of step eta:
//  - sv_reference_step (SPEC's): W <- U S V^T + eta (dU S V^T + U dS V^T + U S dV^T), then
//    a full SVD of the new W.
//  - SvOde::step: s <- s + eta ds, U <- U cay(eta K_U), V <- V cay(eta K_V), with the Cayley
//    transform cay(K) = (I - K/2)^-1 (I + K/2): orthogonal for antisymmetric K and equal to
//    I + K to first order, so it is the same Euler step without re-decomposing
//    (the singular vectors move little per step). A test compares the two.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "completion/factorization.hpp"
#include "completion/gemm.hpp"

namespace clp::completion {

struct SvState {
  Eigen::MatrixXd U, V;  // N by N, orthogonal
  Eigen::VectorXd s;     // N singular values (in the order of U's and V's columns, not sorted)
  Eigen::MatrixXd W() const { return U * s.asDiagonal() * V.transpose(); }
};

// State of a diagonal matrix W (the identity-plus-jitter start): U = V = I up to signs.
SvState sv_state_of_diagonal(const Eigen::VectorXd& diag);

// F for depth D (N by N, antisymmetric, zero diagonal). Throws clp::Error if two singular
// values coincide (F undefined).
Eigen::MatrixXd sv_F(const Eigen::VectorXd& s, int depth);

struct SvDerivative {
  Eigen::VectorXd ds;
  Eigen::MatrixXd KU, KV;  // dU = U KU, dV = V KV
};

// The derivatives at state x given A = U^T G V.
void sv_derivative(SvDerivative& d, const SvState& x, const Eigen::MatrixXd& A, int depth);

// The dense gradient G = dLoss/dW = (1/n) P_obs(W - M) of the completion loss.
Eigen::MatrixXd completion_gradient(const Eigen::MatrixXd& W, const ObservationSet& obs, const std::vector<double>& y);

// SPEC's step: the Euler update of W, then a full SVD (BDCSVD). Returns the loss.
double sv_reference_step(SvState& x, const ObservationSet& obs, const std::vector<double>& y, int depth,
                         double eta);

// How cayley_rotate solved for X: by an LU without row exchanges (I - K/2 column diagonally
// dominant, as it is for the small steps of SvOde) or, otherwise, Eigen's LU with partial
// pivoting.
enum class CayleySolve { kUnpivoted, kPivoted };

// U <- U cay(K) for antisymmetric K (U m by N, K N by N; unitless), computed as 2 X - U with
// X (I - K/2) = U: with I - K/2 = L R, one LU of I - K/2 with the rows of U appended below it
// (so that Z = U R^-1 comes out of the LU's own products) and one triangular solve X L = Z,
// their large parts products on gemm.hpp. No errors: a singular I - K/2 (impossible for
// antisymmetric K) gives non-finite entries. cayley_reference: U (I - K/2)^-1 (I + K/2), as written, for the
// tests.
CayleySolve cayley_rotate(Eigen::MatrixXd& U, const Eigen::MatrixXd& K);
Eigen::MatrixXd cayley_reference(const Eigen::MatrixXd& U, const Eigen::MatrixXd& K);

// The fast integrator: the gradient only at observed entries, A = U^T (G V) with G V from
// one pass over the entries, Cayley updates of U and V.
class SvOde {
 public:
  SvOde(SvState start, int depth) : x_(std::move(start)), D_(depth) {}
  // One Euler step of size eta on the completion loss; returns the loss before it.
  double step(const ObservationSet& obs, const std::vector<double>& y, double eta);
  const SvState& state() const { return x_; }
  // The `count` largest singular values, descending.
  std::vector<double> top(int count) const;

 private:
  SvState x_;
  int D_;
  SvDerivative d_;  // its K_U and K_V already multiplied by the step's eta
  Eigen::MatrixXd US_t_, V_t_, GV_t_, At_, A_;
  std::vector<double> e_;  // the residuals of one row of entries (the pass over the entries)
  gemm::Workspace ws_;
};

}  // namespace clp::completion
