// The reduced per-mode dynamics of the two-pathway deep linear network (paper Sec. 3).
//
// With balanced, mode-aligned initialization every layer of pathway x carries the same
// scalar p_x for a mode; the pathway's singular value for that mode is K_x = K(p_x).
// The constant of motion q^2 - p^2 picks the regime:
//   large init (q^2 - p^2 = 1): K(p) = p (p^2 + 1)^((D-1)/2),  dp/dt = (p^2 + 1)^((D-1)/2) Omega
//   small init (q^2 - p^2 = 0): K(p) = p |p|^(D-1),            dp/dt = |p|^(D-1) Omega
// with Omega = s - K_a - K_b (s = the mode's target singular value). Forward Euler with
// step dt; a frozen pathway keeps its p; both pathways read the Omega of the previous step.
#pragma once
#include <Eigen/Dense>

namespace clp::twopath {

enum class Regime { kLarge, kSmall };

// x^n for integer n >= 0, by repeated squaring (exact for the small n used here,
// and much cheaper than std::pow inside million-step loops).
inline double ipow(double x, int n) {
  double r = 1.0;
  while (n > 0) {
    if (n & 1) r *= x;
    x *= x;
    n >>= 1;
  }
  return r;
}

// K(p): the pathway singular value carried by per-layer value p at depth D >= 1.
double mode_value(Regime regime, int depth, double p);

// g(p) with dp/dt = g(p) Omega.
double mode_rate(Regime regime, int depth, double p);

// f(K) with dK/dt = f(K) Omega = K'(p) g(p) Omega at p = p(K), the flow field of the
// phase portraits: large init (p^2+1)^(D-2) (D p^2 + 1); small init D |K|^(2 - 2/D).
double flow_factor(Regime regime, int depth, double K);

// p(K): the inverse of the monotone K(p). Closed form for small init; for large init
// Newton's method safeguarded by bisection, to full double precision.
double invert_mode_value(Regime regime, int depth, double K);

// What happens to one mode in one Euler step.
struct ModeStepRule {
  bool a_frozen = false;  // pathway a receives no update (lesion or deficit)
  bool b_frozen = false;  // pathway b receives no update (deficit / gate)
  bool a_counts = true;   // pathway a's K enters Omega (false: lesioned from the output)
};

// One forward-Euler step of both pathways for one mode.
inline void mode_step(Regime regime, int depth, double dt, double s, ModeStepRule rule,
                      double& pa, double& pb) {
  const double ka = rule.a_counts ? mode_value(regime, depth, pa) : 0.0;
  const double omega = s - ka - mode_value(regime, depth, pb);
  const double ga = mode_rate(regime, depth, pa), gb = mode_rate(regime, depth, pb);
  if (!rule.a_frozen) pa += dt * ga * omega;
  if (!rule.b_frozen) pb += dt * gb * omega;
}

// A window of steps [start, start + length) during which a pathway is frozen.
struct Window {
  long start = 0;
  long length = 0;
  bool contains(long step) const { return step >= start && step < start + length; }
};

// Forward Euler for every mode of a target with singular values s, from per-layer values
// pa0, pb0 (the two-pathway network's ODE: dt = lr, started from p = d^(1/D)), with
// pathway b frozen in b_frozen and mode lesion_mode (1-based; 0 = none) lesioned from
// pathway a for the whole run. Ka, Kb become (steps + 1) by modes. Throws clp::Error if
// the integration diverges.
void integrate_modes(Eigen::MatrixXd& Ka, Eigen::MatrixXd& Kb, Regime regime, int depth, double dt,
                     long steps, const Eigen::VectorXd& s, const Eigen::VectorXd& pa0,
                     const Eigen::VectorXd& pb0, Window b_frozen, int lesion_mode);

}  // namespace clp::twopath
