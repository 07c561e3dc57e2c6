// The dense products of the completion step, C = alpha op(A) op(B) (+ C), column-major.
//
// Two implementations, chosen when the project is configured (CMake option CLP_GEMM_KERNEL,
// on by default only where the compiler targets AVX-512; it defines CLP_GEMM_KERNEL to 0 or
// 1 when gemm.cpp, the tests and the benchmarks of this file are compiled), never at run time:
//  - the project's own kernel (gemm.cpp, float, AVX-512): op(A) is packed into panels of 32
//    or 48 rows (a 16 x 16 in-register transpose when A is transposed), and a 48 x 8 register
//    block of C (24 of the 32 vector registers) is accumulated over the whole inner
//    dimension with B's elements broadcast straight from memory, so B needs no packing in
//    either orientation; row counts that are not a multiple of 16 use masked loads and stores;
//  - Eigen's product: double always, float where the kernel is not built, and the
//    reference the kernel is tested and benchmarked against (tests/test_gemm.cpp,
//    bench/products.hpp).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace clp::completion::gemm {

// Whether this build runs float products on the project's kernel (CLP_GEMM_KERNEL=ON).
bool kernel_built();

// Scratch for the kernel's packed op(A), kept between calls so a step allocates nothing.
struct Workspace {
  std::vector<float, Eigen::aligned_allocator<float>> packed;
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

// The same through Eigen's product (the reference, and what product() runs without the kernel).
template <typename T>
void eigen_product(int M, int N, int K, T alpha, Operand<T> A, Operand<T> B, bool accumulate, T* C, long ldc);

// The same on the project's kernel (what product() runs in float when kernel_built()); only
// defined in a build with the kernel.
void kernel_product(int M, int N, int K, float alpha, Operand<float> A, Operand<float> B, bool accumulate, float* C,
                    long ldc, Workspace& ws);

// How many products this thread has run on the kernel (0 in a build without it): what lets a
// test see which implementation product() really ran.
std::uint64_t kernel_products();

}  // namespace clp::completion::gemm
