#include "completion/flops.hpp"

namespace clp::completion {

namespace {
// How many multiples of k lie in [a, b] (0 <= a).
long multiples_in(long a, long b, long k) { return b < a ? 0 : b / k - (a + k - 1) / k + 1; }
}  // namespace

double step_flops(int N, long n, int depth) {
  const double N3 = static_cast<double>(N) * N * N, nN = static_cast<double>(n) * N;
  if (depth == 1) return 3.0 * n;
  return 3.0 * (depth - 2) * 2.0 * N3 + 3 * 2.0 * nN;
}

double sv_ode_step_flops(int N, long n) {
  const double N2 = static_cast<double>(N) * N, N3 = N2 * N;
  return 4.0 * n * N + 2.0 * N3 + 2 * (2.0 / 3.0 * N3 + 2.0 * N3) + 12.0 * N2;
}

double sv_record_flops(int N, int depth) {
  const double N3 = static_cast<double>(N) * N * N;
  return (depth - 1) * 2.0 * N3 + 8.0 / 3.0 * N3;
}

Flops sweep_flops(const SweepConfig& cfg) {
  const bool subset = cfg.mode == SweepConfig::Mode::kSubset;
  const long trunk = cfg.switch_times.back() + cfg.extra_deficit_steps();
  const long branch = cfg.steps_after_deficit();
  const double branches = static_cast<double>(cfg.switch_times.size());
  const double steps = trunk * step_flops(cfg.N, subset ? cfg.n_deficit : cfg.n, cfg.depth) +
                       branches * branch * step_flops(cfg.N, cfg.n, cfg.depth);
  Flops f;
  (cfg.use_double ? f.dbl : f.single) = steps;
  if (cfg.sv_every > 0) {
    // Every sv_every steps of the trunk (shared) and of each branch, and at each branch's end.
    double records = static_cast<double>(multiples_in(0, trunk - 1, cfg.sv_every));
    for (long t0 : cfg.switch_times) {
      const long start = t0 + cfg.extra_deficit_steps();
      records += static_cast<double>(multiples_in(start, start + branch - 1, cfg.sv_every) + 1);
    }
    f.dbl += records * sv_record_flops(cfg.N, cfg.depth);
  }
  return f;
}

Flops ode_compare_flops(const OdeCompareConfig& cfg) {
  const long trunk = cfg.totals.back() - cfg.task2_steps;
  const double steps = trunk + static_cast<double>(cfg.totals.size()) * cfg.task2_steps;
  double records = static_cast<double>(multiples_in(0, trunk - 1, cfg.record_every));
  for (long total : cfg.totals) {
    const long start = total - cfg.task2_steps, end = total;  // recorded at multiples and at the end
    records += static_cast<double>(multiples_in(start, end, cfg.record_every) + (end % cfg.record_every ? 1 : 0));
  }
  Flops f;
  for (int n : cfg.n_list)
    f.dbl += steps * (step_flops(cfg.N, n, cfg.depth) + sv_ode_step_flops(cfg.N, n)) +
             records * sv_record_flops(cfg.N, cfg.depth);
  return f;
}

}  // namespace clp::completion
