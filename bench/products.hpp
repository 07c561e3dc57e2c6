// Shared by bench_completion and bench_gemm: this core's measured FMA peak (BM_FmaPeak), and
// the completion step's three dense products (float, column-major, N x N, one core) on every
// implementation this build has:
//  - eigen:    Eigen's product (gemm::eigen_product: what the step runs without libxsmm),
//  - libxsmm:  gemm::product in a build with libxsmm (what the step runs): libxsmm's JIT
//              kernels, a transposed A copied transposed first (gemm.hpp),
//  - openblas: cblas_sgemm of the serial OpenBLAS where it was found at configure time.
// The shapes (range(1)): 0 C = A B (the forward prefix), 1 C = A^T B (the backward delta),
// 2 C += A B^T (the layer update, its -lr carried by the step's scaled delta). Each
// implementation's result is checked against a product in double before it is timed (within
// 1e-5 of the largest entry); one that computes something else is reported as a benchmark
// error. Counters: GFLOP/s (2 N^3 per product) and of_peak, that rate as a fraction of
// BM_FmaPeak's.
#pragma once
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <algorithm>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "common/rng.hpp"
#include "completion/gemm.hpp"

#ifdef CLP_HAVE_OPENBLAS
extern "C" {
#include <cblas.h>
}
#endif

namespace clp::bench {

namespace gemm = clp::completion::gemm;

// CPU time of this thread, in seconds (the clock Google Benchmark's rates use).
inline double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// This core's peak rate of fused multiply-adds in precision T with the SIMD width the
// kernels are compiled for: 12 independent accumulator vectors (more than the 2 ports x 4
// cycles of latency of current x86 cores need in flight, and with the two operands few
// enough for AVX2's 16 vector registers: with 16 accumulators there, three live on the stack
// and their store-to-load round trips, not the FMA units, set the pace), best of 5 runs
// (thread CPU time). In flops per second (an FMA is 2 flops).
// Load = true: the same 12 chains, each FMA taking one operand from memory (a whole vector at
// an address aligned to its size, 64 bytes on AVX-512, as the step's matrices are allocated;
// 12 KB read in turn, so always in L1), as the passes over the observed entries take theirs (a
// column gathered by the entry's index): the peak of fused multiply-adds that load, bound by
// whichever of the FMA units and the vector loads from L1 is slower. (Unaligned, every load
// spans two cache lines: on an AVX-512 Zen 5 that halves the rate.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
template <typename T, bool Load = false>
double measure_fma_peak() {
  using namespace Eigen::internal;
  using Packet = typename packet_traits<T>::type;
  constexpr int W = unpacket_traits<Packet>::size, A = 12, Rows = 16;
  const long reps = 200000;
  std::vector<T, Eigen::aligned_allocator<T>> buffer(Load ? static_cast<size_t>(Rows) * A * W : 0, T(1));
  double best = 0;
  for (int run = 0; run < 5; ++run) {
    Packet acc[A];
    for (int i = 0; i < A; ++i) acc[i] = pset1<Packet>(T(i));
    const Packet a = pset1<Packet>(T(0.999999)), b = pset1<Packet>(T(1e-7));
    const double start = thread_seconds();
    for (long r = 0; r < reps; ++r) {
      if constexpr (Load) {
        const T* row = buffer.data() + (r % Rows) * A * W;
        for (int i = 0; i < A; ++i) acc[i] = pmadd(ploadu<Packet>(row + i * W), b, acc[i]);
      } else {
        for (int i = 0; i < A; ++i) acc[i] = pmadd(acc[i], a, b);
      }
      benchmark::ClobberMemory();
    }
    const double s = thread_seconds() - start;
    T sink = 0;
    for (int i = 0; i < A; ++i) sink += predux(acc[i]);
    benchmark::DoNotOptimize(sink);
    best = std::max(best, 2.0 * W * A * reps / s);
  }
  return best;
}
#pragma GCC diagnostic pop

// Measured once per process (the first benchmark that asks), for the of_peak counters.
template <typename T>
double fma_peak() {
  static const double peak = measure_fma_peak<T>();
  return peak;
}

// The measured peak as a benchmark of its own (its GFLOP/s counter), float and double.
template <typename T>
void BM_FmaPeak(benchmark::State& state) {
  double peak = 0;
  for (auto _ : state) benchmark::DoNotOptimize(peak = measure_fma_peak<T>());
  state.counters["GFLOP/s"] = peak * 1e-9;
}

// The peak of FMAs that load an operand from L1 as a benchmark of its own (its GFLOP/s
// counter: 2 flops per lane of each such FMA).
template <typename T>
void BM_LoadFmaPeak(benchmark::State& state) {
  double peak = 0;
  for (auto _ : state) benchmark::DoNotOptimize(peak = measure_fma_peak<T, true>());
  state.counters["GFLOP/s"] = peak * 1e-9;
}

enum Backend { kEigen = 1, kLibxsmm = 2, kOpenblas = 3 };

// The implementations of this build, in Backend order.
inline std::vector<int> backends() {
  std::vector<int> b;
  b.push_back(kEigen);
#if CLP_HAVE_LIBXSMM
  b.push_back(kLibxsmm);
#endif
#ifdef CLP_HAVE_OPENBLAS
  b.push_back(kOpenblas);
#endif
  return b;
}

struct ProductCase {
  int N, shape;
  bool ta, tb, acc;
  float alpha;
  Eigen::MatrixXf A, B, C0, C;
  gemm::Workspace ws;

  ProductCase(int n, int s) : N(n), shape(s), ta(s == 1), tb(s == 2), acc(s == 2), alpha(1.f) {
    clp::Rng rng(7);
    A = rng.normal_matrix(N, N).cast<float>();
    B = rng.normal_matrix(N, N).cast<float>();
    C0 = rng.normal_matrix(N, N).cast<float>();
    C = C0;
  }

  // Empty when the backend is ready, else why not.
  const char* prepare(int backend) {
#if CLP_HAVE_LIBXSMM
    if (backend == kLibxsmm) {  // the first call dispatches the kernel: not timed
      const std::uint64_t before = gemm::libxsmm_products();
      run(backend);
      if (gemm::libxsmm_products() != before + 1) return "libxsmm generated no kernel (the product ran on Eigen)";
    }
#endif
    (void)backend;
    return nullptr;
  }

  void run(int backend) {
    switch (backend) {
      case kEigen:
        gemm::eigen_product<float>(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, C.data(), N);
        break;
#if CLP_HAVE_LIBXSMM
      case kLibxsmm:
        gemm::product(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, C.data(), N, ws);
        break;
#endif
#ifdef CLP_HAVE_OPENBLAS
      case kOpenblas:
        cblas_sgemm(CblasColMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, N, N, N, alpha,
                    A.data(), N, B.data(), N, acc ? 1.f : 0.f, C.data(), N);
        break;
#endif
      default:
        break;
    }
  }

  // One product from C0, against the same in double.
  bool verify(int backend) {
    C = C0;
    run(backend);
    const Eigen::MatrixXd a = ta ? Eigen::MatrixXd(A.cast<double>().transpose()) : A.cast<double>();
    const Eigen::MatrixXd b = tb ? Eigen::MatrixXd(B.cast<double>().transpose()) : B.cast<double>();
    const Eigen::MatrixXd want = (acc ? Eigen::MatrixXd(C0.cast<double>()) : Eigen::MatrixXd::Zero(N, N)) + alpha * a * b;
    const bool ok = (C.cast<double>() - want).cwiseAbs().maxCoeff() <= 1e-5 * want.cwiseAbs().maxCoeff();
    C = C0;
    return ok;
  }
};

// range(0) N, range(1) shape, range(2) backend.
inline void BM_Product(benchmark::State& state) {
  ProductCase p(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  const int backend = static_cast<int>(state.range(2));
  if (const char* why = p.prepare(backend)) {
    state.SkipWithError(why);
    return;
  }
  if (!p.verify(backend)) {
    state.SkipWithError("the product differs from the double reference");
    return;
  }
  const double peak = fma_peak<float>(), flops = 2.0 * p.N * p.N * p.N;
  const double start = thread_seconds();
  for (auto _ : state) {
    p.run(backend);
    benchmark::DoNotOptimize(p.C.data());
  }
  const double per_product = (thread_seconds() - start) / state.iterations();
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["of_peak"] = flops / per_product / peak;
}

// Every (N, shape, backend) of this build.
inline void product_sizes(benchmark::internal::Benchmark* b, std::initializer_list<int> Ns) {
  b->ArgNames({"N", "shape", "backend"});
  for (int shape : {0, 1, 2})
    for (int N : Ns)
      for (int backend : backends()) b->Args({N, shape, backend});
}

// Names the implementations in the JSON context (backend numbers of BM_Product).
inline void add_backend_context() {
  std::string names;
  for (int b : backends()) {
    static const char* const name[] = {"", "eigen", "libxsmm", "openblas"};
    names += (names.empty() ? "" : ",") + std::to_string(b) + "=" + name[b];
  }
  benchmark::AddCustomContext("product_backends", names);
  benchmark::AddCustomContext("step_products", gemm::implementation());
  benchmark::AddCustomContext("eigen_version", std::to_string(EIGEN_WORLD_VERSION) + "." +
                                                   std::to_string(EIGEN_MAJOR_VERSION) + "." +
                                                   std::to_string(EIGEN_MINOR_VERSION));
  benchmark::AddCustomContext("eigen_simd", Eigen::SimdInstructionSetsInUse());
}

// The "model name" line of /proc/cpuinfo, and whether its flags list AVX-512F.
inline std::pair<std::string, bool> cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line, model = "unknown";
  bool avx512 = false, have_model = false, have_flags = false;
  while (std::getline(in, line) && !(have_model && have_flags)) {
    const auto value = [&] { return line.substr(line.find(':') + 2); };
    if (!have_model && line.rfind("model name", 0) == 0) model = value(), have_model = true;
    if (!have_flags && line.rfind("flags", 0) == 0) avx512 = line.find(" avx512f") != std::string::npos, have_flags = true;
  }
  return {model, avx512};
}

// main() of the benchmark programs: Google Benchmark's own context (date, host, CPUs,
// caches, load) plus the machine, the compiler and flags of this build, and the product
// implementations, in the JSON of every run.
inline int bench_main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const auto [model, avx512] = cpu_model();
  benchmark::AddCustomContext("cpu_model", model);
  benchmark::AddCustomContext("cpu_avx512f", avx512 ? "yes" : "no");
#ifdef CLP_BENCH_COMPILER
  benchmark::AddCustomContext("compiler", CLP_BENCH_COMPILER);
#endif
#ifdef CLP_BENCH_FLAGS
  benchmark::AddCustomContext("compile_flags", CLP_BENCH_FLAGS);
#endif
  add_backend_context();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace clp::bench
