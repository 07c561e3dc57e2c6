// The singular-value ODE against gradient descent on the deep network (SPEC mc_ode_vs_gd,
// mc_ode_transfer): both start from the same W (each layer g^(1/D) I + diag(e), e shared,
// e ~ N(0, jitter^2)), see the same observed entries and switch from task 1 to task 2 at
// the same step. Run lengths share their task-1 prefix: it is computed once for both and
// branched at every switch point.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/convergence.hpp"
#include "common/tsv.hpp"

namespace clp::completion {

struct OdeCompareConfig {
  int N = 100;
  std::vector<int> n_list{5000};  // observed entries; one comparison per value
  int rank1 = 8, rank2 = 2, depth = 3;
  double eta = 0.25;              // learning rate of GD = step of the ODE
  double g = 0.001, jitter = 1e-5;
  std::vector<long> totals{10000, 20000, 30000, 50000};  // run lengths (steps)
  long task2_steps = 10000;       // the last task2_steps of every run are on task 2
  long record_every = 10;
  int sv_count = 10;
  std::uint64_t seed = 1;
  bool quiet = false;
  void validate() const;  // throws clp::Error naming the flag
};

struct OdeCompareRow {
  int n;
  long total_steps, step;
  int index;  // 1-based, descending order of singular values
  double sv_gd, sv_ode;
  convergence::Status status;  // the run's (n, total_steps): the worse of GD's and the ODE's on task 2
};

std::vector<OdeCompareRow> run_ode_vs_gd(const OdeCompareConfig& cfg);

// The largest |sv_gd - sv_ode| over every row, and the largest sv_gd (the scale to read it on).
struct OdeGap {
  double gap = 0, top = 0;
};
OdeGap max_ode_gap(const std::vector<OdeCompareRow>& rows);

// Writes singular_values.tsv: n total_steps step index sv_gd sv_ode status.
// The rows of singular_values.tsv, grouped by (n descending, total_steps, index), steps
// ascending, a blank line after each group (the file and clp.mc_sv_ode() both come from it).
DataTable ode_vs_gd_table(const std::vector<OdeCompareRow>& rows);
void write_ode_vs_gd(const std::vector<OdeCompareRow>& rows, const Provenance& prov,
                     const std::filesystem::path& dir);

}  // namespace clp::completion
