// Benchmarks of the deep matrix-completion gradient step (SPEC Part B).
//
// BM_FmaPeak: this core's measured peak (bench/products.hpp); every rate below is also given
//   as a fraction of it (of_peak).
// BM_LoadFmaPeak: the peak of FMAs that each load an operand from L1, as the passes
//   over the observed entries do (bench/products.hpp): what binds those passes.
// BM_FastStep<float>: the structured step the figures use (FastFactorization<float>), its
//   dense products on what this build chose (libxsmm where it was found at configure time,
//   else Eigen's product; the JSON context's step_products says which). Counters: GFLOP/s
//   from its flop count, of_peak, and floor_ratio = time / (flops / peak), how far it is from its FLOP floor.
// BM_Product/N/shape/backend: the step's three product shapes alone on every
//   implementation of this build (bench/products.hpp: Eigen, libxsmm, OpenBLAS).
// BM_FastStep<double>: the same step in double.
// BM_NaiveStep: the dense reference in double (full W, dense gradient, 3 (D - 1) products).
// BM_SvOdeStep: the singular-value ODE's step (N 100, n 5000, D 3), with its flop count.
// Sizes: depth D in 1..4, N in {50, 100, 200, 400}, n = N^2 / 5 observed entries
// (N = 100, n = 2000 is the paper's setting). Run them with
// --benchmark_enable_random_interleaving=true --benchmark_repetitions=9 on a shared machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/flops.hpp"
#include "completion/problem.hpp"
#include "products.hpp"

using namespace clp::completion;
using namespace clp::bench;

namespace {

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

double fast_flops(int N, int D) { return step_flops(N, N * N / 5, D); }

// Before timing: 3 steps of the structured step at the benchmark's N, D and observations, from a start
// of scale g = 1 (where the steps move the layers visibly), against the naive double
// reference: the loss within 1e-4 (float) or 1e-10 (double) relative, and each layer's
// change within that fraction of the change plus 1e-6 (float) or 1e-13 (double) of the
// layer (a float layer stores its change only to ~1e-7 of its own size: at N = 400 the
// change of W_1 over 3 steps is ~1e-4 of it). A step that computes something else is
// reported as an error, not timed.
template <typename T>
std::string verify_fast_step(const Setup& s) {
  const double tol = sizeof(T) == 4 ? 1e-4 : 1e-10, floor = sizeof(T) == 4 ? 1e-6 : 1e-13;
  const int N = s.obs.N, D = static_cast<int>(s.layers.size());
  const std::vector<Eigen::MatrixXd> start = gaussian_init(N, D, 1.0, clp::derive_seed(2, kInit));
  std::vector<Eigen::MatrixXd> ref = start;
  FastFactorization<T> net(start);
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
void BM_FastStep(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0)), D = static_cast<int>(state.range(1));
  Setup s(N, D);
  if (const std::string bad = verify_fast_step<T>(s); !bad.empty()) {
    state.SkipWithError(bad.c_str());
    return;
  }
  const std::vector<T> y = targets_at<T>(s.obs, s.M);
  FastFactorization<T> net(s.layers);
  const double peak = fma_peak<T>();
  const double start = thread_seconds();
  for (auto _ : state) benchmark::DoNotOptimize(net.step(s.obs, y, T(0.2)));
  const double per_step = (thread_seconds() - start) / state.iterations();
  state.counters["GFLOP/s"] = benchmark::Counter(fast_flops(N, D) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["of_peak"] = fast_flops(N, D) / per_step / peak;  // fraction of BM_FmaPeak's rate
  state.counters["floor_ratio"] = per_step / (fast_flops(N, D) / peak);
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

void SmallSizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"N", "D"});
  for (int D : {1, 2, 3, 4})
    for (int N : {50, 100}) b->Args({N, D});
}

}  // namespace

BENCHMARK(BM_FmaPeak<float>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FmaPeak<double>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFmaPeak<float>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFmaPeak<double>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastStep<float>)->Apply(Sizes);
BENCHMARK(BM_Product)->Apply([](benchmark::internal::Benchmark* b) { product_sizes(b, {50, 100, 200, 400}); });
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
  const int N = static_cast<int>(state.range(0));
  const double flops = sv_ode_step_flops(N, s.obs.size()), peak = fma_peak<double>();
  const double start = thread_seconds();
  for (auto _ : state) benchmark::DoNotOptimize(ode.step(s.obs, s.y, 1e-6));
  const double per_step = (thread_seconds() - start) / state.iterations();
  state.counters["flops"] = flops;
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["of_peak"] = flops / per_step / peak;  // fraction of BM_FmaPeak<double>'s rate
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

int main(int argc, char** argv) { return clp::bench::bench_main(argc, argv); }
