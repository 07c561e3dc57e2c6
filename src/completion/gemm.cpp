#include "completion/gemm.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "completion/packets.hpp"

#ifndef CLP_HAVE_LIBXSMM
#error "CLP_HAVE_LIBXSMM must be defined to 0 or 1 (src/CMakeLists.txt, from the configure step)"
#endif
#if CLP_HAVE_LIBXSMM
#include <libxsmm.h>
#endif

namespace clp::completion::gemm {

namespace {
thread_local std::uint64_t libxsmm_calls = 0;
}  // namespace

std::uint64_t libxsmm_products() { return libxsmm_calls; }
bool libxsmm_built() { return CLP_HAVE_LIBXSMM != 0; }
CLP_PACKETS_BEGIN
std::string arithmetic() {
  using namespace Eigen::internal;
  std::string simd = Eigen::SimdInstructionSetsInUse();
  simd = simd.substr(0, simd.find_first_of(", "));
#ifdef EIGEN_VECTORIZE_FMA
  if (simd != "None") simd += ", FMA";
#endif
#if defined(__clang__)
  std::string compiler = std::string("Clang ") + __clang_version__;
#elif defined(__GNUC__)
  std::string compiler = std::string("GNU ") + __VERSION__;
#else
  std::string compiler = "unknown compiler";
#endif
  std::string out = compiler + "; SIMD " + simd + " (" +
                    std::to_string(unpacket_traits<packet_traits<float>::type>::size) + " floats, " +
                    std::to_string(unpacket_traits<packet_traits<double>::type>::size) + " doubles); products " +
                    implementation();
#if CLP_HAVE_LIBXSMM
  out += std::string(", ") + libxsmm_get_target_arch() + " kernels";
#endif
  return out;
}
CLP_PACKETS_END

std::string implementation() {
#if CLP_HAVE_LIBXSMM
  return std::string("libxsmm ") + LIBXSMM_VERSION;
#else
  return "Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
         std::to_string(EIGEN_MINOR_VERSION);
#endif
}

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

namespace {
template <typename T>
void transpose_into(int rows, int cols, const T* A, long lda, T* B, long ldb) {
  if (rows <= 0 || cols <= 0) return;
#if CLP_HAVE_LIBXSMM
  libxsmm_otrans(B, A, sizeof(T), rows, cols, lda, ldb);
#else
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  Eigen::Map<Mat, 0, Eigen::OuterStride<>>(B, cols, rows, Eigen::OuterStride<>(ldb)) =
      Eigen::Map<const Mat, 0, Eigen::OuterStride<>>(A, rows, cols, Eigen::OuterStride<>(lda)).transpose();
#endif
}

#if CLP_HAVE_LIBXSMM
template <typename T>
auto& a_buffer(Workspace& ws) {
  if constexpr (std::is_same_v<T, float>) return ws.fa;
  else return ws.da;
}
template <typename T>
auto& c_buffer(Workspace& ws) {
  if constexpr (std::is_same_v<T, float>) return ws.fc;
  else return ws.dc;
}

// At least n elements: a buffer only grows (a resize down and up again would zero the
// regained part each time, and a caller's shapes alternate within one step).
template <typename V>
void grow(V& buffer, size_t n) {
  if (buffer.size() < n) buffer.resize(n);
}

// The cached kernel C = A op(B) (alpha 1, beta 0), or C += A op(B) (beta1: alpha 1, beta 1),
// or null when libxsmm generates none.
template <typename T>
const void* kernel(Workspace& ws, int M, int N, int K, long lda, long ldb, long ldc, bool tb, bool beta1 = false) {
  constexpr bool dbl = std::is_same_v<T, double>;
  // From the kernel after the last one found: a step's products come in the same order every
  // step, so the first one looked at is almost always it (the Cayley update of the ODE makes 66
  // products of 39 shapes).
  const size_t count = ws.kernels.size();
  for (size_t i = 0; i < count; ++i) {
    const size_t at = (ws.next + i) % count;
    const Workspace::Kernel& k = ws.kernels[at];
    if (k.M == M && k.N == N && k.K == K && k.lda == lda && k.ldb == ldb && k.ldc == ldc && k.tb == tb &&
        k.dbl == dbl && k.beta1 == beta1) {
      ws.next = at + 1 == count ? 0 : at + 1;
      return k.fn;
    }
  }
  const libxsmm_blasint m = M, n = N, k = K, la = lda, lb = ldb, lc = ldc;
  const int flags = (tb ? LIBXSMM_GEMM_FLAG_TRANS_B : 0) | (beta1 ? 0 : LIBXSMM_GEMM_FLAG_BETA_0);
  const T alpha = 1, beta = beta1 ? 1 : 0;
  const void* fn;
  if constexpr (dbl)
    fn = reinterpret_cast<const void*>(libxsmm_dmmdispatch(m, n, k, &la, &lb, &lc, &alpha, &beta, &flags, nullptr));
  else
    fn = reinterpret_cast<const void*>(libxsmm_smmdispatch(m, n, k, &la, &lb, &lc, &alpha, &beta, &flags, nullptr));
  ws.kernels.push_back({M, N, K, lda, ldb, ldc, tb, dbl, beta1, fn});
  return fn;
}
#endif

template <typename T>
void run(int M, int N, int K, T alpha, Operand<T> A, Operand<T> B, bool accumulate, T* C, long ldc,
         [[maybe_unused]] Workspace& ws) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // C = 0 (+ C)
    if (!accumulate)
      for (int j = 0; j < N; ++j) std::fill(C + j * ldc, C + j * ldc + M, T(0));
    return;
  }
#if CLP_HAVE_LIBXSMM
  // Unless C = A op(B) with alpha 1, the product goes into the Workspace, then
  // C = alpha P (+ C). Never beta 1 in the kernel: a libxsmm kernel with beta 1 starts its
  // accumulators from C and adds the K terms to them one by one, so a small update added to
  // a large weight (the step's W_j -= lr dW_j) is rounded K times against the weight's ulp
  // instead of once; measured on the paper's float run (N 100, depth 3, g 0.001, 400 steps),
  // that made the final layers 10x further from the double run (1.1e-4 against 1e-5).
  const bool direct = alpha == T(1) && !accumulate;
  T* out = C;
  long ldo = ldc;
  if (!direct) {
    grow(c_buffer<T>(ws), static_cast<size_t>(M) * N);
    out = c_buffer<T>(ws).data();
    ldo = M;
  }
  const T* a = A.data;
  long lda = A.ld;
  if (A.transposed) {  // op(A) = A^T (A stored K x M): copy it transposed, M x K
    auto& buf = a_buffer<T>(ws);
    grow(buf, static_cast<size_t>(M) * K);
    transpose_into(K, M, A.data, A.ld, buf.data(), M);
    a = buf.data();
    lda = M;
  }
  if (const void* fn = kernel<T>(ws, M, N, K, lda, B.ld, ldo, B.transposed)) {
    using Fn = std::conditional_t<std::is_same_v<T, float>, libxsmm_smmfunction, libxsmm_dmmfunction>;
    reinterpret_cast<Fn>(fn)(a, B.data, out);
    ++libxsmm_calls;
    if (!direct) {
      using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
      const Eigen::Map<const Mat> p(out, M, N);
      Eigen::Map<Mat, 0, Eigen::OuterStride<>> c(C, M, N, Eigen::OuterStride<>(ldc));
      if (accumulate) c += alpha * p;
      else c = alpha * p;
    }
    return;
  }
#endif
  eigen_product(M, N, K, alpha, A, B, accumulate, C, ldc);
}

}  // namespace

void product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
             long ldc, Workspace& ws) {
  run(M, N, K, alpha, A, B, accumulate, C, ldc, ws);
}

void product(int M, int N, int K, double alpha, Operand<double> A, Operand<double> B, bool accumulate, double* C,
             long ldc, Workspace& ws) {
  run(M, N, K, alpha, A, B, accumulate, C, ldc, ws);
}

void product_add(int M, int N, int K, Operand<double> A, Operand<double> B, double* C, long ldc,
                 [[maybe_unused]] Workspace& ws) {
  if (M <= 0 || N <= 0 || K <= 0) return;
  if (A.transposed) throw std::invalid_argument("gemm::product_add: A must not be transposed");
#if CLP_HAVE_LIBXSMM
  if (const void* fn = kernel<double>(ws, M, N, K, A.ld, B.ld, ldc, B.transposed, true)) {
    reinterpret_cast<libxsmm_dmmfunction>(fn)(A.data, B.data, C);
    ++libxsmm_calls;
    return;
  }
#endif
  eigen_product(M, N, K, 1.0, A, B, true, C, ldc);
}

void transpose(int rows, int cols, const float* A, long lda, float* B, long ldb) {
  transpose_into(rows, cols, A, lda, B, ldb);
}
void transpose(int rows, int cols, const double* A, long lda, double* B, long ldb) {
  transpose_into(rows, cols, A, lda, B, ldb);
}

}  // namespace clp::completion::gemm
