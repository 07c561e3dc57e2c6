// The two-pathway network trained by full-batch gradient descent (paper Sec. 3, Figs 2, 3,
// 11, 12).
//
// Two pathways a and b of D weight matrices each read the same input and their outputs add:
//   y_hat = P(h_a) + h_b,  h_x = f(W_x^D f(... f(W_x^1 X)))
// where f is the identity (linear), tanh or ReLU after every layer (the last included), and
// P removes a lesioned mode from pathway a's output (identity without a lesion).
// Product order: W_x = W_x^D ... W_x^1; layer 1 is hidden by inputs, layer D outputs by
// hidden. Loss: 0.5 * sum over items and features of (y_hat - y)^2 (a sum, not a mean).
// One "step" = one full-batch gradient-descent update of every unfrozen layer.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/convergence.hpp"
#include "twopath/dataset.hpp"
#include "twopath/mode_ode.hpp"

namespace clp::twopath {

enum class Activation { kLinear, kTanh, kRelu };

// One pathway: W[0] = layer 1 (hidden by inputs) ... W[D-1] = layer D (outputs by hidden).
struct Pathway {
  std::vector<Eigen::MatrixXd> W;
  int depth() const { return static_cast<int>(W.size()); }
};

struct TwoPathwayNet {
  Pathway a, b;
  Activation activation = Activation::kLinear;
  int lesion_mode = 0;  // mode (1-based) removed from pathway a's output; 0 = none
};

// Activations kept by the forward pass for the backward pass.
struct ForwardCache {
  std::vector<Eigen::MatrixXd> ha, hb;  // h[0] = X, h[j] = f(W[j-1] h[j-1]); h[D] = output
  Eigen::MatrixXd y_hat;                 // outputs by items
  double loss = 0;
};

// P(M) = (I - u u^T) M (I - v v^T) with u, v the lesioned mode's singular vectors:
// in the U, V basis, row and column `mode` (1-based) of U^T M V are zeroed. Identity if
// mode = 0.
Eigen::MatrixXd remove_mode(const Eigen::MatrixXd& M, const HierarchicalData& data, int mode);

// Fills cache and returns the loss.
double forward(ForwardCache& cache, const TwoPathwayNet& net, const HierarchicalData& data);

// Adds dLoss/dW into grad_a, grad_b (same shapes as the pathways' layers).
void backward(Pathway& grad_a, Pathway& grad_b, const ForwardCache& cache, const TwoPathwayNet& net,
              const HierarchicalData& data);

void zero_grad(Pathway& grad);
Pathway zeros_like(const Pathway& p);

// Per-mode initial values d_alpha = scale (1 + jitter xi_alpha), xi ~ N(0,1), sorted descending.
Eigen::VectorXd init_mode_values(int modes, double scale, double jitter, std::uint64_t seed,
                                 Eigen::MatrixXd* R_out = nullptr, int hidden = 0);

// Mode-aligned balanced initialization: with q = d^(1/D) (zero beyond the data's modes) and
// R[:, :m] the first m columns of an orthogonal hidden by hidden R,
//   layer 1 = R[:, :m] diag(q) V^T, middle layers = R[:, :m] diag(q) R[:, :m]^T,
//   layer D = U[:, :m] diag(q) R[:, :m]^T,
// so that U^T W V = diag(d) exactly and every layer carries p = d^(1/D) per mode.
Pathway balanced_init(const HierarchicalData& data, int depth, const Eigen::VectorXd& d,
                      const Eigen::MatrixXd& R);

// Everything one two-pathway training run needs.
struct TrainConfig {
  int depth = 4;
  int hidden = 100;
  Activation activation = Activation::kLinear;
  double lr = 0.01;
  long steps = 1000;
  Window b_frozen{0, 0};  // deficit: pathway b gets no update in this window
  int lesion_mode = 0;    // mode (1-based) lesioned from pathway a for the whole run; 0 = none
  double init_scale = 0.01, init_jitter = 0.1;
  std::uint64_t seed = 1;
  // 0: divergence (the loss not finite or above convergence::kDivergenceFactor x its initial
  // value, at any step including the final iterate) is an error naming --lr. > 0: training
  // stops instead (TrainResult::stopped_at) when the loss is not finite or exceeds
  // stop_above times the initial loss (twopath_lr, which maps where divergence begins).
  double stop_above = 0;
};

struct TrainResult {
  Eigen::VectorXd d;            // initial per-mode values
  Eigen::MatrixXd Ka, Kb;       // (steps + 1) by modes: diag of U^T W_x V after each step
  Eigen::MatrixXd final_Ka, final_Kb;  // 15 by 8: U^T W_x V after the last step
  std::vector<double> loss;     // loss before each step (steps + 1 values, last = final)
  long stopped_at = -1;         // with stop_above: the step whose loss diverged (Ka, Kb, loss
                                // then hold steps 0 .. stopped_at - 1, final_K* are empty); -1 if none
  convergence::Verdict verdict; // common/convergence.hpp's verdict on the whole loss sequence
};

// Trains with full-batch gradient descent. K_x is measured from pathway x's own output
// on the 8 one-hot inputs (for a, before the lesion). Throws clp::Error if the loss
// diverges (unless cfg.stop_above > 0: then training stops, see TrainConfig). on_step, if given, is called after every step with the step number.
TrainResult train_two_pathway(const TrainConfig& cfg, const HierarchicalData& data,
                              const std::function<void(long)>& on_step = {});

}  // namespace clp::twopath
