#include "twopath/phase.hpp"
#include "twopath/params.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/progress.hpp"
#include "common/rng.hpp"

namespace clp::twopath {

void PhaseConfig::validate() const {
  // The rules are those of the declaration (twopath/params.cpp), checked on a copy.
  PhaseConfig c = *this;
  ParamTable t("PhaseConfig", "");
  declare_params(t, c);
  t.check();
}

namespace {

PhaseRun integrate_run(const PhaseConfig& cfg, const std::string& name, Window w, int depth, int run,
                       double pa, double pb, Progress& progress, double done) {
  PhaseRun r{name, depth, run, {}};
  double ka = mode_value(cfg.regime, depth, pa), kb = mode_value(cfg.regime, depth, pb);
  r.path.push_back({0, ka, kb});
  // The validity contract (common/convergence.hpp) on the mode's loss 0.5 (s - K_a - K_b)^2,
  // every step and the last; a pathway value beyond kOdeDivergenceFactor x s has diverged.
  convergence::Watch watch(cfg.steps + 1, convergence::kDoubleTolerances);
  watch.observe(0.5 * (cfg.s - ka - kb) * (cfg.s - ka - kb));
  for (long t = 0; t < cfg.steps; ++t) {
    mode_step(cfg.regime, depth, cfg.dt, cfg.s, {false, w.contains(t), true}, pa, pb);
    ka = mode_value(cfg.regime, depth, pa);
    kb = mode_value(cfg.regime, depth, pb);
    if (convergence::ode_value_diverged(ka, cfg.s) || convergence::ode_value_diverged(kb, cfg.s))
      throw Error("the mode ODE diverged at step " + std::to_string(t + 1) + " (depth " + std::to_string(depth) +
                  ", run " + std::to_string(run) + ": K_a " + std::to_string(ka) + ", K_b " + std::to_string(kb) +
                  ", beyond " + std::to_string(static_cast<int>(convergence::kOdeDivergenceFactor)) + " x s = " +
                  std::to_string(cfg.s) + "): lower --dt (--dt " + std::to_string(cfg.dt) + ")");
    watch.observe(0.5 * (cfg.s - ka - kb) * (cfg.s - ka - kb));
    const long step = t + 1;
    if ((step & 1023) == 0) progress.update(done + static_cast<double>(step));
    const PhasePoint& last = r.path.back();
    const bool boundary = step == w.start || step == w.start + w.length || step == cfg.steps;
    if (boundary || std::hypot(ka - last.Ka, kb - last.Kb) >= cfg.record_tol)
      r.path.push_back({step, ka, kb});
  }
  r.status = watch.verdict().status;
  return r;
}

}  // namespace

PhaseData run_phase(const PhaseConfig& cfg) {
  cfg.validate();
  Rng rng(cfg.seed);
  std::vector<std::array<double, 2>> init(cfg.runs);
  for (auto& p : init) {
    if (cfg.init_p != 0) p = {cfg.init_p, cfg.init_p};
    else p = {cfg.init_std * rng.normal(), cfg.init_std * rng.normal()};
  }
  PhaseData out;
  Progress progress("phase portraits", 2.0 * static_cast<double>(cfg.depths.size()) * cfg.runs * cfg.steps, cfg.quiet);
  double done = 0;
  for (const auto& [name, w] : {std::pair{std::string("early"), cfg.early}, std::pair{std::string("late"), cfg.late}})
    for (int depth : cfg.depths)
      for (int run = 0; run < cfg.runs; ++run) {
        out.runs.push_back(integrate_run(cfg, name, w, depth, run + 1, init[run][0], init[run][1], progress, done));
        done += static_cast<double>(cfg.steps);
      }
  progress.finish();
  for (int depth : cfg.depths) {
    auto lines = flow_streamlines(cfg.regime, depth, cfg.s, cfg.view, cfg.flow_grid, 0.35 * cfg.view);
    out.flow.insert(out.flow.end(), lines.begin(), lines.end());
  }
  return out;
}

double mean_b_share(const PhaseData& data, const std::string& deficit, int depth) {
  double sum = 0;
  int n = 0;
  for (const auto& r : data.runs)
    if (r.deficit == deficit && r.depth == depth) {
      sum += b_share(r.path.back().Ka, r.path.back().Kb);
      ++n;
    }
  return n ? sum / n : NAN;
}

std::string share_summary(const PhaseData& data, const std::vector<int>& depths) {
  std::string out;
  for (const char* deficit : {"early", "late"})
    for (int d : depths) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s%s D=%d %.3f", out.empty() ? "" : "; ", deficit, d,
                    mean_b_share(data, deficit, d));
      out += buf;
    }
  return out;
}

std::vector<Streamline> flow_streamlines(Regime regime, int depth, double s, double view, int grid,
                                         double length) {
  // Unit direction of the flow at (x, y); zero on the line of fixed points.
  auto direction = [&](double x, double y, double& dx, double& dy) {
    const double omega = s - x - y;
    dx = flow_factor(regime, depth, x) * omega;
    dy = flow_factor(regime, depth, y) * omega;
    const double n = std::hypot(dx, dy);
    if (n > 0) dx /= n, dy /= n;
    return n > 0;
  };
  const double h = view / 400;  // integration step (arc length)
  std::vector<Streamline> lines;
  for (int i = 0; i < grid; ++i)
    for (int j = 0; j < grid; ++j) {
      const double x0 = (i + 0.5) * view / grid, y0 = (j + 0.5) * view / grid;
      Streamline sl{depth, {}, {x0, y0, 0, 0}};
      double dx, dy;
      if (!direction(x0, y0, dx, dy)) continue;
      sl.arrow = {x0, y0, dx * view / 40, dy * view / 40};
      const double side = s - x0 - y0;
      std::vector<std::array<double, 2>> half[2];
      for (int dir = 0; dir < 2; ++dir) {
        const double sign = dir == 0 ? 1.0 : -1.0;
        double x = x0, y = y0;
        for (double travelled = 0; travelled < length / 2; travelled += h) {
          double d1x, d1y, d2x, d2y;  // midpoint rule (RK2)
          if (!direction(x, y, d1x, d1y)) break;
          if (!direction(x + 0.5 * h * sign * d1x, y + 0.5 * h * sign * d1y, d2x, d2y)) break;
          const double nx = x + h * sign * d2x, ny = y + h * sign * d2y;
          if (nx < 0 || ny < 0 || nx > view || ny > view) break;
          if ((s - nx - ny) * side <= 0) break;  // reached the line of fixed points
          x = nx, y = ny;
          half[dir].push_back({x, y});
        }
      }
      for (auto it = half[1].rbegin(); it != half[1].rend(); ++it) sl.points.push_back(*it);
      sl.points.push_back({x0, y0});
      sl.points.insert(sl.points.end(), half[0].begin(), half[0].end());
      lines.push_back(std::move(sl));
    }
  return lines;
}

void write_phase(const PhaseData& data, const Provenance& prov, const std::filesystem::path& dir) {
  {
    auto p = prov;
    p.push_back({"content", "no-deficit flow field as streamlines; blank lines separate streamlines"});
    TsvWriter w(dir / "flow.tsv", p, {"depth", "line", "Ka", "Kb"});
    int line = 0;
    for (const auto& sl : data.flow) {
      ++line;
      for (const auto& pt : sl.points) w.row(sl.depth, line, pt[0], pt[1]);
      w.blank_line();
    }
    w.commit();
  }
  {
    auto p = prov;
    p.push_back({"content", "flow direction at each streamline seed (for arrowheads)"});
    TsvWriter w(dir / "arrows.tsv", p, {"depth", "Ka", "Kb", "dKa", "dKb"});
    for (const auto& sl : data.flow)
      w.row(sl.depth, sl.arrow[0], sl.arrow[1], sl.arrow[2], sl.arrow[3]);
    w.commit();
  }
  {
    auto p = prov;
    p.push_back({"content", "trajectories (K_a, K_b), decimated; blank lines separate runs"});
    TsvWriter w(dir / "trajectories.tsv", p, {"deficit", "depth", "run", "step", "Ka", "Kb"});
    for (const auto& r : data.runs) {
      for (const auto& pt : r.path) w.row(r.deficit, r.depth, r.run, pt.step, pt.Ka, pt.Kb);
      w.blank_line();
    }
    w.commit();
  }
  {
    auto p = prov;
    p.push_back({"content", "mean over runs of the final share K_b / (K_a + K_b) per deficit and depth"});
    TsvWriter w(dir / "shares.tsv", p, {"deficit", "depth", "runs", "mean_b_share"});
    for (const std::string deficit : {"early", "late"}) {
      std::vector<int> depths;
      for (const auto& r : data.runs)
        if (r.deficit == deficit && std::find(depths.begin(), depths.end(), r.depth) == depths.end())
          depths.push_back(r.depth);
      for (int depth : depths) {
        long runs = 0;
        for (const auto& r : data.runs) runs += r.deficit == deficit && r.depth == depth;
        w.row(deficit, depth, runs, mean_b_share(data, deficit, depth));
      }
    }
    w.commit();
  }
  {
    auto p = prov;
    p.push_back({"content", "final (K_a, K_b) of every run"});
    p.push_back({"status", convergence::rule_text(convergence::kDoubleTolerances) +
                               "; the loss of a run: 0.5 (s - K_a - K_b)^2; diverged also if |K| > " +
                               std::to_string(static_cast<int>(convergence::kOdeDivergenceFactor)) + " s (an error)"});
    write_table(dir / "endpoints.tsv", p, endpoints_table(data));
  }
}

DataTable endpoints_table(const PhaseData& data) {
  DataTable w({"deficit", "depth", "run", "Ka", "Kb", "status"});
  for (const auto& r : data.runs)
    w.row(r.deficit, r.depth, r.run, r.path.back().Ka, r.path.back().Kb, std::string(convergence::name(r.status)));
  return w;
}

}  // namespace clp::twopath
