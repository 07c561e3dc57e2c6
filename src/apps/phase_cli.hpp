// The flags shared by the phase-portrait programs (fig1, fig7).
#pragma once
#include <string>

#include "common/app.hpp"
#include "twopath/paper.hpp"
#include "twopath/phase.hpp"

namespace clp {

inline void add_phase_flags(Cli& cli, twopath::PhaseConfig& cfg, std::string& out) {
  cli.option("out", &out, "output directory");
  cli.option("s", &cfg.s, "target singular value of the mode");
  cli.option("dt", &cfg.dt, "Euler step (the learning rate)");
  cli.option("steps", &cfg.steps, "steps per trajectory");
  cli.option("depths", &cfg.depths, "depths D (number of layers per pathway)");
  cli.option("early-start", &cfg.early.start, "first step of the early deficit");
  cli.option("early-length", &cfg.early.length, "length of the early deficit (steps)");
  cli.option("late-start", &cfg.late.start, "first step of the late deficit");
  cli.option("late-length", &cfg.late.length, "length of the late deficit (steps)");
  cli.option("record-tol", &cfg.record_tol, "record a trajectory point after it moved this far");
  cli.option("flow-grid", &cfg.flow_grid, "streamline seeds per side of the square");
  cli.option("runs", &cfg.runs, "initial conditions per panel");
  cli.flag("quiet", &cfg.quiet, "no progress on stderr");
}

}  // namespace clp
