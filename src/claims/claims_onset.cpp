// The hypotheses of the onset study (ours, Part C; docs/onset.md, written and committed before
// any run): does the critical period open at the learning time of task 1 that the deep-linear
// theory predicts (t*, completion/onset.hpp), across depth, initialization and learning rate?
//
// Every run's switch times are multiples of its configuration's t*; its rows carry t* (column
// t_pred, which also tells the configurations apart) and the trunk's measured learning time
// (t_learn). Per seed, the onset is the first T_switch at which the rise error(T) - error(0)
// reaches half its largest value over the sampled T, linearly interpolated; a seed whose
// largest rise is below kRisePresent has no onset. Validity: a single point that did not
// converge, a missing run or column makes the figure one FAIL row (fail closed).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "claims/check_util.hpp"
#include "common/error.hpp"
#include "completion/onset.hpp"
#include "stats/seed_stats.hpp"

namespace clp::claims::detail {

namespace {

// The rules, each stated once, before the data (docs/onset.md, section 4).
const double kRisePresent = 0.1;          // a seed's largest rise below this: no onset
const Band kOnsetBand{1.0 / 3.0, 3.0};    // H1: median onset / t* per configuration
const double kCollapseFraction = 0.5;     // H2: sd of ln(onset / t*) <= this x sd of ln(onset)

struct Config {
  std::string label;              // "D 3, g 0.001, lr 0.2"
  double t_pred = 0;
  std::vector<double> onset;      // per seed, steps (NaN: no onset)
  std::vector<double> t_learn;    // per seed, steps (NaN: not reached)
  std::vector<std::string> why;   // per seed, why there is no onset ("" if there is)
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double sd(const std::vector<double>& v) {
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / double(v.size() - 1));
}

}  // namespace

// The onset of one seed's curve (docs/onset.md, section 2): times T_0 = 0 < T_1 < ..., rises
// r_0 = 0, r_1, ...; NaN if the largest rise is below `present`.
double onset_time(const std::vector<double>& T, const std::vector<double>& r, double present) {
  require(T.size() == r.size() && T.size() >= 2, "an onset needs at least two switch times");
  const double R = *std::max_element(r.begin(), r.end());
  if (!(R >= present)) return NAN;
  for (size_t k = 1; k < r.size(); ++k)
    if (r[k] >= R / 2) {
      if (r[k - 1] >= R / 2) return T[k - 1];
      return T[k - 1] + (R / 2 - r[k - 1]) / (r[k] - r[k - 1]) * (T[k] - T[k - 1]);
    }
  return NAN;  // unreachable: r attains R somewhere
}

namespace {

std::vector<ClaimResult> check_onset(const std::string& id, const std::filesystem::path& dir) {
  using completion::kLearnTimeColumn;
  using completion::kPredictedTimeColumn;
  const std::string file = "final_error.tsv";
  const TsvTable t = read_tsv(dir / file);
  require_columns(t, {"depth", "g", "lr", "seed", "t_switch", "excess_error", kPredictedTimeColumn, "status"}, file,
                  {"status"});
  require(std::find(t.columns.begin(), t.columns.end(), kLearnTimeColumn) != t.columns.end(),
          file + " lacks column '" + std::string(kLearnTimeColumn) + "' (data contract)");
  for (const char* key : {"seeds", "curves"})
    require(t.meta.count(key), file + " lacks the provenance line '# " + std::string(key) + ": ...' (collect it with mc_collect)");
  for (size_t r = 0; r < t.rows.size(); ++r)
    require(t.text(r, "status") == "converged",
            file + ", data row " + std::to_string(r + 1) + ": status '" + t.text(r, "status") + "' (seed " +
                t.text(r, "seed") + ", depth " + t.text(r, "depth") + ", g " + t.text(r, "g") + ", lr " +
                t.text(r, "lr") + ", T_switch " + t.text(r, "t_switch") + "): only converged runs count as evidence");
  const stats::SeedSweep s = stats::read_seed_sweep(t, kPredictedTimeColumn, file, true);
  require(s.switches.size() >= 2 && s.switches.front() == 0, id + " needs T_switch 0 and at least one more");
  require(s.curves.size() >= 2, id + " needs at least two configurations");

  // Per configuration (t*) and seed: the label, the measured learning time (one per run).
  std::map<double, std::string> label;
  std::map<std::pair<double, long>, double> learn;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const double c = t.number(r, kPredictedTimeColumn);
    const std::string l = "D " + t.text(r, "depth") + ", g " + t.text(r, "g") + ", lr " + t.text(r, "lr");
    const auto [it, fresh] = label.emplace(c, l);
    require(fresh || it->second == l, file + ": configurations " + it->second + " and " + l + " share t* " +
                                          t.text(r, kPredictedTimeColumn) + " (data contract)");
    const std::string& lt = t.text(r, kLearnTimeColumn);
    double v = NAN;
    if (lt != "nan") {
      v = t.number(r, kLearnTimeColumn);
      require(v >= 1, t.where(r, kLearnTimeColumn) + ": a learning time is at least one step");
    }
    const auto key = std::make_pair(c, static_cast<long>(t.number(r, "seed")));
    const auto [jt, first] = learn.emplace(key, v);
    require(first || (std::isnan(jt->second) && std::isnan(v)) || jt->second == v,
            file + ": two learning times for one run (" + l + ", seed " + t.text(r, "seed") + ")");
  }

  std::vector<Config> configs;
  for (const auto& [c, by_seed] : s.curves) {
    Config cf{label.at(c), c, {}, {}, {}};
    for (const auto& [seed, pts] : by_seed) {
      std::vector<double> T, rise;
      for (const auto& [ts, p] : pts) {
        T.push_back(double(ts));
        rise.push_back(p.excess_error);
      }
      const double on = onset_time(T, rise, kRisePresent);
      cf.onset.push_back(on);
      cf.t_learn.push_back(learn.at({c, seed}));
      cf.why.push_back(std::isnan(on) ? "seed " + std::to_string(seed) + ": largest rise " +
                                            fmt("%.3f", *std::max_element(rise.begin(), rise.end())) + " < " +
                                            number_text(kRisePresent) + ", no onset"
                                      : "");
    }
    configs.push_back(cf);
  }
  const std::string seeds = std::to_string(s.seeds.size()) + " seeds";
  auto missing = [](const Config& c) {
    std::string out;
    for (const auto& w : c.why)
      if (!w.empty()) out += (out.empty() ? "" : "; ") + w;
    return out;
  };

  std::vector<ClaimResult> out;
  // H1: per configuration, the seed median of onset / t* in the band.
  for (const Config& c : configs) {
    const std::string claim = "H1 [" + c.label + "] the onset of the critical period is within a factor 3 of the "
                              "predicted learning time t* = " + number_text(c.t_pred) + " steps (median over " + seeds + ")";
    const std::string rule = "median onset / t* " + kOnsetBand.text();
    const std::string none = missing(c);
    if (!none.empty()) {
      out.push_back({id, claim, none, rule, false, true});
      continue;
    }
    std::vector<double> ratio;
    for (double on : c.onset) ratio.push_back(on / c.t_pred);
    const double m = median(ratio);
    out.push_back({id, claim, "median onset / t* " + fmt("%.3f", m) + " (per seed: " + join(ratio) + "; onset " +
                                  join(c.onset, "%.0f") + " steps)",
                   rule, kOnsetBand.holds(m), true});
  }
  // H2 and H3: the spread across configurations of the log onsets, raw and on each clock.
  std::string none;
  for (const Config& c : configs) {
    const std::string m = missing(c);
    if (!m.empty()) none += (none.empty() ? "" : "; ") + c.label + ": " + m;
  }
  const std::string h2 = "H2 the onsets collapse in units of t*: their spread across the " + std::to_string(configs.size()) +
                         " configurations shrinks to at most " + number_text(kCollapseFraction) + " of the spread in steps";
  const std::string h2_rule = "sd ln(onset / t*) <= " + number_text(kCollapseFraction) + " x sd ln(onset)";
  const std::string h3 = "H3 the measured learning time of task 1 collapses the onsets at least as well as t*";
  const std::string h3_rule = "sd ln(onset / t_learn) <= sd ln(onset / t*)";
  if (!none.empty()) {
    out.push_back({id, h2, none, h2_rule, false, true});
    out.push_back({id, h3, none, h3_rule, false, true});
    return out;
  }
  std::vector<double> raw, pred, meas;
  std::string no_learn;
  for (const Config& c : configs) {
    std::vector<double> q;
    for (size_t i = 0; i < c.onset.size(); ++i) {
      if (std::isnan(c.t_learn[i])) no_learn += (no_learn.empty() ? "" : "; ") + c.label + " seed " + std::to_string(s.seeds[i]);
      q.push_back(c.onset[i] / c.t_learn[i]);
    }
    const double o = median(c.onset);
    raw.push_back(std::log(o));
    pred.push_back(std::log(o / c.t_pred));
    if (no_learn.empty()) meas.push_back(std::log(median(q)));
  }
  const double sd_raw = sd(raw), sd_pred = sd(pred);
  out.push_back({id, h2,
                 "sd ln(onset / t*) " + fmt("%.3f", sd_pred) + ", sd ln(onset) " + fmt("%.3f", sd_raw) + " (ratio " +
                     fmt("%.3f", sd_pred / sd_raw) + ")",
                 h2_rule, sd_pred <= kCollapseFraction * sd_raw, true});
  if (!no_learn.empty()) {
    out.push_back({id, h3, "no measured learning time (the trunk's loss never halved): " + no_learn, h3_rule, false, true});
    return out;
  }
  const double sd_meas = sd(meas);
  std::vector<double> q_med;
  for (double x : meas) q_med.push_back(std::exp(x));
  out.push_back({id, h3,
                 "sd ln(onset / t_learn) " + fmt("%.3f", sd_meas) + ", sd ln(onset / t*) " + fmt("%.3f", sd_pred) +
                     " (median onset / t_learn per configuration: " + join(q_med) + ")",
                 h3_rule, sd_meas <= sd_pred, true});
  return out;
}

}  // namespace

const CheckerTable& onset_checkers() {
  static const CheckerTable table{{"mc_onset", check_onset}};
  return table;
}

}  // namespace clp::claims::detail
