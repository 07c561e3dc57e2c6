#include "completion/factorization.hpp"

#include <algorithm>

#include "common/rng.hpp"
#include "completion/gemm.hpp"
#include "completion/packets.hpp"

namespace clp::completion {

ObservationSet arrange(int N, const std::vector<Entry>& entries) {
  ObservationSet o;
  o.N = N;
  std::vector<Entry> sorted = entries;
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry& a, const Entry& b) { return a.v != b.v ? a.v < b.v : a.u < b.u; });
  const int n = static_cast<int>(sorted.size());
  o.col_start.assign(N + 1, 0);
  o.row_start.assign(N + 1, 0);
  for (const Entry& e : sorted) {
    o.row.push_back(e.u);
    o.col.push_back(e.v);
    ++o.col_start[e.v + 1];
    ++o.row_start[e.u + 1];
  }
  for (int i = 0; i < N; ++i) o.col_start[i + 1] += o.col_start[i], o.row_start[i + 1] += o.row_start[i];
  o.by_row.resize(n);
  std::vector<int> fill(o.row_start.begin(), o.row_start.end() - 1);
  for (int k = 0; k < n; ++k) o.by_row[fill[o.row[k]]++] = k;  // k ascending: columns ascending per row
  o.col_by_row.resize(n);
  for (int j = 0; j < n; ++j) o.col_by_row[j] = o.col[o.by_row[j]];
  return o;
}

double reference_gradient(std::vector<Eigen::MatrixXd>& grads, const std::vector<Eigen::MatrixXd>& layers,
                          const ObservationSet& obs, const std::vector<double>& y) {
  const int D = static_cast<int>(layers.size()), N = obs.N, n = obs.size();
  // Workspace kept between calls: re-allocating 80 KB matrices every step made glibc
  // return and re-fault the pages, which dominated the time (mostly system time).
  thread_local std::vector<Eigen::MatrixXd> F;
  thread_local Eigen::MatrixXd G, delta;
  F.resize(D);
  // Forward: prefix products F_j = W_j ... W_1 and the full W = F_D.
  F[0] = layers[0];
  for (int j = 1; j < D; ++j) F[j] = layers[j] * F[j - 1];
  // Dense gradient of the loss with respect to W: zero at unobserved entries.
  G.setZero(N, N);
  double loss = 0;
  for (int k = 0; k < n; ++k) {
    const double e = F[D - 1](obs.row[k], obs.col[k]) - y[k];
    loss += e * e;
    G(obs.row[k], obs.col[k]) = e / n;
  }
  // Backward: delta_j = (W_D ... W_{j+1})^T G, dW_j = delta_j F_{j-1}^T (F_0 = I).
  grads.resize(D);
  delta = G;
  for (int j = D - 1; j >= 0; --j) {
    if (j == 0) {
      grads[0] = delta;
      break;
    }
    grads[j].noalias() = delta * F[j - 1].transpose();
    G.noalias() = layers[j].transpose() * delta;  // G is free now: use it as scratch
    delta.swap(G);
  }
  return 0.5 * loss / n;
}

std::vector<double> top_singular_values(const Eigen::MatrixXd& W, int count) {
  Eigen::BDCSVD<Eigen::MatrixXd> svd(W);  // values only
  const Eigen::VectorXd s = svd.singularValues();
  return {s.data(), s.data() + count};
}

double reference_step(std::vector<Eigen::MatrixXd>& layers, const ObservationSet& obs,
                      const std::vector<double>& y, double lr) {
  thread_local std::vector<Eigen::MatrixXd> grads;
  const double loss = reference_gradient(grads, layers, obs, y);
  for (size_t j = 0; j < layers.size(); ++j) layers[j] -= lr * grads[j];
  return loss;
}

namespace {
// Rows of padded storage: N rounded up to a whole number of 64-byte vectors.
template <typename T>
int padded_rows(int N) {
  constexpr int lanes = 64 / sizeof(T);
  return (N + lanes - 1) / lanes * lanes;
}

// Columns of more 64-byte vectors than this take the passes over the entries a chunk of
// packets at a time (entry_passes_chunked); shorter ones hold a whole column in registers
// (entry_passes_fixed). Measured side by side on an AVX-512 Zen 5 (16-float packets): at N 400
// (25 packets) the chunked passes make the depth-2 step 1.2-1.3x faster, at N 200 (13
// packets) about 15% slower, at N 100 (7 packets) slower still (docs/performance.md).
constexpr int kChunked = 16;
}  // namespace

template <typename T>
FastFactorization<T>::FastFactorization(const std::vector<Eigen::MatrixXd>& layers)
    : N_(static_cast<int>(layers.front().rows())), Np_(padded_rows<T>(N_)), D_(static_cast<int>(layers.size())) {
  auto padded = [&](const Eigen::MatrixXd& m) {
    Mat out = Mat::Zero(Np_, N_);
    out.topRows(N_) = m.cast<T>();
    return out;
  };
  for (int j = 0; j + 1 < D_; ++j) W_.push_back(j == 0 ? padded(layers[0]) : Mat(layers[j].cast<T>()));
  last_t_ = padded(layers.back().transpose());
  prefix_.resize(std::max(D_ - 1, 1));
  for (int j = 1; j + 1 < D_; ++j) prefix_[j] = Mat::Zero(Np_, N_);
  delta_ = Mat::Zero(Np_, N_);
  tmp_ = Mat::Zero(Np_, N_);
}

CLP_PACKETS_BEGIN
namespace {
// The residuals of a group of B entries (B a multiple of 4) from their dot products' partial
// sums s (reduced four at a time by packets::reduce4): e_i = <.,.> - y_i, e_i^2 added to
// loss[i % 4], r_i = e_i / n, and r_i broadcast into rk[i]. Shared by entry_passes_fixed and
// entry_passes_chunked, which must give the same sums bit for bit.
template <int B, typename T, typename Packet>
inline void group_residuals(const Packet* s, const T* y, T inv_n, double* loss, T* r, Packet* rk) {
  T d[B];
  for (int i = 0; i < B; i += 4) packets::reduce4(s[i], s[i + 1], s[i + 2], s[i + 3], d + i);
  for (int i = 0; i < B; ++i) {
    const T e = d[i] - y[i];
    loss[i % 4] += static_cast<double>(e) * e;
    r[i] = e * inv_n;
    rk[i] = Eigen::internal::pset1<Packet>(r[i]);
  }
}
}  // namespace

// The two passes over the observed entries, with columns of NP elements (a compile-time
// multiple of the SIMD width, the padding rows zero), written on Eigen's packet primitives
// so that every column lives in registers:
//  by column v: e_k = <W_D^T[:, u], P[:, v]> - y_k, r_k = e_k / n, Y[:, v] = sum_k r_k W_D^T[:, u]
//  by row u:    W_D^T[:, u] -= lr sum_k r_k P[:, v]   (dW_D = G P^T, applied in place)
// Returns the sum of squared residuals. Y is written into delta_.
template <typename T>
template <int NP>
double FastFactorization<T>::entry_passes_fixed(const ObservationSet& obs, const std::vector<T>& y, T lr,
                                                const Mat& P) {
  using namespace Eigen::internal;
  using Packet = typename packet_traits<T>::type;
  constexpr int W = unpacket_traits<Packet>::size;
  constexpr int C = NP / W;  // packets per column
  static_assert(NP % W == 0, "columns must be whole packets");
  const int ld = Np_;
  const T* wt = last_t_.data();
  const T* pm = P.data();
  T* dm = delta_.data();
  T* r = r_.data();
  const T inv_n = T(1) / static_cast<T>(obs.size());
  const auto dot = [](const T* w, const Packet* p) { return packets::dot<C>(w, p); };
  const auto at = [&](int k) { return wt + static_cast<long>(obs.row[k]) * ld; };
  double loss[4] = {0, 0, 0, 0};
  for (int v = 0; v < N_; ++v) {
    const int k0 = obs.col_start[v], k1 = obs.col_start[v + 1];
    Packet p[C], acc[C];
    for (int c = 0; c < C; ++c) {
      p[c] = ploadu<Packet>(pm + static_cast<long>(v) * ld + c * W);
      acc[c] = pset1<Packet>(T(0));
    }
    // B entries of column v at a time: their B dot products (B independent chains of FMAs),
    // reduced four at a time; then Y[:, v] += sum_i r_i W_D^T[:, u_i] over the B entries, their
    // columns of W_D^T still in L1. The entries left over go one by one.
    constexpr int B = 8;
    int k = k0;
    for (; k + B <= k1; k += B) {
      const T* w[B];
      for (int i = 0; i < B; ++i) w[i] = at(k + i);
      Packet s[B];
      for (int i = 0; i < B; ++i) s[i] = pmul(ploadu<Packet>(w[i]), p[0]);
      for (int c = 1; c < C; ++c)
        for (int i = 0; i < B; ++i) s[i] = pmadd(ploadu<Packet>(w[i] + c * W), p[c], s[i]);
      Packet rk[B];
      group_residuals<B>(s, y.data() + k, inv_n, loss, r + k, rk);
      for (int c = 0; c < C; ++c)
        for (int i = 0; i < B; ++i) acc[c] = pmadd(rk[i], ploadu<Packet>(w[i] + c * W), acc[c]);
    }
    for (; k < k1; ++k) {
      const T e = dot(at(k), p) - y[k];
      loss[0] += static_cast<double>(e) * e;
      r[k] = e * inv_n;
      const Packet rk = pset1<Packet>(r[k]);
      for (int c = 0; c < C; ++c) acc[c] = pmadd(rk, ploadu<Packet>(at(k) + c * W), acc[c]);
    }
    for (int c = 0; c < C; ++c) pstoreu(dm + static_cast<long>(v) * ld + c * W, acc[c]);
  }
  T* wm = last_t_.data();
  const Packet mlr = pset1<Packet>(-lr);
  for (int u = 0; u < N_; ++u) {
    const int j0 = obs.row_start[u], j1 = obs.row_start[u + 1];
    if (j0 == j1) continue;
    // Two sets of sums (even and odd j): twice the independent chains of FMAs.
    Packet acc[2][C];
    for (int c = 0; c < C; ++c) acc[0][c] = acc[1][c] = pset1<Packet>(T(0));
    const auto add = [&](Packet* a, int j) {
      const Packet rk = pset1<Packet>(r[obs.by_row[j]]);
      const T* pc = pm + static_cast<long>(obs.col_by_row[j]) * ld;
      for (int c = 0; c < C; ++c) a[c] = pmadd(rk, ploadu<Packet>(pc + c * W), a[c]);
    };
    int j = j0;
    for (; j + 2 <= j1; j += 2) {
      add(acc[0], j);
      add(acc[1], j + 1);
    }
    if (j < j1) add(acc[0], j);
    T* w = wm + static_cast<long>(u) * ld;
    for (int c = 0; c < C; ++c) pstoreu(w + c * W, pmadd(mlr, padd(acc[0][c], acc[1][c]), ploadu<Packet>(w + c * W)));
  }
  return (loss[0] + loss[1]) + (loss[2] + loss[3]);
}

// The same two passes, bit for bit the same sums (every lane's products added in the same
// order), for columns too long to hold in registers (more 64-byte vectors than kChunked): each
// column is taken a chunk of packets at a time (packets::for_chunks), Y[:, v] and the row
// updates accumulated a chunk at a time in memory, so that no chunk's packets spill.
template <typename T>
template <int NP>
double FastFactorization<T>::entry_passes_chunked(const ObservationSet& obs, const std::vector<T>& y, T lr,
                                                  const Mat& P) {
  using namespace Eigen::internal;
  using Packet = typename packet_traits<T>::type;
  constexpr int W = unpacket_traits<Packet>::size;
  constexpr int C = NP / W;  // packets per column
  static_assert(NP % W == 0, "columns must be whole packets");
  constexpr int KD = 16;  // packets of P[:, v] per chunk of the dot products (with 8 sums: 24 registers)
  constexpr int KA = 12;  // packets per chunk of an update (two sets of sums in the row pass: 24 registers)
  constexpr int B = 8;    // entries per group, as in entry_passes_fixed
  const long ld = Np_;
  const T* wt = last_t_.data();
  const T* pm = P.data();
  T* r = r_.data();
  const T inv_n = T(1) / static_cast<T>(obs.size());
  const auto at = [&](int k) { return wt + obs.row[k] * ld; };
  double loss[4] = {0, 0, 0, 0};
  for (int v = 0; v < N_; ++v) {
    const int k0 = obs.col_start[v], k1 = obs.col_start[v + 1];
    const T* pv = pm + v * ld;
    T* yv = delta_.data() + v * ld;
    for (int c = 0; c < C; ++c) pstoreu(yv + c * W, pset1<Packet>(T(0)));
    int k = k0;
    for (; k + B <= k1; k += B) {
      const T* w[B];
      for (int i = 0; i < B; ++i) w[i] = at(k + i);
      Packet s[B];
      packets::for_chunks<C, KD>([&](auto c0, auto c1) {
        Packet p[c1 - c0];
        for (int c = c0; c < c1; ++c) p[c - c0] = ploadu<Packet>(pv + c * W);
        for (int c = c0; c < c1; ++c)
          for (int i = 0; i < B; ++i)
            s[i] = c == 0 ? pmul(ploadu<Packet>(w[i]), p[0]) : pmadd(ploadu<Packet>(w[i] + c * W), p[c - c0], s[i]);
      });
      Packet rk[B];
      group_residuals<B>(s, y.data() + k, inv_n, loss, r + k, rk);
      packets::for_chunks<C, KA>([&](auto c0, auto c1) {
        Packet a[c1 - c0];
        for (int c = c0; c < c1; ++c) a[c - c0] = ploadu<Packet>(yv + c * W);
        for (int c = c0; c < c1; ++c)
          for (int i = 0; i < B; ++i) a[c - c0] = pmadd(rk[i], ploadu<Packet>(w[i] + c * W), a[c - c0]);
        for (int c = c0; c < c1; ++c) pstoreu(yv + c * W, a[c - c0]);
      });
    }
    for (; k < k1; ++k) {
      const T* wk = at(k);
      // packets::dot's sums: even packets into s0, odd into s1.
      Packet s0 = pset1<Packet>(T(0)), s1 = pset1<Packet>(T(0));
      packets::for_chunks<C, KD>([&](auto c0, auto c1) {
        for (int c = c0; c < c1; ++c) {
          const Packet x = ploadu<Packet>(wk + c * W), p = ploadu<Packet>(pv + c * W);
          if (c == 0) s0 = pmul(x, p);
          else if (c % 2) s1 = pmadd(x, p, s1);
          else s0 = pmadd(x, p, s0);
        }
      });
      const T e = predux(padd(s0, s1)) - y[k];
      loss[0] += static_cast<double>(e) * e;
      r[k] = e * inv_n;
      const Packet rk = pset1<Packet>(r[k]);
      packets::for_chunks<C, KA>([&](auto c0, auto c1) {
        for (int c = c0; c < c1; ++c)
          pstoreu(yv + c * W, pmadd(rk, ploadu<Packet>(wk + c * W), ploadu<Packet>(yv + c * W)));
      });
    }
  }
  T* wm = last_t_.data();
  const Packet mlr = pset1<Packet>(-lr);
  for (int u = 0; u < N_; ++u) {
    const int j0 = obs.row_start[u], j1 = obs.row_start[u + 1];
    if (j0 == j1) continue;
    T* wu = wm + u * ld;
    packets::for_chunks<C, KA>([&](auto c0, auto c1) {
      constexpr int K = c1 - c0;
      // Two sets of sums (even and odd j), as in entry_passes_fixed.
      Packet acc[2][K];
      for (int c = 0; c < K; ++c) acc[0][c] = acc[1][c] = pset1<Packet>(T(0));
      const auto add = [&](Packet* a, int j) {
        const Packet rk = pset1<Packet>(r[obs.by_row[j]]);
        const T* pc = pm + obs.col_by_row[j] * ld + c0 * W;
        for (int c = 0; c < K; ++c) a[c] = pmadd(rk, ploadu<Packet>(pc + c * W), a[c]);
      };
      int j = j0;
      for (; j + 2 <= j1; j += 2) {
        add(acc[0], j);
        add(acc[1], j + 1);
      }
      if (j < j1) add(acc[0], j);
      for (int c = 0; c < K; ++c) {
        T* x = wu + (c0 + c) * W;
        pstoreu(x, pmadd(mlr, padd(acc[0][c], acc[1][c]), ploadu<Packet>(x)));
      }
    });
  }
  return (loss[0] + loss[1]) + (loss[2] + loss[3]);
}

CLP_PACKETS_END

// The same two passes on columns of any length (Eigen vectors of run-time size): used
// beyond the sizes compiled above (N > 400 in float, N > 200 in double).
template <typename T>
double FastFactorization<T>::entry_passes_generic(const ObservationSet& obs, const std::vector<T>& y, T lr,
                                                  const Mat& P) {
  const T inv_n = T(1) / static_cast<T>(obs.size());
  double loss = 0;
  for (int v = 0; v < N_; ++v) {
    const auto p = P.col(v);
    auto acc = delta_.col(v);
    acc.setZero();
    for (int k = obs.col_start[v]; k < obs.col_start[v + 1]; ++k) {
      const auto wu = last_t_.col(obs.row[k]);
      const T e = wu.dot(p) - y[k];
      loss += static_cast<double>(e) * e;
      r_[k] = e * inv_n;
      acc += r_[k] * wu;
    }
  }
  Eigen::Matrix<T, Eigen::Dynamic, 1> acc(Np_);
  for (int u = 0; u < N_; ++u) {
    acc.setZero();
    for (int j = obs.row_start[u]; j < obs.row_start[u + 1]; ++j) {
      const int k = obs.by_row[j];
      acc += r_[k] * P.col(obs.col[k]);
    }
    last_t_.col(u) -= lr * acc;
  }
  return loss;
}

template <typename T>
double FastFactorization<T>::entry_passes(const ObservationSet& obs, const std::vector<T>& y, T lr, const Mat& P) {
  constexpr int L = 64 / sizeof(T);  // lanes of a 64-byte vector
  return packets::dispatch<25>(
      Np_ / L,
      [&](auto c) {
        constexpr int NP = decltype(c)::value * L;
        if constexpr (decltype(c)::value > kChunked) return entry_passes_chunked<NP>(obs, y, lr, P);
        else return entry_passes_fixed<NP>(obs, y, lr, P);
      },
      [&] { return entry_passes_generic(obs, y, lr, P); });
}

template <typename T>
double FastFactorization<T>::step(const ObservationSet& obs, const std::vector<T>& y, T lr, T wd) {
  if (wd == T(0)) return plain_step(obs, y, lr);
  // The plain step, then the decay term from the iterate before it.
  old_.resize(W_.size() + 1);
  for (size_t j = 0; j < W_.size(); ++j) old_[j] = W_[j];
  old_.back() = last_t_;
  const double loss = plain_step(obs, y, lr);
  const T c = lr * wd;
  for (size_t j = 0; j < W_.size(); ++j) W_[j] -= c * old_[j];
  last_t_ -= c * old_.back();
  return loss;
}

template <typename T>
double FastFactorization<T>::plain_step(const ObservationSet& obs, const std::vector<T>& y, T lr) {
  const int n = obs.size(), N = N_;
  r_.resize(n);
  double loss = 0;
  if (D_ == 1) {
    // W = W_1 (stored transposed): only the observed entries move.
    const T inv_n = T(1) / static_cast<T>(n);
    for (int k = 0; k < n; ++k) {
      T& w = last_t_(obs.col[k], obs.row[k]);
      const T e = w - y[k];
      loss += static_cast<double>(e) * e;
      w -= lr * e * inv_n;
    }
    return 0.5 * loss / n;
  }
  // P = W_{D-1} ... W_1.
  using Op = gemm::Operand<T>;
  for (int j = 1; j + 1 < D_; ++j) {
    const Mat& below = j == 1 ? W_[0] : prefix_[j - 1];
    gemm::product(N, N, N, T(1), Op{W_[j].data(), N, false}, Op{below.data(), Np_, false}, false,
                  prefix_[j].data(), Np_, ws_);
  }
  const Mat& P = D_ == 2 ? W_[0] : prefix_[D_ - 2];
  loss = entry_passes(obs, y, lr, P);
  // Backward through W_{D-1} .. W_1: delta = (W_D ... W_{j+1})^T G, dW_j = delta (W_{j-1}..W_1)^T.
  for (int j = D_ - 2; j >= 1; --j) {
    gemm::product(N, N, N, T(1), Op{W_[j].data(), N, true}, Op{delta_.data(), Np_, false}, false, tmp_.data(),
                  Np_, ws_);
    const Mat& below = j == 1 ? W_[0] : prefix_[j - 1];
    gemm::product(N, N, N, -lr, Op{delta_.data(), Np_, false}, Op{below.data(), Np_, true}, true,
                  W_[j].data(), N, ws_);
    delta_.swap(tmp_);
  }
  W_[0].topRows(N) -= lr * delta_.topRows(N);
  return 0.5 * loss / n;
}

template <typename T>
std::vector<Eigen::MatrixXd> FastFactorization<T>::layers() const {
  std::vector<Eigen::MatrixXd> out;
  for (const auto& w : W_) out.push_back(w.topRows(N_).template cast<double>());
  out.push_back(last_t_.topRows(N_).transpose().template cast<double>());
  return out;
}

template <typename T>
Eigen::MatrixXd FastFactorization<T>::end_to_end() const {
  if (D_ == 1) return last_t_.topRows(N_).transpose().template cast<double>();
  Mat P = W_[0].topRows(N_);
  for (int j = 1; j + 1 < D_; ++j) P = W_[j] * P;
  return (last_t_.topRows(N_).transpose() * P).template cast<double>();
}

std::vector<Eigen::MatrixXd> shrink_and_perturb(const std::vector<Eigen::MatrixXd>& layers, double lambda,
                                                double sigma, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Eigen::MatrixXd> out;
  for (const Eigen::MatrixXd& w : layers) {
    const Eigen::MatrixXd xi = rng.normal_matrix(static_cast<int>(w.rows()), static_cast<int>(w.cols()));
    out.push_back(lambda * w + sigma * xi);
  }
  return out;
}

template class FastFactorization<float>;
template class FastFactorization<double>;

}  // namespace clp::completion
