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

Eigen::MatrixXd make_related_task(const Eigen::MatrixXd& M1, int rank1, int rank2, int shared, std::uint64_t seed) {
  const int N = static_cast<int>(M1.rows());
  Eigen::JacobiSVD<Eigen::MatrixXd> svd1(M1, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::MatrixXd U1 = svd1.matrixU().leftCols(rank1), V1 = svd1.matrixV().leftCols(rank1);
  Rng rng(seed);
  // Fresh directions: Gaussian vectors projected out of task 1's span, then orthonormalized.
  auto fresh = [&](const Eigen::MatrixXd& B) {
    Eigen::MatrixXd G = rng.normal_matrix(N, rank2 - shared);
    G -= B * (B.transpose() * G);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(G);
    return Eigen::MatrixXd(qr.householderQ() * Eigen::MatrixXd::Identity(N, rank2 - shared));
  };
  Eigen::MatrixXd U2(N, rank2), V2(N, rank2);
  U2 << U1.leftCols(shared), fresh(U1);
  V2 << V1.leftCols(shared), fresh(V1);
  Eigen::JacobiSVD<Eigen::MatrixXd> svd_s(make_ground_truth(N, rank2, derive_seed(seed, 1)));
  const Eigen::VectorXd sigma = svd_s.singularValues().head(rank2);
  Eigen::MatrixXd M2 = U2 * sigma.asDiagonal() * V2.transpose();
  return M2 * (N / M2.norm());
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
