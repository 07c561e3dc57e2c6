#include "twopath/params.hpp"

#include <algorithm>

#include "twopath/dataset.hpp"

namespace clp::twopath {

namespace {

// A deficit window [start, start + length) must lie inside a run of `steps` steps:
// otherwise the run labelled a deficit run would have none, or only part of one.
bool inside(long start, long length, long steps) { return start >= 0 && length >= 0 && start + length <= steps; }

double max_of(const std::vector<int>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

}  // namespace

void declare_params(ParamTable& t, PhaseConfig& c) {
  const bool large = c.regime == Regime::kLarge;
  t.add("s", c.s, "target singular value of the mode").positive();
  t.add("dt", c.dt, "Euler step (the learning rate)").positive();
  t.add("steps", c.steps, "steps per trajectory").unit("steps").at_least(1);
  t.add("depths", c.depths, "depths D (number of layers per pathway)").at_least(1).at_most(1000);
  t.add("early-start", c.early.start, "first step of the early deficit").unit("steps").at_least(0);
  t.add("early-length", c.early.length, "length of the early deficit")
      .unit("steps")
      .at_least(0)
      .rule([&c] { return inside(c.early.start, c.early.length, c.steps); },
            [&c] { return "must keep the early deficit inside the run: early-start + early-length <= --steps (" +
                          std::to_string(c.steps) + ")"; });
  t.add("late-start", c.late.start, "first step of the late deficit").unit("steps").at_least(0);
  t.add("late-length", c.late.length, "length of the late deficit")
      .unit("steps")
      .at_least(0)
      .rule([&c] { return inside(c.late.start, c.late.length, c.steps); },
            [&c] { return "must keep the late deficit inside the run: late-start + late-length <= --steps (" +
                          std::to_string(c.steps) + ")"; });
  t.add("record-tol", c.record_tol, "record a trajectory point after it moved this far").positive();
  t.add("flow-grid", c.flow_grid, "streamline seeds per side of the square").at_least(1);
  t.add("runs", c.runs, "initial conditions per panel").at_least(1);
  if (large) {
    t.add("init-std", c.init_std, "p_a, p_b ~ N(0, init-std^2)").at_least(0);
    t.add("seed", c.seed, "random seed");
  } else {
    t.add("init-p", c.init_p, "initial per-layer value p_a = p_b")
        .rule([&c] { return c.init_p != 0; }, "must be nonzero (p = 0 is a fixed point of the small-init ODE)");
  }
  t.add("quiet", c.quiet, "no progress on stderr").role(Role::kReport);
  // Trajectories (at most a point per step, per run, depth and deficit; and their text) and
  // streamlines (up to about 2,000 points each, both ways from every seed).
  t.memory_rule(
      [&c] {
        return double(c.runs) * double(c.depths.size()) * 2 * (double(c.steps) + 1) * (24 + 40) +
               double(c.flow_grid) * double(c.flow_grid) * double(c.depths.size()) * 2 * 2000 * (16 + 40);
      },
      "--steps, --runs or --flow-grid");
}

void declare_params(ParamTable& t, MultipathConfig& c, bool lesion_flag) {
  TrainConfig& tr = c.train;
  t.add("depth", tr.depth, "layers per pathway D").at_least(1).at_most(1000);
  t.add("hidden", tr.hidden, "hidden width of every pathway").at_least(kHierarchicalModes).at_most(100000);
  t.add("lr", tr.lr, "learning rate (also the ODE's dt)").positive();
  t.add("steps", tr.steps, "gradient-descent steps").unit("steps").at_least(1);
  t.add("deficit-starts", c.deficit_starts, "first step of pathway b's deficit, one run each")
      .unit("steps")
      .at_least(0)
      .rule(
          [&c] {
            for (long s : c.deficit_starts)
              if (!inside(s, c.deficit_length, c.train.steps)) return false;
            return true;
          },
          [&c] { return "must keep every deficit inside the run: start + --deficit-length <= --steps (" +
                        std::to_string(c.train.steps) + ")"; });
  t.add("deficit-length", c.deficit_length, "steps pathway b stays frozen").unit("steps").at_least(0);
  if (lesion_flag)
    t.add("lesion-mode", tr.lesion_mode, "mode (1-based) removed from pathway a; 0 = none")
        .at_least(0)
        .at_most(kHierarchicalModes);
  t.add("init-scale", tr.init_scale, "initial per-mode value d = init-scale (1 + init-jitter xi)").positive();
  t.add("init-jitter", tr.init_jitter, "relative spread of the initial per-mode values").at_least(0);
  t.add("seed", tr.seed, "random seed (initial values and hidden rotation R)");
  t.add("record-every", c.record_every, "write every k-th step (and the last)").unit("steps").at_least(1);
  t.add("quiet", c.quiet, "no progress on stderr").role(Role::kReport);
  // Layers, gradients and activations of both pathways; every run's K trajectories (network
  // and ODE) in memory, and the rows written.
  t.memory_rule(
      [&c] {
        const double h = c.train.hidden, runs = double(c.deficit_starts.size()), T = double(c.train.steps) + 1;
        return 2 * double(c.train.depth) * h * h * 8 * 4 + runs * T * (kHierarchicalModes * 4 + 1) * 8 +
               runs * (T / double(c.record_every) + 1) * kHierarchicalModes * 100;
      },
      "--depth, --hidden or --steps (or raise --record-every)");
}

void declare_params(ParamTable& t, LrSweepConfig& c) {
  t.add("depths", c.depths, "layers per pathway D, one sweep each").at_least(1).at_most(1000);
  t.add("lrs", c.lrs, "learning rates, strictly increasing")
      .positive()
      .increasing()
      .rule(
          [&c] {
            for (double lr : c.lrs)
              if (c.steps(lr) < 1) return false;
            return true;
          },
          "must leave at least one step: --time / lr >= 1 for every lr");
  t.add("time", c.time, "training time lr x steps (the paper's 1000 steps at lr 0.01)").positive();
  t.add("deficit-time", c.deficit_time, "pathway b frozen for the first deficit-time / lr steps")
      .positive()
      .rule([&c] { return c.deficit_time < c.time; }, "must keep the deficit inside the run: less than --time");
  t.add("seeds", c.seeds, "random seeds (initial values and hidden rotation R), one run each").at_least(0).increasing();
  t.add("hidden", c.train.hidden, "hidden width of every pathway").at_least(kHierarchicalModes).at_most(100000);
  t.add("init-scale", c.train.init_scale, "initial per-mode value d = init-scale (1 + init-jitter xi)").positive();
  t.add("init-jitter", c.train.init_jitter, "relative spread of the initial per-mode values").at_least(0);
  t.add("stop-above", c.stop_above, "diverged: the loss is not finite or above this x its initial value")
      .rule([&c] { return c.stop_above > 1; }, "must be greater than 1");
  t.add("rise-tol", c.rise_tol, "a step raises the loss if it grows by more than this x the initial loss").at_least(0);
  t.add("quiet", c.quiet, "no progress on stderr").role(Role::kReport);
  // The deepest network's layers, gradients and activations, and one run's K and loss
  // history at the smallest learning rate (the longest run).
  t.memory_rule(
      [&c] {
        const double h = c.train.hidden;
        const double longest = c.lrs.empty() ? 0 : c.time / c.lrs.front() + 1;
        return 2 * max_of(c.depths) * h * h * 8 * 4 + longest * (2 * kHierarchicalModes + 1) * 8 * 2;
      },
      "--depths, --hidden, or raise the smallest of --lrs");
}

}  // namespace clp::twopath
