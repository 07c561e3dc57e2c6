// The two-pathway network: gradients, initialization, deficit and lesion semantics, and
// agreement with the per-mode ODE.
#include <gtest/gtest.h>

#include <cmath>

#include "common/error.hpp"
#include "common/rng.hpp"
#include "gradcheck.hpp"
#include "twopath/multipath.hpp"
#include "twopath/network.hpp"

using namespace clp::twopath;
using clp::testing::gradient_mismatch;
using clp::testing::numeric_gradient;

namespace {

// Central differences in double precision with h = 1e-6 have truncation error ~h^2 |f'''|
// and rounding error ~eps |f| / h ~ 1e-10 here: 1e-7 absolute + 1e-6 relative is well
// above both and far below any real mistake (a wrong sign or factor gives O(|g|)).
constexpr double kGradAbsTol = 1e-7, kGradRelTol = 1e-6, kFdStep = 1e-6;

TwoPathwayNet random_net(const HierarchicalData& data, int depth, int hidden, Activation act, int lesion,
                         std::uint64_t seed) {
  clp::Rng rng(seed);
  TwoPathwayNet net;
  net.activation = act;
  net.lesion_mode = lesion;
  for (Pathway* p : {&net.a, &net.b})
    for (int j = 0; j < depth; ++j) {
      const int rows = j == depth - 1 ? data.outputs() : hidden;
      const int cols = j == 0 ? data.inputs() : hidden;
      p->W.push_back(rng.normal_matrix(rows, cols, 0.6 / std::sqrt(cols)));
    }
  return net;
}

void expect_gradients_match(Activation act, int depth, int lesion) {
  const HierarchicalData data = make_hierarchical_dataset();
  TwoPathwayNet net = random_net(data, depth, 12, act, lesion, 11 + depth);
  ForwardCache cache;
  forward(cache, net, data);
  Pathway ga = zeros_like(net.a), gb = zeros_like(net.b);
  backward(ga, gb, cache, net, data);
  auto loss = [&] {
    ForwardCache c;
    return forward(c, net, data);
  };
  for (int j = 0; j < depth; ++j) {
    const Eigen::MatrixXd na = numeric_gradient(loss, net.a.W[j], kFdStep);
    const Eigen::MatrixXd nb = numeric_gradient(loss, net.b.W[j], kFdStep);
    EXPECT_LE(gradient_mismatch(ga.W[j], na, kGradAbsTol, kGradRelTol), 0.0) << "pathway a layer " << j + 1;
    EXPECT_LE(gradient_mismatch(gb.W[j], nb, kGradAbsTol, kGradRelTol), 0.0) << "pathway b layer " << j + 1;
  }
}

}  // namespace

TEST(GradCheck, CheckerAcceptsTheRightDerivativeAndRejectsAWrongOne) {
  Eigen::MatrixXd x(2, 2);
  x << 0.3, -1.2, 2.0, 0.7;
  auto f = [&] { return (x.array().cube()).sum(); };  // f = sum x^3, f' = 3 x^2
  const Eigen::MatrixXd n = numeric_gradient(f, x, kFdStep);
  const Eigen::MatrixXd right = 3 * x.array().square();
  const Eigen::MatrixXd wrong = 2 * x.array().square();
  EXPECT_LE(gradient_mismatch(right, n, kGradAbsTol, kGradRelTol), 0.0);
  EXPECT_GT(gradient_mismatch(wrong, n, kGradAbsTol, kGradRelTol), 0.0);
}

TEST(GradCheck, LinearNetwork) {
  for (int D : {1, 2, 3, 4}) expect_gradients_match(Activation::kLinear, D, 0);
}
TEST(GradCheck, TanhNetwork) {
  for (int D : {1, 3}) expect_gradients_match(Activation::kTanh, D, 0);
}
TEST(GradCheck, ReluNetwork) {
  for (int D : {1, 3}) expect_gradients_match(Activation::kRelu, D, 0);
}
TEST(GradCheck, LinearNetworkWithLesion) { expect_gradients_match(Activation::kLinear, 3, 2); }

TEST(Dataset, HierarchicalSingularValues) {
  const HierarchicalData d = make_hierarchical_dataset();
  const double expected[8] = {std::sqrt(15.0), std::sqrt(7.0), std::sqrt(3.0), std::sqrt(3.0), 1, 1, 1, 1};
  for (int a = 0; a < 8; ++a) EXPECT_NEAR(d.s(a), expected[a], 1e-12);
  EXPECT_LT((d.U * d.modes_of(d.target) * d.V.transpose() - d.target).norm(), 1e-12);
}

TEST(Init, BalancedInitGivesDiagonalKAndBalancedLayers) {
  const HierarchicalData data = make_hierarchical_dataset();
  for (int D : {1, 2, 3, 5}) {
    Eigen::MatrixXd R;
    const Eigen::VectorXd d = init_mode_values(8, 0.01, 0.1, 5, &R, 100);
    for (int a = 1; a < 8; ++a) EXPECT_GE(d(a - 1), d(a));  // sorted descending
    const Pathway p = balanced_init(data, D, d, R);
    Eigen::MatrixXd W = p.W[0];
    for (int j = 1; j < D; ++j) W = p.W[j] * W;
    Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(15, 8);
    expected.diagonal() = d;
    EXPECT_LT((data.modes_of(W) - expected).cwiseAbs().maxCoeff(), 1e-15) << "D=" << D;
    for (int j = 0; j + 1 < D; ++j)  // W_{j+1}^T W_{j+1} = W_j W_j^T
      EXPECT_LT((p.W[j + 1].transpose() * p.W[j + 1] - p.W[j] * p.W[j].transpose()).norm(), 1e-14);
  }
}

TEST(Deficit, FrozenPathwayKeepsItsWeightsButItsOutputCounts) {
  const HierarchicalData data = make_hierarchical_dataset();
  TrainConfig cfg;
  cfg.depth = 3;
  cfg.hidden = 20;
  cfg.steps = 6;
  cfg.b_frozen = {0, 6};
  const TrainResult r = train_two_pathway(cfg, data);
  for (long t = 0; t <= cfg.steps; ++t) EXPECT_EQ(r.Kb.row(t), r.Kb.row(0));  // b never moved
  EXPECT_GT(r.Ka(6, 0), r.Ka(0, 0));
  // b's output counts: the loss equals 0.5 ||h_a + h_b - Y^T||^2 with both.
  Eigen::MatrixXd R;
  const Eigen::VectorXd d = init_mode_values(8, cfg.init_scale, cfg.init_jitter, cfg.seed, &R, cfg.hidden);
  TwoPathwayNet net;
  net.a = net.b = balanced_init(data, 3, d, R);
  ForwardCache c;
  const double loss = forward(c, net, data);
  const double with_b = 0.5 * (c.ha.back() + c.hb.back() - data.target).squaredNorm();
  const double without_b = 0.5 * (c.ha.back() - data.target).squaredNorm();
  EXPECT_DOUBLE_EQ(loss, with_b);
  EXPECT_NE(loss, without_b);
  EXPECT_DOUBLE_EQ(r.loss[0], loss);
}

TEST(Lesion, RemovesExactlyOneModeOfPathwayA) {
  const HierarchicalData data = make_hierarchical_dataset();
  clp::Rng rng(2);
  const Eigen::MatrixXd M = rng.normal_matrix(15, 8);
  const Eigen::MatrixXd K = data.modes_of(M), KP = data.modes_of(remove_mode(M, data, 2));  // mode 2: index 1
  for (int i = 0; i < 15; ++i)
    for (int j = 0; j < 8; ++j) {
      if (i == 1 || j == 1) EXPECT_NEAR(KP(i, j), 0.0, 1e-14);
      else EXPECT_NEAR(KP(i, j), K(i, j), 1e-13);
    }
  // Trained with the lesion, pathway a never learns mode 2 and b takes it.
  TrainConfig cfg;
  cfg.depth = 3;
  cfg.lesion_mode = 2;
  cfg.b_frozen = {0, 200};
  const TrainResult r = train_two_pathway(cfg, data);
  EXPECT_NEAR(r.Ka(cfg.steps, 1), r.d(1), 1e-12);
  EXPECT_GT(r.Kb(cfg.steps, 1), 0.9 * data.s(1));
}

TEST(OdeAgreement, NetworkFollowsThePerModeOdeForFig2) {
  // With the balanced, mode-aligned initialization every layer's mode value obeys exactly
  // the small-init Euler recursion (dt = lr), so the only difference is rounding: 1e-9 of
  // s_1 is ~1e5 times the rounding level and far below anything visible.
  MultipathConfig cfg;  // the paper's Fig 2 parameters
  const MultipathData out = run_multipath(cfg);
  EXPECT_LT(max_ode_gap(out), 1e-9);
  // The off-diagonal of K stays zero: the modes never mix.
  for (const auto& r : out.runs) {
    Eigen::MatrixXd off = r.gd.final_Ka;
    off.diagonal().setZero();
    EXPECT_LT(off.cwiseAbs().maxCoeff(), 1e-10);
  }
}

TEST(Balancedness, NearlyConservedForSmallSteps) {
  // Gradient flow conserves W_{j+1}^T W_{j+1} - W_j W_j^T; gradient descent changes it by
  // O(lr^2) per step. From a random (unbalanced) start, the drift over 200 steps at
  // lr = 1e-3 must stay below 1e-3 of the initial imbalance scale.
  const HierarchicalData data = make_hierarchical_dataset();
  TwoPathwayNet net = random_net(data, 3, 10, Activation::kLinear, 0, 4);
  auto imbalance = [&](const Pathway& p, int j) {
    return Eigen::MatrixXd(p.W[j + 1].transpose() * p.W[j + 1] - p.W[j] * p.W[j].transpose());
  };
  const Eigen::MatrixXd before = imbalance(net.a, 0);
  Pathway ga = zeros_like(net.a), gb = zeros_like(net.b);
  ForwardCache c;
  for (int t = 0; t < 200; ++t) {
    forward(c, net, data);
    zero_grad(ga);
    zero_grad(gb);
    backward(ga, gb, c, net, data);
    for (int j = 0; j < 3; ++j) net.a.W[j] -= 1e-3 * ga.W[j], net.b.W[j] -= 1e-3 * gb.W[j];
  }
  EXPECT_LT((imbalance(net.a, 0) - before).norm(), 1e-3 * (1 + before.norm()));
}

TEST(Golden, TinySeededRunLossTrajectory) {
  // Golden values from this implementation (seed 3, D 2, width 10, lr 0.05, 5 steps),
  // recorded once. Any change to initialization, data or update order shows up here.
  // 1e-12 relative allows a different compiler's floating-point contraction, nothing more.
  const HierarchicalData data = make_hierarchical_dataset();
  TrainConfig cfg;
  cfg.depth = 2;
  cfg.hidden = 10;
  cfg.lr = 0.05;
  cfg.steps = 5;
  cfg.seed = 3;
  cfg.b_frozen = {2, 2};
  const TrainResult r = train_two_pathway(cfg, data);
  const double golden[6] = {15.708761142506578, 15.636607640734848, 15.542331367167151,
                            15.480325651813667, 15.398127518347177, 15.227555367192421};
  for (int t = 0; t <= 5; ++t) EXPECT_NEAR(r.loss[t], golden[t], 1e-12 * golden[t]) << "step " << t;
}

TEST(Divergence, NonFiniteLossIsAClearError) {
  const HierarchicalData data = make_hierarchical_dataset();
  TrainConfig cfg;
  cfg.depth = 3;
  cfg.lr = 1e6;
  cfg.init_scale = 1;
  try {
    train_two_pathway(cfg, data);
    FAIL() << "expected divergence";
  } catch (const clp::Error& e) {
    EXPECT_NE(std::string(e.what()).find("diverged"), std::string::npos);
  }
}

TEST(Lesion, AModeOutsideTheDataIsAnErrorNotAnOutOfBoundsRead) {
  const HierarchicalData data = make_hierarchical_dataset();
  const Eigen::MatrixXd M = Eigen::MatrixXd::Ones(15, 8);
  EXPECT_EQ(remove_mode(M, data, 0), M);
  for (int bad : {-1, 9}) EXPECT_THROW(remove_mode(M, data, bad), clp::Error) << bad;
}
