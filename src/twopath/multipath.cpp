#include "twopath/multipath.hpp"
#include "twopath/params.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/format.hpp"
#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"

namespace clp::twopath {

void MultipathConfig::validate() const {
  // The rules are those of the declaration (twopath/params.cpp), checked on a copy.
  MultipathConfig c = *this;
  ParamTable t("MultipathConfig", "");
  declare_params(t, c, true);
  t.check();
}

MultipathData run_multipath(const MultipathConfig& cfg) {
  cfg.validate();
  MultipathData out{make_hierarchical_dataset(), {}};
  Progress progress("two-pathway network", static_cast<double>(cfg.deficit_starts.size()) * cfg.train.steps, cfg.quiet);
  long done = 0;
  for (long start : cfg.deficit_starts) {
    TrainConfig tc = cfg.train;
    tc.b_frozen = {start, cfg.deficit_length};
    MultipathRun run{start, train_two_pathway(tc, out.data, [&](long t) { progress.update(done + t); }), {}, {}};
    done += cfg.train.steps;
    if (cfg.with_ode()) {
      const Eigen::VectorXd p0 = run.gd.d.array().pow(1.0 / tc.depth);
      integrate_modes(run.Ka_ode, run.Kb_ode, Regime::kSmall, tc.depth, tc.lr, tc.steps, out.data.s,
                      p0, p0, tc.b_frozen, tc.lesion_mode);
      // The ODE's loss in the mode basis (a lesioned mode's K_a is not in the output).
      std::vector<double> loss(tc.steps + 1, 0.0);
      for (long t = 0; t <= tc.steps; ++t)
        for (int a = 0; a < out.data.modes(); ++a) {
          const double ka = a + 1 == tc.lesion_mode ? 0.0 : run.Ka_ode(t, a);
          loss[t] += 0.5 * std::pow(out.data.s(a) - ka - run.Kb_ode(t, a), 2);
        }
      run.status = convergence::classify(loss, convergence::kDoubleTolerances).status;
    }
    run.status = std::max(run.status, run.gd.verdict.status);
    out.runs.push_back(std::move(run));
  }
  progress.finish();
  return out;
}

double max_ode_gap(const MultipathData& out) {
  double gap = 0;
  for (const auto& r : out.runs) {
    if (r.Ka_ode.size() == 0) continue;
    gap = std::max(gap, (r.gd.Ka - r.Ka_ode).cwiseAbs().maxCoeff());
    gap = std::max(gap, (r.gd.Kb - r.Kb_ode).cwiseAbs().maxCoeff());
  }
  return gap / out.data.s.maxCoeff();
}

namespace {
void write_matrix(const Eigen::MatrixXd& K, const Provenance& prov, const std::string& what,
                  const std::filesystem::path& path) {
  auto p = prov;
  p.push_back({"content", what + " = U^T W V after the last step (15 by 8); blank lines separate rows"});
  TsvWriter w(path, p, {"row", "col", "K"});
  for (int i = 0; i < K.rows(); ++i) {
    for (int j = 0; j < K.cols(); ++j) w.row(i + 1, j + 1, K(i, j));
    w.blank_line();
  }
  w.commit();
}
}  // namespace

void write_multipath(const MultipathData& out, const MultipathConfig& cfg, const Provenance& prov,
                     const std::filesystem::path& dir) {
  const HierarchicalData& data = out.data;
  {
    auto p = prov;
    p.push_back({"content", "per mode: target singular value s of Y^T X and initial value d"});
    TsvWriter w(dir / "modes.tsv", p, {"mode", "s", "d"});
    for (int a = 0; a < data.modes(); ++a) w.row(a + 1, data.s(a), out.runs.front().gd.d(a));
    w.commit();
  }
  if (cfg.write_final_K) {
    write_matrix(out.runs.front().gd.final_Ka, prov, "K_a", dir / "final_Ka.tsv");
    write_matrix(out.runs.front().gd.final_Kb, prov, "K_b", dir / "final_Kb.tsv");
  }
  auto p = prov;
  convergence::Status worst = convergence::Status::kConverged;
  std::string runs;
  for (const auto& r : out.runs) {
    worst = std::max(worst, r.status);
    runs += (runs.empty() ? "" : ",") + std::to_string(r.deficit_start) + ":" + convergence::name(r.status);
  }
  p.push_back({"status", convergence::name(worst)});
  p.push_back({"status_runs", runs});
  p.push_back({"status_rule", convergence::rule_text(convergence::kDoubleTolerances) +
                                  "; per run (deficit_start:status), the worse of gradient descent (its loss, the "
                                  "whole run) and the ODE (0.5 sum over modes of (s - K_a - K_b)^2; diverged also "
                                  "if |K| > " + format_double(convergence::kOdeDivergenceFactor) + " s); status: the worst run"});
  p.push_back({"content", "diagonal of K_x = U^T W_x V per step and mode; _gd gradient descent, _ode the per-mode ODE; blank lines separate (run, mode) blocks"});
  std::vector<std::string> cols{"deficit_start", "step", "mode", "Ka_gd", "Kb_gd"};
  if (cfg.with_ode()) cols.insert(cols.end(), {"Ka_ode", "Kb_ode"});
  TsvWriter w(dir / "trajectories.tsv", p, cols);
  // Grouped by run, then mode, steps ascending; a blank line closes each (run, mode)
  // block so that gnuplot draws every block as its own line.
  const long steps = cfg.train.steps;
  for (const auto& r : out.runs)
    for (int a = 0; a < data.modes(); ++a) {
      for (long t = 0; t <= steps; ++t) {
        if (t % cfg.record_every != 0 && t != steps) continue;
        w << r.deficit_start << t << a + 1 << r.gd.Ka(t, a) << r.gd.Kb(t, a);
        if (cfg.with_ode()) w << r.Ka_ode(t, a) << r.Kb_ode(t, a);
        w.end_row();
      }
      w.blank_line();
    }
  w.commit();
}

}  // namespace clp::twopath
