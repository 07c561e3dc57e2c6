#include "programs/programs.hpp"

#include "common/error.hpp"
#include "twopath/paper.hpp"

namespace clp::programs {

namespace {
void declare_out(ParamTable& t, std::string& out) {
  t.add("out", out, "output directory (replaced as a whole by the run's files)").role(Role::kOutput);
}
}  // namespace

const char* McSweep::summary() const {
  return "Deep matrix completion W = W_D ... W_1 trained by full-batch gradient descent on n observed\n"
         "entries, after a deficit (task switch or observed subset) of T_switch steps; reports the final\n"
         "test error (mean over all N^2 entries of (W - M)^2) for every switch time.";
}
void McSweep::declare(ParamTable& t) {
  declare_out(t, out);
  completion::declare_params(t, cfg);
}
void McSweep::prepare(ParamTable& t) { problem = completion::finish_sweep_params(t, cfg); }

const char* McSvOde::summary() const {
  return "Top singular values of W = W_D ... W_1: gradient descent on the network against the\n"
         "singular-value ODE (Arora et al. 2019), through a switch from task 1 to task 2.";
}
void McSvOde::declare(ParamTable& t) {
  declare_out(t, out);
  completion::declare_params(t, cfg);
}

const char* McTrace::summary() const {
  return "Gradient descent on a problem file's tasks, entries and initial layers (the authors' loop), with the\n"
         "train loss and test error of every iteration and the final layers, for the PyTorch cross-check.";
}
void McTrace::declare(ParamTable& t) {
  declare_out(t, out);
  completion::declare_params(t, p);
}
void McTrace::prepare(ParamTable&) { problem = completion::read_trace_problem(p); }

Phase::Phase(const std::string& program) : id(program) {
  if (program == "fig1_phase_large") cfg = twopath::paper::fig1();
  else if (program == "fig7_phase_small") cfg = twopath::paper::fig7();
  else throw Error("no phase-portrait program " + program);
  out = "out/data/" + program;
}
const char* Phase::summary() const {
  return cfg.regime == twopath::Regime::kLarge
             ? "Paper Fig 1: per-mode ODE, large init (q^2 - p^2 = 1), early vs late deficit to pathway b."
             : "Paper Fig 7: per-mode ODE, small init (q^2 - p^2 = 0), early vs late deficit to pathway b.";
}
void Phase::declare(ParamTable& t) {
  declare_out(t, out);
  twopath::declare_params(t, cfg);
}

Multipath::Multipath(const std::string& program) : id(program) {
  if (program == "fig2_multipath_deficit") cfg = twopath::paper::fig2();
  else if (program == "fig3_gate_lesion") cfg = twopath::paper::fig3();
  else if (program == "fig11_nonlinear_tanh") cfg = twopath::paper::fig11();
  else if (program == "fig12_nonlinear_relu") cfg = twopath::paper::fig12();
  else throw Error("no two-pathway program " + program);
  out = "out/data/" + program;
}
const char* Multipath::summary() const {
  if (id == "fig2_multipath_deficit")
    return "Paper Fig 2: linear two-pathway network (GD) vs per-mode ODE under deficits to pathway b.";
  if (id == "fig3_gate_lesion")
    return "Paper Fig 3: pathway b gated for [0, 200), mode 2 lesioned from pathway a throughout.";
  if (id == "fig11_nonlinear_tanh")
    return "Paper Fig 11: two-pathway network with tanh after every layer, deficits to pathway b.";
  return "Paper Fig 12: two-pathway network with ReLU after every layer, deficits to pathway b.";
}
void Multipath::declare(ParamTable& t) {
  declare_out(t, out);
  twopath::declare_params(t, cfg, id == "fig3_gate_lesion");
}

TwopathLr::TwopathLr() {
  cfg.train = twopath::paper::fig2().train;
  out = "out/data/twopath_lr";
}
const char* TwopathLr::summary() const {
  return "Ours: the Fig 2 two-pathway network (GD on the network) with an early deficit to pathway b, at\n"
         "learning rates from the paper's 0.01 up to divergence; the schedule is fixed in time lr x steps.\n"
         "Reports pathway b's final share of mode 1 and whether the loss fell monotonically, oscillated\n"
         "or diverged.";
}
void TwopathLr::declare(ParamTable& t) {
  declare_out(t, out);
  twopath::declare_params(t, cfg);
}

const std::vector<std::string>& names() {
  static const std::vector<std::string> all{"fig1_phase_large",     "fig2_multipath_deficit", "fig3_gate_lesion",
                                            "fig7_phase_small",     "fig11_nonlinear_tanh",   "fig12_nonlinear_relu",
                                            "mc_sweep",             "mc_sv_ode",              "mc_trace",
                                            "twopath_lr"};
  return all;
}

std::unique_ptr<Program> make(const std::string& name) {
  if (name == "mc_sweep") return std::make_unique<McSweep>();
  if (name == "mc_sv_ode") return std::make_unique<McSvOde>();
  if (name == "mc_trace") return std::make_unique<McTrace>();
  if (name == "twopath_lr") return std::make_unique<TwopathLr>();
  if (name == "fig1_phase_large" || name == "fig7_phase_small") return std::make_unique<Phase>(name);
  if (name.rfind("fig", 0) == 0) return std::make_unique<Multipath>(name);
  throw Error("no program " + name);
}

}  // namespace clp::programs
