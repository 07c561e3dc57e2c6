// Ours, beyond the paper: is the two-pathway critical period a small-step
// phenomenon? The Fig 2 network (two linear pathways of D layers, width 100, the paper's
// mode-aligned small initialization) is trained by gradient descent on the network (not the
// ODE) with an early deficit to pathway b, at learning rates from the paper's 0.01 up to
// divergence. The schedule is fixed in time t = lr x steps, as the ODE's: every run trains
// for `time` (the paper's 1000 steps at 0.01 = 10) with pathway b frozen for the first
// `deficit_time` (the paper's 150 steps = 1.5), so at small lr every run approaches the same
// ODE solution and any change with lr is the effect of the step size itself.
//
// Per run: pathway b's final share of mode 1, K_b / (K_a + K_b) (0.5 = the two pathways share
// it equally, as without a deficit), and whether the loss fell at every step (monotone), rose
// at some step (oscillating), or diverged (not finite, or above stop_above x its initial
// value: training stops there). The rise test is the validity contract's
// (common/convergence.hpp, double tolerances), and so is each run's validity: converged,
// still-learning, oscillating (still rising in the last 10% of the steps), stalled or diverged. Only a
// converged run's share is evidence: the others are counted apart and left out of the cell.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/convergence.hpp"
#include "common/tsv.hpp"
#include "twopath/network.hpp"

namespace clp::twopath {

// 0.01 x 2^(k/2), k = 0 .. 12 (0.01 to 0.64).
std::vector<double> default_lrs();

struct LrSweepConfig {
  std::vector<int> depths{2, 4, 8};
  std::vector<double> lrs = default_lrs();
  double time = 10;           // training time lr x steps (the paper's 1000 steps at lr 0.01)
  double deficit_time = 1.5;  // pathway b frozen for the first deficit_time / lr steps (150 at 0.01)
  std::vector<long> seeds{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  // diverged: loss not finite or above this x the initial loss. Larger than the contract's
  // convergence::kDivergenceFactor: this sweep maps the edge of stability, where a transient
  // rise that the run survives is part of what is measured (its validity still says whether
  // it settled).
  double stop_above = 1000;
  // A step raises the loss if it grows by more than rise_tol x the initial loss (plus the
  // contract's relative tolerance, convergence::kDoubleTolerances.rise_rel).
  double rise_tol = convergence::kDoubleTolerances.rise_abs;
  TrainConfig train;          // width, initialization (the paper's Fig 2); depth, lr, steps, seed set per run
  bool quiet = false;

  void validate() const;  // throws clp::Error naming the flag
  long steps(double lr) const;          // round(time / lr)
  long deficit_steps(double lr) const;  // round(deficit_time / lr)
  // The contract's rule with this sweep's rise_tol and stop_above.
  convergence::Tolerances tolerances() const {
    return {convergence::kDoubleTolerances.rise_rel, rise_tol, stop_above, stop_above};
  }
};

struct LrRun {
  int depth;
  double lr;
  long seed, steps, deficit_steps;
  std::string status;  // monotone, oscillating or diverged
  long first_rise;     // the first step whose loss rose (-1: none); for diverged runs, the step it diverged at
  double share, Ka1, Kb1, final_loss;  // mode 1 at the end; NaN for diverged runs
  std::string validity;  // convergence::name() of the contract's verdict (converged, still-learning, oscillating, stalled, diverged)
};

std::vector<LrRun> run_lr_sweep(const LrSweepConfig& cfg);

// The runs of one depth and lr: how many seeds ended in each status, and the final shares of
// the seeds that did not diverge. add() throws clp::Error on a status other than the three.
// Only runs whose validity is converged contribute a share; the other runs that did not
// diverge are counted in `unconverged`.
struct LrCell {
  long seeds = 0, monotone = 0, oscillating = 0, diverged = 0, unconverged = 0;
  std::vector<double> shares;
  void add(const std::string& status, double share, const std::string& validity = "converged");
};
// The runs by (depth, lr), in increasing order (what summary.tsv, the program's summary line
// and twopath_lr's claims read).
std::map<std::pair<int, double>, LrCell> group_lr_runs(const std::vector<LrRun>& runs);

// Writes summary.tsv (per depth and lr: seeds per status, n_unconverged, pathway b's share of
// mode 1 over the converged seeds: mean, sd, min, max, 95% bootstrap interval of the mean) and, last,
// runs.tsv (one row per depth, lr and seed).
// `tol`: the rule the runs were classified by (LrSweepConfig::tolerances()), for the provenance.
// The rows of runs.tsv, one per depth, lr and seed (the file and clp.twopath_lr() both come
// from it): status is the study's monotone / oscillating / diverged, validity the contract's.
DataTable lr_runs_table(const std::vector<LrRun>& runs);
void write_lr_sweep(const std::vector<LrRun>& runs, const Provenance& prov, const std::filesystem::path& dir,
                    convergence::Tolerances tol);

}  // namespace clp::twopath
