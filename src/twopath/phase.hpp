// Phase portraits of the per-mode two-pathway ODE (paper Figs 1 and 7).
//
// For each depth and each deficit window (early, late), integrate (K_a, K_b) of one mode
// with target s from `runs` initial conditions, and compute the no-deficit flow field
// dK_x/dt = f(K_x) (s - K_a - K_b) as streamlines over the plotted square.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/convergence.hpp"
#include "common/tsv.hpp"
#include "twopath/mode_ode.hpp"

namespace clp::twopath {

// Defaults: the paper's Fig 1 (large init); twopath/paper.hpp names both figures' configurations.
struct PhaseConfig {
  Regime regime = Regime::kLarge;
  double s = 10;                  // target singular value of the mode
  double dt = 0.001;              // Euler step
  long steps = 1000;              // steps per trajectory
  std::vector<int> depths{2, 5, 8, 13};
  Window early{0, 15}, late{100, 15};  // {start, length}: pathway b frozen in these windows
  int runs = 100;                 // initial conditions per panel
  double init_std = 0.01;         // p_a, p_b ~ N(0, init_std^2) i.i.d. (if init_p == 0)
  double init_p = 0;              // if nonzero: every run starts at p_a = p_b = init_p
  std::uint64_t seed = 1;
  double record_tol = 0.05;       // record a trajectory point once it moved this far in (K_a, K_b)
  int flow_grid = 10;             // streamline seeds: flow_grid^2 cell centres
  double view = 10;               // plotted square [0, view]^2
  bool quiet = false;             // no progress on stderr

  // Throws clp::Error naming the offending parameter.
  void validate() const;
};

struct PhasePoint {
  long step;
  double Ka, Kb;
};

struct PhaseRun {
  std::string deficit;  // "early" or "late"
  int depth, run;
  std::vector<PhasePoint> path;  // decimated trajectory, first and last step included
  convergence::Status status = convergence::Status::kConverged;  // on 0.5 (s - K_a - K_b)^2
};

struct Streamline {
  int depth;
  std::vector<std::array<double, 2>> points;
  std::array<double, 4> arrow;  // x, y, dx, dy at the seed, for an arrowhead
};

struct PhaseData {
  std::vector<PhaseRun> runs;
  std::vector<Streamline> flow;
};

PhaseData run_phase(const PhaseConfig& cfg);

// Pathway b's share of the mode, K_b / (K_a + K_b): what Figs 1 and 7 report at the end of a run.
inline double b_share(double ka, double kb) { return kb / (ka + kb); }

// Mean over runs of the final share K_b / (K_a + K_b) for one deficit and depth.
double mean_b_share(const PhaseData& data, const std::string& deficit, int depth);

// "early D=2 0.431; ..." for the programs' summary lines.
std::string share_summary(const PhaseData& data, const std::vector<int>& depths);

// Writes flow.tsv, arrows.tsv, trajectories.tsv, shares.tsv (mean final K_b share per
// deficit and depth, for the panel titles) and, last, endpoints.tsv (with every run's status)
// into dir.
// The rows of endpoints.tsv: deficit, depth, run, the final K_a and K_b, status (the file and
// the Python module's phase functions both come from it).
DataTable endpoints_table(const PhaseData& data);
void write_phase(const PhaseData& data, const Provenance& prov, const std::filesystem::path& dir);

// Streamlines of the normalized no-deficit flow field over [0, view]^2, seeded at the
// centres of a grid by grid lattice, each traced both ways until it leaves the square,
// crosses K_a + K_b = s (the line of fixed points) or reaches `length`.
std::vector<Streamline> flow_streamlines(Regime regime, int depth, double s, double view, int grid,
                                         double length);

}  // namespace clp::twopath
