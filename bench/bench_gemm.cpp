// The completion step's three dense products (bench/products.hpp) at N in {50, 100, 200,
// 400}: Eigen's product, libxsmm (what the step runs, in a build that found it) and the
// serial OpenBLAS where it was installed when the build was configured (`make bench-gemm`
// installs it); each checked against a double product before it is timed, each rate also as
// a fraction of BM_FmaPeak, this core's measured peak.
#include "products.hpp"

using namespace clp::bench;

BENCHMARK(BM_FmaPeak<float>)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Product)->Apply([](benchmark::internal::Benchmark* b) { product_sizes(b, {50, 100, 200, 400}); });

int main(int argc, char** argv) { return bench_main(argc, argv); }
