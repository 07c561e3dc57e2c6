// Benchmarks of the deep matrix-completion gradient step (SPEC Part B).
//
// BM_FastStep<float>: the structured kernel the figures use (FastFactorization<float>).
// BM_FastStepEigenProducts: the same with its dense products through Eigen's product instead
//   of the project's kernel (gemm.hpp): the kernel against Eigen; run both with
//   --benchmark_enable_random_interleaving=true --benchmark_repetitions=N on a noisy machine.
// BM_Product/N/shape/eigen: the step's three product shapes alone, kernel (eigen:0) and Eigen (eigen:1).
// BM_FastStep<double>: the same kernel in double.
// BM_NaiveStep: the dense reference in double (full W, dense gradient, 3 (D - 1) products).
// Sizes: depth D in 1..4, N in {50, 100, 200, 400}, n = N^2 / 5 observed entries
// (N = 100, n = 2000 is the paper's setting). Counters: the fast kernel's rate (GFLOP/s, from
// its flop count) and that rate as a fraction of this core's measured peak (of_peak: see
// BM_FmaPeak, which measures it).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <string>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/problem.hpp"

using namespace clp::completion;

namespace {

// CPU time of this thread, in seconds (the clock Google Benchmark's rates use).
double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// This core's peak rate of fused multiply-adds in precision T with the SIMD width the
// kernels are compiled for: 16 independent accumulator vectors (enough to cover the FMA
// latency on two ports), registers only, best of 5 runs (thread CPU time). In flops per second
// (an FMA is 2 flops).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
template <typename T>
double measure_fma_peak() {
  using namespace Eigen::internal;
  using Packet = typename packet_traits<T>::type;
  constexpr int W = unpacket_traits<Packet>::size, A = 16;
  const long reps = 200000;
  double best = 0;
  for (int run = 0; run < 5; ++run) {
    Packet acc[A];
    for (int i = 0; i < A; ++i) acc[i] = pset1<Packet>(T(i));
    const Packet a = pset1<Packet>(T(0.999999)), b = pset1<Packet>(T(1e-7));
    const double start = thread_seconds();
    for (long r = 0; r < reps; ++r) {
      for (int i = 0; i < A; ++i) acc[i] = pmadd(acc[i], a, b);
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

struct Setup {
  ObservationSet obs;
  Eigen::MatrixXd M;
  std::vector<Eigen::MatrixXd> layers;
  Setup(int N, int D) {
    const int n = N * N / 5;
    M = make_ground_truth(N, 5, clp::derive_seed(1, kTask1));
    obs = arrange(N, sample_entries(N, n, clp::derive_seed(1, kObservations)));
    layers = gaussian_init(N, D, 0.001, clp::derive_seed(1, kInit));
  }
};

// Arithmetic of one fast step: (3D - 6) dense N^3 products (D >= 2) at 2 N^3 flops each,
// plus 3 passes of 2 n N flops over the observed entries (1 pass of ~3 n for D = 1).
double fast_flops(int N, int D) {
  const double n = N * N / 5.0;
  if (D == 1) return 3 * n;
  return (3.0 * D - 6) * 2.0 * N * N * N + 3 * 2.0 * n * N;
}

// Before timing: 3 steps of the kernel at the benchmark's N, D and observations, from a start
// of scale g = 1 (where the steps move the layers visibly), against the naive double
// reference: the loss within 1e-4 (float) or 1e-10 (double) relative, and each layer's
// change within that fraction of the change plus 1e-6 (float) or 1e-13 (double) of the
// layer (a float layer stores its change only to ~1e-7 of its own size: at N = 400 the
// change of W_1 over 3 steps is ~1e-4 of it). A kernel that computes something else is
// reported as an error, not timed.
template <typename T>
std::string verify_fast_step(const Setup& s, bool eigen_products = false) {
  const double tol = sizeof(T) == 4 ? 1e-4 : 1e-10, floor = sizeof(T) == 4 ? 1e-6 : 1e-13;
  const int N = s.obs.N, D = static_cast<int>(s.layers.size());
  const std::vector<Eigen::MatrixXd> start = gaussian_init(N, D, 1.0, clp::derive_seed(2, kInit));
  std::vector<Eigen::MatrixXd> ref = start;
  FastFactorization<T> net(start);
  net.use_eigen_products(eigen_products);
  const std::vector<double> yd = targets_at<double>(s.obs, s.M);
  const std::vector<T> y = targets_at<T>(s.obs, s.M);
  for (int t = 0; t < 3; ++t) {
    const double want = reference_step(ref, s.obs, yd, 0.2), got = net.step(s.obs, y, T(0.2));
    if (!(std::abs(got - want) <= tol * want)) return "loss differs from the reference at step " + std::to_string(t + 1);
  }
  const auto got = net.layers();
  for (int j = 0; j < D; ++j)
    if (!((got[j] - ref[j]).norm() <= tol * (ref[j] - start[j]).norm() + floor * ref[j].norm()))
      return "the change of layer " + std::to_string(j + 1) + " differs from the reference";
  return "";
}

template <typename T>
void fast_step(benchmark::State& state, bool eigen_products) {
  const int N = static_cast<int>(state.range(0)), D = static_cast<int>(state.range(1));
  Setup s(N, D);
  if (const std::string bad = verify_fast_step<T>(s, eigen_products); !bad.empty()) {
    state.SkipWithError(bad.c_str());
    return;
  }
  const std::vector<T> y = targets_at<T>(s.obs, s.M);
  FastFactorization<T> net(s.layers);
  net.use_eigen_products(eigen_products);
  const double peak = fma_peak<T>();
  const double start = thread_seconds();
  for (auto _ : state) benchmark::DoNotOptimize(net.step(s.obs, y, T(0.2)));
  const double per_step = (thread_seconds() - start) / state.iterations();
  state.counters["GFLOP/s"] = benchmark::Counter(fast_flops(N, D) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["of_peak"] = fast_flops(N, D) / per_step / peak;  // fraction of BM_FmaPeak's rate
}

template <typename T>
void BM_FastStep(benchmark::State& state) {
  fast_step<T>(state, false);
}

void BM_FastStepEigenProducts(benchmark::State& state) { fast_step<float>(state, true); }

// The step's three products at N x N (float): C = A B (the forward prefix), C = A^T B (the
// backward delta), C -= a A B^T (the layer update); range(2) = 0 the kernel, 1 Eigen. Checked
// against a double product before timing (1e-5 of the largest entry).
void BM_Product(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0)), shape = static_cast<int>(state.range(1));
  const bool ta = shape == 1, tb = shape == 2, acc = shape == 2;
  const float alpha = acc ? -0.01f : 1.f;
  clp::Rng rng(7);
  const Eigen::MatrixXf A = rng.normal_matrix(N, N).cast<float>(), B = rng.normal_matrix(N, N).cast<float>();
  const Eigen::MatrixXf C0 = rng.normal_matrix(N, N).cast<float>();
  Eigen::MatrixXf C = C0;
  gemm::Workspace ws;
  ws.eigen = state.range(2) == 1;
  const auto run = [&] {
    gemm::product(N, N, N, alpha, {A.data(), N, ta}, {B.data(), N, tb}, acc, C.data(), N, ws);
  };
  run();
  const Eigen::MatrixXd a = ta ? Eigen::MatrixXd(A.cast<double>().transpose()) : A.cast<double>();
  const Eigen::MatrixXd b = tb ? Eigen::MatrixXd(B.cast<double>().transpose()) : B.cast<double>();
  const Eigen::MatrixXd want = (acc ? Eigen::MatrixXd(C0.cast<double>()) : Eigen::MatrixXd::Zero(N, N)) + alpha * a * b;
  if (!((C.cast<double>() - want).cwiseAbs().maxCoeff() <= 1e-5 * want.cwiseAbs().maxCoeff())) {
    state.SkipWithError("the product differs from the double reference");
    return;
  }
  const double peak = fma_peak<float>(), flops = 2.0 * N * N * N;
  const double start = thread_seconds();
  for (auto _ : state) {
    run();
    benchmark::DoNotOptimize(C.data());
  }
  const double per_product = (thread_seconds() - start) / state.iterations();
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["of_peak"] = flops / per_product / peak;  // fraction of BM_FmaPeak's rate
}

void BM_NaiveStep(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0)), D = static_cast<int>(state.range(1));
  Setup s(N, D);
  const std::vector<double> y = targets_at<double>(s.obs, s.M);
  for (auto _ : state) benchmark::DoNotOptimize(reference_step(s.layers, s.obs, y, 0.2));
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "D"});
  for (int D : {1, 2, 3, 4})
    for (int N : {50, 100, 200, 400}) b->Args({N, D});
}

// Depths with dense products (D >= 3).
void DenseSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "D"});
  for (int D : {3, 4})
    for (int N : {50, 100, 200, 400}) b->Args({N, D});
}

void ProductSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "shape", "eigen"});
  for (int shape : {0, 1, 2})
    for (int N : {50, 100, 200, 400})
      for (int eigen : {0, 1}) b->Args({N, shape, eigen});
}

void SmallSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "D"});
  for (int D : {1, 2, 3, 4})
    for (int N : {50, 100}) b->Args({N, D});
}

}  // namespace

BENCHMARK(BM_FmaPeak<float>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FmaPeak<double>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastStep<float>)->Apply(Sizes);
BENCHMARK(BM_FastStepEigenProducts)->Apply(DenseSizes);
BENCHMARK(BM_Product)->Apply(ProductSizes);
BENCHMARK(BM_FastStep<double>)->Apply(SmallSizes);
BENCHMARK(BM_NaiveStep)->Apply(Sizes);

// ---- the singular-value ODE (SPEC mc_ode_vs_gd: N 100, n 5000, D 3) ----------------------
#include "completion/sv_ode.hpp"

namespace {

struct SvSetup {
  ObservationSet obs;
  std::vector<double> y;
  SvState start;
  explicit SvSetup(int N) {
    const Eigen::MatrixXd M = make_ground_truth(N, 8, clp::derive_seed(1, kTask1));
    obs = arrange(N, sample_entries(N, N * N / 2, clp::derive_seed(1, kObservations)));
    y = targets_at<double>(obs, M);
    clp::Rng rng(2);
    Eigen::VectorXd d(N);
    for (int i = 0; i < N; ++i) d(i) = 0.001 * (1 + 0.5 * rng.uniform()) + 1e-3 * i;
    start = sv_state_of_diagonal(d);
  }
};

// Our integrator: gradient at the observed entries only, Cayley updates of U and V.
// Before timing: the step's loss is the loss of U S V^T, and one step of size 1e-6 moves the
// singular values as SPEC's re-decomposing step does (to 1e-9 of the largest).
std::string verify_sv_step(const SvSetup& s) {
  SvOde ode(s.start, 3);
  const double want = train_loss_at(s.start.W(), s.obs, s.y), got = ode.step(s.obs, s.y, 1e-6);
  if (!(std::abs(got - want) <= 1e-12 * want)) return "loss differs from the loss of U S V^T";
  SvState ref = s.start;
  sv_reference_step(ref, s.obs, s.y, 3, 1e-6);
  const int N = static_cast<int>(ref.s.size());
  std::vector<double> a(ref.s.data(), ref.s.data() + N), b = ode.top(N);
  std::sort(a.begin(), a.end(), std::greater<>());
  for (int i = 0; i < N; ++i)
    if (!(std::abs(a[i] - b[i]) <= 1e-9 * a[0])) return "singular value " + std::to_string(i + 1) + " differs from the reference step";
  return "";
}

void BM_SvOdeStep(benchmark::State& state) {
  SvSetup s(static_cast<int>(state.range(0)));
  if (const std::string bad = verify_sv_step(s); !bad.empty()) {
    state.SkipWithError(bad.c_str());
    return;
  }
  SvOde ode(s.start, 3);
  for (auto _ : state) benchmark::DoNotOptimize(ode.step(s.obs, s.y, 1e-6));
}
BENCHMARK(BM_SvOdeStep)->Arg(100)->ArgName("N")->Unit(benchmark::kMicrosecond);

// SPEC's step: Euler update of W, then a full SVD.
void BM_SvOdeReferenceStep(benchmark::State& state) {
  SvSetup s(static_cast<int>(state.range(0)));
  SvState x = s.start;
  for (auto _ : state) benchmark::DoNotOptimize(sv_reference_step(x, s.obs, s.y, 3, 1e-6));
}
BENCHMARK(BM_SvOdeReferenceStep)->Arg(100)->ArgName("N")->Unit(benchmark::kMicrosecond);

// A 100 x 100 SVD, values only and full (the building block the reference pays every step).
void BM_Svd(benchmark::State& state) {
  clp::Rng rng(5);
  const Eigen::MatrixXd A = rng.normal_matrix(100, 100);
  const bool full = state.range(0) != 0;
  for (auto _ : state) {
    Eigen::BDCSVD<Eigen::MatrixXd> svd(A, full ? (Eigen::ComputeFullU | Eigen::ComputeFullV) : 0);
    benchmark::DoNotOptimize(svd.singularValues().data());
  }
}
BENCHMARK(BM_Svd)->Arg(0)->Arg(1)->ArgName("full")->Unit(benchmark::kMicrosecond);

}  // namespace
