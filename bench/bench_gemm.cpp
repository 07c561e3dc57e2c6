// The dense products of the completion step (float, column-major, one core) in Eigen and,
// when they are installed at configure time, in the small-GEMM libraries weighed
// for the step: libxsmm (JIT kernels; Debian's 1.17 generates no kernel for a
// transposed operand) and OpenBLAS (serial build, cblas). The three shapes are the step's:
// C = A B (forward prefix), C = A^T B (backward delta), C -= a A B^T (layer update), at
// N in {50, 100, 200, 400}; plus the transpose a backend without transposed kernels would
// need instead. Each backend's result is checked against Eigen's before it is timed.
//
// Not built unless asked for: `cmake --preset release -DCLP_BENCH_GEMM=ON` (it links
// whatever of libxsmm-dev and libopenblas-serial-dev is installed); the project's kernel
// itself uses Eigen (see docs/performance.md).
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <string>

#ifdef CLP_HAVE_LIBXSMM
#include <libxsmm.h>
#endif
#ifdef CLP_HAVE_OPENBLAS
extern "C" {
#include <cblas.h>
}
#endif

namespace {

using Mat = Eigen::MatrixXf;

enum Shape { kNN = 0, kTN = 1, kNTUpdate = 2 };

struct Operands {
  Mat A, B, C, want;
  Operands(int N, Shape s) : A(Mat::Random(N, N)), B(Mat::Random(N, N)), C(Mat::Random(N, N)) {
    want = C;
    eigen(s);
    std::swap(want, C);
  }
  void eigen(Shape s) {
    if (s == kNN) C.noalias() = A * B;
    else if (s == kTN) C.noalias() = A.transpose() * B;
    else C.noalias() -= 0.001f * A * B.transpose();
  }
  bool close() const { return (C - want).norm() <= 1e-5f * want.norm(); }
};

void set_counters(benchmark::State& state, int N) {
  state.counters["GFLOP/s"] =
      benchmark::Counter(2.0 * N * N * N * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_EigenProduct(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const auto s = static_cast<Shape>(state.range(1));
  Operands o(N, s);
  for (auto _ : state) {
    o.eigen(s);
    benchmark::DoNotOptimize(o.C.data());
  }
  set_counters(state, N);
}

void BM_EigenTranspose(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  Mat A = Mat::Random(N, N), B(N, N);
  for (auto _ : state) {
    B.noalias() = A.transpose();
    benchmark::DoNotOptimize(B.data());
  }
}

void Shapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "shape"});
  for (int s : {kNN, kTN, kNTUpdate})
    for (int N : {50, 100, 200, 400}) b->Args({N, s});
}

#ifdef CLP_HAVE_LIBXSMM
// libxsmm's JIT kernel for C = A B (alpha 1, beta 0; 1.17 returns no kernel for a transposed
// operand or another alpha, so only this shape).
void BM_LibxsmmProduct(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  Operands o(N, kNN);
  const float one = 1, zero = 0;
  const int flags = LIBXSMM_GEMM_FLAG_NONE;
  const libxsmm_smmfunction k = libxsmm_smmdispatch(N, N, N, &N, &N, &N, &one, &zero, &flags, nullptr);
  if (!k) {
    state.SkipWithError("libxsmm generated no kernel");
    return;
  }
  k(o.A.data(), o.B.data(), o.C.data());
  if (!o.close()) {
    state.SkipWithError("libxsmm's product differs from Eigen's");
    return;
  }
  for (auto _ : state) {
    k(o.A.data(), o.B.data(), o.C.data());
    benchmark::DoNotOptimize(o.C.data());
  }
  set_counters(state, N);
}

void BM_LibxsmmTranspose(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  Mat A = Mat::Random(N, N), B(N, N);
  for (auto _ : state) {
    libxsmm_otrans(B.data(), A.data(), sizeof(float), N, N, N, N);
    benchmark::DoNotOptimize(B.data());
  }
}
#endif

#ifdef CLP_HAVE_OPENBLAS
void BM_OpenblasProduct(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0));
  const auto s = static_cast<Shape>(state.range(1));
  Operands o(N, s);
  auto run = [&] {
    if (s == kNN)
      cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.f, o.A.data(), N, o.B.data(), N, 0.f, o.C.data(), N);
    else if (s == kTN)
      cblas_sgemm(CblasColMajor, CblasTrans, CblasNoTrans, N, N, N, 1.f, o.A.data(), N, o.B.data(), N, 0.f, o.C.data(), N);
    else
      cblas_sgemm(CblasColMajor, CblasNoTrans, CblasTrans, N, N, N, -0.001f, o.A.data(), N, o.B.data(), N, 1.f, o.C.data(), N);
  };
  const Mat start = o.C;
  run();
  if (!o.close()) {
    state.SkipWithError("OpenBLAS's product differs from Eigen's");
    return;
  }
  o.C = start;
  for (auto _ : state) {
    run();
    benchmark::DoNotOptimize(o.C.data());
  }
  set_counters(state, N);
}
#endif

}  // namespace

BENCHMARK(BM_EigenProduct)->Apply(Shapes);
BENCHMARK(BM_EigenTranspose)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->ArgName("N");
#ifdef CLP_HAVE_LIBXSMM
BENCHMARK(BM_LibxsmmProduct)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->ArgName("N");
BENCHMARK(BM_LibxsmmTranspose)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->ArgName("N");
#endif
#ifdef CLP_HAVE_OPENBLAS
BENCHMARK(BM_OpenblasProduct)->Apply(Shapes);
#endif
