// Deficit experiments on the two-pathway network (paper Figs 2, 3, 11, 12).
//
// For each deficit start, train the network by gradient descent with pathway b frozen
// for [start, start + length) and, for linear networks, integrate the per-mode ODE
// (small-init regime, dt = lr) from the same initial values for comparison.
#pragma once
#include <filesystem>
#include <vector>

#include "common/tsv.hpp"
#include "twopath/dataset.hpp"
#include "twopath/network.hpp"

namespace clp::twopath {

struct MultipathConfig {
  TrainConfig train;                        // depth, width, activation, lr, steps, init, seed
  std::vector<long> deficit_starts{0, 400, 750};
  long deficit_length = 150;                // steps pathway b is frozen, from each start
  int record_every = 1;                     // write every k-th step (and the last)
  bool write_final_K = false;               // also write final_Ka.tsv, final_Kb.tsv (15 by 8)
  bool quiet = false;                       // no progress on stderr

  // Throws clp::Error naming the offending parameter.
  void validate() const;
  bool with_ode() const { return train.activation == Activation::kLinear; }
};

struct MultipathRun {
  long deficit_start;
  TrainResult gd;
  Eigen::MatrixXd Ka_ode, Kb_ode;  // (steps + 1) by modes; empty for nonlinear networks
  // common/convergence.hpp's verdict on the run: the worse of gradient descent's (its loss)
  // and the ODE's (its loss in the mode basis, 0.5 sum_alpha (s_alpha - K_a - K_b)^2).
  convergence::Status status = convergence::Status::kConverged;
};

struct MultipathData {
  HierarchicalData data;
  std::vector<MultipathRun> runs;
};

MultipathData run_multipath(const MultipathConfig& cfg);

// Writes modes.tsv, (final_Ka.tsv, final_Kb.tsv,) and last trajectories.tsv (its provenance:
// `status`, the worst run's verdict, `status_runs`, every run's, `status_rule`) with columns
// deficit_start step mode Ka_gd Kb_gd [Ka_ode Kb_ode] (mode 1-based), grouped by deficit
// start and mode with a blank line after each group.
void write_multipath(const MultipathData& out, const MultipathConfig& cfg, const Provenance& prov,
                     const std::filesystem::path& dir);

// Largest |K_gd - K_ode| over runs, steps and modes, divided by the largest target s.
double max_ode_gap(const MultipathData& out);

}  // namespace clp::twopath
