#include "stats/seed_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <sstream>
#include <utility>

#include "common/convergence.hpp"
#include "common/error.hpp"
#include "common/rng.hpp"

namespace clp::stats {

namespace {

void require_finite(const std::vector<double>& x) {
  require(!x.empty(), "no values to summarize");
  for (double v : x) require(std::isfinite(v), "a value is not finite");
}

// (resampled mean, probability) of every distinct resample: the count vectors
// (k_1 .. k_n), sum n, with multinomial probability n! / (k_1! ... k_n!) / n^n.
std::vector<std::pair<double, double>> exact_resamples(const std::vector<double>& x) {
  const int n = static_cast<int>(x.size());
  std::vector<double> fact(n + 1, 1.0);
  for (int i = 1; i <= n; ++i) fact[i] = fact[i - 1] * i;
  const double total = std::pow(static_cast<double>(n), n);
  std::vector<std::pair<double, double>> out;
  std::vector<int> k(n, 0);
  // Fill k[i..n-1] with `left` draws; sum and denominator carried along.
  auto rec = [&](auto&& self, int i, int left, double sum, double denom) -> void {
    if (i == n - 1) {
      k[i] = left;
      out.push_back({(sum + left * x[i]) / n, fact[n] / (denom * fact[left]) / total});
      return;
    }
    for (int c = 0; c <= left; ++c) {
      k[i] = c;
      self(self, i + 1, left - c, sum + c * x[i], denom * fact[c]);
    }
  };
  rec(rec, 0, n, 0.0, 1.0);
  return out;
}

std::vector<std::pair<double, double>> monte_carlo_resamples(const std::vector<double>& x) {
  Rng rng(0x5eed5eedULL);  // fixed: the same data give the same interval
  const std::size_t n = x.size();
  std::vector<std::pair<double, double>> out(kMonteCarloResamples);
  for (auto& [m, p] : out) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += x[rng.below(n)];
    m = s / n, p = 1.0 / kMonteCarloResamples;
  }
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 0.01 || v == 0 ? "%.3f" : "%.2e", v);
  return buf;
}

}  // namespace

Interval bootstrap_mean_interval(const std::vector<double>& x, double level) {
  require_finite(x);
  require(level > 0 && level < 1, "bootstrap level must be in (0, 1)");
  auto dist = x.size() <= kExactBootstrapMax ? exact_resamples(x) : monte_carlo_resamples(x);
  std::sort(dist.begin(), dist.end());
  const double a = (1 - level) / 2;
  // The smallest resampled mean whose cumulative probability reaches q (rounding guard:
  // probabilities that sum to q up to 1e-12 count as reaching it).
  auto quantile = [&](double q) {
    double cum = 0;
    for (const auto& [m, p] : dist) {
      cum += p;
      if (cum >= q - 1e-12) return m;
    }
    return dist.back().first;
  };
  return {quantile(a), quantile(1 - a)};
}

Summary summarize(const std::vector<double>& x) {
  require_finite(x);
  Summary s;
  s.n = x.size();
  s.mean = std::accumulate(x.begin(), x.end(), 0.0) / s.n;
  double ss = 0;
  for (double v : x) ss += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(ss / (s.n - 1)) : 0.0;
  s.min = *std::min_element(x.begin(), x.end());
  s.max = *std::max_element(x.begin(), x.end());
  s.ci = bootstrap_mean_interval(x);
  return s;
}

SeedRule interval_above(const std::vector<double>& per_seed, double threshold) {
  SeedRule r;
  r.s = summarize(per_seed);
  r.threshold = threshold;
  for (double v : per_seed) r.above += v > threshold;
  r.pass = r.s.ci.lo > threshold;
  return r;
}

std::string SeedRule::measured() const {
  std::string out = "mean " + fmt(s.mean) + ", 95% CI [" + fmt(s.ci.lo) + ", " + fmt(s.ci.hi) + "], " +
                    std::to_string(above) + " of " + std::to_string(s.n) + " seeds > " + fmt(threshold);
  return out;
}

std::string SeedRule::rule() const {
  return "95% bootstrap CI of the mean over " + std::to_string(s.n) + " seed" + (s.n == 1 ? "" : "s") + " > " +
         fmt(threshold);
}

std::string curve_key(double curve) {
  char key[64];
  std::snprintf(key, sizeof key, "%g", curve);
  return key;
}

std::vector<std::string> SeedSweep::curve_values(double key) const {
  if (columns.size() <= 1) return {curve_key(key)};
  const auto i = static_cast<std::size_t>(key);
  require(key >= 0 && i < labels.size() && static_cast<double>(i) == key, "no curve " + curve_key(key) + " in the sweep");
  return labels[i];
}

std::string SeedSweep::curve_list() const {
  std::string out;
  for (const auto& [curve, by_seed] : curves) {
    std::string one;
    for (const auto& v : curve_values(curve)) one += (one.empty() ? "" : "/") + v;
    out += (out.empty() ? "" : ",") + one;
  }
  return out;
}

std::string SeedSweep::curve_name(double key) const {
  const auto values = curve_values(key);
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < columns.size(); ++i)
    out += (out.empty() ? "" : ", ") + columns[i] + " " + values[i];
  return out.empty() ? group + " " + curve_key(key) : out;
}

double SeedSweep::curve(const std::vector<std::string>& values) const {
  require(values.size() == columns.size(), "a curve of " + group + " needs " + std::to_string(columns.size()) + " values");
  if (columns.size() == 1) {
    const double v = std::stod(values[0]);
    require(curves.count(v), "no curve " + group + " " + values[0] + " in the sweep");
    return v;
  }
  const auto it = std::find(labels.begin(), labels.end(), values);
  if (it == labels.end()) {
    std::string want;
    for (std::size_t i = 0; i < values.size(); ++i) want += (want.empty() ? "" : ", ") + columns[i] + " " + values[i];
    throw Error("no curve " + want + " in the sweep");
  }
  return static_cast<double>(it - labels.begin());
}

std::vector<std::string> group_columns(const std::string& group) {
  std::vector<std::string> out;
  std::stringstream ss(group);
  for (std::string c; std::getline(ss, c, ',');) {
    require(!c.empty(), "the group '" + group + "' has an empty column name (two commas, or one at an end)");
    require(std::find(out.begin(), out.end(), c) == out.end(), "the group '" + group + "' names column '" + c + "' twice");
    out.push_back(c);
  }
  require(!out.empty() && group.back() != ',', "the group '" + group + "' names no column");
  return out;
}

std::vector<double> SeedSweep::over_seeds(double curve, long t_switch, double Point::*what) const {
  const auto c = curves.find(curve);
  require(c != curves.end(), "no curve " + curve_key(curve) + " in the sweep");
  std::vector<double> out;
  for (const auto& [seed, pts] : c->second) {
    const auto p = pts.find(t_switch);
    require(p != pts.end(), "no switch time " + std::to_string(t_switch) + " in the sweep");
    out.push_back(p->second.*what);
  }
  return out;
}

std::vector<long> parse_seed_list(const std::string& text, const std::string& what) {
  std::vector<long> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::size_t used = 0;
    long v = -1;
    try {
      v = std::stol(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    require(used == item.size() && !item.empty() && v >= 1,
            what + " must be a comma-separated list of positive seeds, e.g. 1,2,3 (got '" + text + "')");
    out.push_back(v);
  }
  require(!out.empty() && text.back() != ',',
          what + " must be a comma-separated list of positive seeds, e.g. 1,2,3 (got '" + text + "')");
  std::vector<long> sorted = out;
  std::sort(sorted.begin(), sorted.end());
  require(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end(), what + " lists a seed twice ('" + text + "')");
  return sorted;
}

SeedSweep read_seed_sweep(const TsvTable& t, const std::string& group, const std::string& file,
                          bool per_curve_times) {
  for (const char* c : {"seed", "t_switch", "test_error", "excess_error"})
    require(std::find(t.columns.begin(), t.columns.end(), c) != t.columns.end(),
            file + " lacks column '" + c + "' (data contract)");
  SeedSweep s;
  s.group = group;
  s.columns = group_columns(group);
  for (const auto& c : s.columns)
    require(std::find(t.columns.begin(), t.columns.end(), c) != t.columns.end(),
            file + " lacks column '" + c + "' (data contract)");
  require(!t.rows.empty(), file + " has no rows");
  // Several columns: every distinct combination of their values is a curve, keyed by its
  // position in sorted order.
  std::map<std::vector<std::string>, double> position;
  if (s.columns.size() > 1) {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      std::vector<std::string> v;
      for (const auto& c : s.columns) v.push_back(t.text(r, c));
      position.emplace(v, 0);
    }
    for (auto& [v, k] : position) {
      k = static_cast<double>(s.labels.size());
      s.labels.push_back(v);
    }
  }
  auto curve_of = [&](std::size_t r) -> double {
    if (s.columns.size() == 1) return 0;  // set below (a number)
    std::vector<std::string> v;
    for (const auto& c : s.columns) v.push_back(t.text(r, c));
    return position.at(v);
  };
  s.has_status = std::find(t.columns.begin(), t.columns.end(), "status") != t.columns.end();
  auto num = [&](std::size_t r, const std::string& col) {
    const double v = t.number(r, col);
    require(std::isfinite(v), t.where(r, col) + ": '" + t.text(r, col) +
                                  "' is not a finite number");
    return v;
  };
  auto whole = [&](std::size_t r, const std::string& col) {
    const double v = num(r, col);
    require(v == std::floor(v) && std::fabs(v) < 9e15,
            t.where(r, col) + ": '" + t.text(r, col) + "' is not a whole number");
    return static_cast<long>(v);
  };
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double curve = s.columns.size() == 1 ? num(r, s.columns[0]) : curve_of(r);
    const long seed = whole(r, "seed"), ts = whole(r, "t_switch");
    auto& pts = s.curves[curve][seed];
    require(!pts.count(ts), file + ": duplicated row for " + s.curve_name(curve) + ", seed " +
                                std::to_string(seed) + ", t_switch " + std::to_string(ts));
    pts[ts] = {num(r, "test_error"), num(r, "excess_error")};
    if (s.has_status) {
      pts[ts].status = t.text(r, "status");
      convergence::parse(pts[ts].status, t.where(r, "status"));
    }
  }
  // A complete grid: the seeds of the first curve everywhere, the switch times of its first seed everywhere.
  const auto& first = s.curves.begin()->second;
  for (const auto& [seed, pts] : first) s.seeds.push_back(seed);
  for (const auto& [ts, p] : first.begin()->second) s.switches.push_back(ts);
  auto list = [](const std::vector<long>& v) {
    std::string o;
    for (long x : v) o += (o.empty() ? "" : ",") + std::to_string(x);
    return o;
  };
  for (const auto& [curve, by_seed] : s.curves) {
    std::vector<long> seeds;
    // The times every seed of this curve must have: the sweep's, or (per_curve_times) its first seed's.
    std::vector<long> expected = s.switches;
    if (per_curve_times) {
      expected.clear();
      for (const auto& [x, p] : by_seed.begin()->second) expected.push_back(x);
      require(expected.size() == s.switches.size(),
              file + ": " + s.curve_name(curve) + " has " + std::to_string(expected.size()) +
                  " switch times, another curve " + std::to_string(s.switches.size()) + " (a missing or extra row)");
      s.curve_switches[curve] = expected;
    }
    for (const auto& [seed, pts] : by_seed) {
      seeds.push_back(seed);
      std::vector<long> ts;
      for (const auto& [x, p] : pts) ts.push_back(x);
      require(ts == expected, file + ": " + s.curve_name(curve) + ", seed " + std::to_string(seed) +
                                  " has switch times " + list(ts) + ", expected " + list(expected) +
                                  " (a missing or extra row)");
    }
    require(seeds == s.seeds, file + ": " + s.curve_name(curve) + " has seeds " + list(seeds) + ", another curve " +
                                  list(s.seeds) + " (a missing run)");
  }
  const auto times = t.meta.find("switch-times");
  if (times != t.meta.end() && !per_curve_times) {
    std::string declared = times->second, have = list(s.switches);
    require(have == declared, file + ": the rows have switch times " + have + " but the provenance declares " +
                                  declared + " (rows missing from every run)");
  }
  const auto curves = t.meta.find("curves");
  const auto declared_group = t.meta.find("group");
  if (curves != t.meta.end() && (declared_group == t.meta.end() || declared_group->second == group)) {
    const std::string have = s.curve_list();
    require(have == curves->second, file + ": the rows have " + group + " " + have + " but the provenance declares " +
                                        curves->second + " (a missing or extra curve)");
  }
  const auto declared = t.meta.find("seeds");
  if (declared != t.meta.end()) {
    const auto want = parse_seed_list(declared->second, file + " provenance 'seeds'");
    require(want == s.seeds, file + ": the rows have seeds " + list(s.seeds) + " but the provenance declares " +
                                 declared->second + " (a missing or extra run)");
  }
  return s;
}

std::string SeedSweep::unconverged(const std::vector<double>& which, const std::vector<long>& times) const {
  std::string out;
  for (double curve : which) {
    const auto c = curves.find(curve);
    if (c == curves.end()) continue;
    for (const auto& [seed, pts] : c->second)
      for (const auto& [ts, p] : pts)
        if (!p.converged() && (times.empty() || std::find(times.begin(), times.end(), ts) != times.end()))
          out += (out.empty() ? "" : "; ") + curve_name(curve) + " seed " + std::to_string(seed) +
                 " T_switch " + std::to_string(ts) + ": " + p.status;
  }
  return out;
}

long SeedSweep::converged_seeds(double curve, long t_switch) const {
  long n = 0;
  for (const auto& [seed, pts] : curves.at(curve)) {
    const auto p = pts.find(t_switch);
    n += p != pts.end() && p->second.converged();
  }
  return n;
}

const std::vector<long>& SeedSweep::times_of(double curve) const {
  const auto it = curve_switches.find(curve);
  return it == curve_switches.end() ? switches : it->second;
}

std::vector<PointStats> seed_statistics(const SeedSweep& s) {
  std::vector<PointStats> out;
  for (const auto& [curve, by_seed] : s.curves)
    for (std::size_t i = 0; i < s.times_of(curve).size(); ++i) {
      const long ts = s.times_of(curve)[i];
      out.push_back({curve, ts, i, summarize(s.over_seeds(curve, ts, &Point::test_error)),
                     summarize(s.over_seeds(curve, ts, &Point::excess_error)), s.converged_seeds(curve, ts)});
    }
  return out;
}

}  // namespace clp::stats
