// The arithmetic of the completion runs, from their configuration alone: the floating-point
// operations (flops; a multiply-add is 2) of the algorithms as implemented, their dominant
// terms. Divided by the machine's measured peak rate (bench_completion's BM_FmaPeak) it
// gives the FLOP floor of a run: the time it would take with every core's FMA units busy
// on every cycle, the yardstick the benchmarks and docs/performance.md measure speed against.
#pragma once
#include "completion/sv_compare.hpp"
#include "completion/sweep.hpp"

namespace clp::completion {

// Flops by precision: float and double run at different peak rates.
struct Flops {
  double single = 0;  // float
  double dbl = 0;     // double
  double total() const { return single + dbl; }
  // Seconds at the given peak rates (flops per second).
  double seconds_at(double float_peak, double double_peak) const {
    return single / float_peak + dbl / double_peak;
  }
  Flops& operator+=(const Flops& o) {
    single += o.single;
    dbl += o.dbl;
    return *this;
  }
};

// One FastFactorization step at N, n observed entries, depth D (factorization.hpp):
// 3 (D - 2) dense N x N products (2 N^3 each; none for D <= 2) and three passes of 2 n N
// over the entries (D >= 2), or one pass of 3 n (D = 1: only the observed entries move).
double step_flops(int N, long n, int depth);

// One singular-value ODE step (SvOde::step, sv_ode.hpp) at N, n entries: the pass over the
// entries (4 n N: a dot product and an update per entry), A = (G V)^T U (2 N^3), two Cayley
// rotations (an LU, 2/3 N^3, and a solve with N right-hand sides, 2 N^3, each), and 12 N^2
// of elementwise work. Independent of the depth.
double sv_ode_step_flops(int N, long n);

// Recording the top singular values of W = W_D ... W_1 once (in double): D - 1 products to
// form W and the Householder bidiagonalization of an SVD (8/3 N^3), the floor of any SVD.
double sv_record_flops(int N, int depth);

// One mc_sweep run (run_sweep): the trunk of max(switch_times) (+ 1 with a problem file)
// steps on the deficit's entries, a branch of steps_after_deficit() steps on all n entries
// per switch time, and the singular-value recordings of sv_every (in double). In float, or
// double with use_double.
Flops sweep_flops(const SweepConfig& cfg);

// One mc_sv_ode run (run_ode_vs_gd), every n of n_list: gradient descent on the network in
// double and the ODE, step by step, on the trunk and every branch, and a singular-value
// recording every record_every steps (and at each branch's end).
Flops ode_compare_flops(const OdeCompareConfig& cfg);

}  // namespace clp::completion
