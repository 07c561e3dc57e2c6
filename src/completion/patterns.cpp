#include "completion/patterns.hpp"

#include <cmath>
#include <numeric>

#include "common/error.hpp"
#include "common/rng.hpp"

namespace clp::completion {

namespace {
// The group of index i: the b with floor(b N / B) <= i < floor((b + 1) N / B).
int group_of(int N, int blocks, int i) {
  int b = static_cast<int>((static_cast<long long>(i) * blocks) / N);
  // floor division can land one group high or low at the boundaries; settle it exactly.
  while (b > 0 && i < static_cast<long long>(b) * N / blocks) --b;
  while (b + 1 < blocks && i >= static_cast<long long>(b + 1) * N / blocks) ++b;
  return b;
}
}  // namespace

bool in_diagonal_block(int N, int blocks, int u, int v) { return group_of(N, blocks, u) == group_of(N, blocks, v); }

long diagonal_block_capacity(int N, int blocks) {
  long total = 0;
  for (int b = 0; b < blocks; ++b) {
    const long size = static_cast<long long>(b + 1) * N / blocks - static_cast<long long>(b) * N / blocks;
    total += size * size;
  }
  return total;
}

std::vector<Entry> sample_block_diagonal_entries(int N, int blocks, int n_block, int n, std::uint64_t seed) {
  require(blocks >= 1 && blocks <= N, "--blocks must be in 1..N");
  require(n_block >= 0 && n_block <= diagonal_block_capacity(N, blocks),
          "the deficit's entries do not fit in the diagonal blocks (--n-deficit > capacity " +
              std::to_string(diagonal_block_capacity(N, blocks)) + ")");
  require(n >= n_block && static_cast<long long>(n) <= static_cast<long long>(N) * N, "--n must be in n-deficit..N^2");
  // Flat indices (u N + v), the diagonal blocks' first; a partial Fisher-Yates over each part.
  std::vector<int> inside, outside;
  for (int u = 0; u < N; ++u)
    for (int v = 0; v < N; ++v) (in_diagonal_block(N, blocks, u, v) ? inside : outside).push_back(u * N + v);
  Rng rng(seed);
  std::vector<Entry> out;
  out.reserve(n);
  for (int k = 0; k < n_block; ++k) {
    const size_t j = k + rng.below(inside.size() - k);
    std::swap(inside[k], inside[j]);
    out.push_back({inside[k] / N, inside[k] % N});
  }
  // The rest: every entry not drawn yet, blocks' leftovers included.
  std::vector<int> rest(inside.begin() + n_block, inside.end());
  rest.insert(rest.end(), outside.begin(), outside.end());
  for (int k = 0; k < n - n_block; ++k) {
    const size_t j = k + rng.below(rest.size() - k);
    std::swap(rest[k], rest[j]);
    out.push_back({rest[k] / N, rest[k] % N});
  }
  return out;
}

std::vector<Eigen::MatrixXd> diagonal_init(int N, int depth, double g, double jitter, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::VectorXd e(N);
  for (int i = 0; i < N; ++i) e(i) = jitter * rng.normal();
  const double s = std::pow(g, 1.0 / depth);
  Eigen::MatrixXd layer = Eigen::MatrixXd(e.array() + s).matrix().asDiagonal();
  return std::vector<Eigen::MatrixXd>(depth, layer);
}

}  // namespace clp::completion
