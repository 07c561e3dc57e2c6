// Benchmarks of Part A (two-pathway model and phase portraits).
//
// Kernels: one gradient-descent step of the two-pathway network (linear D = 4 as in
// Fig 2; tanh D = 3 as in Fig 11) and one Euler step of the per-mode ODE.
// Whole figures: the data of each of the six Part A figures with the paper's parameters,
// computed in process and written to a temporary directory, exactly as the programs do.
// The sum of the six Figure/* CPU times is the "all six in under 2 s" target.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "twopath/multipath.hpp"
#include "twopath/network.hpp"
#include "twopath/paper.hpp"
#include "twopath/phase.hpp"

using namespace clp::twopath;
namespace fs = std::filesystem;

namespace {

fs::path scratch() {
  static const fs::path d = fs::temp_directory_path() / ("clp_bench_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

void BM_TwoPathwayStep(benchmark::State& state) {
  const HierarchicalData data = make_hierarchical_dataset();
  const int depth = static_cast<int>(state.range(0));
  const auto act = static_cast<Activation>(state.range(1));
  Eigen::MatrixXd R;
  const Eigen::VectorXd d = init_mode_values(8, 0.01, 0.1, 1, &R, 100);
  TwoPathwayNet net;
  net.a = net.b = balanced_init(data, depth, d, R);
  net.activation = act;
  Pathway ga = zeros_like(net.a), gb = zeros_like(net.b);
  ForwardCache cache;
  for (auto _ : state) {
    forward(cache, net, data);
    zero_grad(ga);
    zero_grad(gb);
    backward(ga, gb, cache, net, data);
    for (int j = 0; j < depth; ++j) net.a.W[j] -= 1e-6 * ga.W[j], net.b.W[j] -= 1e-6 * gb.W[j];
    benchmark::DoNotOptimize(net.a.W[0].data());
  }
}
BENCHMARK(BM_TwoPathwayStep)->Args({4, 0})->Args({3, 1})->ArgNames({"depth", "act"});

void BM_ModeOdeStep(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  const auto regime = static_cast<Regime>(state.range(1));
  double pa = 0.01, pb = 0.012;
  for (auto _ : state) {
    mode_step(regime, depth, 1e-9, 10.0, {}, pa, pb);
    benchmark::DoNotOptimize(pa);
    benchmark::DoNotOptimize(pb);
  }
}
BENCHMARK(BM_ModeOdeStep)->Args({4, 1})->Args({13, 0})->ArgNames({"depth", "large0_small1"});

void run_phase_figure(benchmark::State& state, PhaseConfig cfg) {
  for (auto _ : state) write_phase(run_phase(cfg), {}, scratch() / "phase");
}


void run_multipath_figure(benchmark::State& state, MultipathConfig cfg) {
  for (auto _ : state) write_multipath(run_multipath(cfg), cfg, {}, scratch() / "multipath");
}


}  // namespace

// Every Part A figure at the paper's configuration (twopath/paper.hpp), progress off.
template <class Config>
Config quiet(Config cfg) {
  cfg.quiet = true;
  return cfg;
}
BENCHMARK_CAPTURE(run_phase_figure, fig1_phase_large, quiet(paper::fig1()))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_phase_figure, fig7_phase_small, quiet(paper::fig7()))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_multipath_figure, fig2_multipath_deficit, quiet(paper::fig2()))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_multipath_figure, fig3_gate_lesion, quiet(paper::fig3()))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_multipath_figure, fig11_nonlinear_tanh, quiet(paper::fig11()))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_multipath_figure, fig12_nonlinear_relu, quiet(paper::fig12()))->Unit(benchmark::kMillisecond)->UseRealTime();
