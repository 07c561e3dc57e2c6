#include "twopath/mode_ode.hpp"

#include <algorithm>
#include <cmath>

namespace clp::twopath {

namespace {
// (p^2 + 1)^(m/2) for integer m >= 0.
double half_power(double p2plus1, int m) {
  const double r = ipow(p2plus1, m / 2);
  return (m % 2) ? r * std::sqrt(p2plus1) : r;
}
}  // namespace

double mode_value(Regime regime, int depth, double p) {
  if (regime == Regime::kSmall) return p * ipow(std::fabs(p), depth - 1);
  return p * half_power(p * p + 1.0, depth - 1);
}

double mode_rate(Regime regime, int depth, double p) {
  if (regime == Regime::kSmall) return ipow(std::fabs(p), depth - 1);
  return half_power(p * p + 1.0, depth - 1);
}

double invert_mode_value(Regime regime, int depth, double K) {
  if (regime == Regime::kSmall) return std::copysign(std::pow(std::fabs(K), 1.0 / depth), K);
  // K(p) is odd and increasing with K(p) >= p for p >= 0, so p(|K|) lies in [0, |K|].
  const double target = std::fabs(K);
  double lo = 0.0, hi = target, p = std::min(target, std::pow(target, 1.0 / depth));
  for (int it = 0; it < 100; ++it) {
    const double f = mode_value(regime, depth, p) - target;
    if (f == 0.0) break;
    (f < 0 ? lo : hi) = p;
    // K'(p) = (p^2+1)^((D-3)/2) (D p^2 + 1), always positive.
    const double q = p * p + 1.0;
    const double slope = half_power(q, depth + 1) / (q * q) * (depth * p * p + 1.0);
    double next = p - f / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // Newton left the bracket
    const bool converged = std::fabs(next - p) <= 1e-15 * (1.0 + p);
    p = next;
    if (converged || hi - lo <= 1e-15 * (1.0 + hi)) break;
  }
  return std::copysign(p, K);
}

double flow_factor(Regime regime, int depth, double K) {
  if (regime == Regime::kSmall) return depth * std::pow(std::fabs(K), 2.0 - 2.0 / depth);
  const double p = invert_mode_value(regime, depth, K);
  const double q = p * p + 1.0;
  // (p^2+1)^(D-2) for D >= 1 (D = 1 gives 1/(p^2+1) times (p^2+1) overall = 1).
  const double lead = depth >= 2 ? ipow(q, depth - 2) : 1.0 / q;
  return lead * (depth * p * p + 1.0);
}

}  // namespace clp::twopath
