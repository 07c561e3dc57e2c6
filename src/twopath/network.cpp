#include "twopath/network.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/format.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"

namespace clp::twopath {

Eigen::MatrixXd remove_mode(const Eigen::MatrixXd& M, const HierarchicalData& data, int mode) {
  if (mode == 0) return M;
  require(mode >= 1 && mode <= data.modes(),
          "lesion mode " + std::to_string(mode) + " is not 0 (none) or a mode 1.." + std::to_string(data.modes()));
  const Eigen::VectorXd u = data.U.col(mode - 1), v = data.V.col(mode - 1);
  Eigen::MatrixXd P = M - u * (u.transpose() * M);
  return P - (P * v) * v.transpose();
}

namespace {

void apply_activation(Eigen::MatrixXd& z, Activation act) {
  switch (act) {
    case Activation::kLinear: break;
    case Activation::kTanh: z = z.array().tanh(); break;
    case Activation::kRelu: z = z.cwiseMax(0.0); break;
  }
}

// delta *= f'(z), written with h = f(z): tanh' = 1 - h^2, relu' = [h > 0].
void multiply_derivative(Eigen::MatrixXd& delta, const Eigen::MatrixXd& h, Activation act) {
  switch (act) {
    case Activation::kLinear: break;
    case Activation::kTanh: delta.array() *= 1.0 - h.array().square(); break;
    case Activation::kRelu: delta.array() *= (h.array() > 0.0).cast<double>(); break;
  }
}

void forward_pathway(std::vector<Eigen::MatrixXd>& h, const Pathway& p, const Eigen::MatrixXd& X,
                     Activation act) {
  h.resize(p.depth() + 1);
  h[0] = X;
  for (int j = 0; j < p.depth(); ++j) {
    h[j + 1].noalias() = p.W[j] * h[j];
    apply_activation(h[j + 1], act);
  }
}

// grad_out = dLoss/d(output of the pathway), outputs by items.
void backward_pathway(Pathway& grad, const std::vector<Eigen::MatrixXd>& h, const Pathway& p,
                      Eigen::MatrixXd grad_out, Activation act) {
  for (int j = p.depth() - 1; j >= 0; --j) {
    multiply_derivative(grad_out, h[j + 1], act);  // now dLoss/dz_j
    grad.W[j].noalias() += grad_out * h[j].transpose();
    if (j > 0) grad_out = p.W[j].transpose() * grad_out;
  }
}

}  // namespace

double forward(ForwardCache& cache, const TwoPathwayNet& net, const HierarchicalData& data) {
  forward_pathway(cache.ha, net.a, data.X, net.activation);
  forward_pathway(cache.hb, net.b, data.X, net.activation);
  cache.y_hat = remove_mode(cache.ha.back(), data, net.lesion_mode) + cache.hb.back();
  cache.loss = 0.5 * (cache.y_hat - data.target).squaredNorm();
  return cache.loss;
}

void backward(Pathway& grad_a, Pathway& grad_b, const ForwardCache& cache, const TwoPathwayNet& net,
              const HierarchicalData& data) {
  const Eigen::MatrixXd err = cache.y_hat - data.target;  // dLoss/dy_hat
  // P is a self-adjoint projection, so dLoss/dh_a = P(err).
  backward_pathway(grad_a, cache.ha, net.a, remove_mode(err, data, net.lesion_mode), net.activation);
  backward_pathway(grad_b, cache.hb, net.b, err, net.activation);
}

void zero_grad(Pathway& grad) {
  for (auto& w : grad.W) w.setZero();
}

Pathway zeros_like(const Pathway& p) {
  Pathway g;
  for (const auto& w : p.W) g.W.push_back(Eigen::MatrixXd::Zero(w.rows(), w.cols()));
  return g;
}

Eigen::VectorXd init_mode_values(int modes, double scale, double jitter, std::uint64_t seed,
                                 Eigen::MatrixXd* R_out, int hidden) {
  Rng rng(seed);
  Eigen::VectorXd d(modes);
  for (int a = 0; a < modes; ++a) d(a) = scale * (1.0 + jitter * rng.normal());
  std::sort(d.data(), d.data() + modes, std::greater<>());
  if (R_out) *R_out = random_orthogonal(hidden, rng);
  return d;
}

Pathway balanced_init(const HierarchicalData& data, int depth, const Eigen::VectorXd& d,
                      const Eigen::MatrixXd& R) {
  const int m = data.modes();
  require(d.size() == m, "internal: one initial value per mode is needed");
  require(R.rows() >= m, "hidden width must be at least the number of modes (" + std::to_string(m) + ")");
  require((d.array() > 0).all(), "initial mode values must be positive (lower --init-jitter)");
  const Eigen::VectorXd q = d.array().pow(1.0 / depth);
  const Eigen::MatrixXd Rm = R.leftCols(m), Um = data.U.leftCols(m);
  Pathway p;
  if (depth == 1) {
    p.W.push_back(Um * d.asDiagonal() * data.V.transpose());
    return p;
  }
  p.W.push_back(Rm * q.asDiagonal() * data.V.transpose());
  for (int j = 1; j < depth - 1; ++j) p.W.push_back(Rm * q.asDiagonal() * Rm.transpose());
  p.W.push_back(Um * q.asDiagonal() * Rm.transpose());
  return p;
}

TrainResult train_two_pathway(const TrainConfig& cfg, const HierarchicalData& data,
                              const std::function<void(long)>& on_step) {
  const int m = data.modes();
  TrainResult res;
  Eigen::MatrixXd R;
  res.d = init_mode_values(m, cfg.init_scale, cfg.init_jitter, cfg.seed, &R, cfg.hidden);
  TwoPathwayNet net;
  net.a = balanced_init(data, cfg.depth, res.d, R);
  net.b = net.a;
  net.activation = cfg.activation;
  net.lesion_mode = cfg.lesion_mode;

  Pathway ga = zeros_like(net.a), gb = zeros_like(net.b);
  ForwardCache cache;
  res.Ka.resize(cfg.steps + 1, m);
  res.Kb.resize(cfg.steps + 1, m);
  res.loss.resize(cfg.steps + 1);
  // The validity contract (common/convergence.hpp): every loss, the final iterate's
  // included, is watched; divergence stops the run (stop_above: recorded) or is an error.
  // Without stop_above: kBlowUpFactor at every step, kDivergenceFactor at the final iterate.
  const bool stop = cfg.stop_above > 0;
  convergence::Watch watch(cfg.steps + 1, convergence::kDoubleTolerances);
  for (long t = 0;; ++t) {
    const double loss = forward(cache, net, data);
    watch.observe(loss);
    const double factor = stop ? cfg.stop_above : t == cfg.steps ? convergence::kDivergenceFactor : convergence::kBlowUpFactor;
    const bool blew_up = !std::isfinite(loss) || (t > 0 && loss > factor * res.loss[0]);
    if (blew_up && stop) {
      res.stopped_at = t;
      res.Ka.conservativeResize(t, m);
      res.Kb.conservativeResize(t, m);
      res.loss.resize(t);
      res.verdict = {convergence::Status::kDiverged, t, -1, 0};
      return res;
    }
    if (blew_up)
      throw Error("training diverged at step " + std::to_string(t) + " (loss " + format_double(loss) +
                  (std::isfinite(loss) ? " > " + format_double(factor) + " x its initial value " + format_double(res.loss[0])
                                       : std::string(", not finite")) +
                  "): lower --lr (--lr " + format_double(cfg.lr) + ")");
    res.loss[t] = loss;
    res.Ka.row(t) = data.modes_of(cache.ha.back()).diagonal().transpose();
    res.Kb.row(t) = data.modes_of(cache.hb.back()).diagonal().transpose();
    if (t == cfg.steps) break;
    zero_grad(ga);
    zero_grad(gb);
    backward(ga, gb, cache, net, data);
    for (int j = 0; j < cfg.depth; ++j) {
      net.a.W[j] -= cfg.lr * ga.W[j];
      if (!cfg.b_frozen.contains(t)) net.b.W[j] -= cfg.lr * gb.W[j];
    }
    if (on_step) on_step(t + 1);
  }
  res.verdict = watch.verdict();
  res.final_Ka = data.modes_of(cache.ha.back());
  res.final_Kb = data.modes_of(cache.hb.back());
  return res;
}

}  // namespace clp::twopath
