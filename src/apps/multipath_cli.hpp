// The flags shared by the two-pathway network programs (fig2, fig3, fig11, fig12).
#pragma once
#include <string>

#include "common/app.hpp"
#include "twopath/multipath.hpp"
#include "twopath/paper.hpp"

namespace clp {

struct MultipathFlags {
  twopath::MultipathConfig cfg;  // start from the paper's (twopath/paper.hpp)
  std::string out;
  long seed = 1;
};

inline void add_multipath_flags(Cli& cli, MultipathFlags& f, bool lesion_flag) {
  auto& t = f.cfg.train;
  cli.option("out", &f.out, "output directory");
  cli.option("depth", &t.depth, "layers per pathway D");
  cli.option("hidden", &t.hidden, "hidden width of every pathway");
  cli.option("lr", &t.lr, "learning rate (also the ODE's dt)");
  cli.option("steps", &t.steps, "gradient-descent steps");
  cli.option("deficit-starts", &f.cfg.deficit_starts, "first step of pathway b's deficit, one run each");
  cli.option("deficit-length", &f.cfg.deficit_length, "steps pathway b stays frozen");
  if (lesion_flag) cli.option("lesion-mode", &t.lesion_mode, "mode (1-based) removed from pathway a; 0 = none");
  cli.option("init-scale", &t.init_scale, "initial per-mode value d = init-scale (1 + init-jitter xi)");
  cli.option("init-jitter", &t.init_jitter, "relative spread of the initial per-mode values");
  cli.option("seed", &f.seed, "random seed (initial values and hidden rotation R)");
  cli.option("record-every", &f.cfg.record_every, "write every k-th step (and the last)");
  cli.flag("quiet", &f.cfg.quiet, "no progress on stderr");
}

// Copies the flags that need conversion into the config.
inline void finish_multipath_flags(MultipathFlags& f) { f.cfg.train.seed = static_cast<std::uint64_t>(f.seed); }

}  // namespace clp
