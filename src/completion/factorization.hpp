// Gradient descent on a deep linear factorization W = W_D ... W_1 (each N by N) for
// matrix completion: loss L = (1/(2n)) sum over the n observed (u, v) of (W_uv - y_uv)^2,
// every layer updated from the same iterate. One "step" = one such update.
//
// Two implementations of the same step:
//  - reference_step: the plain dense version in double precision (full W = W_D ... W_1,
//    dense gradient G with zeros at unobserved entries, ordinary backpropagation: D - 1
//    products forward, 2 (D - 1) backward, 3 (D - 1) dense products in all). Kept as the
//    reference the fast one is tested on.
//  - FastFactorization<T>::step: uses the structure. G is nonzero only at the n observed
//    entries, so W is needed only there: with P = W_{D-1} ... W_1 (D - 2 dense products),
//    W_uv = <row u of W_D, column v of P>. Then Y = W_D^T G (one pass over the entries by
//    column), dW_D = G P^T (one pass by row, applied in place), and the backward chain
//    through W_{D-1} .. W_1 costs 2 (D - 2) dense products. For D = 3 that is 3 dense
//    N^3 products plus 3 sparse passes of 2 n N flops: 6.0 + 1.2 MFLOP at N = 100,
//    n = 2000, against 6 dense products (12 MFLOP) for the naive step.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "completion/gemm.hpp"
#include "completion/problem.hpp"

namespace clp::completion {

// The observed entries arranged for the fast kernel: sorted by column, with an index that
// lists each row's entries for the row-wise pass.
struct ObservationSet {
  int N = 0;
  std::vector<int> col_start;  // N + 1: column v's entries are [col_start[v], col_start[v+1])
  std::vector<int> row;        // row u of each entry (column order)
  std::vector<int> col;        // column v of each entry (column order)
  std::vector<int> row_start;  // N + 1: row u's entries are by_row[row_start[u] .. row_start[u+1])
  std::vector<int> by_row;     // entry index (column order) in row order
  std::vector<int> col_by_row; // column v of each entry, in row order (col[by_row[j]])
  int size() const { return static_cast<int>(row.size()); }
};

ObservationSet arrange(int N, const std::vector<Entry>& entries);

// The targets M_uv at the entries of obs, in its (column) order.
template <typename T>
std::vector<T> targets_at(const ObservationSet& obs, const Eigen::MatrixXd& M) {
  std::vector<T> y(obs.size());
  for (int k = 0; k < obs.size(); ++k) y[k] = static_cast<T>(M(obs.row[k], obs.col[k]));
  return y;
}

// (1/(2 n)) sum over the entries of obs of (W_uv - y_k)^2, in double (W N by N, double).
template <typename T>
double train_loss_at(const Eigen::MatrixXd& W, const ObservationSet& obs, const std::vector<T>& y) {
  double sum = 0;
  for (int k = 0; k < obs.size(); ++k) {
    const double e = W(obs.row[k], obs.col[k]) - static_cast<double>(y[k]);
    sum += e * e;
  }
  return 0.5 * sum / obs.size();
}

// The loss of the zero prediction W = 0 on these targets, (1/(2 n)) sum_k y_k^2: the scale
// of a phase's loss: the reference of the convergence rule (common/convergence.hpp).
template <typename T>
double zero_prediction_loss(const std::vector<T>& y) {
  double sum = 0;
  for (T v : y) sum += static_cast<double>(v) * static_cast<double>(v);
  return y.empty() ? 0.0 : 0.5 * sum / y.size();
}

// The top `count` singular values of W, descending.
std::vector<double> top_singular_values(const Eigen::MatrixXd& W, int count);

// The trunk-and-branch schedule of the sweeps (run_sweep, run_ode_vs_gd): one trunk state
// advanced by step(trunk, t) for t = 0, 1, ... through the branch points (increasing), and
// at each point i a copy of it handed to on_branch(i, copy): the steps before a branch
// point are computed once for every branch.
template <class State, class Step, class OnBranch>
void trunk_and_branches(State& trunk, const std::vector<long>& points, Step&& step, OnBranch&& on_branch) {
  long t = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    for (; t < points[i]; ++t) step(trunk, t);
    on_branch(i, State(trunk));
  }
}

// Shrink and perturb (Ash & Adams 2020) of every layer: W_j <- lambda W_j + sigma xi_j, xi_j
// i.i.d. standard normal, drawn from `seed` for W_1 .. W_D in turn (column by column). With
// sigma = 0 the end-to-end map is scaled by lambda^D.
std::vector<Eigen::MatrixXd> shrink_and_perturb(const std::vector<Eigen::MatrixXd>& layers, double lambda,
                                                double sigma, std::uint64_t seed);

// The naive reference step in double. Returns the loss before the step.
double reference_step(std::vector<Eigen::MatrixXd>& layers, const ObservationSet& obs,
                      const std::vector<double>& y, double lr);

// The loss and its gradient with respect to every layer (reference, dense, double).
double reference_gradient(std::vector<Eigen::MatrixXd>& grads, const std::vector<Eigen::MatrixXd>& layers,
                          const ObservationSet& obs, const std::vector<double>& y);

// The structured step in precision T (float for the figures, double for tests).
template <typename T>
class FastFactorization {
 public:
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

  // layers[0] = W_1 ... layers[D-1] = W_D, each N by N.
  explicit FastFactorization(const std::vector<Eigen::MatrixXd>& layers);

  // One gradient-descent step; returns the loss before it. With weight decay wd > 0 the step
  // is gradient descent on L + (wd / 2) sum_j ||W_j||_F^2: W_j <- W_j - lr (dL/dW_j + wd W_j),
  // every term at the same iterate (the returned loss is L alone).
  double step(const ObservationSet& obs, const std::vector<T>& y, T lr, T wd = T(0));

  std::vector<Eigen::MatrixXd> layers() const;  // W_1 .. W_D in double
  Eigen::MatrixXd end_to_end() const;           // W = W_D ... W_1 in double

 private:
  // The matrices read column by column in the passes over the entries (W_1, the prefix
  // products, W_D^T, delta) are stored with Np >= N rows, Np a multiple of the SIMD width,
  // the extra rows zero: every column is then a whole number of vector registers and the
  // passes run on compile-time-sized columns. Dense products use the top N rows.
  int N_, Np_, D_;
  std::vector<Mat> W_;  // W_1 (Np by N) .. W_{D-1} (N by N)
  Mat last_t_;          // W_D^T, Np by N (its columns are W_D's rows)
  std::vector<Mat> prefix_;  // prefix_[j] = W_{j+1} ... W_1 (Np by N) for j = 1 .. D-2
  Mat delta_, tmp_;          // Np by N
  std::vector<T> r_;
  std::vector<Mat> old_;  // the iterate before a step with weight decay
  gemm::Workspace ws_;    // the dense products' kernels and buffers (gemm.hpp: libxsmm or Eigen)

  double plain_step(const ObservationSet& obs, const std::vector<T>& y, T lr);
  double entry_passes(const ObservationSet& obs, const std::vector<T>& y, T lr, const Mat& P);
  template <int NP>
  double entry_passes_chunked(const ObservationSet& obs, const std::vector<T>& y, T lr, const Mat& P);
  template <int NP>
  double entry_passes_fixed(const ObservationSet& obs, const std::vector<T>& y, T lr, const Mat& P);
  double entry_passes_generic(const ObservationSet& obs, const std::vector<T>& y, T lr, const Mat& P);
};

extern template class FastFactorization<float>;
extern template class FastFactorization<double>;

}  // namespace clp::completion
