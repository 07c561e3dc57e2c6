// The per-mode ODE: closed forms, identities of K(p), the flow field, freezing.
#include <gtest/gtest.h>

#include <cmath>

#include "twopath/mode_ode.hpp"
#include "twopath/phase.hpp"

using namespace clp::twopath;

namespace {
// Both pathways from p0 with no deficit, small init, D = 2: the total k = K_a + K_b = 2 p^2
// obeys dk/dt = 2 k (s - k), a logistic with closed form
// k(t) = s k0 e^{2st} / (s + k0 (e^{2st} - 1)).
double logistic_total(double s, double k0, double t) {
  const double e = std::exp(2 * s * t);
  return s * k0 * e / (s + k0 * (e - 1));
}
double euler_total_small_d2(double s, double p0, double dt, double t_end) {
  double pa = p0, pb = p0;
  const long steps = std::lround(t_end / dt);
  for (long t = 0; t < steps; ++t) mode_step(Regime::kSmall, 2, dt, s, {}, pa, pb);
  return mode_value(Regime::kSmall, 2, pa) + mode_value(Regime::kSmall, 2, pb);
}
}  // namespace

TEST(ModeOde, SmallInitDepth2MatchesClosedFormWithFirstOrderError) {
  const double s = 3.0, p0 = 0.05, t_end = 1.5;  // passes the logistic's fast transition
  const double exact = logistic_total(s, 2 * p0 * p0, t_end);
  const double e1 = std::fabs(euler_total_small_d2(s, p0, 1e-3, t_end) - exact);
  const double e2 = std::fabs(euler_total_small_d2(s, p0, 5e-4, t_end) - exact);
  const double e3 = std::fabs(euler_total_small_d2(s, p0, 1e-5, t_end) - exact);
  EXPECT_LT(e3, 1e-3 * s);          // converged to the closed form
  EXPECT_NEAR(e1 / e2, 2.0, 0.15);  // forward Euler: halving dt halves the error
}

TEST(ModeOde, LargeInitDepth1IsExponentialRelaxation) {
  // D = 1: K = p and dp/dt = Omega; with b frozen at 0, K_a(t) = s - (s - K0) e^{-t}.
  const double s = 10, dt = 1e-5;
  double pa = 0.3, pb = 0;
  for (long t = 0; t < 100000; ++t) mode_step(Regime::kLarge, 1, dt, s, {false, true, true}, pa, pb);
  EXPECT_NEAR(pa, s - (s - 0.3) * std::exp(-1.0), 1e-4);
  EXPECT_EQ(pb, 0.0);
}

TEST(ModeOde, InverseOfModeValue) {
  for (Regime r : {Regime::kLarge, Regime::kSmall})
    for (int D : {1, 2, 3, 5, 8, 13})
      for (double p : {-1.3, -0.01, 0.0, 1e-4, 0.2, 0.7, 1.9}) {
        const double K = mode_value(r, D, p);
        EXPECT_NEAR(invert_mode_value(r, D, K), p, 1e-12 * (1 + std::fabs(p))) << "D=" << D << " p=" << p;
      }
}

TEST(ModeOde, FlowFactorIsChainRuleOfKAndRate) {
  // f(K) = K'(p) g(p) at p = p(K); K'(p) by central differences.
  for (Regime r : {Regime::kLarge, Regime::kSmall})
    for (int D : {1, 2, 3, 5, 8, 13})
      for (double p : {0.05, 0.3, 0.8, 1.4}) {
        const double h = 1e-6;
        const double dK = (mode_value(r, D, p + h) - mode_value(r, D, p - h)) / (2 * h);
        const double expected = dK * mode_rate(r, D, p);
        EXPECT_NEAR(flow_factor(r, D, mode_value(r, D, p)), expected, 1e-6 * (1 + expected)) << "D=" << D;
      }
}

TEST(ModeOde, FrozenPathwayKeepsItsValueAndLesionedOneDoesNotCount) {
  double pa = 0.4, pb = 0.2;
  mode_step(Regime::kSmall, 3, 0.1, 2.0, {false, true, true}, pa, pb);
  EXPECT_EQ(pb, 0.2);
  EXPECT_GT(pa, 0.4);
  // Lesioned a: Omega = s - K_b only, a frozen.
  double qa = 5.0, qb = 0.2;
  mode_step(Regime::kSmall, 3, 0.1, 2.0, {true, false, false}, qa, qb);
  EXPECT_EQ(qa, 5.0);
  EXPECT_NEAR(qb, 0.2 + 0.1 * 0.04 * (2.0 - 0.008), 1e-15);
}

TEST(Phase, StreamlinesStayInTheSquareAndFollowTheFlow) {
  const auto lines = flow_streamlines(Regime::kLarge, 5, 10.0, 10.0, 6, 3.5);
  ASSERT_FALSE(lines.empty());
  for (const auto& sl : lines) {
    for (const auto& pt : sl.points)
      for (double x : pt) {
        EXPECT_GE(x, 0.0);
        EXPECT_LE(x, 10.0);
      }
    // The arrow points toward the line K_a + K_b = s.
    const double omega = 10.0 - sl.arrow[0] - sl.arrow[1];
    EXPECT_GT(omega * (sl.arrow[2] + sl.arrow[3]), 0.0);
  }
}

TEST(Phase, ValidateNamesTheParameter) {
  PhaseConfig cfg;
  cfg.depths = {0};
  try {
    cfg.validate();
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("--depths"), std::string::npos);
  }
  cfg = PhaseConfig{};
  cfg.dt = NAN;
  EXPECT_THROW(cfg.validate(), std::exception);
  cfg = PhaseConfig{};
  cfg.early.length = -1;
  EXPECT_THROW(cfg.validate(), std::exception);
}
