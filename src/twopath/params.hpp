// The parameters of the two-pathway programs (fig1, fig7, fig2, fig3, fig11, fig12,
// twopath_lr), each declared once on its config (common/params.hpp): the programs' options,
// validation, provenance, config.toml and the Python module's keywords come from here; the
// configs' validate() checks the same rules.
#pragma once
#include "common/params.hpp"
#include "twopath/lr_sweep.hpp"
#include "twopath/multipath.hpp"
#include "twopath/phase.hpp"

namespace clp::twopath {

// The phase portraits (paper Figs 1 and 7). Large initialization (Fig 1): random starts,
// --init-std and --seed; small initialization (Fig 7): one start, --init-p.
void declare_params(ParamTable& t, PhaseConfig& cfg);

// The two-pathway network under deficits (paper Figs 2, 3, 11, 12); --lesion-mode only
// where the figure lesions a mode (Fig 3).
void declare_params(ParamTable& t, MultipathConfig& cfg, bool lesion_flag);

// twopath_lr (ours): the Fig 2 network's early deficit against the learning rate.
void declare_params(ParamTable& t, LrSweepConfig& cfg);

}  // namespace clp::twopath
