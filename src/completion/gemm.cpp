#include "completion/gemm.hpp"

#include <algorithm>

#ifndef CLP_GEMM_KERNEL
#error "CLP_GEMM_KERNEL must be defined to 0 or 1 (by the CMake option of the same name)"
#endif
#if CLP_GEMM_KERNEL
#if !defined(__AVX512F__)
#error "CLP_GEMM_KERNEL=ON needs a compiler that targets AVX-512 (e.g. -march=native on such a CPU)"
#endif
#include <immintrin.h>
#endif

namespace clp::completion::gemm {

namespace {
thread_local std::uint64_t kernel_calls = 0;
}  // namespace

std::uint64_t kernel_products() { return kernel_calls; }
bool kernel_built() { return CLP_GEMM_KERNEL != 0; }

template <typename T>
void eigen_product(int M, int N, int K, T alpha, Operand<T> A, Operand<T> B, bool accumulate, T* C, long ldc) {
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using CMap = Eigen::Map<const Mat, 0, Eigen::OuterStride<>>;
  const CMap a(A.data, A.transposed ? K : M, A.transposed ? M : K, Eigen::OuterStride<>(A.ld));
  const CMap b(B.data, B.transposed ? N : K, B.transposed ? K : N, Eigen::OuterStride<>(B.ld));
  Eigen::Map<Mat, 0, Eigen::OuterStride<>> c(C, M, N, Eigen::OuterStride<>(ldc));
  const auto assign = [&](const auto& p) {
    if (accumulate) c.noalias() += alpha * p;
    else c.noalias() = alpha * p;
  };
  if (A.transposed && B.transposed) assign(a.transpose() * b.transpose());
  else if (A.transposed) assign(a.transpose() * b);
  else if (B.transposed) assign(a * b.transpose());
  else assign(a * b);
}
template void eigen_product<float>(int, int, int, float, Operand<float>, Operand<float>, bool, float*, long);
template void eigen_product<double>(int, int, int, double, Operand<double>, Operand<double>, bool, double*, long);

void product(int M, int N, int K, double alpha, Operand<double> A, Operand<double> B, bool accumulate, double* C,
             long ldc, Workspace&) {
  eigen_product(M, N, K, alpha, A, B, accumulate, C, ldc);
}

#if CLP_GEMM_KERNEL
namespace {

inline __mmask16 lanes(int n) { return n >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << std::max(n, 0)) - 1); }

// r[i] holds row i of a 16 x 16 tile on entry and column i on exit.
inline void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {  // interleave row pairs: a0 b0 a1 b1 | a2 b2 a3 b3 (per 128-bit lane)
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {  // r[i + c] = element c of rows i .. i + 3, per 128-bit lane
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
  }
  for (int c = 0; c < 4; ++c) {  // then gather the 128-bit lanes: two rounds of shuffle_f32x4
    t[c] = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x88);
    t[4 + c] = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xDD);
    t[8 + c] = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0x88);
    t[12 + c] = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0xDD);
  }
  for (int c = 0; c < 4; ++c) {
    r[c] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0x88);
    r[8 + c] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0xDD);
    r[4 + c] = _mm512_shuffle_f32x4(t[4 + c], t[12 + c], 0x88);
    r[12 + c] = _mm512_shuffle_f32x4(t[4 + c], t[12 + c], 0xDD);
  }
}

// Rows r0 .. r0 + rn of op(A) (M x K) into dst, w (a multiple of 16) floats per k, zero
// beyond rn. (The buffer is 64-byte aligned, but the unaligned forms of the loads and
// stores cost nothing on aligned data and do not rely on it.)
void pack(Operand<float> A, int r0, int rn, int w, int K, float* dst) {
  if (!A.transposed) {
    for (int k = 0; k < K; ++k) {
      const float* src = A.data + k * A.ld + r0;
      for (int v = 0; v < w; v += 16)
        _mm512_storeu_ps(dst + static_cast<long>(k) * w + v, _mm512_maskz_loadu_ps(lanes(rn - v), src + v));
    }
    return;
  }
  // op(A)(i, k) = A.data[i * ld + k]: 16 x 16 tiles read along k and transposed in registers.
  for (int v = 0; v < w; v += 16) {
    for (int k0 = 0; k0 < K; k0 += 16) {
      __m512 r[16];
      const __mmask16 km = lanes(K - k0);
      for (int i = 0; i < 16; ++i)
        r[i] = v + i < rn ? _mm512_maskz_loadu_ps(km, A.data + static_cast<long>(r0 + v + i) * A.ld + k0)
                          : _mm512_setzero_ps();
      transpose16(r);
      const int kn = std::min(16, K - k0);
      for (int k = 0; k < kn; ++k) _mm512_storeu_ps(dst + static_cast<long>(k0 + k) * w + v, r[k]);
    }
  }
}

// C[0 .. 16 V, 0 .. NR) = alpha a b (+ C): a packed (16 V floats per k), b's element (k, j) at
// b[j * ldb + k], or b[k * ldb + j] when TB. The last vector of rows is masked by tail.
// (The pragmas make GCC unroll every loop over the register block, so that the accumulators
// stay in registers: without them it keeps a copy of the array in memory, stored every k.)
template <int V, int NR, bool TB, bool ACC>
inline void block(int K, const float* __restrict a, const float* __restrict b, long ldb, float* c, long ldc,
                  float alpha, __mmask16 tail) {
  __m512 acc[V][NR];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v)
#pragma GCC unroll 16
    for (int j = 0; j < NR; ++j) acc[v][j] = _mm512_setzero_ps();
  for (int k = 0; k < K; ++k) {
    __m512 av[V];
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) av[v] = _mm512_loadu_ps(a + static_cast<long>(k) * 16 * V + 16 * v);
#pragma GCC unroll 16
    for (int j = 0; j < NR; ++j) {
      const __m512 bj = _mm512_set1_ps(TB ? b[k * ldb + j] : b[j * ldb + k]);
#pragma GCC unroll 4
      for (int v = 0; v < V; ++v) acc[v][j] = _mm512_fmadd_ps(av[v], bj, acc[v][j]);
    }
  }
  const __m512 al = _mm512_set1_ps(alpha);
#pragma GCC unroll 16
  for (int j = 0; j < NR; ++j) {
    float* cj = c + j * ldc;
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) {
      const __mmask16 m = v + 1 < V ? __mmask16(0xFFFF) : tail;
      const __m512 out = ACC ? _mm512_fmadd_ps(al, acc[v][j], _mm512_maskz_loadu_ps(m, cj + 16 * v))
                             : _mm512_mul_ps(al, acc[v][j]);
      _mm512_mask_storeu_ps(cj + 16 * v, m, out);
    }
  }
}

// One packed panel of V vectors of rows against all N columns: blocks of 8, then the rest.
template <int V, bool TB, bool ACC>
void panel(int N, int K, const float* a, const float* B, long ldb, float* c, long ldc, float alpha, __mmask16 tail) {
  constexpr int NR = 8;
  const long step = TB ? 1 : ldb;  // from column j of op(B) to column j + 1
  int j = 0;
  for (; j + NR <= N; j += NR) block<V, NR, TB, ACC>(K, a, B + j * step, ldb, c + j * ldc, ldc, alpha, tail);
  switch (N - j) {
#define CLP_GEMM_REST(n) \
  case n: block<V, n, TB, ACC>(K, a, B + j * step, ldb, c + j * ldc, ldc, alpha, tail); break;
    CLP_GEMM_REST(1) CLP_GEMM_REST(2) CLP_GEMM_REST(3) CLP_GEMM_REST(4) CLP_GEMM_REST(5) CLP_GEMM_REST(6)
    CLP_GEMM_REST(7)
#undef CLP_GEMM_REST
    default: break;
  }
}

template <bool TB, bool ACC>
void run(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, float* C, long ldc, Workspace& ws) {
  const int vectors = (M + 15) / 16;
  ws.packed.resize(static_cast<size_t>(vectors) * 16 * K);
  for (int v0 = 0; v0 < vectors;) {
    const int left = vectors - v0;
    const int V = left == 4 ? 2 : std::min(3, left);  // 4 vectors as 2 + 2: no lone 16-row panel
    const int r0 = 16 * v0, rn = std::min(16 * V, M - r0);
    float* a = ws.packed.data() + static_cast<size_t>(r0) * K;
    pack(A, r0, rn, 16 * V, K, a);
    const __mmask16 tail = lanes(rn - 16 * (V - 1));
    if (V == 3) panel<3, TB, ACC>(N, K, a, B.data, B.ld, C + r0, ldc, alpha, tail);
    else if (V == 2) panel<2, TB, ACC>(N, K, a, B.data, B.ld, C + r0, ldc, alpha, tail);
    else panel<1, TB, ACC>(N, K, a, B.data, B.ld, C + r0, ldc, alpha, tail);
    v0 += V;
  }
}

}  // namespace

void kernel_product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
                    long ldc, Workspace& ws) {
  ++kernel_calls;
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // C = 0 (+ C): nothing to pack
    for (int j = 0; j < N; ++j)
      if (!accumulate) std::fill(C + j * ldc, C + j * ldc + M, 0.f);
    return;
  }
  if (B.transposed) {
    if (accumulate) run<true, true>(M, N, K, alpha, A, B, C, ldc, ws);
    else run<true, false>(M, N, K, alpha, A, B, C, ldc, ws);
  } else {
    if (accumulate) run<false, true>(M, N, K, alpha, A, B, C, ldc, ws);
    else run<false, false>(M, N, K, alpha, A, B, C, ldc, ws);
  }
}

void product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
             long ldc, Workspace& ws) {
  kernel_product(M, N, K, alpha, A, B, accumulate, C, ldc, ws);
}

#else

void product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
             long ldc, Workspace&) {
  eigen_product(M, N, K, alpha, A, B, accumulate, C, ldc);
}

#endif

}  // namespace clp::completion::gemm
