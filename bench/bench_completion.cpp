// Benchmarks of the deep matrix-completion gradient step (SPEC Part B).
//
// BM_FastStep<float>: the structured kernel the figures use (FastFactorization<float>).
// BM_FastStep<double>: the same kernel in double.
// BM_NaiveStep: the dense reference in double (full W, dense gradient, 3D-2 products).
// Sizes: depth D in 1..4, N in {50, 100, 200, 400}, n = N^2 / 5 observed entries
// (N = 100, n = 2000 is the paper's setting). Counters: flops of the fast kernel's
// arithmetic and its rate.
#include <benchmark/benchmark.h>

#include "common/rng.hpp"
#include "completion/factorization.hpp"
#include "completion/problem.hpp"

using namespace clp::completion;

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

// Arithmetic of one fast step: (3D - 6) dense N^3 products (D >= 2) at 2 N^3 flops each,
// plus 3 passes of 2 n N flops over the observed entries (1 pass of ~3 n for D = 1).
double fast_flops(int N, int D) {
  const double n = N * N / 5.0;
  if (D == 1) return 3 * n;
  return (3.0 * D - 6) * 2.0 * N * N * N + 3 * 2.0 * n * N;
}

template <typename T>
void BM_FastStep(benchmark::State& state) {
  const int N = static_cast<int>(state.range(0)), D = static_cast<int>(state.range(1));
  Setup s(N, D);
  const std::vector<T> y = targets_at<T>(s.obs, s.M);
  FastFactorization<T> net(s.layers);
  for (auto _ : state) benchmark::DoNotOptimize(net.step(s.obs, y, T(0.2)));
  state.counters["GFLOP/s"] = benchmark::Counter(fast_flops(N, D) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
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

BENCHMARK(BM_FastStep<float>)->Apply(Sizes);
BENCHMARK(BM_FastStep<double>)->Apply(SmallSizes);
BENCHMARK(BM_NaiveStep)->Apply(SmallSizes);
