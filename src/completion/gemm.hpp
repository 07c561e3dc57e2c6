// The dense products of the completion step, C = alpha op(A) op(B) (+ C), column-major.
//
// In float on a CPU with AVX-512 (compiled with -march=native there) they run on the
// project's own kernel (gemm.cpp): op(A) is packed into panels of 32 or 48 rows (a 16 x 16
// in-register transpose when A is transposed), and a 48 x 8 register block of C (24 of the
// 32 vector registers) is accumulated over the whole inner dimension with B's elements
// broadcast straight from memory, so B needs no packing in either orientation; row counts
// that are not a multiple of 16 use masked loads and stores. bench_completion measures it against
// Eigen's product on the step's three shapes (bench_completion, BM_Product). Everything
// else (double, or a CPU without AVX-512) uses Eigen's product, which is also the
// reference the kernel is tested against (tests/test_gemm.cpp).
#pragma once
#include <Eigen/Core>
#include <vector>

namespace clp::completion::gemm {

// Scratch for the packed op(A), kept between calls so a step allocates nothing; and the
// choice of Eigen's product instead of the kernel (eigen = true), for the benchmarks and tests
// that compare the two in one process.
struct Workspace {
  std::vector<float, Eigen::aligned_allocator<float>> packed;
  bool eigen = false;
};

// Operand: a column-major block (data, leading dimension) and whether it enters transposed.
template <typename T>
struct Operand {
  const T* data;
  long ld;
  bool transposed;
};

// C (M x N, leading dimension ldc) = alpha op(A) op(B) + (accumulate ? C : 0), op(A) M x K,
// op(B) K x N. C must not overlap A or B.
void product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
             long ldc, Workspace& ws);
void product(int M, int N, int K, double alpha, Operand<double> A, Operand<double> B, bool accumulate, double* C,
             long ldc, Workspace& ws);

// The same through Eigen's product (the reference, and what product() runs without AVX-512).
template <typename T>
void eigen_product(int M, int N, int K, T alpha, Operand<T> A, Operand<T> B, bool accumulate, T* C, long ldc);

}  // namespace clp::completion::gemm
