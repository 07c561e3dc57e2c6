// Every program that computes data, as a parameter set: its configuration, the output
// directory, and the one declaration (common/params.hpp) its command line, provenance,
// config.toml and the Python module's keywords come from. The programs' mains
// (src/apps/) run these; the tests (fuzzing, replay from config.toml) and the Python
// module (python/) use the same objects, so nothing is declared twice.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/params.hpp"
#include "completion/params.hpp"
#include "twopath/params.hpp"

namespace clp::programs {

// A program's parameters. declare() binds them into a table (the table refers to this
// object: keep it alive), prepare() runs after parsing and before the rules are checked.
class Program {
 public:
  virtual ~Program() = default;
  virtual const char* name() const = 0;
  virtual const char* summary() const = 0;
  virtual void declare(ParamTable& t) = 0;
  virtual void prepare(ParamTable&) {}
  std::string out;
};

struct McSweep : Program {
  completion::SweepConfig cfg;  // the paper's defaults (SPEC Part B)
  std::optional<completion::Problem> problem;  // --problem's file, read by prepare()
  McSweep() { out = "out/data/mc_run"; }
  const char* name() const override { return "mc_sweep"; }
  const char* summary() const override;
  void declare(ParamTable& t) override;
  void prepare(ParamTable& t) override;
};

struct McSvOde : Program {
  completion::OdeCompareConfig cfg;  // SPEC mc_ode_vs_gd
  McSvOde() { out = "out/data/mc_ode_vs_gd"; }
  const char* name() const override { return "mc_sv_ode"; }
  const char* summary() const override;
  void declare(ParamTable& t) override;
};

struct McTrace : Program {
  completion::TraceParams p;
  std::optional<completion::Problem> problem;
  McTrace() { out = "out/crosscheck/run"; }
  const char* name() const override { return "mc_trace"; }
  const char* summary() const override;
  void declare(ParamTable& t) override;
  void prepare(ParamTable& t) override;
};

// fig1_phase_large (large init) and fig7_phase_small (small init).
struct Phase : Program {
  twopath::PhaseConfig cfg;
  std::string id;
  explicit Phase(const std::string& program);  // "fig1_phase_large" or "fig7_phase_small"
  const char* name() const override { return id.c_str(); }
  const char* summary() const override;
  void declare(ParamTable& t) override;
};

// fig2_multipath_deficit, fig3_gate_lesion, fig11_nonlinear_tanh, fig12_nonlinear_relu.
struct Multipath : Program {
  twopath::MultipathConfig cfg;
  std::string id;
  explicit Multipath(const std::string& program);
  const char* name() const override { return id.c_str(); }
  const char* summary() const override;
  void declare(ParamTable& t) override;
};

struct TwopathLr : Program {
  twopath::LrSweepConfig cfg;
  TwopathLr();
  const char* name() const override { return "twopath_lr"; }
  const char* summary() const override;
  void declare(ParamTable& t) override;
};

// The program of that name with its defaults; throws clp::Error for an unknown name.
std::unique_ptr<Program> make(const std::string& name);
// Every program make() knows, in registry order.
const std::vector<std::string>& names();

}  // namespace clp::programs
