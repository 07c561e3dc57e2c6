// integrate_modes (declared in mode_ode.hpp). In a file of its own, apart from mode_value
// and mode_rate: the compiler cannot inline them into this loop, so its floating-point
// arithmetic (the fused multiply-adds -march=native allows) is what it has always been,
// and the ODE columns of fig2 and fig3 stay bit-identical.
#include <cmath>
#include <string>

#include "common/convergence.hpp"
#include "common/error.hpp"
#include "twopath/mode_ode.hpp"

namespace clp::twopath {

void integrate_modes(Eigen::MatrixXd& Ka, Eigen::MatrixXd& Kb, Regime regime, int depth, double dt,
                     long steps, const Eigen::VectorXd& s, const Eigen::VectorXd& pa0,
                     const Eigen::VectorXd& pb0, Window b_frozen, int lesion_mode) {
  const int m = static_cast<int>(s.size());
  Ka.resize(steps + 1, m);
  Kb.resize(steps + 1, m);
  for (int a = 0; a < m; ++a) {
    double pa = pa0(a), pb = pb0(a);
    const bool lesioned = a + 1 == lesion_mode;
    for (long t = 0;; ++t) {
      Ka(t, a) = mode_value(regime, depth, pa);
      Kb(t, a) = mode_value(regime, depth, pb);
      // The validity contract (common/convergence.hpp): a pathway value beyond
      // kOdeDivergenceFactor x its target, at any step including the last, has diverged.
      if (convergence::ode_value_diverged(Ka(t, a), s(a)) || convergence::ode_value_diverged(Kb(t, a), s(a)))
        throw Error("the mode ODE diverged at step " + std::to_string(t) + " (mode " + std::to_string(a + 1) +
                    ": K_a " + std::to_string(Ka(t, a)) + ", K_b " + std::to_string(Kb(t, a)) + ", beyond " +
                    std::to_string(static_cast<int>(convergence::kOdeDivergenceFactor)) + " x its target " +
                    std::to_string(s(a)) + "): lower --lr (dt)");
      if (t == steps) break;
      ModeStepRule rule{lesioned, b_frozen.contains(t), !lesioned};
      mode_step(regime, depth, dt, s(a), rule, pa, pb);
      if (!std::isfinite(pa) || !std::isfinite(pb))
        throw Error("the mode ODE diverged at step " + std::to_string(t) + ": lower --lr (dt)");
    }
  }
}

}  // namespace clp::twopath
