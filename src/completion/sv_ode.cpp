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

namespace {
// sv_derivative given A^T too (its columns are the rows of A), with K_U and K_V multiplied by
// `scale`: a column of F, K_U and K_V at a time, vectorized.
void derivative(SvDerivative& d, const SvState& x, const Eigen::MatrixXd& A, const Eigen::MatrixXd& At, int depth,
                double scale) {
  const auto& s = x.s;
  const int N = static_cast<int>(s.size());
  thread_local Eigen::VectorXd p;
  thread_local Eigen::ArrayXd f;
  p = s.array().pow(2.0 / depth);
  d.ds = -depth * s.array().pow(2.0 - 2.0 / depth) * A.diagonal().array();
  // (A S)_rc = A_rc s_c, (S A^T)_rc = s_r A_cr; (S A)_rc = s_r A_rc, (A^T S)_rc = A_cr s_c;
  // K_U = -(F o (A S + S A^T)), K_V = -(F o (S A + A^T S)).
  d.KU.resize(N, N);
  d.KV.resize(N, N);
  for (int c = 0; c < N; ++c) {
    f = 1.0 / (p(c) - p.array());
    f(c) = 0;
    // The sum is finite when every term is (Eigen's allFinite took as long as the rest of the
    // loop); a sum that overflows from finite terms goes to the exact check, which passes.
    if (!std::isfinite(f.sum()))
      for (int r = 0; r < N; ++r) f_entry(p, s, r, c);  // throws at the first undefined entry
    const auto a = A.col(c).array(), at = At.col(c).array();
    d.KU.col(c) = -(f * (a * s(c) + at * s.array())) * scale;
    d.KV.col(c) = -(f * (s.array() * a + at * s(c))) * scale;
  }
}
}  // namespace

void sv_derivative(SvDerivative& d, const SvState& x, const Eigen::MatrixXd& A, int depth) {
  thread_local Eigen::MatrixXd At;
  At = A.transpose();
  derivative(d, x, A, At, depth, 1.0);
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

CLP_PACKETS_BEGIN
namespace {
// Doubles per SIMD vector.
constexpr int kLanes = Eigen::internal::unpacket_traits<Eigen::internal::packet_traits<double>::type>::size;

// Blocks of at most this many columns are solved or factored by the loops below; larger ones
// are split in two and the coupling between the halves is one product on gemm.hpp. Measured
// side by side on an AVX-512 Zen 5 at N 100 (two Cayley updates): 8 took 97 us, 16 took 106,
// 12 took 136 and 24 took 139; with the first solve taken in the LU (cayley_rotate), a whole
// ODE step 161 us with 8 against 166 with 16.
constexpr int kBase = 8;

// Where a block of n columns splits: near the middle, the first half a multiple of 8 (a
// packet of doubles), so the row blocks of the LU start on a packet boundary.
inline int split(int n) { return std::min(n - 1, (n / 2 + 7) / 8 * 8); }

// The base blocks of the solves below on rows of B held in registers, a packet of rows
// at a time (the rows are independent right-hand sides), the rows past the last whole packet
// one by one; T is the packet type or double. The loops are unrolled (up to kBase) to keep x
// in registers.
// R, L: the triangle negated, column-major NB x NB (so that each update is one fused
// multiply-add; a block of the caller's, copied once, not reloaded from its matrix).
template <int NB, typename T>
inline void right_upper_rows(T* x, const double* R, const double* inv) {
  using namespace Eigen::internal;
  #pragma GCC unroll 16
  for (int i = 0; i < NB; ++i) {
    x[i] = pmul(x[i], pset1<T>(inv[i]));
    #pragma GCC unroll 16
    for (int j = i + 1; j < NB; ++j) x[j] = pmadd(x[i], pset1<T>(R[i + j * NB]), x[j]);
  }
}
template <int NB, typename T>
inline void right_unit_lower_rows(T* x, const double* L) {
  using namespace Eigen::internal;
  #pragma GCC unroll 16
  for (int i = NB - 1; i > 0; --i) {
    #pragma GCC unroll 16
    for (int j = 0; j < i; ++j) x[j] = pmadd(x[i], pset1<T>(L[i + j * NB]), x[j]);
  }
}
// x <- L^-1 x on NB unknowns, x[k] the k-th unknown of a packet of columns.
template <int NB, typename T>
inline void left_unit_lower_rows(T* x, const double* L) {
  using namespace Eigen::internal;
  #pragma GCC unroll 16
  for (int k = 0; k < NB - 1; ++k) {
    #pragma GCC unroll 16
    for (int i = k + 1; i < NB; ++i) x[i] = pmadd(x[k], pset1<T>(L[i + k * NB]), x[i]);
  }
}

// kernel(x) on every row of B (m x NB), x the row's NB entries: a packet of rows at a time
// (x[j] a packet of column j), the rows past the last whole packet one by one (x[j] a double).
template <int NB, typename Kernel>
inline void on_rows(double* B, long ldb, int m, Kernel&& kernel) {
  using namespace Eigen::internal;
  using Packet = packet_traits<double>::type;
  int k = 0;
  for (; k + kLanes <= m; k += kLanes) {
    Packet x[NB];
    #pragma GCC unroll 16
    for (int j = 0; j < NB; ++j) x[j] = ploadu<Packet>(B + j * ldb + k);
    kernel(x);
    #pragma GCC unroll 16
    for (int j = 0; j < NB; ++j) pstoreu(B + j * ldb + k, x[j]);
  }
  for (; k < m; ++k) {
    double x[NB];
    #pragma GCC unroll 16
    for (int j = 0; j < NB; ++j) x[j] = B[j * ldb + k];
    kernel(x);
    #pragma GCC unroll 16
    for (int j = 0; j < NB; ++j) B[j * ldb + k] = x[j];
  }
}

// B (m x NB) <- B R^-1 (R NB x NB upper triangular).
template <int NB>
void right_upper_block(const double* R, long ldr, double* B, long ldb, int m) {
  double inv[NB], t[NB * NB];
  for (int j = 0; j < NB; ++j) {
    inv[j] = 1.0 / R[j + j * ldr];
    for (int i = 0; i < j; ++i) t[i + j * NB] = -R[i + j * ldr];
  }
  on_rows<NB>(B, ldb, m, [&](auto* x) { right_upper_rows<NB>(x, t, inv); });
}

// B (m x NB) <- -(B L^-1) (L NB x NB unit lower triangular).
template <int NB>
void right_unit_lower_block_negated(const double* L, long ldl, double* B, long ldb, int m) {
  using Eigen::internal::pnegate;
  double t[NB * NB];
  for (int j = 0; j < NB; ++j)
    for (int i = j + 1; i < NB; ++i) t[i + j * NB] = -L[i + j * ldl];
  on_rows<NB>(B, ldb, m, [&](auto* x) {
    right_unit_lower_rows<NB>(x, t);
    #pragma GCC unroll 16
    for (int j = 0; j < NB; ++j) x[j] = pnegate(x[j]);
  });
}

// B (NB x m) <- -(L^-1 B) (L NB x NB unit lower triangular): the columns of B are
// independent, so a packet of them is copied to a row-major x (x[i] row i of the packet's
// columns).
template <int NB>
void left_unit_lower_block_negated(const double* L, long ldl, double* B, long ldb, int m) {
  using namespace Eigen::internal;
  using Packet = packet_traits<double>::type;
  double nl[NB * NB];
  for (int k = 0; k < NB; ++k)
    for (int i = k + 1; i < NB; ++i) nl[i + k * NB] = -L[i + k * ldl];
  int c = 0;
  if constexpr (NB == kLanes) {
    // A square block of columns: transposed in registers (Eigen's ptranspose) instead.
    for (; c + kLanes <= m; c += kLanes) {
      PacketBlock<Packet, NB> x;
      #pragma GCC unroll 16
      for (int l = 0; l < NB; ++l) x.packet[l] = ploadu<Packet>(B + (c + l) * ldb);
      ptranspose(x);
      left_unit_lower_rows<NB>(x.packet, nl);
      #pragma GCC unroll 16
      for (int i = 0; i < NB; ++i) x.packet[i] = pnegate(x.packet[i]);
      ptranspose(x);
      #pragma GCC unroll 16
      for (int l = 0; l < NB; ++l) pstoreu(B + (c + l) * ldb, x.packet[l]);
    }
  }
  for (; c + kLanes <= m; c += kLanes) {
    alignas(64) double t[NB][kLanes];
    for (int l = 0; l < kLanes; ++l)
      for (int i = 0; i < NB; ++i) t[i][l] = B[i + (c + l) * ldb];
    Packet x[NB];
    #pragma GCC unroll 16
    for (int i = 0; i < NB; ++i) x[i] = pload<Packet>(t[i]);
    left_unit_lower_rows<NB>(x, nl);
    #pragma GCC unroll 16
    for (int i = 0; i < NB; ++i) pstore(t[i], pnegate(x[i]));
    for (int l = 0; l < kLanes; ++l)
      for (int i = 0; i < NB; ++i) B[i + (c + l) * ldb] = t[i][l];
  }
  for (; c < m; ++c) {
    double* x = B + c * ldb;
    left_unit_lower_rows<NB>(x, nl);
    for (int i = 0; i < NB; ++i) x[i] = -x[i];
  }
}

// The solves below return their result negated, -X: then each coupling between the halves,
// B1 - X2 L21 (or B2 - L21 X1), is B1 + (-X2) L21, a product summed into B1 by
// gemm::product_add (no product buffer, no second pass over B1, no scaling by -1).

// B (m x n) <- -(B L^-1), L n x n unit lower triangular (its diagonal and upper part
// ignored): column j of X = B L^-1 is B_j - sum_{i>j} X_i L_ij, from the last column back.
void solve_right_unit_lower_negated(const double* L, long ldl, double* B, long ldb, int m, int n,
                                    gemm::Workspace& ws) {
  if (n <= kBase) {
    packets::dispatch<kBase>(
        n, [&](auto nb) { right_unit_lower_block_negated<decltype(nb)::value>(L, ldl, B, ldb, m); }, [] {});
    return;
  }
  const int n1 = split(n), n2 = n - n1;
  solve_right_unit_lower_negated(L + n1 + n1 * ldl, ldl, B + n1 * ldb, ldb, m, n2, ws);
  gemm::product_add(m, n1, n2, {B + n1 * ldb, ldb, false}, {L + n1, ldl, false}, B, ldb, ws);
  solve_right_unit_lower_negated(L, ldl, B, ldb, m, n1, ws);
}

// B (n x m) <- -(L^-1 B), L n x n unit lower triangular (its diagonal and upper part ignored).
void solve_left_unit_lower_negated(const double* L, long ldl, double* B, long ldb, int n, int m,
                                   gemm::Workspace& ws) {
  if (n <= kBase) {
    packets::dispatch<kBase>(
        n, [&](auto nb) { left_unit_lower_block_negated<decltype(nb)::value>(L, ldl, B, ldb, m); }, [] {});
    return;
  }
  const int n1 = split(n), n2 = n - n1;
  solve_left_unit_lower_negated(L, ldl, B, ldb, n1, m, ws);
  gemm::product_add(n2, m, n1, {L + n1, ldl, false}, {B, ldb, false}, B + n1, ldb, ws);
  solve_left_unit_lower_negated(L + n1 + n1 * ldl, ldl, B + n1, ldb, n2, m, ws);
}

// A (rows x n, rows >= n): its top n x n block <- L and R of that block = L R without row
// exchanges (L unit lower below the diagonal, R upper), the rows below it <- those rows R^-1.
// Recursively on the columns: the left n1 columns the same way, R12 = L11^-1 A12 (kept
// negated), the trailing rows' Schur complement A22 - A21 R12 = A22 + A21 (-R12) (one product
// over every row below n1), then the trailing block the same way. Extra rows below the square
// block are extra right-hand sides of the solve with R, taken in the same products as the
// factorization's own rows. R comes out with its off-diagonal blocks R12 negated (what the
// recursion reads: only L and the rows below are used after the factorization).
void lu_unpivoted(double* A, long lda, int rows, int n, gemm::Workspace& ws) {
  if (n <= kBase) {
    for (int k = 0; k < n; ++k) {
      double* ak = A + k * lda;
      const double inv = 1.0 / ak[k];
      for (int i = k + 1; i < n; ++i) ak[i] *= inv;
      for (int j = k + 1; j < n; ++j) {
        double* aj = A + j * lda;
        const double r = aj[k];
        for (int i = k + 1; i < n; ++i) aj[i] -= ak[i] * r;
      }
    }
    if (rows > n)
      packets::dispatch<kBase>(
          n, [&](auto nb) { right_upper_block<decltype(nb)::value>(A, lda, A + n, lda, rows - n); }, [] {});
    return;
  }
  const int n1 = split(n), n2 = n - n1;
  lu_unpivoted(A, lda, rows, n1, ws);
  solve_left_unit_lower_negated(A, lda, A + n1 * lda, lda, n1, n2, ws);
  gemm::product_add(rows - n1, n2, n1, {A + n1, lda, false}, {A + n1 * lda, lda, false}, A + n1 + n1 * lda, lda, ws);
  lu_unpivoted(A + n1 + n1 * lda, lda, rows - n1, n2, ws);
}

// M (N x N, leading dimension ldm) <- I - K/2, and whether every column of M is strictly
// diagonally dominant, |M_jj| > sum_{i!=j} |M_ij| (each column checked as it is built: one
// pass over K).
// Then Gaussian elimination with partial pivoting exchanges no rows (the dominance carries
// over to every Schur complement) and elimination without pivoting is stable, its growth
// factor at most 2 (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., Thm 9.9).
bool build_dominant(double* M, long ldm, const Eigen::MatrixXd& K) {
  const int N = static_cast<int>(K.rows());
  bool dominant = true;
  for (int j = 0; j < N; ++j) {
    Eigen::Map<Eigen::VectorXd> m(M + j * ldm, N);
    m = -0.5 * K.col(j);
    m(j) += 1.0;
    dominant = dominant && m.cwiseAbs().sum() < 2 * std::fabs(m(j));
  }
  return dominant;
}
}  // namespace
CLP_PACKETS_END

CayleySolve cayley_rotate(Eigen::MatrixXd& U, const Eigen::MatrixXd& K) {
  // (I - K/2)^-1 (I + K/2) = 2 (I - K/2)^-1 - I, so U cay(K) = 2 X - U with X (I - K/2) = U:
  // an LU and triangular solves, no product with cay(K). Kept between calls: a step allocates
  // nothing.
  thread_local Eigen::MatrixXd A, M;
  thread_local gemm::Workspace ws;
  const int N = static_cast<int>(K.rows()), m = static_cast<int>(U.rows());
  A.resize(N + m, N);
  if (build_dominant(A.data(), N + m, K)) {
    // [M; U] (rows of U below M) factored as [L; Z] R without row exchanges: M = L R and
    // Z = U R^-1 in the same products; then X L = Z, in place on the rows of Z (-X).
    A.bottomRows(m) = U;
    lu_unpivoted(A.data(), N + m, N + m, N, ws);
    solve_right_unit_lower_negated(A.data(), N + m, A.data() + N, N + m, m, N, ws);
    U = -2.0 * A.bottomRows(m) - U;
    return CayleySolve::kUnpivoted;
  }
  // Otherwise the transposed system (I + K/2) X^T = U^T by LU with partial pivoting.
  thread_local Eigen::PartialPivLU<Eigen::MatrixXd> lu;
  thread_local Eigen::MatrixXd Ut, Xt;
  M = 0.5 * K;
  M.diagonal().array() += 1.0;
  lu.compute(M);
  Ut = U.transpose();
  Xt.noalias() = lu.solve(Ut);
  U = 2.0 * Xt.transpose() - U;
  return CayleySolve::kPivoted;
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
// The pass over the observed entries by row u, on columns of C packets (Np = C * width rows,
// padding zero): e_k = <(U S)^T[:, u], V^T[:, v]> - y_k, and (G V)^T[:, u] = sum_k (e_k / n) V^T[:, v].
// Returns the sum of squared residuals. Per row, first every residual (B dot products at a
// time: B independent chains of fused multiply-adds, row u of U S in registers, reduced four
// at a time; each dot the same sum in the same order wherever its entry falls: reduce4 adds
// as predux does), then the row of G V (its C packets in registers, the entries in row
// order). e: scratch of at least the longest row's length.
template <int C>
double sv_entry_pass(const ObservationSet& obs, const std::vector<double>& y, const Eigen::MatrixXd& us_t,
                     const Eigen::MatrixXd& v_t, Eigen::MatrixXd& gv_t, std::vector<double>& e) {
  using namespace Eigen::internal;
  using Packet = packet_traits<double>::type;
  constexpr int W = unpacket_traits<Packet>::size;
  constexpr int B = 8;
  const long ld = us_t.rows();
  const double inv_n = 1.0 / obs.size();
  const auto col = [&](int j) { return v_t.data() + obs.col_by_row[j] * ld; };
  double loss[2] = {0, 0};
  for (int u = 0; u < obs.N; ++u) {
    const int j0 = obs.row_start[u], j1 = obs.row_start[u + 1];
    {
      Packet p[C];
      for (int c = 0; c < C; ++c) p[c] = ploadu<Packet>(us_t.data() + u * ld + c * W);
      int j = j0;
      for (; j + B <= j1; j += B) {
        const double* v[B];
        for (int i = 0; i < B; ++i) v[i] = col(j + i);
        Packet s[B];
        for (int i = 0; i < B; ++i) s[i] = pmul(ploadu<Packet>(v[i]), p[0]);
        for (int c = 1; c < C; ++c)
          for (int i = 0; i < B; ++i) s[i] = pmadd(ploadu<Packet>(v[i] + c * W), p[c], s[i]);
        double d[B];
        for (int i = 0; i < B; i += 4) packets::reduce4(s[i], s[i + 1], s[i + 2], s[i + 3], d + i);
        for (int i = 0; i < B; ++i) e[j - j0 + i] = d[i] - y[obs.by_row[j + i]];
      }
      for (; j < j1; ++j) {
        const double* v = col(j);
        Packet s = pmul(ploadu<Packet>(v), p[0]);
        for (int c = 1; c < C; ++c) s = pmadd(ploadu<Packet>(v + c * W), p[c], s);
        e[j - j0] = predux(s) - y[obs.by_row[j]];
      }
    }
    Packet acc[C];
    for (int c = 0; c < C; ++c) acc[c] = pset1<Packet>(0.0);
    for (int j = j0; j < j1; ++j) {
      const double ej = e[j - j0];
      loss[j % 2] += ej * ej;
      const Packet r = pset1<Packet>(ej * inv_n);
      const double* v = col(j);
      for (int c = 0; c < C; ++c) acc[c] = pmadd(r, ploadu<Packet>(v + c * W), acc[c]);
    }
    for (int c = 0; c < C; ++c) pstoreu(gv_t.data() + u * ld + c * W, acc[c]);
  }
  return loss[0] + loss[1];
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
  gemm::transpose(N, N, x_.U.data(), N, US_t_.data(), Np);
  US_t_.topRows(N) = x_.s.asDiagonal() * US_t_.topRows(N);  // row c of U^T times s_c
  gemm::transpose(N, N, x_.V.data(), N, V_t_.data(), Np);
  int longest = 0;
  for (int u = 0; u < N; ++u) longest = std::max(longest, obs.row_start[u + 1] - obs.row_start[u]);
  if (static_cast<int>(e_.size()) < longest) e_.resize(longest);
  const double loss = packets::dispatch<16>(
      Np / W, [&](auto c) { return sv_entry_pass<decltype(c)::value>(obs, y, US_t_, V_t_, GV_t_, e_); },
      [&] { return sv_entry_pass_generic(obs, y, US_t_, V_t_, GV_t_); });
  // A = U^T G V = ((G V)^T U)^T: the product on gemm.hpp's (libxsmm where built).
  At_.resize(N, N);
  gemm::product(N, N, N, 1.0, {GV_t_.data(), Np, false}, {x_.U.data(), N, false}, false, At_.data(), N, ws_);
  A_.resize(N, N);
  gemm::transpose(N, N, At_.data(), N, A_.data(), N);
  derivative(d_, x_, A_, At_, D_, eta);
  x_.s += eta * d_.ds;
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
