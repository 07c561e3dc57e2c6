// The dense products of the completion step, C = alpha op(A) op(B) (+ C), column-major,
// float and double.
//
// Two implementations, chosen when the project is configured (CMake: libxsmm is used where
// its headers and static libraries are found, option CLP_LIBXSMM, on by default; it defines
// CLP_HAVE_LIBXSMM to 0 or 1 for gemm.cpp and the tests and benchmarks of this file):
//  - libxsmm (Debian libxsmm-dev, 1.17): a JIT kernel per shape (M, N, K, leading dimensions,
//    B transposed or not), generated for this CPU at run time on first use and cached in the
//    caller's Workspace. libxsmm 1.17 generates kernels for alpha = 1 and transposes B but not
//    A: a transposed A is first copied transposed into the Workspace (libxsmm_otrans, N^2
//    against the product's 2 N^3). The kernels run with beta 0 only: with alpha != 1 or
//    accumulate, the product P goes into the Workspace and C = alpha P (+ C) follows, so an
//    update added to C is rounded once, as in BLAS and Eigen, not once per term of K (what a
//    beta-1 kernel does, starting its sums from C). Where libxsmm generates no kernel (a CPU
//    its JIT does not know) the call falls back to Eigen.
//  - Eigen's product: the fallback in a build without libxsmm, and the reference the
//    libxsmm path is tested against (tests/test_gemm.cpp).
// Both are deterministic: a product rerun on the same inputs gives the same bits (libxsmm's
// kernels are called single-threaded, from the caller's thread).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace clp::completion::gemm {

// Whether this build runs products on libxsmm (CLP_HAVE_LIBXSMM, from the configure step).
bool libxsmm_built();
// What product() runs, with its version: "libxsmm 1.17" or "Eigen 3.4.0".
std::string implementation();
// The arithmetic of this build on this machine, which decides the last bits of every result:
// the compiler, the SIMD instruction set of the kernels' vectors (fixed at compile time: the
// number of lanes sets the order of every vector sum) and the products' implementation, for
// libxsmm with the instruction set it generates its kernels for (chosen at run time from the
// CPU, or from the environment variable LIBXSMM_TARGET), e.g. "GNU 12.2.0; SIMD AVX512, FMA
// (16 floats, 8 doubles); products libxsmm 1.17, cpx kernels". Two runs with the same parameters
// and the same line write the same bytes; with another line the numbers differ in their last
// bits, and a long run can amplify that (docs/validity.md).
std::string arithmetic();

// Operand: a column-major block (data, leading dimension) and whether it enters transposed.
template <typename T>
struct Operand {
  const T* data;
  long ld;
  bool transposed;
};

// The libxsmm kernels dispatched so far, and the buffers of the transposed A and of the
// unscaled product, kept between calls: after the first step of a shape, a step dispatches
// nothing and allocates nothing.
struct Workspace {
  struct Kernel {
    int M, N, K;
    long lda, ldb, ldc;
    bool tb, dbl, beta1;
    const void* fn;  // libxsmm_smmfunction or libxsmm_dmmfunction; null: libxsmm made none
  };
  std::vector<Kernel> kernels;
  size_t next = 0;  // where the next lookup starts: a caller's shapes recur in the same order
  std::vector<float, Eigen::aligned_allocator<float>> fa, fc;
  std::vector<double, Eigen::aligned_allocator<double>> da, dc;
};

// C (M x N, leading dimension ldc) = alpha op(A) op(B) + (accumulate ? C : 0), op(A) M x K,
// op(B) K x N. C must not overlap A or B.
void product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
             long ldc, Workspace& ws);
void product(int M, int N, int K, double alpha, Operand<double> A, Operand<double> B, bool accumulate, double* C,
             long ldc, Workspace& ws);

// C (M x N) += A op(B), op(A) M x K, A not transposed (std::invalid_argument): the terms of K
// summed into C one by one (on libxsmm, a kernel with beta 1 that starts its sums from C: no
// product buffer and no second pass over C), as a right-looking LU updates its Schur complement. That rounds a small
// update to a large C once per term of K, not once: for the LU and triangular solves of the
// singular-value ODE (double), not for the step's weight updates (product with accumulate).
// Without libxsmm (or where it makes no kernel), Eigen's C += A op(B).
void product_add(int M, int N, int K, Operand<double> A, Operand<double> B, double* C, long ldc, Workspace& ws);

// The same through Eigen's product (the reference, and what product() runs without libxsmm).
template <typename T>
void eigen_product(int M, int N, int K, T alpha, Operand<T> A, Operand<T> B, bool accumulate, T* C, long ldc);

// B (cols x rows, leading dimension ldb) = A^T, A rows x cols (leading dimension lda),
// column-major; a copy, so the same bits on either path: libxsmm_otrans where built (at N 100
// in double 1.7 us against Eigen's 3.0, AVX-512 Zen 5), Eigen's transpose otherwise. A and B
// must not overlap.
void transpose(int rows, int cols, const float* A, long lda, float* B, long ldb);
void transpose(int rows, int cols, const double* A, long lda, double* B, long ldb);

// How many products this thread has run on libxsmm (0 in a build without it): what lets a
// test see which implementation product() really ran.
std::uint64_t libxsmm_products();

}  // namespace clp::completion::gemm
