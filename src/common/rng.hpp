// One seeded generator per run. mt19937_64 is specified bit-for-bit by the standard and
// the normal variates come from our own Box-Muller transform (std::normal_distribution
// is implementation-defined), so a seed gives the same numbers with any standard library.
#pragma once
#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <random>

namespace clp {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), n >= 1, without modulo bias (rejection).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r;
    do r = engine_();
    while (r >= limit);
    return r % n;
  }

  // Standard normal N(0, 1), Box-Muller; both variates of a pair are used.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1;
    do u1 = uniform();
    while (u1 <= 0.0);
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 2.0 * M_PI * u2;
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }

  // rows by cols matrix of i.i.d. N(0, stddev^2), filled column by column.
  Eigen::MatrixXd normal_matrix(int rows, int cols, double stddev = 1.0) {
    Eigen::MatrixXd m(rows, cols);
    for (int j = 0; j < cols; ++j)
      for (int i = 0; i < rows; ++i) m(i, j) = stddev * normal();
    return m;
  }

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// An independent seed for sub-stream `stream` of a run's seed (splitmix64 of both), so that
// e.g. task 1, task 2, the observed entries and the initialization each have their own
// stream and changing task 1's rank leaves the others untouched.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + stream * 0xD1B54A32D192ED03ull + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Haar-distributed n by n orthogonal matrix: QR of a Gaussian matrix with the signs of
// R's diagonal moved into Q (Mezzadri 2007), so the result does not depend on the QR
// routine's sign convention.
Eigen::MatrixXd random_orthogonal(int n, Rng& rng);

}  // namespace clp
