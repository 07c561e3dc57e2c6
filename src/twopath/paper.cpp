#include "twopath/paper.hpp"

namespace clp::twopath::paper {

PhaseConfig fig1() { return PhaseConfig{}; }

PhaseConfig fig7() {
  PhaseConfig cfg;
  cfg.regime = Regime::kSmall;
  cfg.dt = 0.01;
  cfg.steps = 1000000;
  cfg.depths = {2, 3, 4};
  cfg.early = {0, 5};
  cfg.late = {500000, 10000};
  cfg.runs = 1;
  cfg.init_p = 0.005;
  cfg.record_tol = 0.02;
  return cfg;
}

MultipathConfig fig2() { return MultipathConfig{}; }

MultipathConfig fig3() {
  MultipathConfig cfg;
  cfg.train.depth = 3;
  cfg.train.lesion_mode = 2;
  cfg.deficit_starts = {0};
  cfg.deficit_length = 200;
  cfg.write_final_K = true;
  return cfg;
}

MultipathConfig fig11() {
  MultipathConfig cfg;
  cfg.train.depth = 3;
  cfg.train.activation = Activation::kTanh;
  return cfg;
}

MultipathConfig fig12() {
  MultipathConfig cfg = fig11();
  cfg.train.activation = Activation::kRelu;
  return cfg;
}

}  // namespace clp::twopath::paper
