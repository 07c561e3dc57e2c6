// Matrix completion with a deep linear factorization (paper Sec. 4): the data.
//
// Ground truth of rank r, N by N: M = A B^T / sqrt(r) with A, B N by r i.i.d. N(0, 1),
// rescaled so that ||M||_F = N (root-mean-square entry 1). Observed set: n distinct
// entries drawn uniformly without replacement from the N^2. Every random draw comes from
// its own sub-stream of the run's seed (derive_seed), so the same seed gives the same
// observed entries and initialization whatever the tasks' ranks.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace clp::completion {

// Sub-streams of a run's seed.
enum Stream : std::uint64_t { kTask1 = 1, kTask2 = 2, kObservations = 3, kInit = 4, kSwitchNoise = 5 };

// N by N ground truth of rank `rank`, ||M||_F = N.
Eigen::MatrixXd make_ground_truth(int N, int rank, std::uint64_t seed);

// A rank-r2 task related to task 1 (mc_transfer_overlap, ours): its first k left and right
// singular directions are task 1's top k; its other r2 - k directions are fresh, orthogonal
// to all of task 1's directions. Its singular values are those of an independent random
// rank-r2 ground truth (seeded), and ||M2||_F = N. Requires k <= min(r2, rank of M1) and
// rank(M1) + r2 - k <= N.
Eigen::MatrixXd make_related_task(const Eigen::MatrixXd& M1, int rank1, int rank2, int shared, std::uint64_t seed);

// n distinct entries of an N by N matrix, uniformly without replacement, in draw order
// (a prefix is itself a uniform sample: the subset deficit uses the first n_deficit).
// Each entry is (row u, column v).
struct Entry {
  int u, v;
};
std::vector<Entry> sample_entries(int N, int n, std::uint64_t seed);

// D Gaussian N by N layers, entries N(0, sigma^2), sigma = g^(1/D) / sqrt(N), so that
// ||W_D ... W_1||_F ~ g sqrt(N). Layer 1 first.
std::vector<Eigen::MatrixXd> gaussian_init(int N, int depth, double g, std::uint64_t seed);

// W = W_D ... W_1 (layers[0] = W_1).
Eigen::MatrixXd end_to_end(const std::vector<Eigen::MatrixXd>& layers);

// mean over all N^2 entries of (W - M)^2.
double test_error(const Eigen::MatrixXd& W, const Eigen::MatrixXd& M);

}  // namespace clp::completion
