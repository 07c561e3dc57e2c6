#include "completion/problem.hpp"

#include <cmath>
#include <numeric>

#include "common/rng.hpp"

namespace clp::completion {

Eigen::MatrixXd make_ground_truth(int N, int rank, std::uint64_t seed) {
  Rng rng(seed);
  const Eigen::MatrixXd A = rng.normal_matrix(N, rank), B = rng.normal_matrix(N, rank);
  Eigen::MatrixXd M = A * B.transpose() / std::sqrt(static_cast<double>(rank));
  return M * (N / M.norm());
}

std::vector<Entry> sample_entries(int N, int n, std::uint64_t seed) {
  // Partial Fisher-Yates over the N^2 flat indices (flat = u * N + v).
  Rng rng(seed);
  std::vector<int> idx(static_cast<size_t>(N) * N);
  std::iota(idx.begin(), idx.end(), 0);
  std::vector<Entry> out(n);
  for (int k = 0; k < n; ++k) {
    const size_t j = k + rng.below(idx.size() - k);
    std::swap(idx[k], idx[j]);
    out[k] = {idx[k] / N, idx[k] % N};
  }
  return out;
}

std::vector<Eigen::MatrixXd> gaussian_init(int N, int depth, double g, std::uint64_t seed) {
  Rng rng(seed);
  const double sigma = std::pow(g, 1.0 / depth) / std::sqrt(static_cast<double>(N));
  std::vector<Eigen::MatrixXd> layers;
  for (int j = 0; j < depth; ++j) layers.push_back(rng.normal_matrix(N, N, sigma));
  return layers;
}

Eigen::MatrixXd end_to_end(const std::vector<Eigen::MatrixXd>& layers) {
  Eigen::MatrixXd W = layers.front();
  for (size_t j = 1; j < layers.size(); ++j) W = layers[j] * W;
  return W;
}

double test_error(const Eigen::MatrixXd& W, const Eigen::MatrixXd& M) {
  return (W - M).squaredNorm() / static_cast<double>(M.size());
}

}  // namespace clp::completion
